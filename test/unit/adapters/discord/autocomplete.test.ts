// Autocomplete choices for topics and time zones.
import { describe, expect, it } from 'vitest';
import {
  timeZoneChoices,
  timeZoneNames,
  topicChoices,
} from '../../../../src/adapters/discord/autocomplete.js';
import { TOPICS } from '../../../fixtures/discord/briefing.js';

describe('GIVEN topic autocomplete', () => {
  it('THEN a prefix lists the matching topics, slug as value and title in the name', () => {
    expect(topicChoices('jap', TOPICS)).toEqual([
      { name: 'japan-defense (Japan defense and the US–Japan alliance)', value: 'japan-defense' },
      { name: 'japan-economy (Japanese economy)', value: 'japan-economy' },
    ]);
  });

  it('THEN a misspelling finds the closest topic', () => {
    expect(topicChoices('climte', TOPICS).map((c) => c.value)).toEqual(['climate']);
  });

  it('THEN a word of the title finds its topic', () => {
    expect(topicChoices('alliance', TOPICS).map((c) => c.value)).toEqual(['japan-defense']);
  });

  it('THEN at most 25 choices of at most 100 characters come back, even for hundreds of long topics', () => {
    const many = Array.from({ length: 300 }, (_, i) => ({
      slug: `t-${i}`,
      title: 'x'.repeat(200),
      articleCount: 1,
    }));
    const choices = topicChoices('', many);
    expect(choices).toHaveLength(25);
    for (const c of choices) expect(c.name.length).toBeLessThanOrEqual(100);
  });
});

describe('GIVEN time-zone autocomplete', () => {
  it('THEN UTC is offered along with the IANA zones', () => {
    expect(timeZoneNames()).toContain('UTC');
    expect(timeZoneNames()).toContain('Asia/Tokyo');
  });

  it('THEN a city prefix finds the zone ("tok" -> Asia/Tokyo)', () => {
    expect(timeZoneChoices('tok')[0]?.value).toBe('Asia/Tokyo');
  });

  it('THEN a zone prefix lists that region first, within 25', () => {
    const choices = timeZoneChoices('Europe/');
    expect(choices).toHaveLength(25);
    for (const c of choices) expect(c.value.startsWith('Europe/')).toBe(true);
  });

  it('THEN a misspelling finds the closest zone ("Asia/Tokio" -> Asia/Tokyo)', () => {
    expect(timeZoneChoices('Asia/Tokio').map((c) => c.value)).toContain('Asia/Tokyo');
  });

  it('THEN "new york" (with a space) finds America/New_York', () => {
    expect(timeZoneChoices('new york')[0]?.value).toBe('America/New_York');
  });
});
