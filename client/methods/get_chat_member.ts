/**
 * `getChatMember`: one member's status in a group, supergroup or channel.
 *
 * @module
 */
import {
  type ChatMember,
  chatMemberFromChannelParticipant,
  chatMemberFromChatParticipant,
} from "../types/chat_member.ts";
import type { ChatId } from "../types/chat_id.ts";
import { InvalidInputError } from "../types/invalid_input_error.ts";
import { PeerMap } from "../types/peer_map.ts";
import type { MethodClient } from "./method_client.ts";
import { toInputChannel } from "./peer_cache.ts";

/**
 * A member's status: `channels.getParticipant` in supergroups and channels; in basic groups the
 * participant list of `messages.getFullChat` (someone not in it has left).
 */
export async function getChatMember(
  client: MethodClient,
  chatId: ChatId,
  userId: ChatId,
): Promise<ChatMember> {
  const peer = await client.peers.inputPeer(chatId);
  if (
    peer._ === "inputPeerChannel" || peer._ === "inputPeerChannelFromMessage"
  ) {
    const result = await client.invoke({
      _: "channels.getParticipant",
      channel: toInputChannel(peer, chatId),
      participant: await client.peers.inputPeer(userId),
    });
    await client.peers.remember(result);
    return chatMemberFromChannelParticipant(
      result.participant,
      new PeerMap(result, client.peers.map),
    );
  }
  if (peer._ !== "inputPeerChat") {
    throw new InvalidInputError(
      "chat_id",
      `${chatId} is not a group or channel`,
    );
  }
  const user = await client.peers.inputUser(userId);
  const full = await client.invoke({
    _: "messages.getFullChat",
    chat_id: peer.chat_id,
  });
  await client.peers.remember(full);
  const peers = new PeerMap(full, client.peers.map);
  const wanted = user._ === "inputUserSelf"
    ? await client.peers.loadSelfId()
    : "user_id" in user
    ? user.user_id
    : undefined;
  const participants = full.full_chat._ === "chatFull"
    ? full.full_chat.participants
    : undefined;
  const list = participants?._ === "chatParticipants"
    ? participants.participants
    : participants?.self_participant
    ? [participants.self_participant]
    : [];
  const found = list.find((p) => p.user_id === wanted);
  if (found) return chatMemberFromChatParticipant(found, peers);
  return { status: "left", user: peers.botApiUser(wanted ?? 0n) };
}
