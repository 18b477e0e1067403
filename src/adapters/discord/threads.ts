// Threaded digests on Discord: a thread is started from the digest message, and the story
// replies are posted in it. That takes two permissions besides those of a plain digest (Create
// Public Threads, Send Messages in Threads), so before a threaded digest the poster computes the
// bot's permissions in the channel from REST (the @everyone role, the bot's roles, the channel's
// overwrites, as Discord documents the computation) and names what is missing.
import { PermissionFlagsBits, Routes, type REST } from 'discord.js';

/** What a thread digest needs, with the name Discord's settings show for each. */
export const THREAD_PERMISSIONS: readonly { flag: bigint; name: string }[] = [
  { flag: PermissionFlagsBits.CreatePublicThreads, name: 'Create Public Threads' },
  { flag: PermissionFlagsBits.SendMessagesInThreads, name: 'Send Messages in Threads' },
];

interface Overwrite {
  id: string;
  /** 0 role, 1 member */
  type: number;
  allow: string;
  deny: string;
}

interface ChannelInfo {
  guild_id?: string;
  permission_overwrites?: Overwrite[];
}

/** The bot's permissions in a channel, computed from the guild's roles and the channel's overwrites. */
export function channelPermissions(input: {
  guildId: string;
  userId: string;
  roles: readonly { id: string; permissions: string }[];
  memberRoles: readonly string[];
  overwrites: readonly Overwrite[];
}): bigint {
  const roleById = new Map(input.roles.map((r) => [r.id, BigInt(r.permissions)]));
  let perms = roleById.get(input.guildId) ?? 0n; // @everyone's role id is the guild id
  for (const id of input.memberRoles) perms |= roleById.get(id) ?? 0n;
  if ((perms & PermissionFlagsBits.Administrator) !== 0n) return ~0n;
  const apply = (o: { allow: bigint; deny: bigint } | undefined) => {
    if (o) perms = (perms & ~o.deny) | o.allow;
  };
  const big = (o: Overwrite) => ({ allow: BigInt(o.allow), deny: BigInt(o.deny) });
  const everyone = input.overwrites.find((o) => o.type === 0 && o.id === input.guildId);
  apply(everyone && big(everyone));
  // Role overwrites combine (all denies, then all allows) before the member's own overwrite.
  let allow = 0n;
  let deny = 0n;
  for (const o of input.overwrites)
    if (o.type === 0 && input.memberRoles.includes(o.id)) {
      allow |= BigInt(o.allow);
      deny |= BigInt(o.deny);
    }
  apply({ allow, deny });
  const member = input.overwrites.find((o) => o.type === 1 && o.id === input.userId);
  apply(member && big(member));
  return perms;
}

/** The names of the thread permissions the bot lacks in the channel (empty: threads work). */
export async function missingThreadPermissions(
  rest: REST,
  channelId: string,
  botUserId: () => Promise<string>,
): Promise<string[]> {
  const channel = (await rest.get(Routes.channel(channelId))) as ChannelInfo;
  if (!channel.guild_id) return []; // a DM or group DM: no permissions to lack
  const userId = await botUserId();
  const [roles, member] = (await Promise.all([
    rest.get(Routes.guildRoles(channel.guild_id)),
    rest.get(Routes.guildMember(channel.guild_id, userId)),
  ])) as [{ id: string; permissions: string }[], { roles: string[] }];
  const perms = channelPermissions({
    guildId: channel.guild_id,
    userId,
    roles,
    memberRoles: member.roles,
    overwrites: channel.permission_overwrites ?? [],
  });
  return THREAD_PERMISSIONS.filter((p) => (perms & p.flag) === 0n).map((p) => p.name);
}
