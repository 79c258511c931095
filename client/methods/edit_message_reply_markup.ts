/**
 * `editMessageReplyMarkup`: changes (or removes) a message's inline keyboard.
 *
 * @module
 */
import type { ChatId } from "../types/chat_id.ts";
import type { Message } from "../types/message.ts";
import {
  type InlineKeyboardMarkup,
  replyMarkupToTl,
} from "../types/reply_markup.ts";
import type { MethodClient } from "./method_client.ts";
import { botApiMessages, sentMessagesOf } from "./sent_messages.ts";
import { UnexpectedResultError } from "./unexpected_result_error.ts";

/**
 * Sets a message's inline keyboard, or removes it when `replyMarkup` is absent; resolves with
 * the edited message.
 */
export async function editMessageReplyMarkup(
  client: MethodClient,
  chatId: ChatId,
  messageId: number,
  replyMarkup?: InlineKeyboardMarkup,
): Promise<Message> {
  const peer = await client.peers.inputPeer(chatId);
  const result = await client.invoke({
    _: "messages.editMessage",
    peer,
    id: messageId,
    // An empty inline keyboard removes the keyboard (an absent field would keep it).
    reply_markup: replyMarkup
      ? replyMarkupToTl(replyMarkup)
      : { _: "replyInlineMarkup", rows: [] },
  });
  const [message] = await botApiMessages(client, sentMessagesOf(result));
  if (message === undefined) {
    throw new UnexpectedResultError(
      "editMessageReplyMarkup",
      "the answer holds no edited message",
    );
  }
  return message;
}
