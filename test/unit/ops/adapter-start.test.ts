// Starting several platforms when some fail: the healthy ones run, a retryable failure is tried
// again with a growing delay (fake timers), a refused token is not, and /healthz says which.
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Adapter, PlatformEntry } from '../../../src/adapters/adapter.js';
import type { EnvSettings } from '../../../src/config/index.js';
import type { Platform } from '../../../src/core/types.js';
import { createHealthBoard } from '../../../src/ops/health.js';
import { startPlatforms } from '../../../src/ops/adapter-start.js';

const log = pino({ level: 'silent' });

/** A platform whose start answers from `outcomes` in turn (an Error is thrown), then succeeds. */
function platform(name: Platform, outcomes: Array<Error | 'ok'> = []) {
  const attempts: number[] = [];
  const stopped: string[] = [];
  const entry: PlatformEntry = {
    platform: name,
    enabled: () => true,
    health: () => ({ mode: 'test' }),
    async start() {
      attempts.push(Date.now());
      const next = outcomes.shift() ?? 'ok';
      if (next instanceof Error) throw next;
      const adapter: Adapter = {
        platform: name,
        poster: { platform: name, concurrency: 1, post: async () => ({ ok: true, value: {} }) },
        stop: async () => void stopped.push(name),
      };
      return adapter;
    },
  };
  return { entry, attempts, stopped };
}

const refused = () =>
  Object.assign(new Error('Slack refused the bot token (invalid or revoked).'), { permanent: true });
const offline = () => new Error('getaddrinfo EAI_AGAIN discord.com');

let cancel: (() => void) | undefined;
beforeEach(() => vi.useFakeTimers({ now: new Date('2026-12-02T00:00:00Z') }));
afterEach(() => {
  cancel?.();
  vi.useRealTimers();
});

function start(entries: PlatformEntry[]) {
  const health = createHealthBoard({ store: () => ({ state: 'ok' }) });
  const up: string[] = [];
  const starter = startPlatforms(
    entries,
    { env: {} as EnvSettings, config: {} as never, services: {} as never, ops: {} as never },
    { health, log, onUp: (a) => up.push(a.platform), stopping: () => false },
  );
  cancel = starter.cancel;
  return { starter, health, up };
}

describe('GIVEN Discord cannot connect (no network) and Slack starts', () => {
  it('THEN Slack runs, Discord is retried after 5 s, 10 s, 20 s until it comes up, and /healthz shows each state', async () => {
    const slack = platform('slack');
    const discord = platform('discord', [offline(), offline(), offline()]);
    const { starter, health, up } = start([slack.entry, discord.entry]);
    const first = await starter.ready;
    expect(first.started.map((a) => a.platform)).toEqual(['slack']);
    expect(first.failures).toEqual([
      { platform: 'discord', reason: 'getaddrinfo EAI_AGAIN discord.com', permanent: false },
    ]);
    const report = await health.report();
    expect(report.status).toBe('degraded');
    expect(report.adapters.discord).toMatchObject({
      state: 'retrying',
      error: 'getaddrinfo EAI_AGAIN discord.com',
      nextAttemptAt: '2026-12-02T00:00:05.000Z',
    });

    await vi.advanceTimersByTimeAsync(5_000);
    expect(discord.attempts).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(discord.attempts).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(discord.attempts).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(discord.attempts).toHaveLength(4);
    expect(up).toEqual(['slack', 'discord']);
    expect((await health.report()).status).toBe('ok');
    expect(slack.stopped).toEqual([]);
  });
});

describe('GIVEN Slack refuses the token and Discord starts', () => {
  it('THEN Discord runs, Slack is not retried, and /healthz says why Slack stopped', async () => {
    const slack = platform('slack', [refused()]);
    const discord = platform('discord');
    const { starter, health } = start([slack.entry, discord.entry]);
    const { started, failures } = await starter.ready;
    expect(started.map((a) => a.platform)).toEqual(['discord']);
    expect(failures[0]).toMatchObject({ platform: 'slack', permanent: true });
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(slack.attempts).toHaveLength(1);
    expect((await health.report()).adapters.slack).toMatchObject({
      state: 'stopped',
      error: 'Slack refused the bot token (invalid or revoked).',
    });
  });
});

describe('GIVEN a platform that keeps failing', () => {
  it('THEN the wait between attempts stops growing at 5 minutes, and cancel ends the retries', async () => {
    const discord = platform('discord', Array.from({ length: 20 }, offline));
    const { starter } = start([discord.entry]);
    await starter.ready;
    await vi.advanceTimersByTimeAsync(5_000 + 10_000 + 20_000 + 40_000 + 80_000 + 160_000);
    expect(discord.attempts).toHaveLength(7);
    await vi.advanceTimersByTimeAsync(300_000);
    expect(discord.attempts).toHaveLength(8);
    starter.cancel();
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(discord.attempts).toHaveLength(8);
  });
});
