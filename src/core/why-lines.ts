// A `/brief why` explanation -> its sentences. The words come from the messages table; only how a
// value looks (a link, a time, a name in code style, untrusted text) is left to each platform, so
// Slack, Discord and the console say the same thing in the same words.
import { mapParams, message, say, type Message, type MessageCode, type MessageParams } from './messages.js';
import type { WhyArticle, WhyExplanation, WhyReason, WhySource } from './why.js';

/** A value inside a sentence, before the platform formats it. */
export type WhyValue =
  | number
  /** Untrusted text (a title, an error, a typed word): the platform escapes it. */
  | { text: string }
  /** A name people type (a topic slug, a source id, a keyword): shown as code. */
  | { code: string }
  | { link: string; url?: string }
  /** An ISO time. */
  | { time: string }
  /** Joined with commas and a last "and" (or "or", for "none of ..."). */
  | { list: WhyValue[]; or?: boolean };

/** The values a code declares, each before the platform formats it. */
type WhyParams<C extends MessageCode> =
  MessageParams<C> extends object ? { [K in keyof MessageParams<C>]: WhyValue } : Record<string, never>;

/** One sentence: its code in the messages table and the values it needs. */
export type WhyLine = { [C in MessageCode]: { code: C; params: WhyParams<C> } }[MessageCode];

/** How a platform shows each kind of value (escaping included). */
export interface WhyStyle {
  text(text: string): string;
  code(name: string): string;
  link(label: string, url: string | undefined): string;
  time(iso: string): string;
}

const articleValue = (a: WhyArticle): WhyValue => ({ link: a.title, url: a.url });
const codes = (names: string[], or = false): WhyValue => ({ list: names.map((code) => ({ code })), or });

function askedValue(e: WhyExplanation): WhyValue {
  return e.asked.kind === 'link' ? { link: e.asked.link, url: e.asked.link } : { text: e.asked.words };
}

function headline(e: WhyExplanation): WhyLine {
  const h = e.headline;
  const subject: WhyValue = e.article ? articleValue(e.article) : askedValue(e);
  switch (h.verdict) {
    case 'not-seen':
      return e.asked.kind === 'link'
        ? { code: 'WHY_NOT_SEEN_LINK', params: { link: subject } }
        : { code: 'WHY_NOT_SEEN_WORDS', params: { words: subject } };
    case 'source-failing':
      return { code: 'WHY_HOST_SOURCE_FAILING', params: { link: subject, ...sourceParams(h.source) } };
    case 'expired':
      return {
        code: 'WHY_EXPIRED',
        params: { link: subject, at: { time: h.at }, days: h.retentionDays },
      };
    case 'backlog':
      return {
        code: 'WHY_BACKLOG',
        params: { article: subject, source: { code: h.sourceId }, at: { time: h.at } },
      };
    case 'no-topic':
      return { code: 'WHY_NO_TOPIC', params: { article: subject } };
    case 'outside-window':
      return {
        code: 'WHY_OUTSIDE_WINDOW',
        params: { article: subject, topics: codes(h.topics), days: h.days, window: h.windowDays },
      };
    case 'in-briefing':
      return { code: 'WHY_IN_BRIEFING', params: { article: subject, topics: codes(h.topics) } };
    case 'crowded-out':
      return { code: 'WHY_CROWDED_OUT', params: { article: subject, topics: codes(h.topics) } };
  }
}

function sourceParams(s: WhySource): {
  source: WhyValue;
  error: WhyValue;
  failures: WhyValue;
  next?: WhyValue;
} {
  return {
    source: { code: s.id },
    error: { text: s.lastError ?? '' },
    failures: s.consecutiveFailures,
    ...(s.nextAttemptAt ? { next: { time: s.nextAttemptAt } } : {}),
  };
}

