import { describe, expect, it } from 'vitest';
import { createHostLimiter } from '../../../src/ingest/fetch/host-limiter.js';

describe('createHostLimiter', () => {
  it('GIVEN a limit of 2 per host THEN a third request to that host waits while another host is served at once', async () => {
    const limiter = createHostLimiter(2);
    const a1 = await limiter.acquire('a');
    await limiter.acquire('a');
    let third = false;
    const waiting = limiter.acquire('a').then((release) => {
      third = true;
      return release;
    });
    const b = await limiter.acquire('b');
    await Promise.resolve();
    expect(third).toBe(false);
    a1();
    (await waiting)();
    expect(third).toBe(true);
    b();
  });

  it('GIVEN a release called twice THEN it frees only one slot', async () => {
    const limiter = createHostLimiter(1);
    const r = await limiter.acquire('a');
    r();
    r();
    await limiter.acquire('a');
    let second = false;
    void limiter.acquire('a').then(() => (second = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(second).toBe(false);
  });
});
