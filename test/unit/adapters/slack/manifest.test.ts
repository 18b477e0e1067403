// The manifest users paste must match what the adapter serves, and ask for no more than it uses.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { EVENTS_PATH } from '../../../../src/adapters/slack/http.js';
import { BRIEF_SHARE_ACTION } from '../../../../src/adapters/slack/render.js';

interface Manifest {
  features: { slash_commands: Array<{ command: string; url: string }> };
  oauth_config: { scopes: { bot: string[] } };
  settings: { interactivity: { is_enabled: boolean; request_url: string }; socket_mode_enabled: boolean };
}

const manifest = parse(
  readFileSync(new URL('../../../../config/slack-app-manifest.yaml', import.meta.url), 'utf8'),
) as Manifest;

describe('GIVEN config/slack-app-manifest.yaml', () => {
  it('THEN /brief and interactivity (for the share button) both point at the path the adapter serves', () => {
    const [brief] = manifest.features.slash_commands;
    expect(brief?.command).toBe('/brief');
    expect(new URL(brief?.url ?? '').pathname).toBe(EVENTS_PATH);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(new URL(manifest.settings.interactivity.request_url).pathname).toBe(EVENTS_PATH);
    expect(BRIEF_SHARE_ACTION).toBe('brief_share');
  });

  it('THEN it asks for exactly the bot scopes the adapter uses, not chat:write.public', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(['chat:write', 'commands', 'users:read']);
  });

  it('THEN HTTP mode is the default and Socket Mode is one setting away', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });
});
