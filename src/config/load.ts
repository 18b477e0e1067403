// Reads and validates the config file. Every problem is reported at once, each naming the file,
// the path inside it (`topics[2].keywords`) and what is wrong, so a user fixes them in one pass.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { Topic } from '../core/types.js';
import { configFileSchema, type ConfigFile, type DigestConfig, type SourceConfig } from './schema.js';

export interface Config {
  /** Absolute path of the file this came from. */
  file: string;
  /** Sources with `path` resolved to an absolute path. */
  sources: SourceConfig[];
  topics: Topic[];
  digests: DigestConfig[];
  briefing: ConfigFile['briefing'];
  store: ConfigFile['store'];
  slack: ConfigFile['slack'];
  /** Absent in hand-built configs (tests, benches): the defaults apply. */
  fetch?: ConfigFile['fetch'];
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

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
 * Relative source paths are looked up from the working directory first (so the default
 * config's `config/articles/...` works when run from the project root) and then from the config file's
 * folder (so a config kept elsewhere can name files beside it).
 */
function resolveSourcePath(p: string, configDir: string, cwd: string): string {
  if (path.isAbsolute(p)) return p;
  const fromCwd = path.resolve(cwd, p);
  if (existsSync(fromCwd)) return fromCwd;
  const fromConfig = path.resolve(configDir, p);
  return existsSync(fromConfig) ? fromConfig : fromCwd;
}

export function parseConfigText(text: string, file: string, cwd = process.cwd()): ConfigResult {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        const where = pos ? `line ${pos.line}, column ${pos.col}` : 'syntax';
        return `${file}: ${where}: ${e.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}`;
      }),
    };
  }
  const raw: unknown = doc.toJS() ?? {};
  const parsed = configFileSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => `${file}: ${formatPath(i.path)}: ${describeIssue(i)}`),
    };
  }
  const c = parsed.data;
  const configDir = path.dirname(path.resolve(cwd, file));
  return {
    ok: true,
    config: {
      file: path.resolve(cwd, file),
      sources: c.sources.map((s) =>
        s.type === 'file' || s.type === 'dir' ? { ...s, path: resolveSourcePath(s.path, configDir, cwd) } : s,
      ),
      topics: c.topics.map((t) => ({
        slug: t.slug,
        title: t.title,
        keywords: t.keywords,
        exclude: t.exclude,
        sources: t.sources,
      })),
      digests: c.digests,
      briefing: c.briefing,
      store: c.store,
      slack: c.slack,
      fetch: c.fetch,
    },
  };
}

/** zod's default wording with the unknown-key case made specific. */
function describeIssue(issue: { code: string; message: string; keys?: string[] }): string {
  if (issue.code === 'unrecognized_keys' && issue.keys)
    return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return issue.message;
}

export function loadConfigFile(file: string, cwd = process.cwd()): ConfigResult {
  let text: string;
  try {
    text = readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'is a directory'
            : String((err as Error).message);
    return { ok: false, problems: [`${file}: cannot read the config file (${why})`] };
  }
  return parseConfigText(text, file, cwd);
}
