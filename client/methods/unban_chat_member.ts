/**
 * `unbanChatMember`: lifts a ban in a supergroup or channel.
 *
 * @module
 */
import type { ChatId } from "../types/chat_id.ts";
import { InvalidInputError } from "../types/invalid_input_error.ts";
import { getChatMember } from "./get_chat_member.ts";
import type { MethodClient } from "./method_client.ts";
import { toInputChannel } from "./peer_cache.ts";

/** Options of {@linkcode unbanChatMember}. */
export interface UnbanChatMemberOptions {
  /** Do nothing unless the user is banned (default: also removes a current member, as the Bot API does). */
  only_if_banned?: boolean;
}

/**
 * Lifts a user's ban (`channels.editBanned` with no banned rights); they may join again but are
 * not added back. Without `only_if_banned`, a current member is removed, as the Bot API does.
 * Basic groups keep no ban list: nothing to do there.
 */
export async function unbanChatMember(
  client: MethodClient,
  chatId: ChatId,
  userId: ChatId,
  options: UnbanChatMemberOptions = {},
): Promise<void> {
  const peer = await client.peers.inputPeer(chatId);
  if (peer._ === "inputPeerChat") return;
  if (
    peer._ !== "inputPeerChannel" && peer._ !== "inputPeerChannelFromMessage"
  ) {
    throw new InvalidInputError(
      "chat_id",
      `${chatId} is not a group or channel`,
    );
  }
  if (options.only_if_banned) {
    const member = await getChatMember(client, chatId, userId);
    if (member.status !== "kicked") return;
  }
  await client.invoke({
    _: "channels.editBanned",
    channel: toInputChannel(peer, chatId),
    participant: await client.peers.inputPeer(userId),
    banned_rights: { _: "chatBannedRights", until_date: 0 },
  });
}
