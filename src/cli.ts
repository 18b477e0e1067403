// The `newsbrief` command line: start | brief | summarize | ingest | topics | status | discord-register.
// Parses arguments, then hands over to main.ts (the composition root) or to a batch tool.
// Returns the exit code instead of calling process.exit, so streams flush and tests can call it.
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { runSummarize } from './summarize-cli.js';

const USAGE = `Usage: newsbrief <command> [options]

Commands:
  start                                  run the bot (Slack/Discord when configured, else the console)
  brief <topic> [--format text|markdown|json]
                                         print one briefing
  summarize [--input FILE|-] [--max-points N]
                                         JSONL {"id","text","title"?} in -> {"id","points"} out
  ingest [--once]                        fetch all sources now (progress on stderr, the table on stdout)
  extract <url> | extract --input FILE|-
                                         what newsbrief reads from a page; JSONL {"id","url","html"} in
                                         -> {"id","title","text","published"?,"author"?,"lang"?} out
  sources import FILE.opml | sources export
                                         add an OPML file's feeds to the config file | print the feeds as OPML
  topics                                 each topic with its article count and newest article
  status                                 each source's last fetch and error; digests failing to post
  discord-register                       write the /brief command definitions to Discord
  migrate --from FILE --to postgres://…  copy a SQLite deployment into PostgreSQL (idempotent)

Options for every command:
  --config FILE    config file (default $NEWSBRIEF_CONFIG or config/newsbrief.yaml)
  --db FILE        SQLite database (default $NEWSBRIEF_DB or data/newsbrief.db)
  -h, --help       this help
  -v, --version    the version`;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: 'string' },
        db: { type: 'string' },
        format: { type: 'string' },
        input: { type: 'string' },
        'max-points': { type: 'string' },
        once: { type: 'boolean' },
        from: { type: 'string' },
        to: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (err) {
    process.stderr.write(`newsbrief: ${(err as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  const [command = values.help ? 'help' : 'start', ...rest] = positionals;
  if (values.help || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const overrides = { configPath: values.config, dbPath: values.db };

  switch (command) {
    case 'summarize': {
      if (rest.length > 0) return usageError(`unexpected argument "${rest[0]}"`);
      const maxPoints = values['max-points'] === undefined ? undefined : Number(values['max-points']);
      if (maxPoints !== undefined && !(Number.isInteger(maxPoints) && maxPoints >= 1 && maxPoints <= 20))
        return usageError('--max-points must be a whole number from 1 to 20');
      return runSummarize({
        input: values.input ?? '-',
        maxPoints,
        stdin: process.stdin,
        stdout: process.stdout,
        stderr: process.stderr,
      });
    }
    case 'brief': {
      const format = values.format ?? 'text';
      if (!['text', 'markdown', 'json'].includes(format))
        return usageError('--format must be text, markdown or json');
      if (rest.length !== 1) return usageError('brief takes one topic, e.g. newsbrief brief japan-defense');
      const { runBrief } = await import('./main.js');
      return runBrief({
        ...overrides,
        topic: rest[0] as string,
        format: format as 'text' | 'markdown' | 'json',
      });
    }
    case 'ingest': {
      if (rest.length > 0) return usageError(`unexpected argument "${rest[0]}"`);
      const { runIngest } = await import('./main.js');
      return runIngest({ ...overrides, once: values.once ?? false });
    }
    case 'topics':
    case 'status': {
      if (rest.length > 0) return usageError(`unexpected argument "${rest[0]}"`);
      const { runChatCommand } = await import('./main.js');
      return runChatCommand({ ...overrides, command });
    }
    case 'start': {
      if (rest.length > 0) return usageError(`unexpected argument "${rest[0]}"`);
      const { runStart } = await import('./main.js');
      return runStart(overrides);
    }
    case 'extract': {
      const { runExtractCommand } = await import('./extract-cli.js');
      const run = runExtractCommand(rest, values.input);
      return run.ok ? run.value : usageError(run.error);
    }
    case 'sources': {
      const { runSourcesCommand } = await import('./sources-cli.js');
      const run = runSourcesCommand(rest, overrides.configPath);
      return run.ok ? run.value : usageError(run.error);
    }
    case 'discord-register': {
      const { runDiscordRegister } = await import('./main.js');
      return runDiscordRegister(overrides);
    }
    case 'migrate': {
      if (rest.length > 0) return usageError(`unexpected argument "${rest[0]}"`);
      if (!values.from || !values.to)
        return usageError('migrate needs --from FILE.db and --to postgres://user@host/db');
      const { runMigrate } = await import('./migrate-cli.js');
      return runMigrate({ from: values.from, to: values.to, stderr: process.stderr });
    }
    default:
      return usageError(`unknown command "${command}"`);
  }
}

function usageError(message: string): number {
  process.stderr.write(`newsbrief: ${message}\n\n${USAGE}\n`);
  return 2;
}
