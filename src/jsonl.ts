// The plumbing of the JSONL batch commands (`newsbrief summarize`, `newsbrief extract --input`):
// the input file or standard input, opened with a reason a person can act on, and one output line
// per non-blank input line, in order, waiting whenever the output asks to drain.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { fail, ok, type Result } from './core/result.js';

/** The input stream (`-` is standard input), or why the file cannot be read. */
export async function openInput(
  input: string,
  stdin: NodeJS.ReadableStream,
): Promise<Result<NodeJS.ReadableStream, string>> {
  if (input === '-') return ok(stdin);
  const stream = createReadStream(input, { encoding: 'utf8' });
  const opened = await new Promise<Error | undefined>((resolve) => {
    stream.once('open', () => resolve(undefined));
    stream.once('error', (err) => resolve(err));
  });
  if (!opened) return ok(stream);
  return fail((opened as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : opened.message);
}

/**
 * Answers each non-blank line (a trailing newline is not a record) with one output line. A line
 * can be megabytes (a page): readline has no line limit, the handler's JSON parse does the rest.
 */
export async function eachLine(
  source: NodeJS.ReadableStream,
  stdout: NodeJS.WritableStream,
  handle: (raw: string, lineNo: number) => { line: string; ok: boolean },
): Promise<{ done: number; failed: number }> {
  const rl = createInterface({ input: source, crlfDelay: Infinity });
  let lineNo = 0;
  let failed = 0;
  let done = 0;
  for await (const raw of rl) {
    lineNo++;
    if (raw.trim() === '') continue;
    const { line, ok } = handle(raw, lineNo);
    if (ok) done++;
    else failed++;
    if (!stdout.write(`${line}\n`)) await new Promise((r) => stdout.once('drain', r));
  }
  return { done, failed };
}
