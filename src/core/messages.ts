// Every sentence newsbrief says to a user, keyed by a stable code. Logs carry the code; people
// see the sentence; renderers never write their own error text. Sections are grouped by the part
// of the bot that raises them; add a code here, then use it there. Each entry declares the values
// its sentence needs, so a misspelt or missing one is a compile error, not a blank in a reply.

/** "its last fetch failed", "its last 3 fetches failed". */
const failedFetches = (n: number) =>
  Number(n) === 1 ? 'its last fetch failed' : `its last ${n} fetches failed`;

/** What a subscribe answer says about threads: on, and if so whether this channel allows them. */
/** What a subscribe answer says: the digest, its next run, the quiet-note and threads choices. */
interface SubscribedParams {
  topic: string;
  when: string;
  timezone: string;
  next: string;
  quiet?: number;
  threads: number;
  threadNote?: string;
}

const threadsNote = (p: { threads: number; threadNote?: string }) =>
  !Number(p.threads)
    ? ''
    : p.threadNote
      ? ` Threads are on, but ${p.threadNote}.`
      : ' Each digest is one message listing the stories, with a thread reply per story.';

const table = {
  // --- commands ---
  UNKNOWN_TOPIC: (p: { suggestions?: string; topic: string }) =>
    p.suggestions
      ? `There is no topic "${p.topic}". Did you mean ${p.suggestions}? Try \`/brief topics\` for the list.`
      : `There is no topic "${p.topic}". Try \`/brief topics\` for the list.`,
  UNKNOWN_TOPIC_LIST: (p: { topic: string; topics: string }) =>
    `There is no topic "${p.topic}". Topics here include ${p.topics}; \`/brief topics\` lists them all.`,
  NO_TOPICS: () => 'No topics are configured yet. Add one under `topics:` in the config file.',
  NO_ARTICLES: (p: { topic: string }) =>
    `Nothing to brief on "${p.topic}" yet: no article from its sources matches its keywords. ` +
    'Check `/brief status` for sources that failed to fetch.',
  NEED_TOPIC: () => 'Name a topic; `/brief topics` lists them.',
  NEED_WHEN: () => 'Say when: daily 08:00, weekdays 08:00, weekly monday 08:00, hourly or a cron expression.',
  TOPIC_TOO_LONG: (p: { length: number; max: number }) =>
    `That topic name is ${p.length} characters long; topic names have at most ${p.max}. \`/brief topics\` lists them.`,
  UNKNOWN_SUBCOMMAND: (p: { name: string; usage: string }) =>
    `"${p.name}" is not a /brief command. ${p.usage}`,
  USAGE: (p: { usage: string }) => `Usage: \`${p.usage}\``,
  BAD_ARGUMENTS: (p: { detail: string; usage: string }) => `${p.detail} Usage: \`${p.usage}\``,
  NOT_ALLOWED: (p: { action: string; right: string }) =>
    `Only people who can manage this channel can ${p.action} (${p.right}).`,
  INTERNAL_ERROR: (p: { reference: string }) =>
    `Something went wrong on our side while answering that (reference ${p.reference}). ` +
    'It has been logged; please try again in a moment.',
  STORE_UNAVAILABLE: () =>
    'Storage is unavailable right now (newsbrief cannot reach its database). Please try again in a minute.',

  // --- the store's faults (SQLite): what each is, what a command that met it says, what status
  // and the start-up line say. The short forms are reused in ingest's per-source errors. ---
  STORE_FAULT_LOCKED: () => 'the database is locked by another process',
  STORE_FAULT_READ_ONLY: () => 'the database is read-only',
  STORE_FAULT_FULL: () => 'the disk holding the database is full',
  STORE_FAULT_DAMAGED: () => 'the database file is damaged',
  STORE_LOCKED: () =>
    'That could not be saved: the database is locked by another process. Briefings still answer; try again in a minute.',
  STORE_READ_ONLY: () =>
    'That could not be saved: the database is read-only (newsbrief cannot write to its file). ' +
    'Briefings still answer from what is stored; see `/brief status`.',
  STORE_FULL: () =>
    'That could not be saved: the disk holding the database is full. Briefings still answer from what is stored; see `/brief status`.',
  STORE_DAMAGED: () =>
    'That could not be done: the database file is damaged in the part this needed. See `/brief status`.',
  STORE_STATUS: (p: { error: string; since?: string; detail?: string; state: string }) =>
    `${String(p.error).charAt(0).toUpperCase()}${String(p.error).slice(1)}${p.since ? ` (since ${p.since})` : ''}` +
    `${p.detail ? `; the integrity check at start found: ${p.detail}` : ''}. ` +
    (p.state === 'locked'
      ? 'Briefings still answer; new articles, subscriptions and digest records wait until it is free.'
      : p.state === 'damaged'
        ? 'Answers may miss what was stored in the damaged part; restore the file from a backup, or move it aside to start afresh.'
        : p.state === 'unavailable'
          ? 'Commands that need it fail until it is back.'
          : 'Briefings answer from what is stored, but nothing new is saved until it is fixed.'),
  STORE_START_READ_ONLY: (p: { file: string }) =>
    `the database ${p.file} is read-only: briefings answer from what is stored, but nothing new can be saved ` +
    "(check the file's owner and permissions).",
  STORE_START_DAMAGED: (p: { file: string; found: string }) =>
    `the database ${p.file} is damaged (integrity check: ${p.found}); answers may miss what was stored there. ` +
    'Restore it from a backup, or move it aside and newsbrief will create a new one.',
  STORE_OPEN_LOCKED: (p: { file: string }) =>
    `The database ${p.file} is locked by another process; stop the other newsbrief (or whatever holds it) or wait and retry.`,
  STORE_OPEN_READ_ONLY: (p: { file: string }) =>
    `The database ${p.file} is read-only; newsbrief needs to write to it (check the file's and folder's permissions).`,
  STORE_OPEN_DAMAGED: (p: { file: string }) =>
    `The database ${p.file} is damaged or is not a newsbrief database; restore it from a backup, or move it aside and newsbrief will create a new one.`,
  STORE_OPEN_FULL: (p: { file: string }) =>
    `The disk holding the database ${p.file} is full; free some space and start again.`,
  STORE_START_CHECK_FAILED: (p: { file: string; reason: string }) =>
    `the integrity check of ${p.file} could not run (${p.reason}); it was skipped for this start.`,
  STORE_START_CHECK_UNFINISHED: (p: { file: string; seconds: number }) =>
    `the integrity check of ${p.file} did not finish within ${p.seconds} s; it was skipped for this start.`,
  // --- what every renderer shows around the data (headings, states, counts) ---
  HELP_TITLE: () => 'How to use /brief',
  HELP_INTRO: () => 'newsbrief: short, cited briefings on the topics this team follows.',
  COMMANDS_HEADING: () => 'Commands',
  TOPICS_HEADING: () => 'Topics',
  SOURCES_HEADING: () => 'Sources',
  ARTICLES_HEADING: () => 'Articles',
  SUBSCRIPTIONS_HEADING: () => "This channel's digests",
  FAILING_DIGESTS_HEADING: () => 'Digests that failed to post',
  PLATFORMS_DOWN_HEADING: () => 'Platforms not running',
  WHATS_NEW: (p: { title: string }) => `What's new: ${p.title}`,
  NOT_SCHEDULED: () => 'not scheduled',
  NEXT_RUN: (p: { at: string }) => `next ${p.at}`,
  NEXT_TRY: (p: { at: string }) => `next try ${p.at}`,
  NEVER_FETCHED: () => 'never fetched',
  NONE: () => 'none',
  NONE_CONFIGURED: () => 'none configured',
  UNDATED: () => 'undated',
  ARTICLE_COUNT: (p: { count: number }) => `${p.count} ${p.count === 1 ? 'article' : 'articles'}`,
  SOURCE_COUNT: (p: { count: number }) => `${p.count} ${p.count === 1 ? 'source' : 'sources'}`,
  DAY_COUNT: (p: { count: number }) => `${p.count} ${p.count === 1 ? 'day' : 'days'}`,
  TRY_HELP: () => 'Try `/brief help`.',
  ARGUMENTS_NOT_RIGHT: () => 'Those arguments are not right.',
  NAME_A_TOPIC: () => 'Name a topic.',
  SEARCH_TOO_LONG: () => 'That is too long for a search; use a few words.',
  LINK_MISSING: () => 'Paste a link.',
  LINK_TOO_LONG: () => 'That link is too long.',
  WHY_TOO_LONG: () => 'That is too long; paste the link or a few title words.',
  ACTION_SUBSCRIBE: () => 'subscribe this channel to a digest',
  ACTION_UNSUBSCRIBE: () => "stop this channel's digests",
  ACTION_TOPIC_ADD: () => 'add topics',
  ACTION_TOPIC_KEYWORDS: () => "change topics' keywords",
  ACTION_TOPIC_REMOVE: () => 'remove topics',

  // --- /brief url ---
  URL_INVALID: (p: { link: string }) =>
    `"${p.link}" is not a link I can read. Paste a full address, like https://example.org/news/story.`,
  URL_REFUSED_SCHEME: (p: { scheme: string }) =>
    `Only http and https links can be briefed, not ${p.scheme}: links.`,
  URL_REFUSED_ADDRESS: (p: { host: string; category: string; switch: string }) =>
    `${p.host} is a ${p.category} address, and links typed in chat may not reach those ` +
    `(they could expose the bot's own network). fetch.allowPrivateAddresses is ${p.switch} in this deployment.`,
  URL_RATE_LIMITED: (p: { limit: number; seconds: number }) =>
    `You have asked for ${p.limit} ${Number(p.limit) === 1 ? 'link' : 'links'} in the last minute, the most allowed. ` +
    `Try again in ${p.seconds} s.`,
  URL_FETCH_FAILED: (p: { host: string; error: string }) => `Could not read ${p.host}: ${p.error}.`,
  URL_NO_ARTICLE: (p: { host: string }) =>
    `${p.host} answered, but the page holds no article text to brief on.`,

  // --- briefings ---
  STORY_OUTLETS: (p: { count: number }) => `${p.count} outlets on this story`,

  // --- digest stories, threads and feedback ---
  STORY_UPDATE: () => 'Update:',
  DIGEST_MORE_STORIES: (p: { count: number; topic: string }) =>
    `and ${p.count} more ${Number(p.count) === 1 ? 'story' : 'stories'}: \`/brief ${p.topic}\``,
  DIGEST_THREAD_NAME: (p: { title: string; date: string }) => `${p.title}, ${p.date}`,
  DIGEST_THREAD_BELOW: () => 'One reply per story in the thread below.',
  DISCORD_THREADS_MISSING: (p: { permissions: string; count: number }) =>
    `threaded digests need the ${p.permissions} ${Number(p.count) === 1 ? 'permission' : 'permissions'} in this channel, ` +
    'so digests here are posted as one message until the bot is given ' +
    (Number(p.count) === 1 ? 'it' : 'them'),
  FEEDBACK_UP: () => '👍',
  FEEDBACK_DOWN: () => '👎',
  FEEDBACK_MUTE: () => 'Mute this story',
  FEEDBACK_STORY_LABEL: (p: { position: number; headline: string }) => `${p.position}. ${p.headline}`,
  FEEDBACK_MUTED_HERE: () => "muted in this channel's digests",
  FEEDBACK_THANKS: () => 'Thanks: your feedback on this story is noted.',
  FEEDBACK_MUTED: (p: { user: string }) =>
    `Muted: this story will not be in this channel's digests again (muted by ${p.user}).`,
  FEEDBACK_UNKNOWN_STORY: () =>
    'That story is no longer known to newsbrief (it expired); nothing was recorded.',
  FEEDBACK_MUTE_RIGHTS: (p: { holders: string }) =>
    `Muting a story changes this channel's digests, which takes ${p.holders}. Your 👍/👎 still counts.`,
  FEEDBACK_HEADING: () => 'Feedback on stories (last 30 days)',
  FEEDBACK_NONE: () => 'none yet',
  THREAD_NOTES_HEADING: () => 'Digests posted without threads',
  THREAD_NOTE: (p: { topic: string; channel: string; note: string }) =>
    `${p.topic} in ${p.channel}: ${p.note}`,
  FEEDBACK_COUNTS: (p: { topic: string; up: number; down: number; muted: number }) =>
    `${p.topic}: ${p.up} 👍, ${p.down} 👎, ${p.muted} muted in the last 30 days`,

  // --- /brief search ---
  SEARCH_EMPTY: () =>
    'Say what to search for: words, "a quoted phrase", and -word to leave articles out. Example: `/brief search "export controls" chips -japan`.',
  SEARCH_NO_MATCH: (p: { suggestions?: string; query: string }) =>
    p.suggestions
      ? `No stored article matches ${p.query}. Topics that may be close: ${p.suggestions}.`
      : `No stored article matches ${p.query}. Try fewer or other words; \`/brief topics\` lists the topics.`,
  SEARCH_TITLE: (p: { query: string }) => `Search: ${p.query}`,

  // --- /brief why ---
  WHY_EMPTY: () =>
    'Say which article: paste its link, or type words of its title. Example: `/brief why https://example.org/news/story`.',
  WHY_TITLE: () => 'What happened to this article',
  WHY_NOT_SEEN_LINK: (p: { link: string }) =>
    `newsbrief has never stored ${p.link}: none of the sources has brought it in.`,
  WHY_NOT_SEEN_WORDS: (p: { words: string }) =>
    `No stored article has a title with ${p.words}: none of the sources has brought it in, or retention has ` +
    'deleted it (after that only its link is remembered, so try `/brief why <link>`).',
  WHY_HOST_SOURCE_FAILING: (p: {
    link: string;
    source: string;
    failures: number;
    error: string;
    next?: string;
  }) =>
    `newsbrief has not stored ${p.link}: the source ${p.source}, which reads that site, is failing ` +
    `(${failedFetches(p.failures)}: ${p.error})` +
    (p.next ? `; next try ${p.next}.` : '.'),
  WHY_EXPIRED: (p: { link: string; at: string; days: number }) =>
    `${p.link} was stored once, but retention deleted it on ${p.at}: articles fetched from the web are kept ` +
    `${p.days} days (store.retentionDays), and an expired one is never stored or announced again.`,
  WHY_BACKLOG: (p: { article: string; source: string; at: string }) =>
    `${p.article} was read as backlog when the source ${p.source} was first fetched (${p.at}), ` +
    'so no digest announced it as news; briefings may still use it.',
  WHY_NO_TOPIC: (p: { article: string }) =>
    `${p.article} is stored, but it matches no topic, so no briefing or digest carries it.`,
  WHY_OUTSIDE_WINDOW: (p: { article: string; topics: string; days: number; window: number }) =>
    `${p.article} matches ${p.topics}, but it is ${p.days} days old and briefings draw on the last ` +
    `${p.window} days (briefing.windowDays), so it is not in the current briefing.`,
  WHY_IN_BRIEFING: (p: { article: string; topics: string }) =>
    `${p.article} is in the current briefing of ${p.topics}; a digest of that topic carries it once, when it is new.`,
  WHY_CROWDED_OUT: (p: { article: string; topics: string }) =>
    `${p.article} matches ${p.topics} and is recent, but the briefing draws on the most relevant and newest ` +
    'articles and this one did not make the cut.',
  WHY_DUPLICATE: (p: { link: string; article: string }) =>
    `${p.link} has the same text as ${p.article}, which was already stored, so the two are one article: ` +
    'what follows is about that one.',
  WHY_STORED: (p: { at: string; outlet: string; published?: string }) =>
    `Stored ${p.at}, from ${p.outlet}` +
    (p.published ? `, published ${p.published}.` : ', with no publication date.'),
  WHY_SEEN_BY: (p: { source: string; at: string }) => `Seen by the source ${p.source} on ${p.at}.`,
  WHY_LEARNED: (p: { source: string; at: string }) =>
    `Read as backlog on ${p.source}'s first fetch (${p.at}): backlog is recorded, never announced as news.`,
  WHY_NO_TOPICS_CONFIGURED: () => 'No topics are configured, so no article is briefed.',
  WHY_TOPIC_MATCHED: (p: { topic: string; keywords: string }) =>
    `Matches ${p.topic}: it mentions ${p.keywords}.`,
  WHY_TOPIC_IN_BRIEFING: (p: { topic: string; keywords: string }) =>
    `Matches ${p.topic}: it mentions ${p.keywords}; it is in that topic's current briefing.`,
  WHY_TOPIC_EXCLUDED: (p: { topic: string; words: string }) =>
    `Left out of ${p.topic}: it mentions ${p.words}, which that topic excludes.`,
  WHY_TOPIC_NO_KEYWORD: (p: { topic: string; keywords: string }) =>
    `Not in ${p.topic}: it mentions none of its keywords (${p.keywords}).`,
  WHY_TOPIC_OTHER_SOURCES: (p: { topic: string; sources: string }) =>
    `Not in ${p.topic}: that topic reads only ${p.sources}, and none of them carried it.`,
  WHY_STORY: (p: { lead: string; articles: number; outlets: number }) =>
    `Grouped with ${p.lead} as one story (${p.articles} articles, ${p.outlets} ${Number(p.outlets) === 1 ? 'outlet' : 'outlets'}): ` +
    'briefings and digests show the story once, with the outlets that covered it.',
  WHY_AGE: (p: { days: number; window: number }) =>
    `It is ${p.days} days old; briefings draw on the last ${p.window} days, or on a topic's latest coverage when nothing is that recent.`,
  WHY_SOURCE_FAILING: (p: { source: string; failures: number; error: string; next?: string }) =>
    `The source ${p.source} is failing (${failedFetches(p.failures)}: ${p.error})` +
    (p.next ? `; next try ${p.next}.` : '.'),
  WHY_HOST_SOURCES: (p: { count: number; sources: string; host: string }) =>
    `${Number(p.count) === 1 ? 'The source' : 'The sources'} ${p.sources} ${Number(p.count) === 1 ? 'reads' : 'read'} ${p.host}, ` +
    `but ${Number(p.count) === 1 ? 'has' : 'have'} not listed this link (a feed lists only its newest items).`,
  WHY_NO_HOST_SOURCE: (p: { host: string }) =>
    `No configured source reads ${p.host}; add its feed under \`sources:\` in the config file to follow it.`,
  WHY_NO_SOURCE_FAILING: () => 'Every source was read without error at its last fetch (`/brief status`).',
  WHY_ALSO_FOUND: (p: { articles: string }) => `Other stored articles with those words: ${p.articles}.`,
  WHY_AND: () => 'and',
  WHY_OR: () => 'or',
  WHY_AND_MORE: (p: { count: number }) => `and ${p.count} more`,

  // --- topics from chat ---
  CHAT_TOPIC_BAD_SLUG: (p: { topic: string }) =>
    `"${p.topic}" cannot name a topic: use lowercase letters and digits, words joined by single hyphens, like \`chip-exports\`.`,
  CHAT_TOPIC_RESERVED: (p: { topic: string }) =>
    `"${p.topic}" is a /brief command, so it cannot name a topic; choose another name.`,
  CHAT_TOPIC_NEEDS_KEYWORDS: () =>
    'Give the topic at least one keyword: `/brief topic add chip-exports semiconductor "export controls" -football`.',
  CHAT_TOPIC_TOO_MANY_WORDS: (p: { max: number }) =>
    `A topic takes at most ${p.max} keywords and exclusions together.`,
  CHAT_TOPIC_WORD_TOO_LONG: (p: { max: number }) =>
    `A keyword has at most ${p.max} characters; use a few words per keyword.`,
  CHAT_TOPIC_EXISTS: (p: { topic: string }) =>
    `There is already a topic "${p.topic}" made in chat; change its keywords with \`/brief topic keywords ${p.topic} <keywords...>\`.`,
  CHAT_TOPIC_FROM_CONFIG: (p: { topic: string; change: string }) =>
    `The topic "${p.topic}" is declared in the config file, so it cannot be ${p.change} from chat; an admin changes it there.`,
  CHAT_TOPIC_UNKNOWN: (p: { suggestions?: string; topic: string }) =>
    p.suggestions
      ? `There is no topic "${p.topic}" made in chat. Did you mean ${p.suggestions}?`
      : `There is no topic "${p.topic}" made in chat; \`/brief topics\` lists the topics.`,
  CHAT_TOPIC_ADDED: (p: { topic: string; keywords: string; exclude?: string; tagged: number }) =>
    `Added the topic "${p.topic}" (${p.keywords}${p.exclude ? `; leaving out ${p.exclude}` : ''}). ` +
    `${p.tagged} stored ${Number(p.tagged) === 1 ? 'article matches' : 'articles match'} it now; try \`/brief ${p.topic}\`.`,
  CHAT_TOPIC_CHANGED: (p: { topic: string; keywords: string; exclude?: string; tagged: number }) =>
    `The topic "${p.topic}" now follows ${p.keywords}${p.exclude ? `, leaving out ${p.exclude}` : ''}. ` +
    `${p.tagged} stored ${Number(p.tagged) === 1 ? 'article matches' : 'articles match'} it.`,
  CHAT_TOPIC_REMOVED: (p: { topic: string; digests: number }) =>
    `Removed the topic "${p.topic}".` +
    (Number(p.digests) > 0
      ? ` ${p.digests} ${Number(p.digests) === 1 ? 'digest subscribes' : 'digests subscribe'} to it; they will say the topic is gone until unsubscribed.`
      : ''),

  // --- subscriptions and digests ---
  SUBSCRIBED: (p: SubscribedParams) =>
    `Subscribed this channel to "${p.topic}" (${p.when}, ${p.timezone}). Next digest: ${p.next}.` +
    (p.quiet
      ? ' When nothing is new, a short "all quiet" note is posted.'
      : ' When nothing is new, nothing is posted.') +
    threadsNote(p),
  SUBSCRIPTION_UPDATED: (p: SubscribedParams) =>
    `Updated this channel's "${p.topic}" digest to ${p.when}, ${p.timezone}. Next digest: ${p.next}.` +
    (p.quiet
      ? ' When nothing is new, a short "all quiet" note is posted.'
      : ' When nothing is new, nothing is posted (add `quiet` for an "all quiet" note).') +
    threadsNote(p),
  UNSUBSCRIBED: (p: { topic: string }) => `This channel will no longer get the "${p.topic}" digest.`,
  NOT_SUBSCRIBED: (p: { topic: string }) => `This channel has no "${p.topic}" digest to stop.`,
  SUBSCRIPTION_FROM_CONFIG: (p: { topic: string }) =>
    `The "${p.topic}" digest in this channel is declared in the config file; remove it there.`,
  BAD_WHEN: (p: { when: string }) =>
    `"${p.when}" is not a schedule I understand. Use \`daily 08:00\`, \`weekdays 08:00\`, \`weekly monday 08:00\`, \`hourly\` ` +
    'or a quoted cron expression such as `"30 7 * * 1-5"`.',
  BAD_TIME: (p: { time: string }) =>
    `"${p.time}" is not a time of day. Use 24-hour HH:MM, for example 08:00 or 17:30.`,
  MISSING_TIME: (p: { keyword: string }) =>
    `\`${p.keyword}\` needs a time of day after it, in 24-hour HH:MM: for example \`${p.keyword} 08:00\`.`,
  BAD_DAY: (p: { day: string }) =>
    `"${p.day}" is not a day of the week. Use a day name such as monday or fri: \`weekly friday 17:00\`.`,
  BAD_CRON: (p: { cron: string; detail: string }) =>
    `"${p.cron}" is not a valid cron expression: ${p.detail}. Five fields: minute hour day-of-month month day-of-week.`,
  BAD_TIMEZONE: (p: { suggestions?: string; timezone: string }) =>
    p.suggestions
      ? `"${p.timezone}" is not a time zone I know. Did you mean ${p.suggestions}? Use an IANA name such as Asia/Tokyo.`
      : `"${p.timezone}" is not a time zone I know. Use an IANA name such as Asia/Tokyo or Europe/London.`,
  NO_SUBSCRIPTIONS: () =>
    'This channel has no digests. Start one with `/brief subscribe <topic> daily 08:00 <time zone>`.',
  ALL_QUIET: (p: { topic: string }) => `All quiet on "${p.topic}": nothing new since the last digest.`,
  DIGEST_PAUSED: (p: { count: number; reason: string }) =>
    `Paused after ${p.count} failed digests in a row (${p.reason}). Fix that, then subscribe again to resume.`,
  DIGEST_NO_POSTER: (p: { platform: string }) =>
    `The ${p.platform} adapter is not running, so this digest could not be posted.`,
  DIGEST_GAVE_UP: (p: { reason: string; slot: string; attempts: number }) =>
    `${p.reason} The ${p.slot} digest was tried ${p.attempts} times; its articles will be in the next one.`,
  DIGEST_REPLY_UNCERTAIN: (p: { slot: string; count: number; positions: string }) =>
    `The thread of the ${p.slot} digest may lack ${Number(p.count) === 1 ? 'reply' : 'replies'} ${p.positions}: ` +
    `newsbrief stopped while posting ${Number(p.count) === 1 ? 'it' : 'them'}, and did not post ${Number(p.count) === 1 ? 'it' : 'them'} again to avoid a duplicate.`,
  DIGEST_UNCERTAIN: (p: { slot: string }) =>
    `The ${p.slot} digest may not have arrived: newsbrief stopped while posting it, and did not post it again to avoid a duplicate.`,

  // --- ingest ---

  // --- console ---
  CONSOLE_MANAGE_RIGHT: () => 'the machine owner',
  CONSOLE_WELCOME: () => 'newsbrief console. Type /brief help for commands, Ctrl-D to quit.',
  CONSOLE_BRIEFING_MADE: (p: { at: string }) => `Briefing made ${p.at}`,
  CONSOLE_STALE: (p: { days: number }) =>
    `nothing in the last week; latest coverage is ${p.days} ${p.days === 1 ? 'day' : 'days'} old`,
  CONSOLE_LATEST_TODAY: () => 'latest from today',
  CONSOLE_LATEST_FROM: (p: { date: string }) => `latest from ${p.date}`,
  CONSOLE_LAST_FETCHED: (p: { at: string }) => `last fetched ${p.at}`,
  CONSOLE_SOURCE_ERROR: (p: { error: string; retry?: string }) =>
    `last error: ${p.error}${p.retry ? ` (retry ${p.retry})` : ''}`,
  CONSOLE_NEWEST: (p: { at: string }) => `newest ${p.at}`,
  CONSOLE_FROM_CONFIG: () => 'from config',
  CONSOLE_QUIET_ON: () => 'all-quiet note on',
  CONSOLE_FAILING_DIGESTS: () => 'Digests failing to post',
  CONSOLE_SUBSCRIPTIONS_HEADING: () => 'Digests in this channel',
  CONSOLE_FIRST_DIGEST: (p: { title: string }) => `First digest: ${p.title}`,
  CONSOLE_DIGEST: (p: { title: string }) => `Digest: ${p.title}`,
  CONSOLE_DIGEST_BANNER: (p: { label: string; schedule: string; channel: string }) =>
    `--- ${p.label} (${p.schedule}, channel ${p.channel}) ---`,

  PLATFORM_DOWN: (p: { platform: string; state: string; error?: string; next?: string }) =>
    `${p.platform}: ${p.state === 'retrying' ? 'not started yet, retrying' : p.state === 'starting' ? 'starting' : 'not started'}${p.error ? ` (${p.error})` : ''}${p.next ? `; next try ${p.next}` : ''}`,

  // --- slack ---
  SLACK_CHANNEL_NOT_FOUND: () =>
    'Slack cannot find that channel: it may have been deleted, or it is private and the bot is not in it. Invite the bot with `/invite @newsbrief` or pick another channel.',
  SLACK_NOT_IN_CHANNEL: () =>
    'The bot is not a member of this channel, so it cannot post here. Invite it with `/invite @newsbrief`, then try again.',
  SLACK_MISSING_SCOPE: (p: { scope: string }) =>
    `The Slack app is missing the \`${p.scope}\` permission. A workspace admin should add that bot scope to the app (see config/slack-app-manifest.yaml) and reinstall it.`,
  SLACK_INVALID_AUTH: () =>
    'Slack refused the bot token (invalid or revoked). An admin should reinstall the app and set SLACK_BOT_TOKEN to the new token.',
  SLACK_IS_ARCHIVED: () =>
    'This channel is archived, so nothing can be posted in it. Unarchive it or choose another channel.',
  SLACK_RESTRICTED_ACTION: () =>
    'This workspace does not allow the bot to post in that channel. A workspace admin can change who may post there.',
  SLACK_RATE_LIMITED: () => 'Slack is rate-limiting the bot right now. It will try again shortly.',
  SLACK_SERVER_ERROR: () =>
    'Slack did not answer properly (a temporary error on its side). It will try again shortly.',
  SLACK_API_ERROR: (p: { error: string }) =>
    `Slack refused the request (${p.error}). Check \`/brief status\` and the bot's log for details.`,
  SLACK_UNREACHABLE: (p: { host: string; cause: string }) =>
    `Cannot reach Slack's Web API at ${p.host} (${p.cause}): check the network, DNS or proxy, or SLACK_API_URL.`,
  SLACK_WORKING: () => 'Working on it…',
  SLACK_MANAGE_RIGHT: () => 'workspace admins and configured managers',
  SLACK_SHARE_BUTTON: () => 'Share in channel',
  SLACK_SHARED_BY: (p: { user: string }) => `Shared by ${p.user}`,
  SLACK_SHARE_RATE_LIMITED: () =>
    'Slack kept rate-limiting the bot, so the briefing was not shared. Press the button again in a minute.',
  SLACK_DIGEST_HEADING: (p: { title: string }) => `What's new in ${p.title}`,
  SLACK_MORE: (p: {
    count: number;
    what: 'topics' | 'commands' | 'digests' | 'sources' | 'points' | 'articles' | 'reasons' | 'stories';
  }) => `…and ${p.count} more ${p.what}`,
  SLACK_TOPIC_COUNT: (p: { count: number; latest?: string }) =>
    `${p.count} articles${p.latest ? `, latest ${p.latest}` : ''}`,
  SLACK_FROM_CONFIG: () => 'config file',
  SLACK_FETCHED: (p: { at: string }) => `fetched ${p.at}`,
  SLACK_SOURCE_ERROR: (p: { error: string; count: number; next?: string }) =>
    `last error: ${p.error} (${p.count} in a row${p.next ? `, next try ${p.next}` : ''})`,
  SLACK_STATUS_FALLBACK: (p: { sources: number; failing: number }) =>
    `Status: ${p.sources} sources, ${p.failing} failing digests`,
  SLACK_BRIEFING_CONTEXT: (p: { sources: number; articles: number; updated: string }) =>
    `${p.sources} ${p.sources === 1 ? 'source' : 'sources'} · ${p.articles} articles · ${p.updated}`,
  SLACK_LATEST_COVERAGE: (p: { at: string }) => `latest coverage ${p.at}`,
  SLACK_UPDATED: (p: { at: string }) => `updated ${p.at}`,

  // --- discord ---
  DISCORD_SHARED_BY: (p: { user: string }) => `Shared by ${p.user}`,
  DISCORD_MANAGE_RIGHT: () => 'the Manage Channels permission',
  DISCORD_COMMAND_DESCRIPTION: () => 'News briefings: key points of the latest coverage, with sources',
  DISCORD_AND_MORE: (p: { count: number }) => `…and ${p.count} more`,
  DISCORD_BRIEFING_FOOTER: (p: { count: number; generated: string }) =>
    `${p.count} ${Number(p.count) === 1 ? 'source' : 'sources'} · generated ${p.generated}`,
  DISCORD_DIGEST_FOOTER: (p: { count: number; schedule: string }) =>
    `${p.count} ${Number(p.count) === 1 ? 'source' : 'sources'} · ${p.schedule}`,
  DISCORD_STORY_FOOTER: (p: { count: number }) =>
    `${p.count} ${Number(p.count) === 1 ? 'source' : 'sources'}`,
  DISCORD_STALE: (p: { newest: string }) => `Nothing recent: this is the latest coverage, from ${p.newest}.`,
  DISCORD_TOPIC_LINE: (p: { count: number; newest: string }) =>
    `${p.count} ${Number(p.count) === 1 ? 'article' : 'articles'}, newest ${p.newest}`,
  DISCORD_NO_ARTICLES_YET: () => 'no articles yet',
  DISCORD_STATUS_TITLE: () => 'Status',
  DISCORD_SOURCE_LINE: (p: { count: number; fetched: string; error?: string; retry?: string }) =>
    `${p.count} article${p.count === 1 ? '' : 's'}, last fetch ${p.fetched}${p.error ? `, last error: ${p.error}` : ''}${p.retry ? `; next try ${p.retry}` : ''}`,
  DISCORD_NEVER: () => 'never',
  DISCORD_STORE_FIELD: () => 'Database',
  DISCORD_ALL_DIGESTS_OK: () => 'Every digest posted as planned.',
  DISCORD_SUBSCRIPTION_LINE: (p: {
    when: string;
    timezone: string;
    next: string;
    state: string;
    error?: string;
  }) => `${p.when} (${p.timezone}), next ${p.next}, ${p.state}${p.error ? `: ${p.error}` : ''}`,
  DISCORD_MISSING_ACCESS: () =>
    'the bot cannot see this Discord channel: give it the View Channel permission there (or invite it to the server again)',
  DISCORD_MISSING_PERMISSIONS: () =>
    'the bot lacks a permission in this Discord channel: it needs View Channel, Send Messages and Embed Links',
  DISCORD_UNKNOWN_CHANNEL: () =>
    'this Discord channel no longer exists, or the bot was removed from its server',
  DISCORD_UNREACHABLE: (p: { cause: string }) =>
    `Cannot reach Discord (${p.cause}): check the network, DNS or proxy, or DISCORD_API_URL.`,
  DISCORD_UNAUTHORIZED: () => 'Discord refused the bot token (DISCORD_TOKEN): it was reset or is wrong',
  DISCORD_RATE_LIMITED: (p: { seconds: number }) =>
    `Discord kept rate-limiting the bot; retry in ${p.seconds} s`,
  DISCORD_SERVER_ERROR: (p: { detail: string }) => `Discord answered with a server error (${p.detail})`,
  DISCORD_REJECTED: (p: { detail: string }) => `Discord rejected the message (${p.detail})`,
} satisfies Record<string, (p: never) => string>;

