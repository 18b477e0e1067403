// The pipeline's storing half, in two steps. prepare, outside any transaction: a raw item ->
// cleaned text (cleaned once, for the stored text and the key points alike), content hash, id,
// and, for an item that will be stored, its key points and story signature. commit, inside the
// source's one transaction: the articles table, its sources, its story and its topic tags. The
// slow work stays out of the transaction, which only reads and writes the store, so a crash
// mid-source leaves none of its items half-written and the store is held only briefly.
import { canonicalUrl, hostOf } from '../core/canonical.js';
import { fail, ok, type Result } from '../core/result.js';
import { keyPoints, keyPointsOfCleaned } from '../core/summarize/index.js';
import { cleanParagraphs } from '../core/text/clean.js';
import { cutAt, stripControl } from '../core/text/control.js';
import type { ArticleRepository, Repositories, UpsertStatus } from '../store/ports.js';
import { articleIdForKey, articleIdForUrl, contentHash } from './ids.js';
import { matchStory, storyKeys, type StoryMatch } from './stories.js';
import type { Tagger } from './tagging.js';
import type { RawItem } from './types.js';

/** What storing one item did (new/updated/unchanged), and the article it is now part of. */
export interface Written {
  status: UpsertStatus;
  articleId: string;
}

export interface WriteContext {
  sourceId: string;
  /** Outlet when the item names none: the source's `outlet`, the feed's title, the host. */
  defaultOutlet: string;
  /** True on the source's first successful fetch: the backlog is recorded, not announced. */
  learned: boolean;
  now: Date;
}

/** An item made ready to store: everything about it that needs no transaction. */
export interface PreparedItem {
  id: string;
  url?: string;
  title: string;
  /** The cleaned text, as stored. */
  cleaned: string;
  hash: string;
  outlet: string;
  publishedAt?: string;
  /** The feed gave only an excerpt (a fullText source's item): never stored over a longer text. */
  excerptOnly?: boolean;
  /** Its key points, for a new or revised article; made on first use (prepare makes them when likely). */
  points(): string[];
  /** Its story signature, for a new article; made on first use, like points. */
  storyKeys(): StoryMatch['signature'];
}

/** The item made ready, or why it cannot be stored (a sentence). */
export type PrepareResult = Result<PreparedItem, string>;

export interface ArticleWriter {
  /** Outside any transaction: reads what it needs through the writer's own repository. */
  prepare(item: RawItem, context: WriteContext): Promise<PrepareResult>;
  /** Inside the source's transaction, with its repositories. */
  commit(
    tx: Pick<Repositories, 'articles' | 'stories'>,
    item: PreparedItem,
    context: WriteContext,
  ): Promise<Written>;
}

const MAX_TITLE_CHARS = 300;
/** Words a text needs before sharing it with a stored article makes the two one article. */
const MIN_TWIN_WORDS = 40;

function isArticleLength(cleaned: string): boolean {
  return cleaned.split(/\s+/, MIN_TWIN_WORDS + 1).filter(Boolean).length >= MIN_TWIN_WORDS;
}

/**
 * What commit will do with the item's content, as far as the store says now: store a new
 * article, revise one, or neither. Commit decides again in its transaction; a guess that turns
 * out wrong only moves when the work is done.
 */
async function expected(
  articles: ArticleRepository,
  item: PreparedItem,
  sourceId: string,
): Promise<'new' | 'revised' | undefined> {
  if (await articles.wasExpired(item.id)) return undefined;
  const known = await articles.fingerprint(item.id);
  if (known)
    return known.sourceId === sourceId && (known.contentHash !== item.hash || known.title !== item.title)
      ? 'revised'
      : undefined;
  const twin = isArticleLength(item.cleaned) ? await articles.findByHash(item.hash) : undefined;
  return twin === undefined ? 'new' : undefined;
}

