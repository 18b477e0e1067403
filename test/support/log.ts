// A real pino logger writing into memory, for tests that check what was logged (and that secrets
// were not): `lines` as written, `records` parsed.
import { pino, type Logger } from 'pino';

export interface MemoryLog {
  log: Logger;
  lines: string[];
  records: Record<string, unknown>[];
}

/** `records` may be passed in to share one list between several loggers (several services). */
export function memoryLog(options: { level?: string; records?: Record<string, unknown>[] } = {}): MemoryLog {
  const lines: string[] = [];
  const records = options.records ?? [];
  const log = pino(
    { level: options.level ?? 'debug' },
    {
      write: (s: string) => {
        lines.push(s);
        records.push(JSON.parse(s) as Record<string, unknown>);
      },
    },
  );
  return { log, lines, records };
}
