/**
 * `readHistory`: marks a chat's messages as read.
 *
 * @module
 */
import type { ChatId } from "../types/chat_id.ts";
import type { MethodClient } from "./method_client.ts";
import { toInputChannel } from "./peer_cache.ts";

/**
 * Marks the chat's incoming messages up to `maxId` (default: all) as read:
 * `channels.readHistory` for supergroups and channels, `messages.readHistory` for the others.
 */
export async function readHistory(
  client: MethodClient,
  chatId: ChatId,
  maxId = 0,
): Promise<void> {
  const peer = await client.peers.inputPeer(chatId);
  if (
    peer._ === "inputPeerChannel" || peer._ === "inputPeerChannelFromMessage"
  ) {
    await client.invoke({
      _: "channels.readHistory",
      channel: toInputChannel(peer, chatId),
      max_id: maxId,
    });
  } else {
    await client.invoke({ _: "messages.readHistory", peer, max_id: maxId });
  }
}
