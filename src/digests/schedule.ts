// When digests run: one node-cron task per distinct (cron expression, time zone), so 10,000
// subscriptions on "daily 08:00 Asia/Tokyo" cost one timer, and the time-zone and daylight-saving
// arithmetic is node-cron's (the same matcher that fires the task computes next run times).
import cron, { type ScheduledTask, type Logger as CronLogger } from 'node-cron';
import type { Logger } from 'pino';

/** A slot: the scheduled time, to the second, as an ISO 8601 UTC string (the claim key). */
export function slotKey(date: Date): string {
  const d = new Date(date.getTime());
  d.setUTCMilliseconds(0);
  return d.toISOString();
}

/** node-cron's logger interface, backed by pino, so node-cron never writes to the console. */
export function cronLogger(log: Logger): CronLogger {
  const asObj = (err?: Error | string) => (err instanceof Error ? { err } : {});
  return {
    info: (message) => log.info({}, message),
    warn: (message) => log.warn({}, message),
    error: (message, err) =>
      log.error(asObj(err ?? message), String(message instanceof Error ? message.message : message)),
    debug: (message, err) =>
      log.debug(asObj(err ?? message), String(message instanceof Error ? message.message : message)),
  };
}

/** The zone's offset from UTC at `date`, in milliseconds (`GMT+05:30` -> 19800000). */
export function offsetMs(date: Date, timeZone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  if (!m) return 0;
  const sign = m[1] === '-' ? -1 : 1;
  return sign * (Number(m[2]) * 60 + Number(m[3])) * 60_000;
}

const groupKey = (schedule: string, timezone: string) => `${timezone}|${schedule}`;

/** Called for every slot of a schedule, including one node-cron reports as missed (event loop busy). */
export type SlotHandler = (schedule: string, timezone: string, slot: Date) => void;

/** Cron tasks per (schedule, time zone), plus the matcher arithmetic the rest of the digests need. */
export interface Scheduler {
  /** Makes the running tasks exactly `groups`: starts new ones, destroys those no longer needed. */
  sync(groups: { schedule: string; timezone: string }[]): void;
  /** The first slot strictly after the current time (system clock), in the zone. */
  nextRun(schedule: string, timezone: string): Date | undefined;
  /**
   * The latest slot at or before `now` and no older than `lookbackMs`, or undefined. Walks back
   * minute by minute (second by second for 6-field expressions) asking node-cron's matcher.
   */
  lastSlotAtOrBefore(schedule: string, timezone: string, now: Date, lookbackMs: number): Date | undefined;
  /** Number of live cron tasks (tests and status). */
  taskCount(): number;
  /** Destroys every task this scheduler made. */
  stop(): Promise<void>;
}

export function createScheduler(deps: { log: Logger; onSlot: SlotHandler }): Scheduler {
  const logger = cronLogger(deps.log.child({ module: 'node-cron' }));
  const live = new Map<string, ScheduledTask>();
  // Stopped tasks used only for their matcher (next run, previous slots); never fire.
  const matchers = new Map<string, ScheduledTask>();

  const matcher = (schedule: string, timezone: string): ScheduledTask => {
    const key = groupKey(schedule, timezone);
    let task = live.get(key) ?? matchers.get(key);
    if (!task) {
      task = cron.createTask(schedule, () => undefined, { timezone, logger });
      matchers.set(key, task);
    }
    return task;
  };

  const start = (schedule: string, timezone: string): ScheduledTask => {
    // The callback only hands the slot over and returns: the digest runner serializes runs per
    // subscription itself, so noOverlap can never make node-cron drop a slot behind a slow one.
    const task = cron.createTask(schedule, (ctx) => deps.onSlot(schedule, timezone, ctx.date), {
      timezone,
      name: `digest ${groupKey(schedule, timezone)}`,
      noOverlap: true,
      logger,
      suppressMissedWarning: true,
    });
    // A heartbeat that came more than a second late (event loop busy) is reported as missed
    // instead of run; the slot is still due, and the claims make running it safe.
    task.on('execution:missed', (ctx) => deps.onSlot(schedule, timezone, ctx.date));
    void task.start();
    return task;
  };

  return {
    sync(groups) {
      const wanted = new Map(groups.map((g) => [groupKey(g.schedule, g.timezone), g]));
      for (const [key, task] of live) {
        if (wanted.has(key)) continue;
        void task.destroy();
        live.delete(key);
      }
      // Matchers of schedules no subscription uses any more (unsubscribed, re-scheduled) would
      // otherwise stay in node-cron's global task registry for the life of the process.
      for (const [key, task] of matchers) {
        if (wanted.has(key)) continue;
        void task.destroy();
        matchers.delete(key);
      }
      for (const [key, g] of wanted) {
        if (live.has(key)) continue;
        live.set(key, start(g.schedule, g.timezone));
        deps.log.debug({ schedule: g.schedule, timezone: g.timezone }, 'digest schedule started');
      }
    },
    nextRun(schedule, timezone) {
      try {
        return matcher(schedule, timezone).getNextRuns(1)[0];
      } catch {
        return undefined;
      }
    },
    lastSlotAtOrBefore(schedule, timezone, now, lookbackMs) {
      const task = matcher(schedule, timezone);
      const fields = cron.parse(schedule);
      const seconds = schedule.trim().split(/\s+/).length === 6;
      const step = seconds ? 1000 : 60_000;
      const minutes = new Set(fields.minute);
      const hours = new Set(fields.hour);
      const secs = new Set(fields.second);
      // Second-precision schedules are only looked for within the hour (catch-up needs 15 minutes).
      const from = now.getTime() - (seconds ? Math.min(lookbackMs, 3_600_000) : lookbackMs);
      // Asking node-cron's matcher costs a time-zone conversion (~25 us); checking minute and hour
      // with plain arithmetic first, under each UTC offset the zone has in the window, leaves the
      // matcher only a handful of real candidates to confirm (it settles DST and day fields).
      const offsets = [...new Set([offsetMs(now, timezone), offsetMs(new Date(from), timezone)])];
      for (let t = Math.floor(now.getTime() / step) * step; t >= from; t -= step) {
        for (const offset of offsets) {
          const local = new Date(t + offset);
          if (!minutes.has(local.getUTCMinutes()) || !hours.has(local.getUTCHours())) continue;
          if (seconds && !secs.has(local.getUTCSeconds())) continue;
          const d = new Date(t);
          if (task.match(d)) return d;
        }
      }
      return undefined;
    },
    taskCount: () => live.size,
    async stop() {
      const all = [...live.values(), ...matchers.values()];
      live.clear();
      matchers.clear();
      // destroy() may or may not return a promise; async makes each one a promise to wait on.
      await Promise.all(all.map(async (t) => t.destroy()));
    },
  };
}
