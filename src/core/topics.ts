// Which articles belong to a topic, and how strongly. Keywords are matched on stemmed tokens, so
// "defense" matches "defenses" and a phrase like "north korea" matches only those words in order.
import { stemmedTokens } from './text/tokens.js';
import type { Topic } from './types.js';

type Phrase = string[];

function phrases(words: string[]): Phrase[] {
  return words.map((w) => stemmedTokens(w)).filter((p) => p.length > 0);
}

/** Occurrences of a stemmed phrase in a stemmed token list. */
function countPhrase(tokens: string[], phrase: Phrase): number {
  let n = 0;
  const first = phrase[0];
  outer: for (let i = 0; i + phrase.length <= tokens.length; i++) {
    if (tokens[i] !== first) continue;
    for (let j = 1; j < phrase.length; j++) if (tokens[i + j] !== phrase[j]) continue outer;
    n++;
  }
  return n;
}

/**
 * Stemmed tokens per article object: tagging asks every topic about the same article, and
 * stemming its text once instead of once per topic is most of the cost of tagging.
 */
const tokenCache = new WeakMap<object, { titleTokens: string[]; textTokens: string[] }>();

function tokensOf(article: { title: string; text: string }): { titleTokens: string[]; textTokens: string[] } {
  let tokens = tokenCache.get(article);
  if (!tokens) {
    tokens = { titleTokens: stemmedTokens(article.title), textTokens: stemmedTokens(article.text) };
    tokenCache.set(article, tokens);
  }
  return tokens;
}

/** A topic prepared for matching many articles (stemming its keywords once). */
export interface TopicMatcher {
  slug: string;
  /** 0 when the article is not part of the topic; otherwise a relevance score (higher is more relevant). */
  relevance(article: { title: string; text: string }): number;
}

export function createTopicMatcher(topic: Topic): TopicMatcher {
  const include = phrases(topic.keywords);
  const exclude = phrases(topic.exclude);
  return {
    slug: topic.slug,
    relevance(article) {
      const { titleTokens, textTokens } = tokensOf(article);
      for (const p of exclude)
        if (countPhrase(titleTokens, p) > 0 || countPhrase(textTokens, p) > 0) return 0;
      let score = 0;
      let distinct = 0;
      for (const p of include) {
        const inTitle = countPhrase(titleTokens, p);
        const inText = countPhrase(textTokens, p);
        if (inTitle + inText === 0) continue;
        distinct++;
        // A keyword in the headline says more about what the article is about than one in passing;
        // repeated mentions help with diminishing returns so a long article cannot win on length.
        score += 3 * Math.min(inTitle, 1) + Math.log2(1 + inText);
      }
      if (distinct === 0) return 0;
      // Breadth of keywords matched matters more than repetition of one.
      return score * (1 + 0.5 * (distinct - 1));
    },
  };
}

/**
 * Which of the topic's keywords and exclusions an article contains, by the same stemmed phrase
 * rules as `relevance`, so `/brief why` can say why an article is or is not part of a topic.
 */
export function topicWordsIn(
  topic: Pick<Topic, 'keywords' | 'exclude'>,
  article: { title: string; text: string },
): { keywords: string[]; excluded: string[] } {
  const { titleTokens, textTokens } = tokensOf(article);
  const found = (words: string[]) =>
    words.filter((w) => {
      const p = stemmedTokens(w);
      return p.length > 0 && (countPhrase(titleTokens, p) > 0 || countPhrase(textTokens, p) > 0);
    });
  return { keywords: found(topic.keywords), excluded: found(topic.exclude) };
}

/** A fingerprint of the topics' matching rules; when it changes, stored tags must be recomputed. */
export function topicsFingerprint(topics: Topic[]): string {
  return JSON.stringify(
    topics.map((t) => [t.slug, [...t.keywords].sort(), [...t.exclude].sort(), t.sources ?? null]),
  );
}
