import { describe, expect, it } from 'vitest';
import { memoryLog } from '../../support/log.js';
import { dispatch } from '../../../src/commands/dispatch.js';
import type { Services, SubscriptionService } from '../../../src/commands/ports.js';
import { splitWords } from '../../../src/commands/words.js';
import { fakeBriefingService, fakeServices, invocation, sampleBriefing } from '../../support/services.js';

const topics = [
  { slug: 'japan-defense', title: 'Japan defense', articleCount: 3, newestAt: '2026-11-27T12:00:00.000Z' },
  { slug: 'japan-economy', title: 'Japan economy', articleCount: 1 },
  { slug: 'climate', title: 'Climate', articleCount: 0 },
];
const services: Services = fakeServices({
  briefings: fakeBriefingService(topics, { 'japan-defense': sampleBriefing() }),
});
const run = (text: string, s: Services = services, inv = invocation()) => dispatch({ text }, inv, s);

describe('/brief dispatch', () => {
  it('GIVEN no words or "help" THEN the help lists every command and the topics', async () => {
    for (const text of ['', '   ', 'help', 'HELP']) {
      const reply = await run(text);
      expect(reply.kind).toBe('help');
      if (reply.kind !== 'help') return;
      expect(reply.commands.map((c) => c.usage).join('\n')).toContain('/brief subscribe');
      expect(reply.topics.map((t) => t.slug)).toEqual(['japan-defense', 'japan-economy', 'climate']);
    }
  });

  it('GIVEN a known topic THEN the briefing comes back, visible only to the asker', async () => {
    const reply = await run('japan-defense');
    expect(reply).toMatchObject({ kind: 'briefing', visibility: 'ephemeral' });
  });

  it('GIVEN a topic typed in capitals or via the "topic" subcommand THEN it is the same briefing', async () => {
    expect((await run('Japan-Defense')).kind).toBe('briefing');
    expect((await run('topic japan-defense')).kind).toBe('briefing');
    expect(
      (await dispatch({ name: 'topic', options: { topic: 'japan-defense' } }, invocation(), services)).kind,
    ).toBe('briefing');
  });

  it('GIVEN share THEN the briefing is for the whole channel', async () => {
    expect((await run('japan-defense share')).visibility).toBe('channel');
    expect(
      (
        await dispatch(
          { name: 'topic', options: { topic: 'japan-defense', share: true } },
          invocation(),
          services,
        )
      ).visibility,
    ).toBe('channel');
  });

  it('GIVEN a misspelt topic THEN the reply names the closest topics and is not an internal error', async () => {
    const reply = await run('japan-defence');
    expect(reply).toMatchObject({ kind: 'notice', code: 'UNKNOWN_TOPIC' });
    if (reply.kind === 'notice') expect(reply.text).toContain('`japan-defense`');
  });

  it('GIVEN a topic spelt like none of them THEN the reply still names topics there are', async () => {
    const reply = await run('nosuchtopic');
    expect(reply).toMatchObject({ kind: 'notice', code: 'UNKNOWN_TOPIC_LIST' });
    if (reply.kind === 'notice') {
      expect(reply.text).toContain('`japan-defense`, `japan-economy`, `climate`');
      // Nothing was spelt alike, so the reply does not pretend a guess.
      expect(reply.text).not.toContain('Did you mean');
    }
  });

  it('GIVEN a prefix of two topics THEN both are suggested', async () => {
    const reply = await run('japan');
    if (reply.kind !== 'notice') throw new Error('expected a notice');
    expect(reply.text).toContain('japan-defense');
    expect(reply.text).toContain('japan-economy');
  });

  it('GIVEN a configured topic with no articles THEN the reply says there is nothing yet and where to look', async () => {
    const s: Services = fakeServices({
      briefings: fakeBriefingService(topics, {
        climate: sampleBriefing({ topic: 'climate', points: [], articles: [] }),
      }),
    });
    const reply = await run('climate', s);
    expect(reply).toMatchObject({ kind: 'notice', code: 'NO_ARTICLES' });
  });

  it('GIVEN an over-long line full of mentions and markup THEN it is treated as text and echoed shortened', async () => {
    const text = `<!channel> @everyone **${'x'.repeat(5000)}**`;
    const reply = await run(text);
    expect(reply.kind).toBe('notice');
    if (reply.kind === 'notice') expect(reply.text.length).toBeLessThan(400);
  });

  it('GIVEN topics THEN the list comes back with counts', async () => {
    const reply = await run('topics');
    expect(reply).toMatchObject({ kind: 'topics' });
  });

  it('GIVEN subscribe without channel-management rights THEN it is refused, naming who holds the right', async () => {
    const reply = await run(
      'subscribe japan-defense daily 08:00',
      services,
      invocation({
        platform: 'discord',
        rights: { canManage: async () => false, holders: 'the Manage Channels permission' },
      }),
    );
    expect(reply).toMatchObject({ kind: 'notice', code: 'NOT_ALLOWED' });
    if (reply.kind === 'notice') expect(reply.text).toContain('(the Manage Channels permission)');
  });

  it('GIVEN commands that need no right THEN the rights check is never asked; subscribe asks it once', async () => {
    let asked = 0;
    const inv = invocation({ rights: { canManage: () => (asked++, false), holders: 'admins' } });
    for (const text of ['japan-defense', 'topics', 'help', 'status', 'subscriptions'])
      await run(text, services, inv);
    expect(asked).toBe(0);
    await run('subscribe japan-defense daily 08:00', services, inv);
    expect(asked).toBe(1);
  });

  it('GIVEN a rights check that throws THEN the reply is the one internal-error notice with a logged reference', async () => {
    const { log, records } = memoryLog();
    const inv = invocation({
      rights: {
        canManage: () => Promise.reject(new Error('platform down')),
        holders: 'admins',
      },
    });
    const reply = await run('subscribe japan-defense daily 08:00', { ...services, log }, inv);
    expect(reply).toMatchObject({ kind: 'notice', code: 'INTERNAL_ERROR' });
    const errors = records.filter((r) => r.level === 50);
    expect(errors).toHaveLength(1);
    if (reply.kind === 'notice') expect(reply.text).toContain(String(errors[0]?.reference));
  });

  it('GIVEN the subscribe grammar THEN topic, when and time zone reach the service as typed', async () => {
    const calls: unknown[] = [];
    const subscriptions: SubscriptionService = {
      async subscribe(_inv, req) {
        calls.push(req);
        return {
          ok: true,
          value: {
            id: '1',
            topic: req.topic,
            platform: 'console',
            workspaceId: 'local',
            channelId: 'console',
            schedule: '0 8 * * *',
            when: req.when,
            timezone: req.timezone ?? 'UTC',
            nextRunAt: '2026-11-28T23:00:00.000Z',
            state: 'active',
            fromConfig: false,
            quietNote: false,
          },
        };
      },
      unsubscribe: async () => ({ ok: false, error: { code: 'NOT_SUBSCRIBED', params: { topic: 'x' } } }),
      list: async () => [],
    };
    const s = { ...services, subscriptions };
    const r1 = await run('subscribe japan-defense daily 08:00 Asia/Tokyo', s);
    await run('subscribe japan-defense hourly', s);
    await run('subscribe japan-defense "30 7 * * 1-5" Europe/London', s);
    await run('subscribe japan-defense weekdays 07:45', s);
    await run('subscribe japan-defense daily 08:00 Asia/Tokyo quiet', s);
    await run('subscribe japan-defense hourly QUIET', s);
    expect(calls).toEqual([
      { topic: 'japan-defense', when: 'daily 08:00', timezone: 'Asia/Tokyo', quietNote: undefined },
      { topic: 'japan-defense', when: 'hourly', timezone: undefined, quietNote: undefined },
      { topic: 'japan-defense', when: '30 7 * * 1-5', timezone: 'Europe/London', quietNote: undefined },
      { topic: 'japan-defense', when: 'weekdays 07:45', timezone: undefined, quietNote: undefined },
      { topic: 'japan-defense', when: 'daily 08:00', timezone: 'Asia/Tokyo', quietNote: true },
      { topic: 'japan-defense', when: 'hourly', timezone: undefined, quietNote: true },
    ]);
    expect(r1).toMatchObject({ kind: 'notice', code: 'SUBSCRIBED' });
    if (r1.kind === 'notice') expect(r1.text).toContain('Sun 29 Nov 2026, 08:00 Asia/Tokyo');
    const r2 = await run('unsubscribe japan-defense', s);
    expect(r2).toMatchObject({ kind: 'notice', code: 'NOT_SUBSCRIBED', tone: 'error' });
  });

  it('GIVEN subscribe with too few or too many words THEN the usage is shown', async () => {
    const s = {
      ...services,
      subscriptions: {
        subscribe: async () => {
          throw new Error('not reached');
        },
        unsubscribe: async () => {
          throw new Error('x');
        },
        list: async () => [],
      },
    };
    expect(await run('subscribe', s)).toMatchObject({ kind: 'notice', code: 'BAD_ARGUMENTS' });
    expect(await run('subscribe japan-defense daily 08:00 Asia/Tokyo extra words', s)).toMatchObject({
      kind: 'notice',
      code: 'USAGE',
    });
  });

  it('GIVEN a command that throws THEN the user gets a polite reply with a reference and the error is logged', async () => {
    const { log, records } = memoryLog();
    const broken: Services = fakeServices({
      briefings: {
        listTopics: async () => topics,
        brief: async () => {
          throw new Error('disk on fire');
        },
      },
      log,
    });
    const reply = await run('japan-defense', broken);
    expect(reply).toMatchObject({ kind: 'notice', code: 'INTERNAL_ERROR' });
    if (reply.kind === 'notice') expect(reply.text).not.toContain('disk on fire');
    expect(records.filter((r) => r.level === 50)).toHaveLength(1);
  });
});

describe('splitWords', () => {
  it('GIVEN straight and curly quotes THEN a quoted cron expression is one word', () => {
    expect(splitWords('subscribe t "0 8 * * 1-5" Asia/Tokyo')).toEqual([
      'subscribe',
      't',
      '0 8 * * 1-5',
      'Asia/Tokyo',
    ]);
    expect(splitWords('subscribe t \u201c0 8 * * *\u201d')).toEqual(['subscribe', 't', '0 8 * * *']);
  });
  it('GIVEN an unterminated quote THEN the quote is kept as part of a word, nothing is lost', () => {
    expect(splitWords('a "b c')).toEqual(['a', '"b', 'c']);
  });
});