/** `articles` is read by prepare, outside the transaction. */
export function createArticleWriter(articles: ArticleRepository, tagger: Tagger): ArticleWriter {
  return {
    async prepare(raw, context) {
      // Escape sequences and control characters never reach the store, so no terminal or chat
      // platform ever receives them, whichever field of the source carried them.
      const item = sanitize(raw);
      const { sourceId } = context;
      const defaultOutlet = stripControl(context.defaultOutlet);
      const paragraphs = cleanParagraphs(item.text);
      const cleaned = paragraphs.map((p) => p.join(' ')).join('\n');
      const title = chooseTitle(item.title, cleaned);
      if (!title) return fail('the item has neither a title nor any text');
      const url = item.url === undefined ? undefined : canonicalUrl(item.url);
      const key = url ?? item.localKey;
      const hash = contentHash(cleaned || title);
      const id = url ? articleIdForUrl(url) : articleIdForKey(sourceId, key ?? `hash:${hash}`);
      let points: string[] | undefined;
      let keys: StoryMatch['signature'] | null = null;
      const prepared: PreparedItem = {
        id,
        url,
        title,
        cleaned,
        hash,
        outlet: item.outlet?.trim() || defaultOutlet || (url ? hostOf(url) : undefined) || sourceId,
        publishedAt: item.publishedAt,
        excerptOnly: item.excerptOnly,
        points: () =>
          (points ??= item.text.trim()
            ? keyPointsOfCleaned(item.text, paragraphs, { title })
            : keyPoints(title, { title })),
        storyKeys: () => (keys === null ? (keys = storyKeys(cleaned)) : keys),
      };
      const next = await expected(articles, prepared, sourceId);
      if (next) prepared.points();
      if (next === 'new') prepared.storyKeys();
      return ok(prepared);
    },

    async commit({ articles, stories }, item, context) {
      const { sourceId, learned, now } = context;
      const { id, title, cleaned, hash } = item;
      // An article the retention policy already deleted: seen long ago, never news again.
      if (await articles.wasExpired(id)) return { status: 'unchanged', articleId: id };
      const known = await articles.fingerprint(id);
      // Only the source that first brought an article revises it: two feeds giving one link
      // different headlines or excerpts would otherwise overwrite each other on every poll.
      if (
        known &&
        ((known.contentHash === hash && known.title === title) ||
          known.sourceId !== sourceId ||
          (await keepsStoredText(articles, id, item, cleaned)))
      ) {
        if (await articles.linkSource(id, sourceId, now))
          await tagger.tag(articles, id, { title, text: cleaned });
        return { status: 'unchanged', articleId: id };
      }
      if (!known && isArticleLength(cleaned)) {
        // The same text under another link (a syndicated copy, a changed URL): one article. A
        // short text is not enough: feeds that give every item the same blurb or tagline would
        // otherwise have all their items collapse into the first one.
        const twin = await articles.findByHash(hash);
        if (twin) {
          const article = await articles.get(twin);
          // Remembered so `/brief why <this link>` finds the article it was folded into.
          await articles.recordAlias(id, twin, sourceId, now);
          if ((await articles.linkSource(twin, sourceId, now)) && article)
            await tagger.tag(articles, twin, article);
          return { status: 'unchanged', articleId: twin };
        }
      }

      const points = item.points();
      // Stories are decided once, when an article is first stored; the candidates are read here,
      // in the transaction, so an earlier item of the same source counts as one.
      const story = known ? undefined : await matchStory(stories, id, item.storyKeys());
      const status = await articles.upsert(
        {
          id,
          sourceId,
          url: item.url,
          contentHash: hash,
          title,
          outlet: item.outlet,
          publishedAt: item.publishedAt,
          text: cleaned,
          points,
          storyId: story?.storyId,
        },
        { learned, now },
      );
      if (story?.signature) await stories.save(id, story.signature.values, story.signature.bands);
      await tagger.tag(articles, id, { title, text: cleaned });
      return { status, articleId: id };
    },
  };
}

/** A fullText feed's excerpt never replaces the longer text stored from the item's page. */
async function keepsStoredText(
  articles: ArticleRepository,
  id: string,
  item: PreparedItem,
  cleaned: string,
): Promise<boolean> {
  if (item.excerptOnly !== true) return false;
  const stored = await articles.get(id);
  return stored !== undefined && stored.text.length > cleaned.length;
}

function sanitize(item: RawItem): RawItem {
  const strip = (v: string | undefined) => (v === undefined ? undefined : stripControl(v));
  return {
    ...item,
    title: strip(item.title),
    outlet: strip(item.outlet),
    localKey: strip(item.localKey),
    publishedAt: strip(item.publishedAt),
    text: stripControl(item.text),
  };
}

/** The item's title, else its first sentence-ish words, single-spaced and bounded. */
function chooseTitle(title: string | undefined, cleaned: string): string | undefined {
  const t = title?.replace(/\s+/g, ' ').trim();
  if (t) return t.length > MAX_TITLE_CHARS ? `${cutAt(t, MAX_TITLE_CHARS - 1)}…` : t;
  const first = cleaned.split('\n')[0]?.trim();
  if (!first) return undefined;
  const words = first.split(' ');
  return words.length > 14 ? `${words.slice(0, 14).join(' ')}…` : first;
}
