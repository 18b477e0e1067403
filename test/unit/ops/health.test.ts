// The /healthz verdict a supervisor acts on: ok, degraded (serving, something unwell), down.
import { describe, expect, it } from 'vitest';
import { createHealthBoard, type StoreHealth } from '../../../src/ops/health.js';

const board = (store: StoreHealth) => createHealthBoard({ store: () => store });

describe('GIVEN the health board', () => {
  it('WHEN every adapter is up and the store is ok THEN the verdict is ok', async () => {
    const b = board({ state: 'ok' });
    b.setAdapter('slack', { state: 'up', mode: 'http' });
    b.setAdapter('discord', { state: 'up' });
    expect(await b.report()).toMatchObject({ ok: true, status: 'ok' });
  });

  it('WHEN one adapter is retrying its start THEN the verdict is degraded and names it with its error', async () => {
    const b = board({ state: 'ok' });
    b.setAdapter('slack', { state: 'up', mode: 'socket' });
    b.setAdapter('discord', { state: 'retrying', error: 'Discord refused the token', nextAttemptAt: 'x' });
    const r = await b.report();
    expect(r).toMatchObject({ ok: true, status: 'degraded' });
    expect(r.adapters.discord).toMatchObject({ state: 'retrying', error: 'Discord refused the token' });
  });

  it('WHEN no adapter is up THEN the verdict is down', async () => {
    const b = board({ state: 'ok' });
    b.setAdapter('discord', { state: 'retrying' });
    expect(await b.report()).toMatchObject({ ok: false, status: 'down' });
  });

  it('WHEN the store is read-only THEN the verdict is down with the reason; locked is only degraded', async () => {
    const ro = board({ state: 'read-only', error: 'the database is read-only' });
    ro.setAdapter('console', { state: 'up' });
    expect(await ro.report()).toMatchObject({ ok: false, status: 'down', store: { state: 'read-only' } });
    const locked = board({ state: 'locked' });
    locked.setAdapter('console', { state: 'up' });
    expect(await locked.report()).toMatchObject({ ok: true, status: 'degraded' });
  });

  it('WHEN the store probe throws THEN the store is unavailable, not a crash', async () => {
    const b = createHealthBoard({
      store: () => {
        throw new Error('gone');
      },
    });
    expect((await b.report()).store).toEqual({ state: 'unavailable', error: 'gone' });
  });

  it('WHEN an adapter stays in one state THEN its since time is kept', async () => {
    let t = 0;
    const b = createHealthBoard({ store: () => ({ state: 'ok' }), now: () => new Date(t) });
    b.setAdapter('slack', { state: 'up' });
    t = 5000;
    b.setAdapter('slack', { state: 'up' });
    expect(b.adapters().slack?.since).toBe(new Date(0).toISOString());
  });
});
