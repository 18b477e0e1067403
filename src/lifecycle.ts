// When a long-running command (`start`, `ingest` without --once) should stop: SIGINT, SIGTERM,
// or — when a package manager's script launched it — its parent process going away.
//
// Why the parent: `npm start` runs `sh -c "node bin/newsbrief.js start"`. A SIGTERM to npm
// reaches the shell, which dies without passing it on, and the bot would keep running as an
// orphan, still holding the database. So under npm (or npx, yarn, pnpm) the bot also stops when
// its parent changes. Run directly (systemd, a container, `nohup`), it answers only to signals,
// so a deliberate `nohup newsbrief start &` survives the shell that started it.
import type { Logger } from 'pino';

/** How often the parent is looked at; a stop then begins within about this long. */
export const PARENT_POLL_MS = 1_000;

export interface StopWatch {
  /** Resolves with the reason (`SIGINT`, `SIGTERM`, `parent exited`) once a stop is asked for. */
  stopped: Promise<string>;
  /** True once a stop has been asked for. */
  requested(): boolean;
  /** Removes the signal handlers and the parent check (the process may then end on its own). */
  dispose(): void;
}

export function watchForStop(options: {
  log: Logger;
  /** Stop when the parent process goes away (launched by a package manager's script). */
  withParent: boolean;
  /**
   * Keep the process alive while waiting. `ingest` needs it: its poll timers never hold the
   * process open on their own, so without this it would end after the first round.
   */
  keepAlive?: boolean;
}): StopWatch {
  let reason: string | undefined;
  let resolveStopped: (why: string) => void = () => undefined;
  const stopped = new Promise<string>((resolve) => (resolveStopped = resolve));
  const stop = (why: string) => {
    if (reason !== undefined) return;
    reason = why;
    options.log.info({ signal: why }, 'stopping');
    resolveStopped(why);
  };
  const onInt = () => stop('SIGINT');
  const onTerm = () => stop('SIGTERM');
  process.once('SIGINT', onInt);
  process.once('SIGTERM', onTerm);

  const parent = process.ppid;
  let timer: NodeJS.Timeout | undefined;
  if (options.withParent || options.keepAlive) {
    timer = setInterval(() => {
      if (options.withParent && process.ppid !== parent) stop('parent exited');
    }, PARENT_POLL_MS);
    if (!options.keepAlive) timer.unref();
  }
  return {
    stopped,
    requested: () => reason !== undefined,
    dispose() {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      if (timer) clearInterval(timer);
    },
  };
}
