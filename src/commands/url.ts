// `/brief url <link>`: the key points of one page. The link is fetched through the fetch guard
// (services/links.ts), so it may take a moment: Slack and Discord adapters defer and follow up
// when the answer is not ready within their 3-second window.
import { z } from 'zod';
import { message } from '../core/messages.js';
import { defineCommand } from './definition.js';
import { briefingReply, problemEchoing } from './replies.js';

/**
 * The link as typed: Slack sends `<https://x|label>` or `<https://x>` for pasted links; people
 * also type a bare `example.org/story`, which means https.
 */
export function linkFromText(word: string): string {
  let link = word.trim();
  const slack = /^<([^|>]+)(?:\|[^>]*)?>$/.exec(link);
  if (slack) link = slack[1] as string;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(link) && /^[\w-]+(\.[\w-]+)+([/:?#]|$)/.test(link))
    link = `https://${link}`;
  return link;
}

export const urlCommand = defineCommand({
  name: 'url',
  usage: '/brief url <link>',
  description: 'The key points of one web page (http or https)',
  options: [
    { name: 'link', description: 'The page address, https://…', type: 'string', required: true },
    {
      name: 'share',
      description: 'Post the key points in the channel for everyone',
      type: 'boolean',
      required: false,
    },
  ],
  args: z.object({
    link: z.string().trim().min(1, message('LINK_MISSING')).max(2000, message('LINK_TOO_LONG')),
    share: z.boolean().default(false),
  }),
  fromText: (words) => ({
    link: words[0] ?? '',
    share: words.slice(1).some((w) => w.toLowerCase() === 'share'),
    ...(words.slice(1).some((w) => w.toLowerCase() !== 'share') ? { extra: words.slice(1) } : {}),
  }),
  async execute({ link, share }, { services, invocation, now }) {
    const result = await services.links.brief(linkFromText(link), invocation, now);
    if (!result.ok) return problemEchoing(result.error, 'link');
    return briefingReply(result.value, share, `url ${result.value.articles[0]?.url ?? linkFromText(link)}`);
  },
});
