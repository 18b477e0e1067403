// `newsbrief sources import FILE.opml` and `newsbrief sources export`: feed subscriptions in and
// out as OPML, the format every feed reader speaks.
//
// Import adds the file's feeds to the `sources:` list of the config file itself (the one the bot
// reads, from --config or NEWSBRIEF_CONFIG), keeping the file's comments and layout, because that
// is where an admin looks for and edits sources. Feeds already listed (same URL) are left alone.
// The OPML is checked and the config as it would be after the import is validated exactly as at
// start; if anything is wrong, every problem is listed and the file is not touched.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isSeq, parseDocument } from 'yaml';
import { DEFAULT_CONFIG_PATH, loadConfigFile, parseConfigText, processEnv } from './config/index.js';
import { fail, ok, type Result } from './core/result.js';
import { parseOpml, writeOpml, type OpmlFeed } from './ingest/feed/opml.js';

export interface SourcesIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

function problemList(what: string, problems: string[]): string {
  const count = problems.length === 1 ? 'a problem' : `${problems.length} problems`;
  return `newsbrief: ${what} has ${count}:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`;
}

/** The file's text, or undefined once stderr says why it cannot be read (`what` names it there). */
function readOrSay(file: string, what: string, io: SourcesIo): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    io.stderr.write(
      `newsbrief: cannot read ${what}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}\n`,
    );
    return undefined;
  }
}

/** A source id from a feed's name (or its host): lowercase letters, digits and hyphens. */
export function sourceIdFor(feed: OpmlFeed, taken: Set<string>): string {
  const slug = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '');
  const host = new URL(feed.url).hostname.replace(/^www\./, '');
  const base = slug(feed.title ?? '') || slug(host) || 'feed';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

function sameUrl(a: string): string {
  try {
    return new URL(a).toString();
  } catch {
    return a;
  }
}

/** `newsbrief sources import FILE.opml`. */
export function runSourcesImport(opmlFile: string, configFile: string, io: SourcesIo): number {
  const opmlText = readOrSay(opmlFile, opmlFile, io);
  if (opmlText === undefined) return 2;
  const opml = parseOpml(opmlText);
  if (!opml.ok) {
    io.stderr.write(problemList(`the OPML file ${opmlFile}`, opml.error));
    return 2;
  }
  const configText = readOrSay(configFile, `the config file ${configFile}`, io);
  if (configText === undefined) return 2;
  const before = parseConfigText(configText, configFile);
  if (!before.ok) {
    io.stderr.write(
      problemList(`the config file ${configFile}`, before.error) + 'Fix it first; nothing was imported.\n',
    );
    return 2;
  }
  const listed = new Set(
    before.value.config.sources.flatMap((s) =>
      s.type === 'feed' || s.type === 'page' ? [sameUrl(s.url)] : [],
    ),
  );
  const taken = new Set(before.value.config.sources.map((s) => s.id));
  const fresh = opml.value.filter((f) => !listed.has(sameUrl(f.url)));
  const already = opml.value.length - fresh.length;
  if (fresh.length === 0) {
    io.stdout.write(
      `Nothing to import: all ${opml.value.length} feeds of ${opmlFile} are already in ${configFile}.\n`,
    );
    return 0;
  }
  const doc = parseDocument(configText);
  const added = fresh.map((f) => {
    const source: Record<string, string> = { id: sourceIdFor(f, taken), type: 'feed', url: f.url };
    if (f.title) source.outlet = f.title;
    return source;
  });
  const sources = doc.get('sources');
  if (isSeq(sources)) for (const s of added) sources.add(doc.createNode(s));
  else doc.set('sources', doc.createNode(added));
  const next = doc.toString();
  const after = parseConfigText(next, configFile);
  if (!after.ok) {
    io.stderr.write(
      problemList(`the config file ${configFile} with these feeds added`, after.error) +
        'Nothing was imported.\n',
    );
    return 2;
  }
  // Written beside and renamed over, so a crash leaves the old file or the new one, never half.
  const tmp = path.join(path.dirname(configFile), `.${path.basename(configFile)}.import-${process.pid}`);
  writeFileSync(tmp, next);
  renameSync(tmp, configFile);
  io.stdout.write(
    `Imported ${added.length} feed${added.length === 1 ? '' : 's'} into ${configFile}` +
      (already ? ` (${already} already there)` : '') +
      `: ${added.map((s) => s.id).join(', ')}.\n` +
      'Topics without a `sources:` list read them at once; the bot picks them up at its next start.\n',
  );
  return 0;
}

/** `newsbrief sources export`: the config's feed sources as OPML on standard output. */
export function runSourcesExport(configFile: string, io: SourcesIo): number {
  const loaded = loadConfigFile(configFile);
  if (!loaded.ok) {
    io.stderr.write(problemList(`the config file ${configFile}`, loaded.error));
    return 2;
  }
  const feeds = loaded.value.config.sources.flatMap((s) =>
    s.type === 'feed' ? [{ url: s.url, title: s.outlet ?? s.id }] : [],
  );
  io.stdout.write(writeOpml(feeds));
  if (feeds.length === 0)
    io.stderr.write(`newsbrief: ${configFile} has no feed sources; the list is empty.\n`);
  return 0;
}

/** The `sources` command from its arguments: the exit code of the run, or a usage problem. */
export function runSourcesCommand(
  rest: string[],
  configOverride: string | undefined,
): Result<number, string> {
  const io = { stdout: process.stdout, stderr: process.stderr };
  // The same file the bot reads: --config, else NEWSBRIEF_CONFIG, else the default.
  const configFile = configOverride ?? processEnv().NEWSBRIEF_CONFIG ?? DEFAULT_CONFIG_PATH;
  const [sub, ...args] = rest;
  if (sub === 'import') {
    if (args.length !== 1)
      return fail('sources import takes one OPML file, e.g. newsbrief sources import subscriptions.opml');
    return ok(runSourcesImport(args[0] as string, configFile, io));
  }
  if (sub === 'export') {
    if (args.length > 0)
      return fail(`unexpected argument "${args[0]}" (sources export writes OPML to standard output)`);
    return ok(runSourcesExport(configFile, io));
  }
  return fail('sources takes import FILE.opml or export');
}
