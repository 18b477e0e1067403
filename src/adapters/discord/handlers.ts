// Discord interaction -> dispatch -> reply. The adapter's duties live here (answer within 3 s,
// defer when the answer is slow, ephemeral unless shared, autocomplete); the decisions are the
// commands'.
import {
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type InteractionReplyOptions,
} from 'discord.js';
import type { Logger } from 'pino';
import { dispatch } from '../../commands/dispatch.js';
import type { FeedbackVerdict, Invocation, Services } from '../../commands/ports.js';
import { message } from '../../core/messages.js';
import { findCommand } from '../../commands/registry.js';
import { topicChoices, timeZoneChoices } from './autocomplete.js';
import { FEEDBACK_PREFIX, renderReply, type DiscordMessage } from './render.js';

export interface HandlerContext {
  services: Services;
  log: Logger;
  /**
   * Reply directly when dispatch finishes within this many ms, else defer and edit. Discord
   * gives 3 s for the first answer; 0 means always defer first.
   */
  deferAfterMs: number;
}

/** Routes one interaction; never throws (a failure is logged and, when possible, answered). */
export async function handleInteraction(interaction: Interaction, ctx: HandlerContext): Promise<void> {
  try {
    if (interaction.isAutocomplete()) await handleAutocomplete(interaction, ctx);
    else if (interaction.isChatInputCommand() && interaction.commandName === 'brief')
      await handleBrief(interaction, ctx);
    else if (interaction.isButton() && interaction.customId.startsWith(`${FEEDBACK_PREFIX}:`))
      await handleFeedback(interaction, ctx);
  } catch (err) {
    ctx.log.error({ err, interactionId: interaction.id }, 'discord interaction failed');
  }
}

/** Who asked and where, as the commands see it. */
export function invocationOf(
  interaction: ChatInputCommandInteraction | AutocompleteInteraction | ButtonInteraction,
): Invocation {
  const member = interaction.member;
  const memberName = member && 'displayName' in member ? member.displayName : (member?.nick ?? undefined);
  return {
    platform: 'discord',
    workspaceId: interaction.guildId ?? 'dm',
    channelId: interaction.channelId,
    userId: interaction.user.id,
    userName: memberName ?? interaction.user.globalName ?? interaction.user.username,
    rights: {
      // Discord computes the member's permissions in this channel for us (overwrites included).
      canManage: () => interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false,
      holders: message('DISCORD_MANAGE_RIGHT'),
    },
  };
}

/** The subcommand's options by name, with the values Discord sent. */
function optionsOf(interaction: ChatInputCommandInteraction): {
  name: string;
  options: Record<string, unknown>;
} {
  const name = interaction.options.getSubcommand(true);
  const options: Record<string, unknown> = {};
  for (const o of findCommand(name)?.options ?? []) {
    const value = interaction.options.get(o.name)?.value;
    if (value !== undefined && value !== null) options[o.name] = value;
  }
  return { name, options };
}

function toOptions(message: DiscordMessage): InteractionReplyOptions & { flags?: number } {
  return {
    content: message.content ?? '',
    embeds: message.embeds,
    allowedMentions: { parse: [] },
    ...(message.flags ? { flags: message.flags } : {}),
    ...(message.components ? { components: message.components } : {}),
  };
}

async function handleBrief(interaction: ChatInputCommandInteraction, ctx: HandlerContext): Promise<void> {
  const input = optionsOf(interaction);
  const invocation = invocationOf(interaction);
  const log = ctx.log.child({
    interactionId: interaction.id,
    subcommand: input.name,
    guildId: invocation.workspaceId,
  });
  const sharing = input.options.share === true;
  let deferred: Promise<unknown> | undefined;
  const defer = () =>
    (deferred ??= interaction
      .deferReply(sharing ? {} : { flags: MessageFlags.Ephemeral })
      .then(() => log.debug({}, 'deferred')));
  const timer =
    ctx.deferAfterMs > 0
      ? setTimeout(() => void defer().catch((err) => log.warn({ err }, 'defer failed')), ctx.deferAfterMs)
      : undefined;
  if (!timer) await defer();
  const reply = await dispatch(input, invocation, ctx.services).finally(() => clearTimeout(timer));
  const rendered = renderReply(reply, { sharedBy: invocation.userName });
  if (!deferred) {
    await interaction.reply(toOptions(rendered));
    return;
  }
  await deferred;
  const wantsEphemeral = rendered.flags !== undefined;
  if (wantsEphemeral === !sharing) {
    await interaction.editReply({
      content: rendered.content ?? '',
      embeds: rendered.embeds,
      allowedMentions: { parse: [] },
      ...(rendered.components ? { components: rendered.components } : {}),
    });
    return;
  }
  // Deferred in public but the answer is private (e.g. an unknown topic): replace the public
  // "thinking" message by a private follow-up, so a mistake is not shown to the channel.
  await interaction.deleteReply();
  await interaction.followUp(toOptions(rendered));
}

/** Only the topics made in chat: the ones `topic-keywords` and `topic-remove` can change. */
async function chatTopicSummaries(services: Services) {
  const chat = new Set(services.chatTopics?.chatSlugs() ?? []);
  return (await services.briefings.listTopics()).filter((t) => chat.has(t.slug));
}

async function handleAutocomplete(interaction: AutocompleteInteraction, ctx: HandlerContext): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const sub = interaction.options.getSubcommand(false);
  const kind = findCommand(sub ?? '')?.options.find((o) => o.name === focused.name)?.autocomplete;
  const input = String(focused.value ?? '');
  const choices =
    kind === 'topic'
      ? topicChoices(input, await ctx.services.briefings.listTopics())
      : kind === 'chat-topic'
        ? topicChoices(input, await chatTopicSummaries(ctx.services))
        : kind === 'timezone'
          ? timeZoneChoices(input)
          : [];
  await interaction.respond(choices);
}

const VERDICTS = new Set<string>(['up', 'down', 'mute']);

/** A feedback button (`nb_fb:<verdict>:<story ref>`): recorded, answered privately to the clicker. */
async function handleFeedback(interaction: ButtonInteraction, ctx: HandlerContext): Promise<void> {
  const [, verdict = '', ref = ''] = interaction.customId.split(':');
  const feedback = ctx.services.feedback;
  if (!feedback || !VERDICTS.has(verdict)) return;
  const reply = await feedback.give(invocationOf(interaction), ref, verdict as FeedbackVerdict, new Date());
  await interaction.reply({ ...toOptions(renderReply(reply)), flags: MessageFlags.Ephemeral });
}
