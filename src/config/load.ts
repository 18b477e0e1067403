// Reads and validates the config file. Every problem is reported at once, each naming the file,
// the path inside it (`topics[2].keywords`) and what is wrong, so a user fixes them in one pass.
import type { Result } from '../core/result.js';
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { closest } from '../core/suggest.js';
import type { Topic } from '../core/types.js';
import { parseWhen } from '../digests/when.js';
import {
  configFileSchema,
  knownKeysAt,
  type ConfigFile,
  type DigestConfig,
  type SourceConfig,
} from './schema.js';

export interface Config {
  /** Absolute path of the file this came from. */
  file: string;
  /** Sources with `path` resolved to an absolute path. */
  sources: SourceConfig[];
  topics: Topic[];
  /** `schedule` is the cron expression to run; `label` what the config said (`daily 08:00`). */
  digests: (DigestConfig & { label?: string })[];
  briefing: ConfigFile['briefing'];
  store: ConfigFile['store'];
  slack: ConfigFile['slack'];
  /** Absent in hand-built configs (tests, benches): the defaults apply. */
  fetch?: ConfigFile['fetch'];
}

/** `warnings`: things that load but are probably not what was meant (no topics at all). */
export type ConfigResult = Result<{ config: Config; warnings: string[] }, string[]>;

/** Aliases (`*name`) one file may expand; more is a "billion laughs" bomb, not a config. */
const MAX_ALIASES = 100;

/** `['topics', 2, 'keywords']` -> `topics[2].keywords`. */
export function formatPath(parts: readonly PropertyKey[]): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out || '(top level)';
}

/**
 * Relative source paths are looked up from the config file's folder first (so a config kept
 * elsewhere, given with --config, finds the files beside it), then from the working directory
 * (so the default config's `config/articles/...` works from the project root). A path found in
 * neither place is reported as the config folder's, where the README says to put it.
 */
function resolveSourcePath(p: string, configDir: string, cwd: string): string {
  if (path.isAbsolute(p)) return p;
  const fromConfig = path.resolve(configDir, p);
  if (existsSync(fromConfig)) return fromConfig;
  const fromCwd = path.resolve(cwd, p);
  return existsSync(fromCwd) ? fromCwd : fromConfig;
}

/** What the YAML reader's own failures mean for a person editing the file. */
function describeYamlFailure(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  if (err instanceof RangeError || /call stack/i.test(text))
    return 'the file nests too deeply to read (a config needs only a few levels)';
  if (/excessive alias count/i.test(text))
    return `the file expands more than ${MAX_ALIASES} aliases (*name), which looks like an alias bomb; write the values out`;
  const unresolved = /unresolved alias[^:]*:\s*(\S+)/i.exec(text);
  if (unresolved)
    return `the alias *${unresolved[1]} is used, but no anchor &${unresolved[1]} comes before it`;
  return text.split('\n')[0] ?? text;
}

export function parseConfigText(text: string, file: string, cwd = process.cwd()): ConfigResult {
  let raw: unknown;
  try {
    const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length > 0) {
      const problems = doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        const where = pos ? `line ${pos.line}, column ${pos.col}` : 'syntax';
        const what = /call stack/i.test(e.message)
          ? describeYamlFailure(new RangeError(e.message))
          : e.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '');
        return `${file}: ${where}: ${what}`;
      });
      return { ok: false, error: [...new Set(problems)] };
    }
    raw = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (err) {
    return { ok: false, error: [`${file}: ${describeYamlFailure(err)}`] };
  }
  // An empty file (or one saying only `null`, or /dev/null) is almost always a mistake: a bot
  // with no topics answers nothing. Say so instead of starting empty.
  if (raw === null || raw === undefined)
    return {
      ok: false,
      error: [
        `${file}: the file is empty; it needs at least one topic under topics: (see config/newsbrief.yaml)`,
      ],
    };
  const parsed = configFileSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      error: parsed.error.issues.map((i) => `${file}: ${formatPath(i.path)}: ${describeIssue(i)}`),
    };
  }
  const c = parsed.data;
  const configDir = path.dirname(path.resolve(cwd, file));
  const warnings: string[] = [];
  if (c.topics.length === 0)
    warnings.push(`${file} defines no topics, so /brief has nothing to brief on; add some under topics:`);
  return {
    ok: true,
    value: {
      warnings,
      config: {
        file: path.resolve(cwd, file),
        sources: c.sources.map((s) =>
          s.type === 'file' || s.type === 'dir'
            ? { ...s, path: resolveSourcePath(s.path, configDir, cwd) }
            : s,
        ),
        topics: c.topics.map((t) => ({
          slug: t.slug,
          title: t.title,
          keywords: t.keywords,
          exclude: t.exclude,
          sources: t.sources,
        })),
        digests: c.digests.map((d) => {
          // Validated above: the schedule parses, in chat's grammar or as cron.
          const when = parseWhen(d.schedule);
          return when.ok
            ? { ...d, schedule: when.value.schedule, label: when.value.label }
            : { ...d, label: d.schedule };
        }),
        briefing: c.briefing,
        store: c.store,
        slack: c.slack,
        fetch: c.fetch,
      },
    },
  };
}

/** zod's default wording with the unknown-key case made specific, and a guess at what was meant. */
function describeIssue(issue: {
  code: string;
  message: string;
  keys?: string[];
  path: PropertyKey[];
}): string {
  if (issue.code === 'unrecognized_keys' && issue.keys) {
    const known = knownKeysAt(issue.path);
    const named = issue.keys.map((k) => {
      const near = closest(k, known, 1)[0];
      return near ? `"${k}" (did you mean "${near}"?)` : `"${k}"`;
    });
    return `unknown key${issue.keys.length > 1 ? 's' : ''} ${named.join(', ')}`;
  }
  return issue.message;
}

/** A config file is a few kilobytes; reading stops here (a device like /dev/zero never ends). */
const MAX_CONFIG_BYTES = 1024 * 1024;

function readCapped(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > MAX_CONFIG_BYTES) throw Object.assign(new Error('too large'), { code: 'ETOOBIG' });
      chunks.push(chunk.subarray(0, n));
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

export function loadConfigFile(file: string, cwd = process.cwd()): ConfigResult {
  let text: string;
  try {
    text = readCapped(path.resolve(cwd, file));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'is a directory'
            : code === 'ETOOBIG'
              ? 'larger than 1 MB: not a config file'
              : String((err as Error).message);
    return { ok: false, error: [`${file}: cannot read the config file (${why})`] };
  }
  return parseConfigText(text, file, cwd);
}
