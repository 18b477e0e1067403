import pino from 'pino';
import { describe, expect, it } from 'vitest';
import {
  createStoreFaultWatch,
  FAULT_LOG_EVERY_MS,
  FIRST_HOLD_MS,
  LONGEST_HOLD_MS,
} from '../../../src/ingest/store-faults.js';
import { StoreFault } from '../../../src/store/health.js';

function watch() {
  const lines: { msg: string; fault?: string; sameSinceLastLine?: number }[] = [];
  const clock = { now: new Date('2026-12-01T08:00:00Z') };
  const log = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
  return { lines, clock, watch: createStoreFaultWatch(log, () => clock.now) };
}

const advance = (clock: { now: Date }, ms: number) => (clock.now = new Date(clock.now.getTime() + ms));

describe('ingestion meeting a store fault', () => {
  it('GIVEN 150 sources failing on a full disk within a minute THEN one line is logged, and the next after the interval counts those held back', () => {
    const { lines, clock, watch: w } = watch();
    for (let i = 0; i < 150; i++) {
      w.met(new StoreFault('disk-full'));
      advance(clock, 400);
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ fault: 'disk-full' });
    expect(lines[0]?.msg).toMatch(/^store fault: the disk holding the database is full;/);
    advance(clock, FAULT_LOG_EVERY_MS);
    w.met(new StoreFault('disk-full'));
    w.met(new StoreFault('read-only'));
    expect(lines.slice(1)).toMatchObject([
      { fault: 'disk-full', sameSinceLastLine: 149 },
      { fault: 'read-only' },
    ]);
  });

  it('GIVEN runs that keep meeting the fault THEN polling holds off 30 s, doubling to 10 min, and a clean run ends the hold', () => {
    const { clock, watch: w } = watch();
    const holds: number[] = [];
    for (let run = 0; run < 7; run++) {
      w.runStarts();
      w.met(new StoreFault('locked'));
      w.runEnded();
      let held = 0;
      while (w.holding()) {
        advance(clock, 1_000);
        held += 1_000;
      }
      holds.push(held);
    }
    expect(holds).toEqual([1, 2, 4, 8, 16, 20, 20].map((n) => Math.min(n * FIRST_HOLD_MS, LONGEST_HOLD_MS)));
    w.runStarts();
    w.runEnded();
    w.runStarts();
    w.met(new StoreFault('locked'));
    w.runEnded();
    expect(w.holding()).toBe(true);
    advance(clock, FIRST_HOLD_MS);
    expect(w.holding()).toBe(false);
  });
});
