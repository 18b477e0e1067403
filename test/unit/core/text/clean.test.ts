import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanArticleText } from '../../../../src/core/text/clean.js';

// Fixtures are written for these tests; the seed article is the one the product ships.
const SEED = readFileSync(
  new URL('../../../../config/articles/ap-biden-kishida-2023-01-13.txt', import.meta.url),
  'utf8',
)
  // Another part of the product strips YAML front matter before cleaning; do the same here.
  .replace(/^---\n[\s\S]*?\n---\n/, '');

const STORY =
  'The city council approved a new budget on Tuesday after months of debate. ' +
  'The plan raises spending on parks by 12 percent.';

describe('cleanArticleText: datelines', () => {
  it('GIVEN an AP dateline with an em dash THEN it is removed and the sentence kept', () => {
    const out = cleanArticleText(`WASHINGTON (AP) — ${STORY}`);
    expect(out.startsWith('The city council approved')).toBe(true);
  });

  it('GIVEN a place, a country and a Reuters tag with a double hyphen THEN all of it is removed', () => {
    const out = cleanArticleText(`LONDON, England (Reuters) -- ${STORY}`);
    expect(out.startsWith('The city council approved')).toBe(true);
  });

  it('GIVEN "(CNN)" glued to the first word THEN the tag goes and the word stays', () => {
    expect(cleanArticleText('(CNN)Following a long debate, the council approved the budget.')).toBe(
      'Following a long debate, the council approved the budget.',
    );
  });

  it('GIVEN a mixed-case place before a glued tag THEN both are removed', () => {
    expect(cleanArticleText('Port Vila, Vanuatu (CNN)Rescue teams reached the island on Sunday.')).toBe(
      'Rescue teams reached the island on Sunday.',
    );
  });

  it('GIVEN a name with a party letter in parentheses THEN it is not mistaken for a dateline', () => {
    const text = 'Senator Smith (D) said the vote would be close on Thursday.';
    expect(cleanArticleText(text)).toBe(text);
  });
});

describe('cleanArticleText: bylines, credits and the end of the story', () => {
  it('GIVEN a byline line THEN it is removed', () => {
    expect(cleanArticleText(`By Jane Doe, Associated Press\n${STORY}`)).toBe(STORY);
  });

  it('GIVEN a "___ ... contributed to this report" line THEN it and everything after it are removed', () => {
    const out = cleanArticleText(
      `${STORY}\n___ Associated Press writer Sam Roe in Ohio contributed to this report.\nThe mayor will speak on Friday at noon downtown.`,
    );
    expect(out).toBe(STORY);
  });

  it('GIVEN a credit sentence at the end of a one-paragraph story THEN it and what follows are removed', () => {
    const out = cleanArticleText(
      `${STORY} CNN's Ann Lee contributed to this report. The mayor will speak on Friday at noon.`,
    );
    expect(out).toBe(STORY);
  });

  it('GIVEN a "reported from" credit THEN it is removed', () => {
    const out = cleanArticleText(`${STORY} Tom Park reported and wrote this story from Denver.`);
    expect(out).toBe(STORY);
  });

  it('GIVEN a copyright line with its rights notice THEN both are removed', () => {
    const out = cleanArticleText(
      `${STORY}\nCopyright 2024 The Daily Ledger. All rights reserved. This material may not be published, broadcast, rewritten or redistributed without permission.`,
    );
    expect(out).toBe(STORY);
  });

  it('GIVEN a © notice glued after the last sentence THEN it is removed', () => {
    expect(cleanArticleText(`${STORY} ©2024 Ledger Media. All Rights Reserved.`)).toBe(STORY);
  });

  it('GIVEN a separator line of underscores THEN nothing after it is kept', () => {
    expect(cleanArticleText(`${STORY}\n___\nMore stories from the region are on the way this week.`)).toBe(
      STORY,
    );
  });
});

