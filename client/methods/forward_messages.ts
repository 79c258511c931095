/**
 * `forwardMessages`: forwards messages from one chat to another.
 *
 * @module
 */
import type { ChatId } from "../types/chat_id.ts";
import { InvalidInputError } from "../types/invalid_input_error.ts";
import type { Message } from "../types/message.ts";
import { type MethodClient, randomId } from "./method_client.ts";
import { botApiMessages, sentMessagesOf } from "./sent_messages.ts";

/** Options of {@linkcode forwardMessages}. */
export interface ForwardMessagesOptions {
  /** The forum topic to forward into. */
  message_thread_id?: number;
  /** Forward without a notification sound. */
  disable_notification?: boolean;
  /** Forbid forwarding and saving the copies. */
  protect_content?: boolean;
  /** Send them as copies: without the "Forwarded from" header (what `copyMessage` does). */
  drop_author?: boolean;
  /** With `drop_author`, leave out the media captions too. */
  drop_media_captions?: boolean;
}

/** Forwards messages (up to 100) and resolves with the new messages, in the given order. */
export async function forwardMessages(
  client: MethodClient,
  chatId: ChatId,
  fromChatId: ChatId,
  messageIds: readonly number[],
  options: ForwardMessagesOptions = {},
): Promise<Message[]> {
  if (
    !Array.isArray(messageIds) || messageIds.length === 0 ||
    messageIds.length > 100 ||
    !messageIds.every(Number.isInteger)
  ) {
    throw new InvalidInputError("message_ids", "must be 1-100 message ids");
  }
  const toPeer = await client.peers.inputPeer(chatId);
  const fromPeer = await client.peers.inputPeer(fromChatId);
  const randomIds = messageIds.map(() => randomId());
  const result = await client.invoke({
    _: "messages.forwardMessages",
    from_peer: fromPeer,
    to_peer: toPeer,
    id: [...messageIds],
    random_id: randomIds,
    ...(options.message_thread_id !== undefined
      ? { top_msg_id: options.message_thread_id }
      : {}),
    ...(options.disable_notification ? { silent: true as const } : {}),
    ...(options.protect_content ? { noforwards: true as const } : {}),
    ...(options.drop_author ? { drop_author: true as const } : {}),
    ...(options.drop_media_captions
      ? { drop_media_captions: true as const }
      : {}),
  });
  return await botApiMessages(client, sentMessagesOf(result, { randomIds }));
}
