// Local article files: an optional YAML front matter block between `---` lines, then the body.
// The seed article shipped in config/articles/ uses this form.
import { parse } from 'yaml';
import { fail, ok, type Result } from '../core/result.js';

/** What a front matter block may say about its article. */
export interface FrontMatter {
  title?: string;
  outlet?: string;
  /** ISO 8601 (a bare date becomes midnight UTC). */
  publishedAt?: string;
  url?: string;
}

export interface SplitFile {
  /** What the block says (nothing without a block), or why a block that is there cannot be read. */
  meta: Result<FrontMatter, string>;
  /** The rest of the file; the whole of it when there is no readable block's end to split at. */
  body: string;
}

const FENCE = /^---[ \t]*$/;

/** Splits `text` into front matter and body; without a block, the whole text is the body. */
export function splitFrontMatter(text: string): SplitFile {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? '')) return { meta: ok({}), body: text };
  const end = lines.findIndex((l, i) => i > 0 && FENCE.test(l));
  if (end < 0) return { meta: fail('front matter starts with --- but never ends'), body: text };
  const body = lines.slice(end + 1).join('\n');
  let raw: unknown;
  try {
    raw = parse(lines.slice(1, end).join('\n'));
  } catch (err) {
    return { meta: fail(`front matter is not valid YAML (${(err as Error).message.split('\n')[0]})`), body };
  }
  if (raw === null || raw === undefined) return { meta: ok({}), body };
  if (typeof raw !== 'object' || Array.isArray(raw))
    return { meta: fail('front matter is not a set of key: value lines'), body };
  const r = raw as Record<string, unknown>;
  return {
    meta: ok({
      title: textOf(r.title),
      outlet: textOf(r.outlet),
      publishedAt: dateOf(r.published ?? r.date),
      url: textOf(r.url),
    }),
    body,
  };
}

function textOf(v: unknown): string | undefined {
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  if (typeof v === 'number') return String(v);
  return undefined;
}

function dateOf(v: unknown): string | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.toISOString();
  const s = textOf(v);
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}
