/**
 * `banChatMember`: removes a user from a group, supergroup or channel (and, in supergroups and
 * channels, keeps them out).
 *
 * @module
 */
import type { ChatId } from "../types/chat_id.ts";
import { InvalidInputError } from "../types/invalid_input_error.ts";
import type { MethodClient } from "./method_client.ts";
import { toInputChannel } from "./peer_cache.ts";

/** Options of {@linkcode banChatMember}. */
export interface BanChatMemberOptions {
  /** When the ban ends (Unix seconds); absent or 0: forever. Supergroups and channels only. */
  until_date?: number;
  /** Delete the user's messages too (basic groups; supergroups keep them). */
  revoke_messages?: boolean;
}

/**
 * Bans a member: `channels.editBanned` with `view_messages` banned in supergroups and channels;
 * in basic groups, which have no ban list, `messages.deleteChatUser` removes them.
 */
export async function banChatMember(
  client: MethodClient,
  chatId: ChatId,
  userId: ChatId,
  options: BanChatMemberOptions = {},
): Promise<void> {
  const peer = await client.peers.inputPeer(chatId);
  if (
    peer._ === "inputPeerChannel" || peer._ === "inputPeerChannelFromMessage"
  ) {
    await client.invoke({
      _: "channels.editBanned",
      channel: toInputChannel(peer, chatId),
      participant: await client.peers.inputPeer(userId),
      banned_rights: {
        _: "chatBannedRights",
        view_messages: true,
        send_messages: true,
        send_media: true,
        send_stickers: true,
        send_gifs: true,
        send_games: true,
        send_inline: true,
        embed_links: true,
        until_date: options.until_date ?? 0,
      },
    });
    return;
  }
  if (peer._ !== "inputPeerChat") {
    throw new InvalidInputError(
      "chat_id",
      `${chatId} is not a group or channel`,
    );
  }
  await client.invoke({
    _: "messages.deleteChatUser",
    chat_id: peer.chat_id,
    user_id: await client.peers.inputUser(userId),
    ...(options.revoke_messages ? { revoke_history: true as const } : {}),
  });
}
