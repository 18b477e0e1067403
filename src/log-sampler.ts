// Repeated log lines, aggregated: a flood of rejected requests (104,293 badly signed ones wrote
// 20 MB of log in 20 s) must not fill the disk or bury what matters. The first few lines of a
// kind in each window are written as they come; the rest are counted and reported as one line
// ("…N more like this") when the window has passed and the next one arrives.

export interface LogSampler {
  /** True when this line should be written now; otherwise it has been counted. */
  admit(key: string): boolean;
  /** Kinds whose lines were held back in a window that has ended: report them once. */
  drainSuppressed(): { key: string; count: number }[];
}

export function createLogSampler(
  options: { perWindow?: number; windowMs?: number; now?: () => number } = {},
): LogSampler {
  const perWindow = options.perWindow ?? 5;
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? Date.now;
  const kinds = new Map<string, { start: number; written: number; held: number }>();
  const ended: { key: string; count: number }[] = [];
  const roll = (at: number) => {
    for (const [key, k] of kinds) {
      if (at - k.start < windowMs) continue;
      if (k.held > 0) ended.push({ key, count: k.held });
      kinds.delete(key);
    }
  };
  return {
    admit(key) {
      const at = now();
      roll(at);
      let k = kinds.get(key);
      if (!k) kinds.set(key, (k = { start: at, written: 0, held: 0 }));
      if (k.written < perWindow) {
        k.written++;
        return true;
      }
      k.held++;
      return false;
    },
    drainSuppressed() {
      roll(now());
      return ended.splice(0);
    },
  };
}

/** The kind of a line: its words with numbers, ids and hex blobs blanked, so retries group. */
export function lineKind(text: string): string {
  return text.replace(/[0-9a-f]{8,}|\d+/gi, '#').slice(0, 200);
}
