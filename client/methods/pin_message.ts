/**
 * `pinMessage`: pins a message in a chat.
 *
 * @module
 */
import type { ChatId } from "../types/chat_id.ts";
import type { MethodClient } from "./method_client.ts";

/** Options of {@linkcode pinMessage}. */
export interface PinMessageOptions {
  /** Pin without notifying the members. */
  disable_notification?: boolean;
  /** In private chats: pin only for oneself. */
  only_for_self?: boolean;
}

/** Pins a message in a chat. */
export async function pinMessage(
  client: MethodClient,
  chatId: ChatId,
  messageId: number,
  options: PinMessageOptions = {},
): Promise<void> {
  await client.invoke({
    _: "messages.updatePinnedMessage",
    peer: await client.peers.inputPeer(chatId),
    id: messageId,
    ...(options.disable_notification ? { silent: true as const } : {}),
    ...(options.only_for_self ? { pm_oneside: true as const } : {}),
  });
}
