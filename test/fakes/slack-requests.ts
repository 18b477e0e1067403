// Signed requests as Slack sends them: HMAC-SHA256 over `v0:<timestamp>:<raw body>` with the
// signing secret, slash commands form-encoded, interactions as a form field `payload` of JSON.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../fixtures/slack/${name}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;

/** A slash command body from the fixture, with `text` and a response_url on the fake. */
export function slashCommand(
  text: string,
  responseUrl: string,
  overrides: Record<string, string> = {},
): string {
  const fields = {
    ...(fixture('slash-command.json') as Record<string, string>),
    text,
    response_url: responseUrl,
    ...overrides,
  };
  return new URLSearchParams(fields).toString();
}

/** A block_actions body for the share button from the fixture. */
export function shareClick(topic: string, responseUrl: string): string {
  const payload = fixture('block-actions-share.json') as {
    actions: Array<Record<string, unknown>>;
    response_url: string;
  };
  payload.response_url = responseUrl;
  payload.actions = payload.actions.map((a) => ({ ...a, value: topic }));
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/**
 * A block_actions body for a feedback button (👍, 👎 or Mute this story, by its action id) on the
 * story `ref`, pressed by `userId` under a message in `channelId` (an ephemeral one: a /brief reply).
 */
export function feedbackClick(o: {
  action: string;
  ref: string;
  userId: string;
  channelId: string;
  responseUrl: string;
  ephemeral?: boolean;
}): string {
  const payload = {
    type: 'block_actions',
    api_app_id: 'A1',
    token: 'unused',
    trigger_id: '1.2.3',
    team: { id: 'T1', domain: 'fake' },
    user: { id: o.userId, username: o.userId.toLowerCase(), name: o.userId.toLowerCase(), team_id: 'T1' },
    channel: { id: o.channelId, name: 'news' },
    container: {
      type: 'message',
      message_ts: '1700000000.000100',
      channel_id: o.channelId,
      ...(o.ephemeral ? { is_ephemeral: true } : {}),
    },
    response_url: o.responseUrl,
    actions: [
      { type: 'button', action_id: o.action, block_id: 'fb', value: o.ref, action_ts: '1700000001.0002' },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export interface SignOptions {
  secret?: string;
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  contentType?: string;
}

export function sign(body: string, options: SignOptions = {}): Record<string, string> {
  const ts = options.timestamp ?? Math.floor(Date.now() / 1000);
  const sig = createHmac('sha256', options.secret ?? SIGNING_SECRET)
    .update(`v0:${ts}:${body}`)
    .digest('hex');
  return {
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': `v0=${sig}`,
    'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
  };
}

/** POSTs a signed body to the adapter's /slack/events and returns status and parsed body. */
export async function postSigned(
  baseUrl: string,
  body: string,
  options: SignOptions = {},
): Promise<{ status: number; json: Record<string, unknown> | undefined; text: string }> {
  const res = await fetch(`${baseUrl}/slack/events`, { method: 'POST', headers: sign(body, options), body });
  const text = await res.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}
