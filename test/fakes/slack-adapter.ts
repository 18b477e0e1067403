// The real Slack adapter started against the fake Web API the way most tests need it: HTTP mode
// on 127.0.0.1 with a random port, the test token and signing secret, no managers, a silent log
// and the Slack fake services; a test passes only what it changes.
import { pino } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import {
  startSlackAdapter,
  type SlackAdapter,
  type SlackAdapterDeps,
} from '../../src/adapters/slack/index.js';
import { slackServices } from './slack-services.js';
import { startFakeSlackApi, type FakeSlackApi, type ResponseUrlPost } from './slack-api.js';
import { postSigned, SIGNING_SECRET, slashCommand } from './slack-requests.js';

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

export interface SlackBed {
  api: FakeSlackApi;
  adapter: SlackAdapter;
  /** A response_url on the fake that no other request of the file uses. */
  responseUrl(tag?: string): string;
  /** Sends `/brief <text>` signed, as Slack would, with any fixture fields replaced. */
  command(text: string, fields?: Record<string, string>): ReturnType<typeof postSigned>;
  /**
   * Sends a signed interaction (a button press) built around a fresh response_url, checks Slack
   * got its 200, and waits for the reply the adapter posts to that URL.
   */
  interact(build: (responseUrl: string) => string): Promise<ResponseUrlPost>;
}

/**
 * Starts the fake Web API and the real adapter before the enclosing block's tests and stops both
 * after them. `overrides` is read when the adapter starts, so it may use what an earlier
 * `beforeAll` built (a store, services).
 */
export function useSlackBed(overrides: () => Partial<SlackAdapterDeps>): SlackBed {
  let n = 0;
  const bed: SlackBed = {
    api: undefined as unknown as FakeSlackApi,
    adapter: undefined as unknown as SlackAdapter,
    responseUrl: (tag = 'r') => `${bed.api.url}/respond/${tag}${++n}`,
    command: (text, fields = {}) =>
      postSigned(`http://127.0.0.1:${bed.adapter.port}`, slashCommand(text, bed.responseUrl(), fields)),
    interact: async (build) => {
      const responseUrl = bed.responseUrl('press');
      const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
      const res = await postSigned(`http://127.0.0.1:${bed.adapter.port}`, build(responseUrl));
      if (res.status !== 200) throw new Error(`the adapter answered the press with HTTP ${res.status}`);
      return bed.api.nextResponse((r) => r.id === id);
    },
  };
  beforeAll(async () => {
    bed.api = await startFakeSlackApi();
    bed.adapter = await startTestSlackAdapter(bed.api.apiUrl, overrides());
  });
  afterAll(async () => {
    await bed.adapter?.stop();
    await bed.api?.close();
  });
  return bed;
}
