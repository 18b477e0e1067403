// Block Kit, Discord embeds and console text for any briefing and any digest: never a throw,
// always within the platform's limits, nothing that pings, no control character, and the same
// briefing renders the same way every time.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/adapters/console/render.js';
import * as discord from '../../src/adapters/discord/render.js';
import * as slack from '../../src/adapters/slack/render.js';
import type { Reply } from '../../src/commands/ports.js';
import { isClean } from '../../src/core/text/control.js';
import type { Briefing } from '../../src/core/types.js';
import type { DigestMessage } from '../../src/digests/ports.js';
import { briefing, runs } from './arbitraries.js';
import { checkDiscord, checkSlack } from './checks.js';

const reply = (b: Briefing, visibility: 'ephemeral' | 'channel'): Reply => ({
  kind: 'briefing',
  visibility,
  briefing: b,
});
const digest = (b: Briefing, kind: DigestMessage['kind']): DigestMessage => ({
  briefing: b,
  kind,
  scheduleLabel: 'weekdays 08:00 Asia/Tokyo',
  idempotencyKey: 'k',
});
const visibility = fc.constantFrom('ephemeral' as const, 'channel' as const);
const digestKind = fc.constantFrom('first' as const, 'new' as const, 'quiet' as const);

describe('GIVEN any briefing of text as ingest stores it', () => {
  it('THEN Block Kit stays within Slack limits, pings nobody, carries no control character, and is stable', () => {
    fc.assert(
      fc.property(briefing({ clean: true }), visibility, digestKind, (b, v, k) => {
        const first = slack.renderReply(reply(b, v));
        checkSlack(first);
        checkSlack(slack.renderDigest(digest(b, k)));
        expect(JSON.stringify(slack.renderReply(reply(b, v)))).toBe(JSON.stringify(first));
      }),
      runs(150),
    );
  });

  it('THEN Discord embeds stay within Discord limits, ping nobody, carry no control character, and are stable', () => {
    fc.assert(
      fc.property(briefing({ clean: true }), visibility, digestKind, (b, v, k) => {
        const first = discord.renderReply(reply(b, v));
        checkDiscord(first);
        checkDiscord(discord.renderDigest(digest(b, k)));
        expect(JSON.stringify(discord.renderReply(reply(b, v)))).toBe(JSON.stringify(first));
      }),
      runs(150),
    );
  });
});

describe('GIVEN any briefing, even one whose text was stored before control characters were stripped', () => {
  it('THEN the console text has no control character or escape sequence and is stable', () => {
    fc.assert(
      fc.property(briefing({ clean: false }), fc.boolean(), (b, markdown) => {
        const text = renderText(reply(b, 'ephemeral'), markdown);
        expect(isClean(text)).toBe(true);
        expect(renderText(reply(b, 'ephemeral'), markdown)).toBe(text);
      }),
      runs(150),
    );
  });
});
