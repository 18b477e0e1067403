// The real Slack adapter started against the fake Web API the way most tests need it: HTTP mode
// on 127.0.0.1 with a random port, the test token and signing secret, no managers, a silent log
// and the Slack fake services; a test passes only what it changes.
import { pino } from 'pino';
import {
  startSlackAdapter,
  type SlackAdapter,
  type SlackAdapterDeps,
} from '../../src/adapters/slack/index.js';
import { slackServices } from './slack-services.js';
import { SIGNING_SECRET } from './slack-requests.js';

export function startTestSlackAdapter(
  apiUrl: string,
  overrides: Partial<SlackAdapterDeps> = {},
): Promise<SlackAdapter> {
  return startSlackAdapter({
    settings: { botToken: 'xoxb-test-token', signingSecret: SIGNING_SECRET, apiUrl },
    port: 0,
    host: '127.0.0.1',
    services: slackServices(),
    managers: [],
    log: pino({ level: 'silent' }),
    ...overrides,
  });
}