export type MessageCode = keyof typeof table;

/** The values a code's sentence needs: `[]` for a sentence with none, else `[params]`. */
export type MessageArgs<C extends MessageCode> = Parameters<(typeof table)[C]>;

/** The values of one code, as an object (`undefined` for a code that takes none). */
export type MessageParams<C extends MessageCode> = MessageArgs<C> extends [infer P] ? P : undefined;

/**
 * A code with its values, for failures and notices carried as data: one member per code, so the
 * values always fit the code.
 */
export type Message = {
  [C in MessageCode]: MessageArgs<C> extends []
    ? { code: C; params?: undefined }
    : { code: C; params: MessageParams<C> };
}[MessageCode];

/** The user-facing sentence for a code, from the values it declares. */
export function message<C extends MessageCode>(code: C, ...params: MessageArgs<C>): string {
  return (table[code] as (p?: unknown) => string)(params[0]);
}

/** The sentence of a code carried with its values (see `Message`). */
export function say(m: Message): string {
  return (table[m.code] as (p?: unknown) => string)(m.params);
}

/**
 * The same code with each value passed through `f` (an adapter escaping what a person typed, a
 * platform formatting a value): the keys stay those the code declares.
 */
export function mapParams(m: Message, f: (key: string, value: unknown) => unknown): Message {
  if (!m.params) return m;
  const params = Object.fromEntries(Object.entries(m.params).map(([k, v]) => [k, f(k, v)]));
  return { code: m.code, params } as Message;
}

/** All codes, for tests that check every sentence renders. */
export const messageCodes = Object.keys(table) as MessageCode[];
