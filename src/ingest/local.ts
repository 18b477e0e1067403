// `file` and `dir` sources: text or markdown articles on disk. A file without front matter takes
// its title from its first line (or its name) and its date from its modification time.
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fail, ok } from '../core/result.js';
import { splitFrontMatter } from './frontmatter.js';
import type { RawItem, SourceRead } from './types.js';

const ARTICLE_EXTENSIONS = new Set(['.txt', '.md', '.markdown', '.text']);
/** A local article larger than this is not an article; skipping it keeps memory bounded. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Reads one article file; `relative` is its path inside the source (the stable part of its id). */
export async function readArticleFile(file: string, relative: string): Promise<RawItem> {
  const info = await stat(file);
  // A device (/dev/zero), a FIFO or a socket has no size to check and may never end.
  if (!info.isFile()) throw new Error('not a regular file (a device, pipe or socket)');
  if (info.size > MAX_FILE_BYTES) throw new Error('larger than 5 MB');
  const text = await readCapped(file);
  const { meta: frontMatter, body } = splitFrontMatter(text);
  // An unreadable block does not cost the article: it is read with the defaults below.
  const meta = frontMatter.ok ? frontMatter.value : {};
  const plain = stripMarkdown(body);
  const firstLine = plain
    .split('\n')
    .find((l) => l.trim() !== '')
    ?.trim();
  const hasMetaTitle = meta.title !== undefined;
  return {
    localKey: relative.split(path.sep).join('/'),
    url: meta.url,
    title: meta.title ?? firstLine?.slice(0, 200) ?? path.basename(file, path.extname(file)),
    outlet: meta.outlet,
    publishedAt: meta.publishedAt ?? info.mtime.toISOString(),
    // Without front matter the first line is the headline: keep it out of the body's points.
    text: hasMetaTitle || !firstLine ? plain : plain.slice(plain.indexOf(firstLine) + firstLine.length),
  };
}

/** The file's text, read no further than the cap (a file may grow between stat and read). */
async function readCapped(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const { bytesRead, buffer } = await handle.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > MAX_FILE_BYTES) throw new Error('larger than 5 MB');
      chunks.push(buffer.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    await handle.close();
  }
}

/** Markdown headings, emphasis and link syntax would otherwise end up inside key points. */
function stripMarkdown(text: string): string {
  return text
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2');
}

/** A `file` source: one article. */
export async function readFileSource(file: string): Promise<SourceRead> {
  try {
    return ok({ items: [await readArticleFile(file, path.basename(file))] });
  } catch (err) {
    return fail({ reason: describeFsError(err, file), ...goneIf(err) });
  }
}

/** A `dir` source: every article file below the folder; one unreadable file skips only itself. */
export async function readDirSource(dir: string): Promise<SourceRead> {
  let files: string[];
  try {
    files = (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile() && ARTICLE_EXTENSIONS.has(path.extname(e.name).toLowerCase()))
      .map((e) => path.join(e.parentPath, e.name))
      .sort();
  } catch (err) {
    return fail({ reason: describeFsError(err, dir), ...goneIf(err) });
  }
  const items: RawItem[] = [];
  const skipped: string[] = [];
  for (const file of files) {
    const relative = path.relative(dir, file);
    try {
      items.push(await readArticleFile(file, relative));
    } catch (err) {
      skipped.push(describeFsError(err, relative));
    }
  }
  return ok({ items, skipped });
}

function goneIf(err: unknown): { gone?: true } {
  return (err as NodeJS.ErrnoException).code === 'ENOENT' ? { gone: true } : {};
}

function describeFsError(err: unknown, where: string): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `${where}: no such file or folder`;
  if (code === 'EACCES') return `${where}: permission denied`;
  if (code === 'ENOTDIR') return `${where}: is not a folder`;
  if (code === 'EISDIR') return `${where}: is a folder, not a file (use type: dir)`;
  return `${where}: ${(err as Error).message}`;
}
