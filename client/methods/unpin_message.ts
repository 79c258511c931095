/**
 * `unpinMessage`: unpins one message, or all of a chat's.
 *
 * @module
 */
import type { ChatId } from "../types/chat_id.ts";
import type { MethodClient } from "./method_client.ts";

/**
 * Unpins a message, or with no `messageId` every pinned message of the chat
 * (`messages.unpinAllMessages`).
 */
export async function unpinMessage(
  client: MethodClient,
  chatId: ChatId,
  messageId?: number,
): Promise<void> {
  const peer = await client.peers.inputPeer(chatId);
  if (messageId !== undefined) {
    await client.invoke({
      _: "messages.updatePinnedMessage",
      unpin: true,
      peer,
      id: messageId,
    });
    return;
  }
  // Unpinning everything is done in steps when there are many (`offset` > 0 means more).
  for (let step = 0; step < 100; step++) {
    const affected = await client.invoke({
      _: "messages.unpinAllMessages",
      peer,
    });
    if (affected.offset === 0) return;
  }
}
