// Slack in main.ts's platform list: on when SLACK_BOT_TOKEN is set. Bolt is loaded only then.
import type { PlatformEntry } from '../adapter.js';

const mode = (appToken: string | undefined) => (appToken ? 'socket' : 'http');

export const slackPlatform: PlatformEntry = {
  platform: 'slack',
  enabled: (env) => env.slack !== undefined,
  health: (env) => ({ mode: mode(env.slack?.appToken) }),
  async start({ env, config, services, log, ops }) {
    if (!env.slack) throw new Error('Slack is not configured: set SLACK_BOT_TOKEN');
    const { startSlackAdapter } = await import('./index.js');
    const slack = await startSlackAdapter({
      settings: env.slack,
      port: env.port,
      services,
      managers: config.slack.managers,
      log,
      ops,
    });
    log.info({ port: slack.port, mode: mode(env.slack.appToken) }, 'slack adapter started');
    return slack;
  },
};
