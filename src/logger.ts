// The process logger: pino to stderr, readable on a terminal and JSON otherwise. Secrets are
// removed twice over: by key (token, secret, authorization fields) and by value (any known
// secret string anywhere in a line, e.g. inside an error message from a library).
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import { redactUrls } from './ingest/fetch/redact.js';

export type { Logger };

const REDACT_PATHS = [
  'token',
  '*.token',
  'botToken',
  '*.botToken',
  'appToken',
  'signingSecret',
  '*.signingSecret',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'req.headers.authorization',
];

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface LoggerOptions {
  level: string;
  /** Secret values to scrub from every line. */
  secrets?: string[];
  /** Where lines go; defaults to stderr (fd 2). Tests pass a memory stream. */
  destination?: NodeJS.WritableStream;
  /** Pretty output; defaults to whether stderr is a terminal. */
  pretty?: boolean;
}

export function createLogger(options: LoggerOptions): Logger {
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 6);
  const scrub = secrets.length > 0 ? new RegExp(secrets.map(escapeRegExp).join('|'), 'g') : undefined;
  const usePretty = options.pretty ?? (options.destination === undefined && process.stderr.isTTY === true);
  const destination = usePretty
    ? pretty({
        destination: 2,
        colorize: true,
        translateTime: 'SYS:HH:MM:ss',
        ignore: 'pid,hostname',
        sync: true,
      })
    : (options.destination ?? pino.destination({ dest: 2, sync: true }));
  return pino(
    {
      level: options.level,
      base: undefined,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      // Addresses anywhere in a line (an error message, a stack) lose credentials and secret
      // parameters; then every known secret value goes, wherever it appears.
      hooks: {
        streamWrite: (line) => {
          const clean = line.includes('://') ? redactUrls(line) : line;
          return scrub ? clean.replace(scrub, '[redacted]') : clean;
        },
      },
    },
    destination,
  );
}
