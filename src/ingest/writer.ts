// The pipeline's storing half: a raw item -> cleaned text, content hash, id, key points, story ->
// the articles table, its sources and its topic tags. Given the repositories of one transaction,
// so a source's items are stored together: a crash mid-source leaves none of them half-written.
import { canonicalUrl, hostOf } from '../core/canonical.js';
import { keyPoints } from '../core/summarize/index.js';
import { cleanArticleText } from '../core/text/clean.js';
import { cutAt, stripControl } from '../core/text/control.js';
import type { ArticleRepository, StoryIndex, UpsertStatus } from '../store/ports.js';
import { articleIdForKey, articleIdForUrl, contentHash } from './ids.js';
import { matchStory } from './stories.js';
import type { Tagger } from './tagging.js';
import type { RawItem } from './types.js';

/** What happened to one item: stored (new/updated/unchanged), or why it was not. */
export type WriteResult =
  { ok: true; status: UpsertStatus; articleId: string } | { ok: false; reason: string };

export interface WriteContext {
  sourceId: string;
  /** Outlet when the item names none: the source's `outlet`, the feed's title, the host. */
  defaultOutlet: string;
  /** True on the source's first successful fetch: the backlog is recorded, not announced. */
  learned: boolean;
  now: Date;
}

export interface ArticleWriter {
  write(item: RawItem, context: WriteContext): Promise<WriteResult>;
}

const MAX_TITLE_CHARS = 300;
/** Words a text needs before sharing it with a stored article makes the two one article. */
const MIN_TWIN_WORDS = 40;

function isArticleLength(cleaned: string): boolean {
  return cleaned.split(/\s+/, MIN_TWIN_WORDS + 1).filter(Boolean).length >= MIN_TWIN_WORDS;
}

export function createArticleWriter(
  articles: ArticleRepository,
  stories: StoryIndex,
  tagger: Tagger,
): ArticleWriter {
  return {
    async write(raw, context) {
      // Escape sequences and control characters never reach the store, so no terminal or chat
      // platform ever receives them, whichever field of the source carried them.
      const item = sanitize(raw);
      const { sourceId, learned, now } = context;
      const defaultOutlet = stripControl(context.defaultOutlet);
      const cleaned = cleanArticleText(item.text);
      const title = chooseTitle(item.title, cleaned);
      if (!title) return { ok: false, reason: 'the item has neither a title nor any text' };
      const url = item.url === undefined ? undefined : canonicalUrl(item.url);
      const key = url ?? item.localKey;
      const hash = contentHash(cleaned || title);
      const id = url ? articleIdForUrl(url) : articleIdForKey(sourceId, key ?? `hash:${hash}`);

      // An article the retention policy already deleted: seen long ago, never news again.
      if (await articles.wasExpired(id)) return { ok: true, status: 'unchanged', articleId: id };
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
        return { ok: true, status: 'unchanged', articleId: id };
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
          return { ok: true, status: 'unchanged', articleId: twin };
        }
      }

      const points = keyPoints(item.text.trim() ? item.text : title, { title });
      const story = known ? undefined : await matchStory(stories, id, cleaned);
      const status = await articles.upsert(
        {
          id,
          sourceId,
          url,
          contentHash: hash,
          title,
          outlet: item.outlet?.trim() || defaultOutlet || (url ? hostOf(url) : undefined) || sourceId,
          publishedAt: item.publishedAt,
          text: cleaned,
          points,
          storyId: story?.storyId,
        },
        { learned, now },
      );
      if (story?.signature) await stories.save(id, story.signature.values, story.signature.bands);
      await tagger.tag(articles, id, { title, text: cleaned });
      return { ok: true, status, articleId: id };
    },
  };
}

/** A fullText feed's excerpt never replaces the longer text stored from the item's page. */
async function keepsStoredText(
  articles: ArticleRepository,
  id: string,
  item: RawItem,
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
