// `newsbrief extract`: what newsbrief reads from a web page.
//   newsbrief extract <url>              fetch one page (same limits as ingestion) and show it
//   newsbrief extract --input FILE|-     JSONL {"id","url","html"} in, one line out per input line,
//                                        in order: {"id","title","text","published"?,"author"?,"lang"?}
// In batch mode the text is empty when the page holds no article; a bad line gives
// {"line": N, "error": "..."} and the rest go on. Exit 0 only if every line was read.
import { z } from 'zod';
import { fail, ok, type Result } from './core/result.js';
import {
  createHttpClient,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_USER_AGENT,
} from './ingest/fetch/http.js';
import { createHostLimiter } from './ingest/fetch/host-limiter.js';
import { redactUrl } from './ingest/fetch/redact.js';
import { eachLine, openInput } from './jsonl.js';
import { decodeBody } from './ingest/markup/decode.js';
import { extractPage, MIN_ARTICLE_WORDS, wordCount, type PageExtraction } from './ingest/page/extract.js';

const inputLine = z.object({
  id: z.union([z.string(), z.number()]),
  url: z.string().optional(),
  html: z.string(),
});

export interface ExtractOptions {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** Pages without a URL are read as if from this one (relative links resolve somewhere harmless). */
const NO_URL = 'http://localhost/';

function baseUrl(url: string | undefined): string | undefined {
  if (url === undefined || url === '') return NO_URL;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** One output line for one input line. */
function extractLine(raw: string, lineNo: number): { out: Record<string, unknown>; ok: boolean } {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, out: { line: lineNo, error: 'not valid JSON' } };
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    return { ok: false, out: { line: lineNo, error: 'expected a JSON object with "id" and "html"' } };
  const parsed = inputLine.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'line';
    if (issue && (json as Record<string, unknown>)[field] === undefined)
      return { ok: false, out: { line: lineNo, error: `"${field}" is missing` } };
    return {
      ok: false,
      out: { line: lineNo, error: `"${issue?.path.join('.') || 'line'}": ${issue?.message ?? 'invalid'}` },
    };
  }
  const { id, url, html } = parsed.data;
  const base = baseUrl(url);
  if (!base) return { ok: false, out: { line: lineNo, error: '"url": must be an http or https URL' } };
  const r = extractPage(html, base);
  const facts = r.ok ? r.value : r.error.metadata;
  const out: Record<string, unknown> = { id, title: facts.title ?? '', text: r.ok ? r.value.text : '' };
  if (facts.publishedAt) out.published = facts.publishedAt;
  if (facts.byline) out.author = facts.byline;
  if (facts.lang) out.lang = facts.lang;
  return { ok: true, out };
}

/** `newsbrief extract --input FILE|-`. */
export async function runExtractBatch(input: string, options: ExtractOptions): Promise<number> {
  const source = await openInput(input, options.stdin);
  if (!source.ok) {
    options.stderr.write(`newsbrief extract: cannot read ${input}: ${source.error}\n`);
    return 2;
  }
  const { done, failed } = await eachLine(source.value, options.stdout, (raw, lineNo) => {
    const extracted = extractLine(raw, lineNo);
    return { line: JSON.stringify(extracted.out), ok: extracted.ok };
  });
  options.stderr.write(`newsbrief extract: ${done} read, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}

/** The human view of one extraction. */
export function describeExtraction(url: string, r: PageExtraction): string {
  const facts = r.ok ? r.value : r.error.metadata;
  const lines = [
    `title:     ${facts.title ?? '(none)'}`,
    `outlet:    ${facts.siteName ?? '(none)'}`,
    `published: ${facts.publishedAt ?? '(not stated)'}`,
    `author:    ${facts.byline ?? '(not stated)'}`,
    `language:  ${facts.lang ?? '(not stated)'}`,
    `canonical: ${facts.canonical ?? url}`,
  ];
  if (!r.ok) {
    lines.push('', `No article: ${r.error.reason}.`);
    return lines.join('\n');
  }
  const words = wordCount(r.value.text);
  lines.push(`words:     ${words}`);
  if (words < MIN_ARTICLE_WORDS)
    lines.push(
      `note:      under ${MIN_ARTICLE_WORDS} words; as a source, this page would not be stored as an article`,
    );
  lines.push('', r.value.text);
  return lines.join('\n');
}

/** `newsbrief extract <url>`: fetch the page with ingestion's limits and show what is read. */
export async function runExtractUrl(url: string, options: ExtractOptions): Promise<number> {
  if (!baseUrl(url) || url === '') {
    options.stderr.write(`newsbrief extract: "${url}" is not an http or https URL\n`);
    return 2;
  }
  const http = createHttpClient({
    userAgent: DEFAULT_USER_AGENT,
    timeoutMs: DEFAULT_TIMEOUT_MS,
    maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
    limiter: createHostLimiter(1),
  });
  const res = await http.get({ url, accept: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5' });
  if (!res.ok) {
    options.stderr.write(`newsbrief extract: could not fetch ${redactUrl(url)}: ${res.error.reason}\n`);
    return 1;
  }
  const page = res.value;
  if (page.notModified) return 1; // never: no validators were sent
  const r = extractPage(decodeBody(page.body, page.contentType, 'html'), page.url);
  options.stdout.write(`${describeExtraction(redactUrl(page.url), r)}\n`);
  return r.ok ? 0 : 1;
}

/** The `extract` command from its arguments: the run (its exit code), or a usage problem. */
export function runExtractCommand(
  rest: string[],
  input: string | undefined,
): Result<Promise<number>, string> {
  const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
  if (input !== undefined) {
    if (rest.length > 0) return fail(`extract takes a URL or --input, not both ("${rest[0]}")`);
    return ok(runExtractBatch(input, io));
  }
  if (rest.length !== 1)
    return fail('extract takes one URL, e.g. newsbrief extract https://example.org/story, or --input FILE|-');
  return ok(runExtractUrl(rest[0] as string, io));
}