describe('cleanArticleText: promotions, captions, labels and link captions', () => {
  it('GIVEN promo and newsletter lines THEN each is removed', () => {
    const raw = [
      'The city council approved a new budget on Tuesday after months of debate.',
      'Get more information from the Springfield Ledger',
      'Sign up for our morning newsletter to get the latest headlines.',
      'Follow us on Twitter for updates.',
      'The plan raises spending on parks by 12 percent.',
    ].join('\n');
    expect(cleanArticleText(raw)).toBe(STORY.replace('. The', '.\nThe'));
  });

  it('GIVEN "See the original story at" THEN it is removed', () => {
    expect(cleanArticleText(`${STORY} See the original story at Ledger.com.`)).toBe(STORY);
  });

  it('GIVEN a sentence opening with an imperative but addressing nobody THEN it is kept', () => {
    const text = 'Like many cities, Springfield raised taxes this year to pay for schools.';
    expect(cleanArticleText(text)).toBe(text);
  });

  it('GIVEN photo captions and credits THEN they are removed', () => {
    const raw = [
      'Photo: The mayor speaks at City Hall on Tuesday.',
      'FILE - In this 2022 photo, the council meets in Springfield.',
      STORY,
      'The mayor speaks to reporters. (AP Photo/Jane Doe)',
    ].join('\n');
    expect(cleanArticleText(raw)).toBe(STORY);
  });

  it('GIVEN short section labels on their own lines THEN they are removed', () => {
    const raw = [
      'preparation area',
      'The city council approved a new budget on Tuesday after months of debate.',
      'RELATED:',
      'READ MORE',
      'The plan raises spending on parks by 12 percent.',
    ].join('\n');
    expect(cleanArticleText(raw)).toBe(STORY.replace('. The', '.\nThe'));
  });

  it('GIVEN a label glued to a linked headline THEN the sentence is removed', () => {
    expect(cleanArticleText(`${STORY} RELATED: Council weighs park plan for downtown`)).toBe(STORY);
  });

  it('GIVEN a stray link caption ending in " ." THEN it is removed and the story around it kept', () => {
    const out = cleanArticleText(
      'The band will play its first U.S. show in March. Singer tops the rock charts . A venue has yet to be announced.',
    );
    expect(out).toBe('The band will play its first U.S. show in March. A venue has yet to be announced.');
  });

  it('GIVEN a long sentence ending in " ." THEN it is kept with a normal full stop', () => {
    const out = cleanArticleText(
      'The two leaders met at the White House on Friday to discuss trade, security and the climate talks next month .',
    );
    expect(out).toBe(
      'The two leaders met at the White House on Friday to discuss trade, security and the climate talks next month.',
    );
  });
});

describe('cleanArticleText: normalization', () => {
  it('GIVEN curly quotes, apostrophes and odd spaces THEN they become straight quotes and single spaces', () => {
    expect(cleanArticleText('The mayor\u2019s aide said \u201cyes\u201d\u00a0to  the plan on Monday.')).toBe(
      'The mayor\'s aide said "yes" to the plan on Monday.',
    );
  });

  it('GIVEN a spaced double hyphen or en dash THEN it becomes an em dash', () => {
    expect(
      cleanArticleText(
        'The first -- and so far only -- show is set. The tour \u2013 long delayed \u2013 starts soon.',
      ),
    ).toBe(
      'The first \u2014 and so far only \u2014 show is set. The tour \u2014 long delayed \u2014 starts soon.',
    );
  });

  it('GIVEN paragraphs separated by blank lines and CRLF THEN paragraphs stay one per line', () => {
    expect(
      cleanArticleText(
        'First paragraph of the story is here.\r\n\r\n\r\nSecond paragraph of the story is here.',
      ),
    ).toBe('First paragraph of the story is here.\nSecond paragraph of the story is here.');
  });
});

describe('cleanArticleText: the seed article', () => {
  const out = cleanArticleText(SEED);

  it('GIVEN the seed article THEN its dateline is gone and its lead kept', () => {
    expect(out.startsWith('President Joe Biden and Prime Minister Fumio Kishida')).toBe(true);
    expect(out).not.toContain('(AP)');
  });

  it('GIVEN the seed article THEN none of its boilerplate survives', () => {
    for (const junk of [
      'Get more information',
      'Citrus County Chronicle',
      'contributed to this report',
      'preparation area',
      'Get updates and player profiles',
      'Copyright',
      'All rights reserved',
      'may not be published',
    ]) {
      expect(out.toLowerCase()).not.toContain(junk.toLowerCase());
    }
  });

  it('GIVEN the seed article THEN its last story paragraph is kept', () => {
    expect(
      out.endsWith(
        'Kishida is scheduled to meet with Vice President Kamala Harris on Friday ahead of his meeting with Biden.',
      ),
    ).toBe(true);
  });
});
