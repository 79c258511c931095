/**
 * `editMessageText`: changes a message's text (and optionally its inline keyboard).
 *
 * @module
 */
import type { ChatId } from "../types/chat_id.ts";
import { decodeInlineMessageId } from "../types/inline_message_id.ts";
import type { LinkPreviewOptions } from "../types/link_preview_options.ts";
import type { Message } from "../types/message.ts";
import {
  type InlineKeyboardMarkup,
  replyMarkupToTl,
} from "../types/reply_markup.ts";
import { formatText, type TextFormatting } from "./formatted_text.ts";
import type { MethodClient } from "./method_client.ts";
import { botApiMessages, sentMessagesOf } from "./sent_messages.ts";
import { UnexpectedResultError } from "./unexpected_result_error.ts";

/** Options of {@linkcode editMessageText}. */
export interface EditMessageTextOptions extends TextFormatting {
  /** The new inline keyboard (absent: the message loses its keyboard, as in the Bot API). */
  reply_markup?: InlineKeyboardMarkup;
  /** How the link preview is shown (`is_disabled` and `show_above_text` are honoured). */
  link_preview_options?: LinkPreviewOptions;
}

/** Changes the text of a message in a chat; resolves with the edited message. */
export async function editMessageText(
  client: MethodClient,
  chatId: ChatId,
  messageId: number,
  text: string,
  options: EditMessageTextOptions = {},
): Promise<Message> {
  const peer = await client.peers.inputPeer(chatId);
  const formatted = await formatText(client, text, options);
  const result = await client.invoke({
    _: "messages.editMessage",
    peer,
    id: messageId,
    message: formatted.message,
    ...(formatted.entities ? { entities: formatted.entities } : {}),
    ...(options.reply_markup
      ? { reply_markup: replyMarkupToTl(options.reply_markup) }
      : {}),
    ...(options.link_preview_options?.is_disabled
      ? { no_webpage: true as const }
      : {}),
    ...(options.link_preview_options?.show_above_text
      ? { invert_media: true as const }
      : {}),
  });
  const [message] = await botApiMessages(client, sentMessagesOf(result));
  if (message === undefined) {
    throw new UnexpectedResultError(
      "editMessageText",
      "the answer holds no edited message",
    );
  }
  return message;
}

/** Changes the text of a message sent through inline mode (by its `inline_message_id`). */
export async function editInlineMessageText(
  client: MethodClient,
  inlineMessageId: string,
  text: string,
  options: EditMessageTextOptions = {},
): Promise<void> {
  const formatted = await formatText(client, text, options);
  await client.invoke({
    _: "messages.editInlineBotMessage",
    id: decodeInlineMessageId(inlineMessageId),
    message: formatted.message,
    ...(formatted.entities ? { entities: formatted.entities } : {}),
    ...(options.reply_markup
      ? { reply_markup: replyMarkupToTl(options.reply_markup) }
      : {}),
    ...(options.link_preview_options?.is_disabled
      ? { no_webpage: true as const }
      : {}),
  });
}
