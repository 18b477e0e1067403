import { describe, expect, it } from 'vitest';
import { shorten } from '../../../../src/core/summarize/shorten.js';

describe('shorten: what a cut may remove', () => {
  it('GIVEN a long sentence with an apposition naming who acted THEN the apposition stays and the trailing clause goes', () => {
    const s =
      'Lee Kuan Yew, the founding Prime Minister of Singapore, died early Monday morning at Singapore General Hospital, which had treated him since February for severe pneumonia.';
    expect(shorten(s)).toBe(
      'Lee Kuan Yew, the founding Prime Minister of Singapore, died early Monday morning at Singapore General Hospital.',
    );
  });

  it('GIVEN a sentence over the hard limit THEN asides between commas go before the point is lost', () => {
    const s =
      'Pugh, a 47-year-old convert to Islam and a former New Jersey resident, was arrested upon his return to the United States in January after flying from Egypt to Turkey and trying to cross the border into Syria on foot with two friends';
    const point = shorten(s);
    expect(point).not.toBeNull();
    expect(point).toMatch(/^Pugh was arrested upon his return/);
    expect((point as string).split(' ').length).toBeLessThanOrEqual(35);
  });

  it('GIVEN an aside that would span a dash THEN it is not treated as one', () => {
    const s =
      'Once again, the lure of ISIS may have ensnared another group of foreigners \u2014 this time, medical students suspected of traveling to Syria to work in hospitals.';
    expect(shorten(s)).toMatch(/^Once again, the lure of ISIS may have ensnared another group of foreigners/);
  });

  it('GIVEN a cut that would end on an inserted phrase or a clause cut before its verb THEN that cut is not made', () => {
    const a =
      'An online group claiming affiliation with Islamic State terrorists has threatened American military members and their families in the past, and over the weekend, a new threat surfaced on the Web.';
    expect(shorten(a)).not.toMatch(/and over the weekend\.$/);
    const b =
      'Over the last two weeks, we have seen the Republican Congress manufacture, then escalate, a political crisis by threatening to shut down the Department of Homeland Security.';
    expect(shorten(b)).not.toMatch(/then escalate\.$/);
  });

  it('GIVEN a sentence opening with "Even with ..." THEN no cut leaves only that phrase', () => {
    const s =
      "Even with the national chapter shutting the Sigma Alpha Epsilon house at the University of Oklahoma, the school president said the university's affiliation with the fraternity is permanently done.";
    expect(shorten(s)).not.toBe(
      'Even with the national chapter shutting the Sigma Alpha Epsilon house at the University of Oklahoma.',
    );
  });

  it('GIVEN "Instead of ..." or "In addition to ..." at the start THEN it is kept (not a connective)', () => {
    expect(shorten('Instead of going to classes, she travelled to Syria.')).toBe(
      'Instead of going to classes, she travelled to Syria.',
    );
    expect(shorten('In addition to the fines, the city must pay damages.')).toBe(
      'In addition to the fines, the city must pay damages.',
    );
    expect(shorten('Instead, the council voted to delay the plan.')).toBe(
      'The council voted to delay the plan.',
    );
  });
});
