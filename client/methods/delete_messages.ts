/**
 * `deleteMessages`: deletes messages of a chat.
 *
 * @module
 */
import type { ChatId } from "../types/chat_id.ts";
import { InvalidInputError } from "../types/invalid_input_error.ts";
import type { MethodClient } from "./method_client.ts";
import { toInputChannel } from "./peer_cache.ts";

/** Options of {@linkcode deleteMessages}. */
export interface DeleteMessagesOptions {
  /**
   * In private chats and basic groups: also delete them for the other members (default true,
   * as the Bot API does). Supergroups and channels always delete for everyone.
   */
  revoke?: boolean;
}

/** The most messages one deletion call takes. */
export const MAX_DELETE_BATCH = 100;

/**
 * Deletes messages by id. Private chats and basic groups share one message box per account, so
 * their ids go to `messages.deleteMessages`; supergroups and channels to
 * `channels.deleteMessages`. Resolves with the number of messages the server deleted.
 */
export async function deleteMessages(
  client: MethodClient,
  chatId: ChatId,
  messageIds: readonly number[],
  options: DeleteMessagesOptions = {},
): Promise<number> {
  if (!Array.isArray(messageIds) || !messageIds.every(Number.isInteger)) {
    throw new InvalidInputError(
      "message_ids",
      "must be an array of message ids",
    );
  }
  const peer = await client.peers.inputPeer(chatId);
  const isChannel = peer._ === "inputPeerChannel" ||
    peer._ === "inputPeerChannelFromMessage";
  let deleted = 0;
  for (let i = 0; i < messageIds.length; i += MAX_DELETE_BATCH) {
    const id = messageIds.slice(i, i + MAX_DELETE_BATCH);
    const affected = isChannel
      ? await client.invoke({
        _: "channels.deleteMessages",
        channel: toInputChannel(peer, chatId),
        id,
      })
      : await client.invoke({
        _: "messages.deleteMessages",
        id,
        ...(options.revoke === false ? {} : { revoke: true as const }),
      });
    deleted += affected.pts_count;
  }
  return deleted;
}
