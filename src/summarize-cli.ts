// `newsbrief summarize`: batch key points over JSONL. One output line per input line, in input
// order; a bad line yields {"line": N, "error": "..."} and the rest go on. Streams both ways so a
// file of any size runs in constant memory. A line is one article ({"id","text","title"?} ->
// {"id","points"}) or several ({"id","topic"?,"articles":[...]} -> {"id","points","cites"}).
import { z } from 'zod';
import { briefCluster } from './core/cluster.js';
import { fail, ok, type Result } from './core/result.js';
import { keyPoints } from './core/summarize/index.js';
import { eachLine, openInput } from './jsonl.js';

/** Points of a multi-article line without --max-points: the default of `briefing.maxPoints`. */
const DEFAULT_BRIEFING_POINTS = 6;

const singleLine = z.object({
  id: z.union([z.string(), z.number()]),
  text: z.string(),
  title: z.string().optional(),
});

// The multi-article form: a briefing of the articles, by the engine `/brief` runs (core/cluster.ts).
const clusterLine = z.object({
  id: z.union([z.string(), z.number()]),
  topic: z.object({ title: z.string(), keywords: z.array(z.string()).optional() }).optional(),
  articles: z
    .array(
      z.object({
        title: z.string().optional(),
        text: z.string(),
        outlet: z.string().optional(),
        published: z.string().optional(),
        url: z.string().optional(),
      }),
    )
    .min(1, 'needs at least one article'),
});

type InputLine =
  | { kind: 'single'; value: z.infer<typeof singleLine> }
  | { kind: 'cluster'; value: z.infer<typeof clusterLine> };

export interface SummarizeOptions {
  /** A file path, or `-` for standard input. */
  input: string;
  maxPoints?: number;
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** The line parsed, or why it was refused, in words (the first problem is enough to fix it). */
function parseLine(raw: string): Result<InputLine, string> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return fail('not valid JSON');
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    return fail('expected a JSON object with "id" and "text", or "id" and "articles"');
  const multi = 'articles' in json;
  const parsed = (multi ? clusterLine : singleLine).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'line';
    return fail(`"${field}": ${issue?.message ?? 'invalid'}`);
  }
  if (multi) {
    const value = parsed.data as z.infer<typeof clusterLine>;
    const empty = value.articles.findIndex((a) => a.text.trim() === '');
    if (empty >= 0) return fail(`"articles.${empty}.text" is empty`);
    return ok({ kind: 'cluster', value });
  }
  const value = parsed.data as z.infer<typeof singleLine>;
  if (value.text.trim() === '') return fail('"text" is empty');
  return ok({ kind: 'single', value });
}

/** The output line for a parsed input line. */
function summarizeLine(line: InputLine, maxPoints: number | undefined): string {
  if (line.kind === 'single') {
    const { id, text, title } = line.value;
    return JSON.stringify({ id, points: keyPoints(text, { title, maxPoints }) });
  }
  const { id, topic, articles } = line.value;
  const b = briefCluster(articles, { maxPoints: maxPoints ?? DEFAULT_BRIEFING_POINTS, topic });
  return JSON.stringify({ id, points: b.points, cites: b.cites });
}

export async function runSummarize(options: SummarizeOptions): Promise<number> {
  const source = await openInput(options.input, options.stdin);
  if (!source.ok) {
    options.stderr.write(`newsbrief summarize: cannot read ${options.input}: ${source.error}\n`);
    return 2;
  }
  const { done, failed } = await eachLine(source.value, options.stdout, (raw, lineNo) => {
    const parsed = parseLine(raw);
    return parsed.ok
      ? { line: summarizeLine(parsed.value, options.maxPoints), ok: true }
      : { line: JSON.stringify({ line: lineNo, error: parsed.error }), ok: false };
  });
  options.stderr.write(`newsbrief summarize: ${done} summarized, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}
