// The subscribe grammar: what people type for "when" and "time zone".
import { say } from '../../../src/core/messages.js';
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

  it.each(['daily 25:00', 'daily 08:60', 'weekdays 8', 'weekly friday 7pm'])(
    'GIVEN %s THEN it is a bad time',
    (input) => {
      const r = parseWhen(input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('BAD_TIME');
    },
  );

  it('GIVEN a cron expression with a field out of range THEN BAD_CRON names the field and node-cron says why', () => {
    const r = parseWhen('61 8 * * *');
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'BAD_CRON',
        params: { cron: '61 8 * * *', detail: expect.stringContaining('minute') },
      },
    });
  });

  it('GIVEN a cron expression with too few fields THEN BAD_CRON says how many it expected', () => {
    const r = parseWhen('0 8 *');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error).toMatchObject({
        code: 'BAD_CRON',
        params: { detail: 'it has 3 fields, not 5' },
      });
  });

  it.each(['tomorrow', 'fortnightly 08:00', 'every morning'])(
    'GIVEN %s THEN it is a schedule we do not understand',
    (input) => {
      const r = parseWhen(input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('BAD_WHEN');
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
      expect(r.error.code).toBe('BAD_TIMEZONE');
      expect(r.error.code === 'BAD_TIMEZONE' && r.error.params.suggestions).toContain('Asia/Tokyo');
    }
  });

  it.each(['daily', 'weekdays', 'weekly'])(
    'GIVEN %s with no time THEN it asks for one, naming the keyword',
    (input) => {
      const r = parseWhen(input);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error).toEqual({ code: 'MISSING_TIME', params: { keyword: input } });
        expect(say(r.error)).toContain(`${input} 08:00`);
      }
    },
  );

  it.each([
    ['weekly 08:00', '0 8 * * 1', 'weekly monday 08:00'],
    ['weekly Fri 17:30', '30 17 * * 5', 'weekly friday 17:30'],
    ['weekly sunday 7:05', '5 7 * * 0', 'weekly sunday 07:05'],
  ])('GIVEN %s THEN it runs once a week (%s), labelled %s', (input, schedule, label) => {
    expect(parseWhen(input)).toEqual({ ok: true, value: { schedule, label } });
  });

  it('GIVEN weekly with a word that is no day THEN BAD_DAY names it', () => {
    const r = parseWhen('weekly someday 08:00');
    expect(r.ok || r.error).toEqual({ code: 'BAD_DAY', params: { day: 'someday' } });
  });

  it.each([
    ['61 * * * *', 'the minute "61" is not a minute from 0 to 59'],
    ['0 25 * * *', 'the hour "25" is not an hour from 0 to 23'],
    ['0 8 * * 9', 'the day of the week "9" is not a day from 0 to 7 (or sun to sat)'],
  ])("GIVEN the cron %s THEN the reply names the field in our words, never node-cron's", (cron, detail) => {
    const r = parseWhen(cron);
    expect(r.ok || r.error).toEqual({ code: 'BAD_CRON', params: { cron, detail } });
    if (!r.ok) expect(say(r.error)).not.toMatch(/a invalid|invalid expression/);
  });
});
