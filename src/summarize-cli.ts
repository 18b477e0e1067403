// `newsbrief summarize`: batch key points over JSONL. One output line per input line, in input
// order; a bad line yields {"line": N, "error": "..."} and the rest go on. Streams both ways so a
// file of any size runs in constant memory.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { keyPoints } from './core/summarize/index.js';

const inputLine = z.object({
  id: z.union([z.string(), z.number()]),
  text: z.string(),
  title: z.string().optional(),
});

export interface SummarizeOptions {
  /** A file path, or `-` for standard input. */
  input: string;
  maxPoints?: number;
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** Why a line was refused, in words (the first problem is enough to fix it). */
function lineError(raw: string): { value?: z.infer<typeof inputLine>; error?: string } {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { error: 'not valid JSON' };
  }
  const parsed = inputLine.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'line';
    if (json === null || typeof json !== 'object' || Array.isArray(json))
      return { error: 'expected a JSON object with "id" and "text"' };
    return { error: `"${field}": ${issue?.message ?? 'invalid'}` };
  }
  return { value: parsed.data };
}

export async function runSummarize(options: SummarizeOptions): Promise<number> {
  let source: NodeJS.ReadableStream;
  if (options.input === '-') source = options.stdin;
  else {
    const stream = createReadStream(options.input, { encoding: 'utf8' });
    const opened = await new Promise<Error | undefined>((resolve) => {
      stream.once('open', () => resolve(undefined));
      stream.once('error', (err) => resolve(err));
    });
    if (opened) {
      options.stderr.write(
        `newsbrief summarize: cannot read ${options.input}: ${(opened as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : opened.message}\n`,
      );
      return 2;
    }
    source = stream;
  }
  const rl = createInterface({ input: source, crlfDelay: Infinity });
  let lineNo = 0;
  let failed = 0;
  let done = 0;
  for await (const raw of rl) {
    lineNo++;
    if (raw.trim() === '') continue; // blank lines (a trailing newline) are not records
    const { value, error } = lineError(raw);
    let out: string;
    if (!value) {
      failed++;
      out = JSON.stringify({ line: lineNo, error });
    } else if (value.text.trim() === '') {
      failed++;
      out = JSON.stringify({ line: lineNo, error: '"text" is empty' });
    } else {
      const points = keyPoints(value.text, { title: value.title, maxPoints: options.maxPoints });
      done++;
      out = JSON.stringify({ id: value.id, points });
    }
    if (!options.stdout.write(`${out}\n`)) await new Promise((r) => options.stdout.once('drain', r));
  }
  options.stderr.write(`newsbrief summarize: ${done} summarized, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}
