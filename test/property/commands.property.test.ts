// Command parsing, end to end to each platform's message: any text typed after /brief (and any
// option Discord could send) is answered, never crashes a command, and the answer is within the
// platform's limits, echoes nothing that pings, carries no control character, and is the same
// every time for the same input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/adapters/console/render.js';
import * as discord from '../../src/adapters/discord/render.js';
import * as slack from '../../src/adapters/slack/render.js';
import { dispatch, type CommandInput } from '../../src/commands/dispatch.js';
import type { Invocation, Reply } from '../../src/commands/ports.js';
import { isClean } from '../../src/core/text/control.js';
import { slackServices } from '../fakes/slack-services.js';
import { hostileText, runs } from './arbitraries.js';
import { checkDiscord, checkSlack } from './checks.js';

const NOW = new Date('2026-12-01T08:00:00.000Z');
const invocation: Invocation = {
  platform: 'slack',
  workspaceId: 'T1',
  channelId: 'C1',
  userId: 'U1',
  rights: { canManage: () => true, holders: 'admins' },
};

const COMMAND_WORDS = [
  'help',
  'topics',
  'subscribe',
  'unsubscribe',
  'subscriptions',
  'status',
  'search',
  'url',
  'why',
  'topic',
  'japan-defense',
  'SUBSCRIBE',
  'share',
];
const ARGUMENT_WORDS = [
  'daily',
  'weekdays',
  'weekly',
  'hourly',
  'friday',
  '08:00',
  '25:99',
  '"0 8 * * 1-5"',
  '“30 7 * * *”',
  'Asia/Tokyo',
  'Mars/Olympus',
  'quiet',
  'japan-defense',
  '-word',
  '"a phrase"',
  'https://example.org/x',
  'http://127.0.0.1/',
];

/** Text after /brief: free text, or command-shaped text with odd arguments. */
const commandText = fc.oneof(
  hostileText(10),
  fc
    .tuple(
      fc.constantFrom(...COMMAND_WORDS),
      fc.array(fc.oneof(fc.constantFrom(...ARGUMENT_WORDS), hostileText(2)), { maxLength: 6 }),
    )
    .map(([command, args]) => [command, ...args].join(' ')),
);

/** What Discord's subcommand options could carry (autocomplete lets anything through). */
const discordInput: fc.Arbitrary<CommandInput> = fc.record({
  name: fc.oneof(fc.constantFrom(...COMMAND_WORDS), hostileText(2)),
  options: fc.dictionary(
    fc.constantFrom('topic', 'when', 'timezone', 'quiet', 'words', 'link', 'share'),
    fc.oneof(hostileText(4), fc.boolean(), fc.integer()),
  ),
});

function checkEverywhere(reply: Reply): void {
  expect(reply.kind === 'notice' ? reply.code : 'answered').not.toBe('INTERNAL_ERROR');
  checkSlack(slack.renderReply(reply));
  checkDiscord(discord.renderReply(reply));
  expect(isClean(renderText(reply))).toBe(true);
}

const rendered = (reply: Reply) =>
  JSON.stringify([slack.renderReply(reply), discord.renderReply(reply), renderText(reply)]);

describe('GIVEN any text typed after /brief', () => {
  it('THEN it is answered, within every platform limit, pinging nobody, with no control character, the same way twice', async () => {
    await fc.assert(
      fc.asyncProperty(commandText, async (text) => {
        const services = slackServices();
        const reply = await dispatch({ text }, invocation, services, NOW);
        checkEverywhere(reply);
        const again = await dispatch({ text }, invocation, services, NOW);
        expect(rendered(again)).toBe(rendered(reply));
      }),
      runs(300),
    );
  });
});

describe('GIVEN any subcommand and options Discord could send', () => {
  it('THEN it is answered within every platform limit, pinging nobody', async () => {
    await fc.assert(
      fc.asyncProperty(discordInput, async (input) => {
        checkEverywhere(await dispatch(input, { ...invocation, platform: 'discord' }, slackServices(), NOW));
      }),
      runs(200),
    );
  });
});
