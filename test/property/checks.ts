// What every rendered message must satisfy, per platform: limits, no ping, no control character.
import { expect } from 'vitest';
import { embedLength, LIMITS as DISCORD } from '../../src/adapters/discord/limits.js';
import type * as discord from '../../src/adapters/discord/render.js';
import { LIMITS as SLACK } from '../../src/adapters/slack/limits.js';
import type * as slack from '../../src/adapters/slack/render.js';
import { isClean } from '../../src/core/text/control.js';

/** Anything Slack turns into a ping in mrkdwn: special, user and group mentions, bare broadcasts. */
const SLACK_PING = /<!(channel|here|everyone|subteam)|<@[UW]|(^|[^\u2060])@(channel|here|everyone)\b/i;
/** Anything Discord renders as a mention (allowed_mentions is empty too; this is the second lock). */
const DISCORD_PING = /@(everyone|here)\b|<@[!&]?\d+>|<#\d+>/;

/** Link targets are addresses, not text anyone reads: `<https://x/@here|label>` pings nobody. */
// A link cut by a length limit has no `|label>` left: its target runs to the end of the text.
const withoutSlackLinkTargets = (s: string) => s.replace(/<https?:\/\/[^|>]*(\||$)/g, '<link|');
const withoutDiscordLinkTargets = (s: string) => s.replace(/\]\(<?https?:\/\/[^)\s]*>?\)/g, '](link)');

/** Every string anywhere in a value. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

export function checkSlack(msg: slack.SlackMessage): void {
  expect(msg.blocks.length).toBeLessThanOrEqual(SLACK.blocks);
  expect(msg.text.length).toBeLessThanOrEqual(SLACK.fallback);
  expect(withoutSlackLinkTargets(msg.text)).not.toMatch(SLACK_PING);
  for (const b of msg.blocks) {
    if (b.type === 'header') {
      expect(b.text.text.length).toBeLessThanOrEqual(SLACK.header);
      expect(b.text.text).not.toMatch(/(^|[^\u2060])@(channel|here|everyone)\b/i);
    }
    if (b.type === 'section' && b.text) {
      expect(b.text.text.length).toBeLessThanOrEqual(SLACK.section);
      expect(withoutSlackLinkTargets(b.text.text)).not.toMatch(SLACK_PING);
    }
    if (b.type === 'context') {
      expect(b.elements.length).toBeLessThanOrEqual(SLACK.contextElements);
      for (const e of b.elements)
        if ('text' in e) {
          expect(e.text.length).toBeLessThanOrEqual(SLACK.section);
          expect(withoutSlackLinkTargets(e.text)).not.toMatch(SLACK_PING);
        }
    }
    if (b.type === 'actions')
      for (const e of b.elements)
        if (e.type === 'button') {
          expect(e.text.text.length).toBeLessThanOrEqual(SLACK.button);
          expect((e.value ?? '').length).toBeLessThanOrEqual(2000);
        }
  }
  for (const s of strings(msg)) expect(isClean(s)).toBe(true);
}

export function checkDiscord(msg: discord.DiscordMessage): void {
  expect(msg.allowed_mentions).toEqual({ parse: [] });
  expect(msg.embeds.length).toBeLessThanOrEqual(DISCORD.embeds);
  expect((msg.content ?? '').length).toBeLessThanOrEqual(DISCORD.content);
  expect(msg.embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(DISCORD.embedTotal);
  for (const e of msg.embeds) {
    expect((e.title ?? '').length).toBeLessThanOrEqual(DISCORD.title);
    expect((e.description ?? '').length).toBeLessThanOrEqual(DISCORD.description);
    expect((e.footer?.text ?? '').length).toBeLessThanOrEqual(DISCORD.footer);
    expect((e.fields ?? []).length).toBeLessThanOrEqual(DISCORD.fields);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeLessThanOrEqual(DISCORD.fieldName);
      expect(f.value.length).toBeLessThanOrEqual(DISCORD.fieldValue);
    }
  }
  for (const s of strings({ content: msg.content, embeds: msg.embeds })) {
    expect(withoutDiscordLinkTargets(s)).not.toMatch(DISCORD_PING);
    expect(isClean(s)).toBe(true);
  }
}
