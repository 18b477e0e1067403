import { describe, expect, it } from 'vitest';
import { createTopicMatcher, topicsFingerprint } from '../../../src/core/topics.js';
import type { Topic } from '../../../src/core/types.js';

const topic = (over: Partial<Topic> = {}): Topic => ({
  slug: 't',
  title: 'T',
  keywords: ['defense', 'north korea'],
  exclude: [],
  ...over,
});

describe('topic matching', () => {
  it('GIVEN an inflected keyword THEN it matches through stemming', () => {
    const m = createTopicMatcher(topic());
    expect(
      m.relevance({ title: 'Budget news', text: 'Japan strengthens its defenses in the south.' }),
    ).toBeGreaterThan(0);
  });

  it('GIVEN a phrase keyword THEN its words must appear together and in order', () => {
    const m = createTopicMatcher(topic({ keywords: ['north korea'] }));
    expect(m.relevance({ title: '', text: 'North Korea fired a missile.' })).toBeGreaterThan(0);
    expect(m.relevance({ title: '', text: 'Korea and the north of Japan traded goods.' })).toBe(0);
  });

  it('GIVEN an excluded word anywhere THEN the article is not part of the topic', () => {
    const m = createTopicMatcher(topic({ exclude: ['football'] }));
    expect(m.relevance({ title: 'Defense wins the football final', text: 'A strong defense.' })).toBe(0);
  });

  it('GIVEN no keyword THEN relevance is zero', () => {
    expect(createTopicMatcher(topic()).relevance({ title: 'Weather', text: 'Rain tomorrow.' })).toBe(0);
  });

  it('GIVEN a keyword in the headline THEN the article ranks above one that mentions it in passing', () => {
    const m = createTopicMatcher(topic());
    const headline = m.relevance({ title: 'Defense budget doubles', text: 'The government approved it.' });
    const passing = m.relevance({
      title: 'Trade figures',
      text: 'Exports rose; defense was not discussed much.',
    });
    expect(headline).toBeGreaterThan(passing);
  });

  it('GIVEN more distinct keywords matched THEN higher relevance than one keyword repeated', () => {
    const m = createTopicMatcher(topic());
    const broad = m.relevance({ title: '', text: 'Defense officials discussed North Korea.' });
    const narrow = m.relevance({ title: '', text: 'Defense, defense and more defense.' });
    expect(broad).toBeGreaterThan(narrow);
  });

  it('GIVEN topics whose keywords change THEN the fingerprint changes, and not for a reordering', () => {
    const a = topicsFingerprint([topic({ keywords: ['a', 'b'] })]);
    expect(topicsFingerprint([topic({ keywords: ['b', 'a'] })])).toBe(a);
    expect(topicsFingerprint([topic({ keywords: ['a', 'c'] })])).not.toBe(a);
  });
});
