import { describe, expect, it } from 'vitest';
import { classifySlackError } from '../../../../src/adapters/slack/errors.js';

/** What the WebClient throws for `{ok:false, error}` answers. */
const platform = (error: string, extra: Record<string, unknown> = {}) => ({
  code: 'slack_webapi_platform_error',
  data: { ok: false, error, ...extra },
});

describe('GIVEN Slack API errors a person must fix', () => {
  const cases: Array<[string, string]> = [
    ['channel_not_found', 'cannot find that channel'],
    ['not_in_channel', '/invite @newsbrief'],
    ['is_archived', 'archived'],
    ['restricted_action', 'does not allow the bot to post'],
    ['invalid_auth', 'SLACK_BOT_TOKEN'],
    ['token_revoked', 'reinstall the app'],
  ];
  for (const [error, words] of cases) {
    it(`THEN ${error} is permanent and explained with what to do ("${words}")`, () => {
      const failure = classifySlackError(platform(error));
      expect(failure).toMatchObject({ code: error, permanent: true });
      expect(failure.reason).toContain(words);
    });
  }

  it('THEN missing_scope names the scope Slack says is needed', () => {
    const failure = classifySlackError(platform('missing_scope', { needed: 'users:read' }));
    expect(failure).toMatchObject({ code: 'missing_scope', permanent: true });
    expect(failure.reason).toContain('`users:read`');
  });
});

describe('GIVEN failures that time can fix', () => {
  it('THEN a rejected 429 is transient and carries Retry-After in ms', () => {
    expect(classifySlackError({ code: 'slack_webapi_rate_limited_error', retryAfter: 30 })).toMatchObject({
      code: 'rate_limited',
      permanent: false,
      retryAfterMs: 30_000,
    });
  });

  it('THEN 5xx, network errors and Slack internal_error are transient', () => {
    expect(classifySlackError({ code: 'slack_webapi_http_error', statusCode: 503 })).toMatchObject({
      code: 'server_error',
      permanent: false,
    });
    expect(classifySlackError({ code: 'slack_webapi_request_error' })).toMatchObject({
      code: 'network_error',
      permanent: false,
    });
    expect(classifySlackError(platform('internal_error'))).toMatchObject({ permanent: false });
  });

  it('THEN a 4xx other than 429 is permanent, and an unknown Slack error is named', () => {
    expect(classifySlackError({ code: 'slack_webapi_http_error', statusCode: 404 })).toMatchObject({
      code: 'http_404',
      permanent: true,
    });
    expect(classifySlackError(platform('msg_too_long')).reason).toContain('msg_too_long');
  });

  it('THEN something that is not a Slack error at all is classified, not thrown', () => {
    expect(classifySlackError(undefined)).toMatchObject({ code: 'unknown_error' });
  });
});
