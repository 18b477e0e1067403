import { describe, expect, it } from 'vitest';
import {
  SAME_STORY_SIMILARITY,
  signatureBands,
  signatureSimilarity,
  storySignature,
} from '../../../src/core/stories.js';

const WIRE = [
  'Japan will deploy long-range missiles on its southern islands by next year, the defense ministry said on Thursday, moving up a plan meant to deter China.',
  'The missiles will be able to reach targets about 1,000 kilometers away, according to ministry documents seen by reporters.',
  'Units on Ishigaki and Miyako islands will receive the first launchers, followed by bases on the main island of Okinawa, officials said.',
  'Some residents have protested the deployment, saying it would make the islands a target in any conflict.',
  'China said Japan was raising tensions in the region and urged Tokyo to act with caution.',
].join('\n');

const OTHER_REPORT = [
  'Tokyo plans to station missile units on Ishigaki and Miyako, two islands near Taiwan, within a year.',
  'Officials described the weapons as a deterrent, and Beijing responded with sharp criticism of the decision.',
  'Islanders are divided: some welcome the jobs the garrison brings, others fear becoming a target if war breaks out.',
  'The ministry plans information sessions for residents next month and will build shelters on the outlying islands.',
].join('\n');

describe('storySignature', () => {
  it('GIVEN the same wire story with another dateline, a dropped paragraph and an added credit THEN the copies score as one story', () => {
    const copy = `TOKYO (Wire) — ${WIRE.split('\n').slice(0, -1).join('\n')}\nReporting by a staff writer; editing by the desk.`;
    const a = storySignature(WIRE);
    const b = storySignature(copy);
    expect(a && b && signatureSimilarity(a, b)).toBeGreaterThanOrEqual(SAME_STORY_SIMILARITY);
    // Similar enough texts share at least one lookup band, which is how the store finds them.
    expect(signatureBands(a ?? []).some((band) => signatureBands(b ?? []).includes(band))).toBe(true);
  });

  it('GIVEN two independently written reports of the same event THEN they are not one story', () => {
    const a = storySignature(WIRE) ?? [];
    const b = storySignature(OTHER_REPORT) ?? [];
    expect(signatureSimilarity(a, b)).toBeLessThan(SAME_STORY_SIMILARITY);
  });

  it('GIVEN a headline-length text THEN there is no signature, so short excerpts never merge by chance', () => {
    expect(storySignature('Japan to deploy missiles on islands')).toBeUndefined();
  });

  it('GIVEN the same text twice THEN the signature is identical (deterministic)', () => {
    expect(storySignature(WIRE)).toEqual(storySignature(WIRE));
  });
});
