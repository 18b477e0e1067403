import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../../src/core/text/sentences.js';

describe('splitSentences', () => {
  it('GIVEN two plain sentences THEN it returns both, trimmed', () => {
    expect(splitSentences('The vote passed.  The mayor signed it.')).toEqual([
      'The vote passed.',
      'The mayor signed it.',
    ]);
  });

  it('GIVEN "U.S." inside a sentence THEN it does not split there', () => {
    expect(splitSentences('The U.S. Navy sent two ships. They arrived Monday.')).toEqual([
      'The U.S. Navy sent two ships.',
      'They arrived Monday.',
    ]);
  });

  it('GIVEN "U.S." ending a sentence before a typical opener THEN it splits there', () => {
    expect(splitSentences('The tour comes to the U.S. The first show is in May.')).toEqual([
      'The tour comes to the U.S.',
      'The first show is in May.',
    ]);
  });

  it('GIVEN titles and ranks (Lt., Gov., Dr.) THEN they never end a sentence', () => {
    expect(splitSentences('Lt. Rich Park met Gov. Ann Lee and Dr. Sam Roe on Friday. It went well.')).toEqual(
      ['Lt. Rich Park met Gov. Ann Lee and Dr. Sam Roe on Friday.', 'It went well.'],
    );
  });

  it('GIVEN a month abbreviation before a day number THEN it does not split', () => {
    expect(splitSentences('The law takes effect Jan. 5 next year. Critics object.')).toEqual([
      'The law takes effect Jan. 5 next year.',
      'Critics object.',
    ]);
  });

  it('GIVEN a.m. and p.m. mid-sentence THEN it does not split, and at the end before an opener it does', () => {
    expect(
      splitSentences('Doors open at 10 a.m. Eastern time and close at 6 p.m. The show sold out.'),
    ).toEqual(['Doors open at 10 a.m. Eastern time and close at 6 p.m.', 'The show sold out.']);
  });

  it('GIVEN initials (J. K. Rowling) THEN it does not split', () => {
    expect(splitSentences('The book by J. K. Rowling sold well. Fans lined up.')).toEqual([
      'The book by J. K. Rowling sold well.',
      'Fans lined up.',
    ]);
  });

  it('GIVEN "Inc." before a lower-case word or a name THEN it does not split', () => {
    expect(splitSentences('Acme Inc. said profits rose. Shares of Acme Inc. Europe fell.')).toEqual([
      'Acme Inc. said profits rose.',
      'Shares of Acme Inc. Europe fell.',
    ]);
  });

  it('GIVEN a quote closed by ," he said. THEN the quote stays with its attribution', () => {
    expect(splitSentences('"We will win," he said. "It is close." Voters agreed.')).toEqual([
      '"We will win," he said.',
      '"It is close."',
      'Voters agreed.',
    ]);
  });

  it('GIVEN a question or exclamation inside quotes followed by a lower-case verb THEN it does not split', () => {
    expect(splitSentences('"Why now?" she asked. "Go!" they shouted.')).toEqual([
      '"Why now?" she asked.',
      '"Go!" they shouted.',
    ]);
  });

  it('GIVEN decimals and money ($1.65 million, 2.5%) THEN it does not split inside numbers', () => {
    expect(splitSentences('He agreed to pay $1.65 million. Growth was 2.5% in 2022.')).toEqual([
      'He agreed to pay $1.65 million.',
      'Growth was 2.5% in 2022.',
    ]);
  });

  it('GIVEN an ellipsis followed by a capitalized word THEN it splits after the ellipsis', () => {
    expect(splitSentences('We waited and waited... Then the bus came.')).toEqual([
      'We waited and waited...',
      'Then the bus came.',
    ]);
  });

  it('GIVEN a line without final punctuation THEN the line is a sentence of its own', () => {
    expect(splitSentences('Breaking news from the capital\nThe council voted late on Monday.')).toEqual([
      'Breaking news from the capital',
      'The council voted late on Monday.',
    ]);
  });

  it('GIVEN newlines mid-sentence THEN they are still hard boundaries and blank lines vanish', () => {
    expect(splitSentences('First part of a line\n\n  \nsecond line here.')).toEqual([
      'First part of a line',
      'second line here.',
    ]);
  });

  it('GIVEN a link caption closed by " ." THEN it is split off as its own sentence', () => {
    expect(splitSentences('Tickets go on sale Monday. Singer tops charts . A venue is pending.')).toEqual([
      'Tickets go on sale Monday.',
      'Singer tops charts .',
      'A venue is pending.',
    ]);
  });

  it('GIVEN "(CNN)" glued before U.S. THEN the abbreviation is still recognized', () => {
    expect(splitSentences('(CNN)U.S. officials met. Talks ended.')).toEqual([
      '(CNN)U.S. officials met.',
      'Talks ended.',
    ]);
  });

  it('GIVEN empty or blank text THEN it returns no sentences', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n \n')).toEqual([]);
  });
});
