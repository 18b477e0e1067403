// The subscribe grammar: what people type for "when" and "time zone".
import { describe, expect, it } from 'vitest';
import { parseWhen, resolveTimeZone } from '../../../src/digests/when.js';

describe('parseWhen', () => {
  it.each([
    ['daily 08:00', '0 8 * * *', 'daily 08:00'],
    ['daily 8:05', '5 8 * * *', 'daily 08:05'],
    ['Weekdays 17:30', '30 17 * * 1-5', 'weekdays 17:30'],
    ['hourly', '0 * * * *', 'hourly'],
    ['"30 7 * * 1-5"', '30 7 * * 1-5', '30 7 * * 1-5'],
    ['0 0 8 * * *', '0 0 8 * * *', '0 0 8 * * *'],
  ])('GIVEN %s THEN the schedule is %s', (input, schedule, label) => {
    expect(parseWhen(input)).toEqual({ ok: true, value: { schedule, label } });
  });

  it.each(['daily 25:00', 'daily 08:60', 'weekdays 8', 'daily'])(
    'GIVEN %s THEN it is a bad time',
    (input) => {
      const r = parseWhen(input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problem.code).toBe('BAD_TIME');
    },
  );

  it('GIVEN a cron expression with a field out of range THEN BAD_CRON names the field and node-cron says why', () => {
    const r = parseWhen('61 8 * * *');
    expect(r).toEqual({
      ok: false,
      problem: {
        code: 'BAD_CRON',
        params: { cron: '61 8 * * *', detail: expect.stringContaining('minute') },
      },
    });
  });

  it('GIVEN a cron expression with too few fields THEN BAD_CRON says how many it expected', () => {
    const r = parseWhen('0 8 *');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problem).toMatchObject({
        code: 'BAD_CRON',
        params: { detail: expect.stringContaining('5 or 6 fields') },
      });
  });

  it.each(['tomorrow', 'weekly 08:00', 'every morning'])(
    'GIVEN %s THEN it is a schedule we do not understand',
    (input) => {
      const r = parseWhen(input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problem.code).toBe('BAD_WHEN');
    },
  );
});

describe('resolveTimeZone', () => {
  it('GIVEN no zone THEN UTC', () => {
    expect(resolveTimeZone(undefined)).toEqual({ ok: true, value: 'UTC' });
  });

  it('GIVEN a zone in the wrong case THEN its canonical name', () => {
    expect(resolveTimeZone('asia/tokyo')).toEqual({ ok: true, value: 'Asia/Tokyo' });
  });

  it('GIVEN a misspelt zone THEN BAD_TIMEZONE suggests the real one', () => {
    const r = resolveTimeZone('Asia/Tokio');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.code).toBe('BAD_TIMEZONE');
      expect(String(r.problem.params?.suggestions)).toContain('Asia/Tokyo');
    }
  });
});
