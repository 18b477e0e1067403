// A flood of forged requests: every one gets 401, but the log gets a few lines about them, not
// one line each (104,293 bad requests once wrote 20 MB of log in 20 s).
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackAdapter } from '../../../src/adapters/slack/index.js';
import { createLogSampler } from '../../../src/log-sampler.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/slack-api.js';
import { postSigned, slashCommand } from '../../fakes/slack-requests.js';
import { slackServices } from '../../fakes/slack-services.js';
import { startTestSlackAdapter } from '../../fakes/slack-adapter.js';

let api: FakeSlackApi;
let adapter: SlackAdapter;
const lines: string[] = [];

beforeAll(async () => {
  api = await startFakeSlackApi();
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  adapter = await startTestSlackAdapter(api.apiUrl, {
    services: slackServices(),
    log: pino({ level: 'info' }, sink),
    poster: { maxRateLimitWaitMs: 0 },
  });
});
afterAll(async () => {
  await adapter.stop();
  await api.close();
});

describe('GIVEN 60 requests signed with the wrong secret', () => {
  it('THEN each gets 401 and at most a handful of log lines speak of them', async () => {
    const before = lines.length;
    const base = `http://127.0.0.1:${adapter.port}`;
    for (let i = 0; i < 60; i++) {
      const res = await postSigned(base, slashCommand('japan-defense', `${api.url}/respond/x${i}`), {
        secret: 'not-the-secret',
      });
      expect(res.status).toBe(401);
    }
    const written = lines.slice(before).filter((l) => /"level":(40|50)/.test(l));
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThanOrEqual(6);
  });
});

describe('the log sampler', () => {
  it('GIVEN 1,000 lines of one kind in a minute THEN 5 are written and the other 995 are reported once the minute is over', () => {
    let t = 0;
    const sampler = createLogSampler({ now: () => t });
    const admitted = Array.from({ length: 1000 }, () => sampler.admit('bad signature')).filter(
      Boolean,
    ).length;
    expect(admitted).toBe(5);
    expect(sampler.drainSuppressed()).toEqual([]);
    t = 60_000;
    expect(sampler.drainSuppressed()).toEqual([{ key: 'bad signature', count: 995 }]);
    expect(sampler.admit('bad signature')).toBe(true);
  });
});
