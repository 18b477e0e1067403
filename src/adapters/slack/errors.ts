// Slack Web API failures, classified: what happened (a stable code for logs and status), whether
// retrying can help, and the sentence a person can act on (from messages.ts).
import { message } from '../../core/messages.js';

export interface SlackFailure {
  /** Slack's own error string (`channel_not_found`...) or `rate_limited`, `server_error`, `network_error`. */
  code: string;
  /** Retrying cannot help: the channel, the token or the app's permissions must change first. */
  permanent: boolean;
  reason: string;
  /** For 429: how long Slack asked us to wait. */
  retryAfterMs?: number;
}

/** Errors after which the same call will fail again until a person fixes something. */
const PERMANENT: Record<string, () => string> = {
  channel_not_found: () => message('SLACK_CHANNEL_NOT_FOUND'),
  not_in_channel: () => message('SLACK_NOT_IN_CHANNEL'),
  is_archived: () => message('SLACK_IS_ARCHIVED'),
  restricted_action: () => message('SLACK_RESTRICTED_ACTION'),
  restricted_action_read_only_channel: () => message('SLACK_RESTRICTED_ACTION'),
  restricted_action_non_threadable_channel: () => message('SLACK_RESTRICTED_ACTION'),
  restricted_action_thread_only_channel: () => message('SLACK_RESTRICTED_ACTION'),
  invalid_auth: () => message('SLACK_INVALID_AUTH'),
  not_authed: () => message('SLACK_INVALID_AUTH'),
  token_revoked: () => message('SLACK_INVALID_AUTH'),
  token_expired: () => message('SLACK_INVALID_AUTH'),
  account_inactive: () => message('SLACK_INVALID_AUTH'),
};

/** Slack platform errors that mean "try later", not "you did something wrong". */
const TRANSIENT = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'ratelimited',
]);

interface WebApiErrorLike {
  code?: string;
  statusCode?: number;
  retryAfter?: number;
  data?: { error?: string; needed?: string };
}

/** Classifies anything a WebClient call threw. Never throws. */
export function classifySlackError(err: unknown): SlackFailure {
  const e = (typeof err === 'object' && err !== null ? err : {}) as WebApiErrorLike;
  switch (e.code) {
    case 'slack_webapi_rate_limited_error': {
      const retryAfterMs = Math.max(0, (e.retryAfter ?? 1) * 1000);
      return { code: 'rate_limited', permanent: false, reason: message('SLACK_RATE_LIMITED'), retryAfterMs };
    }
    case 'slack_webapi_http_error':
      // 4xx other than 429 will not get better by itself; 5xx usually does.
      if (e.statusCode !== undefined && e.statusCode < 500)
        return {
          code: `http_${e.statusCode}`,
          permanent: true,
          reason: message('SLACK_API_ERROR', { error: `HTTP ${e.statusCode}` }),
        };
      return { code: 'server_error', permanent: false, reason: message('SLACK_SERVER_ERROR') };
    case 'slack_webapi_request_error':
      return { code: 'network_error', permanent: false, reason: message('SLACK_SERVER_ERROR') };
    case 'slack_webapi_platform_error':
      return platformFailure(e.data?.error ?? 'unknown_error', e.data?.needed);
    default:
      return {
        code: 'unknown_error',
        permanent: false,
        reason: message('SLACK_API_ERROR', { error: 'unexpected failure' }),
      };
  }
}

/** A failure from Slack's `{ok:false, error}` answer. */
export function platformFailure(error: string, needed?: string): SlackFailure {
  if (error === 'missing_scope') {
    return {
      code: error,
      permanent: true,
      reason: message('SLACK_MISSING_SCOPE', { scope: needed ?? 'chat:write' }),
    };
  }
  const permanent = PERMANENT[error];
  if (permanent) return { code: error, permanent: true, reason: permanent() };
  if (TRANSIENT.has(error)) return { code: error, permanent: false, reason: message('SLACK_SERVER_ERROR') };
  return { code: error, permanent: true, reason: message('SLACK_API_ERROR', { error }) };
}
