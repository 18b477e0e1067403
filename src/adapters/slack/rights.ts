// Who may manage a channel's digests on Slack: workspace admins and owners (users.info), plus the
// configured managers. Slack asks for the check only on subscribe/unsubscribe, and answers are
// cached briefly so a burst of commands costs one API call, while a demoted admin loses the right
// within minutes.
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { classifySlackError } from './errors.js';

export type CanManage = (teamId: string, userId: string) => Promise<boolean>;

export interface RightsDeps {
  client: webApi.WebClient;
  /** User ids that may always manage digests (config `slack.managers`). */
  managers: string[];
  log: Logger;
  ttlMs?: number;
  now?: () => number;
}

const DEFAULT_TTL_MS = 5 * 60_000;

/** Builds the admin check. A failed lookup counts as "no" (fail closed) and is logged with its code. */
export function createRightsCheck(deps: RightsDeps): CanManage {
  const managers = new Set(deps.managers);
  const ttl = deps.ttlMs ?? DEFAULT_TTL_MS;
  const now = deps.now ?? Date.now;
  const cache = new Map<string, { admin: boolean; until: number }>();
  return async (teamId, userId) => {
    if (managers.has(userId)) return true;
    const key = `${teamId}:${userId}`;
    const hit = cache.get(key);
    if (hit && hit.until > now()) return hit.admin;
    try {
      const res = await deps.client.users.info({ user: userId });
      const admin =
        res.user?.is_admin === true || res.user?.is_owner === true || res.user?.is_primary_owner === true;
      cache.set(key, { admin, until: now() + ttl });
      return admin;
    } catch (err) {
      const failure = classifySlackError(err);
      deps.log.warn(
        { code: failure.code, team: teamId, user: userId },
        'slack users.info failed; treating the user as not an admin',
      );
      return false;
    }
  };
}