function reasonLine(r: WhyReason): WhyLine {
  switch (r.kind) {
    case 'duplicate':
      return {
        code: 'WHY_DUPLICATE',
        params: { link: { link: r.link, url: r.link }, article: articleValue(r.of) },
      };
    case 'stored':
      return {
        code: 'WHY_STORED',
        params: {
          at: { time: r.article.fetchedAt },
          outlet: { text: r.article.outlet },
          ...(r.article.publishedAt ? { published: { time: r.article.publishedAt } } : {}),
        },
      };
    case 'seen-by':
      return { code: 'WHY_SEEN_BY', params: { source: { code: r.sourceId }, at: { time: r.seenAt } } };
    case 'backlog':
      return { code: 'WHY_LEARNED', params: { source: { code: r.sourceId }, at: { time: r.at } } };
    case 'no-topics-configured':
      return { code: 'WHY_NO_TOPICS_CONFIGURED', params: {} };
    case 'topic':
      return topicLine(r.verdict);
    case 'story':
      return {
        code: 'WHY_STORY',
        params: { lead: articleValue(r.lead), articles: r.articles, outlets: r.outlets },
      };
    case 'age':
      return { code: 'WHY_AGE', params: { days: r.days, window: r.windowDays } };
    case 'source-failing':
      return { code: 'WHY_SOURCE_FAILING', params: sourceParams(r.source) };
    case 'host-sources':
      return {
        code: 'WHY_HOST_SOURCES',
        params: { host: { text: r.host }, sources: codes(r.sources), count: r.sources.length },
      };
    case 'no-host-source':
      return { code: 'WHY_NO_HOST_SOURCE', params: { host: { text: r.host } } };
    case 'no-source-failing':
      return { code: 'WHY_NO_SOURCE_FAILING', params: {} };
    case 'also-found':
      return { code: 'WHY_ALSO_FOUND', params: { articles: { list: r.articles.map(articleValue) } } };
  }
}

function topicLine(v: Extract<WhyReason, { kind: 'topic' }>['verdict']): WhyLine {
  const topic = { code: v.slug };
  switch (v.outcome) {
    case 'matched':
      return {
        code: v.inBriefing ? 'WHY_TOPIC_IN_BRIEFING' : 'WHY_TOPIC_MATCHED',
        params: { topic, keywords: codes(v.keywords) },
      };
    case 'excluded':
      return { code: 'WHY_TOPIC_EXCLUDED', params: { topic, words: codes(v.words) } };
    case 'no-keyword':
      return { code: 'WHY_TOPIC_NO_KEYWORD', params: { topic, keywords: codes(v.keywords, true) } };
    case 'other-sources':
      return { code: 'WHY_TOPIC_OTHER_SOURCES', params: { topic, sources: codes(v.sources) } };
  }
}

/** The explanation's sentences as values: the verdict first, then each reason. */
export function whyLines(e: WhyExplanation): WhyLine[] {
  return [headline(e), ...e.reasons.map(reasonLine)];
}

/** Longest list shown inline; longer ones end with "and N more" (keywords of a wide topic). */
const MAX_LISTED = 8;

function formatValue(v: WhyValue, style: WhyStyle): string | number {
  if (typeof v === 'number') return v;
  if ('text' in v) return style.text(v.text);
  if ('code' in v) return style.code(v.code);
  if ('link' in v) return style.link(v.link, v.url);
  if ('time' in v) return style.time(v.time);
  const shown = v.list.slice(0, MAX_LISTED).map((x) => String(formatValue(x, style)));
  const rest = v.list.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} ${message('WHY_AND_MORE', { count: rest })}`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} ${message(v.or ? 'WHY_OR' : 'WHY_AND')} ${shown[shown.length - 1]}`;
}

/** One line's sentence in a platform's style. */
export function renderWhyLine(line: WhyLine, style: WhyStyle): string {
  return say(mapParams(line as Message, (_key, v) => formatValue(v as WhyValue, style)));
}

/** Every sentence of an explanation in a platform's style: the headline first. */
export function renderWhy(e: WhyExplanation, style: WhyStyle): string[] {
  return whyLines(e).map((line) => renderWhyLine(line, style));
}
