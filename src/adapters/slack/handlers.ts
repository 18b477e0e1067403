// Slack events -> dispatch -> rendered replies. Slack wants an answer within 3 seconds: the
// answer goes in the ack when it is ready in time (the usual case, commands read SQLite), else
// the ack says "working on it" and the answer follows through response_url.
import type { App, BlockButtonAction, RespondArguments, SlashCommand } from '@slack/bolt';
import type { Logger } from 'pino';
import { dispatch } from '../../commands/dispatch.js';
import type { FeedbackVerdict, Invocation, Reply, Services } from '../../commands/ports.js';
import { withDeadline } from '../../async/deadline.js';
import { message } from '../../core/messages.js';
import { escape } from './markup.js';
import { postShared } from './share.js';
import {
  BRIEF_SHARE_ACTION,
  FEEDBACK_ACTIONS,
  SHARE_TEXT_PREFIX,
  renderNotice,
  renderReply,
  type SlackMessage,
} from './render.js';
import type { CanManage } from './rights.js';

export interface HandlerDeps {
  services: Services;
  canManage: CanManage;
  log: Logger;
  /** How long to wait for the answer before acking without it (Slack's hard limit is 3 s). */
  ackDeadlineMs: number;
  /** Longest total wait on Slack's Retry-After before a share is given up (the clicker is told). */
  shareMaxWaitMs: number;
}

/** Registers `/brief` (under whatever name the app's slash command has), the share and the feedback buttons. */
export function registerHandlers(app: App, deps: HandlerDeps): void {
  app.command(/.*/, async ({ command, ack, respond }) => {
    const work = answerCommand(command, deps);
    const ready = await withDeadline(work, deps.ackDeadlineMs);
    if (ready) {
      await ack(ready);
      return;
    }
    await ack({ response_type: 'ephemeral', text: message('SLACK_WORKING') });
    deps.log.info(
      { command: command.command, team: command.team_id },
      'slack answer slower than the ack deadline; using response_url',
    );
    await respond({ ...(await work), replace_original: true });
  });

  app.action<BlockButtonAction>(BRIEF_SHARE_ACTION, async ({ ack, body, action, client, respond }) => {
    await ack();
    const channelId = body.channel?.id;
    if (!channelId) return;
    // Sharing needs no right; the share button never subscribes.
    const invocation = slackInvocation(
      {
        teamId: body.team?.id ?? body.user.team_id ?? '',
        channelId,
        userId: body.user.id,
        userName: body.user.name ?? body.user.username,
      },
      () => false,
    );
    const value = action.value ?? '';
    const reply = await dispatch(
      value.startsWith(SHARE_TEXT_PREFIX)
        ? { text: `${value.slice(SHARE_TEXT_PREFIX.length)} share` }
        : { name: 'topic', options: { topic: value, share: true } },
      invocation,
      deps.services,
    );
    if (reply.kind !== 'briefing') {
      await respond({ response_type: 'ephemeral', replace_original: false, ...renderReply(reply) });
      return;
    }
    const post = renderReply(reply, { sharedBy: mention(invocation) });
    const shared = await postShared(
      {
        client,
        maxWaitMs: deps.shareMaxWaitMs,
        onRateLimited: (waitMs) =>
          deps.log.info({ channel: channelId, waitMs }, 'slack share rate-limited; waiting Retry-After'),
      },
      { channel: channelId, ...post, unfurl_links: false, unfurl_media: false },
    );
    if (shared.ok) {
      await respond({ delete_original: true });
      return;
    }
    const failure = shared.error;
    deps.log.warn(
      { code: failure.code, channel: channelId, team: invocation.workspaceId, waitedMs: failure.waitedMs },
      'slack share failed',
    );
    // A share that gave up is not retried later, so the clicker is told to press the button again.
    const reason = failure.code === 'rate_limited' ? message('SLACK_SHARE_RATE_LIMITED') : failure.reason;
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      ...renderNotice(reason, 'error'),
    });
  });

  const verdicts = Object.entries(FEEDBACK_ACTIONS) as [FeedbackVerdict, string][];
  for (const [verdict, actionId] of verdicts) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, respond }) => {
      await ack();
      const channelId = body.channel?.id;
      const feedback = deps.services.feedback;
      if (!channelId || !feedback) return;
      const teamId = body.team?.id ?? body.user.team_id ?? '';
      // Anyone may vote; muting asks for the subscribe right, checked only when muting.
      const invocation = slackInvocation(
        { teamId, channelId, userId: body.user.id, userName: body.user.name ?? body.user.username },
        () => deps.canManage(teamId, body.user.id),
      );
      try {
        const reply = await feedback.give(invocation, action.value ?? '', verdict, new Date());
        await respond({ response_type: 'ephemeral', replace_original: false, ...renderReply(reply) });
      } catch (err) {
        deps.log.error({ err, channel: channelId, verdict }, 'slack feedback failed');
      }
    });
  }
}

/** Who asked and where; the admin check runs only if the command needs it (dispatch asks). */
function slackInvocation(
  who: { teamId: string; channelId: string; userId: string; userName?: string },
  canManage: () => boolean | Promise<boolean>,
): Invocation {
  return {
    platform: 'slack',
    workspaceId: who.teamId,
    channelId: who.channelId,
    userId: who.userId,
    userName: who.userName,
    rights: { canManage, holders: message('SLACK_MANAGE_RIGHT') },
  };
}

/** One dispatch per command: it resolves the command, checks rights and catches a failing command. */
async function answerCommand(
  command: SlashCommand,
  deps: HandlerDeps,
): Promise<RespondArguments & SlackMessage> {
  const invocation = slackInvocation(
    {
      teamId: command.team_id,
      channelId: command.channel_id,
      userId: command.user_id,
      userName: command.user_name,
    },
    () => deps.canManage(command.team_id, command.user_id),
  );
  const reply = await dispatch({ text: command.text }, invocation, deps.services);
  return toResponse(reply, invocation);
}

function toResponse(reply: Reply, invocation: Invocation): RespondArguments & SlackMessage {
  if (reply.visibility === 'channel') {
    // Link previews stay off in the channel, as for the share button's chat.postMessage.
    return {
      response_type: 'in_channel',
      ...renderReply(reply, { sharedBy: mention(invocation) }),
      unfurl_links: false,
      unfurl_media: false,
    };
  }
  return { response_type: 'ephemeral', ...renderReply(reply) };
}

/** The person who shared, as a mention (it names them, it pings nobody else); an odd id is shown as text. */
function mention(invocation: Invocation): string {
  if (/^[UW][A-Z0-9]{2,}$/.test(invocation.userId)) return `<@${invocation.userId}>`;
  return escape(invocation.userName ?? invocation.userId);
}
