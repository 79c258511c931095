/**
 * `sendMessage`: sends a text message.
 *
 * @module
 */
import type {
  RawMessagesSendMediaRequest,
  RawMessagesSendMessageRequest,
} from "../../tl/mod.ts";
import { sentMessageContext } from "../updates/sent_context.ts";
import type { ChatId } from "../types/chat_id.ts";
import { InvalidInputError } from "../types/invalid_input_error.ts";
import type { LinkPreviewOptions } from "../types/link_preview_options.ts";
import type { Message } from "../types/message.ts";
import { type ReplyMarkup, replyMarkupToTl } from "../types/reply_markup.ts";
import { formatText, type TextFormatting } from "./formatted_text.ts";
import { type MethodClient, randomId } from "./method_client.ts";
import { inputReplyTo, type ReplyParameters } from "./reply_parameters.ts";
import { botApiMessages, sentMessagesOf } from "./sent_messages.ts";
import { UnexpectedResultError } from "./unexpected_result_error.ts";

/** Options of {@linkcode sendMessage}. */
export interface SendMessageOptions extends TextFormatting {
  /** What the message replies to. */
  reply_parameters?: ReplyParameters;
  /** The forum topic to send it in. */
  message_thread_id?: number;
  /** Send it without a notification sound. */
  disable_notification?: boolean;
  /** Forbid forwarding and saving it. */
  protect_content?: boolean;
  /** How the link preview is shown. */
  link_preview_options?: LinkPreviewOptions;
  /** An inline keyboard, a custom reply keyboard, or an instruction to remove one or force a reply. */
  reply_markup?: ReplyMarkup;
}

/** The most UTF-16 code units a message's text may have (after parsing). */
export const MAX_MESSAGE_LENGTH = 4096;

/** The first http(s) URL in a text, for a preview of it. */
function firstUrl(text: string): string | undefined {
  return /\bhttps?:\/\/[^\s<>"]+/i.exec(text)?.[0];
}

/**
 * Sends a text message to a chat and resolves with it as the server stored it (its id, date and
 * the entities the server kept). With `link_preview_options.url` (or a preferred media size)
 * it goes through `messages.sendMedia` with an `inputMediaWebPage`, as Telegram apps do.
 */
export async function sendMessage(
  client: MethodClient,
  chatId: ChatId,
  text: string,
  options: SendMessageOptions = {},
): Promise<Message> {
  const peer = await client.peers.inputPeer(chatId);
  const formatted = await formatText(client, text, options);
  if (formatted.message.trim() === "") {
    throw new InvalidInputError(
      "text",
      "a message needs some text that is not white space",
    );
  }
  if (formatted.message.length > MAX_MESSAGE_LENGTH) {
    throw new InvalidInputError(
      "text",
      `${formatted.message.length} UTF-16 code units, more than ${MAX_MESSAGE_LENGTH}`,
    );
  }
  const replyTo = await inputReplyTo(
    client,
    options.reply_parameters,
    options.message_thread_id,
  );
  const preview = options.link_preview_options ?? {};
  const random = randomId();
  const common = {
    peer,
    message: formatted.message,
    random_id: random,
    ...(formatted.entities ? { entities: formatted.entities } : {}),
    ...(replyTo ? { reply_to: replyTo } : {}),
    ...(options.reply_markup
      ? { reply_markup: replyMarkupToTl(options.reply_markup) }
      : {}),
    ...(options.disable_notification ? { silent: true as const } : {}),
    ...(options.protect_content ? { noforwards: true as const } : {}),
    ...(preview.show_above_text ? { invert_media: true as const } : {}),
  };
  const previewUrl = preview.is_disabled ? undefined : preview.url ??
    (preview.prefer_large_media || preview.prefer_small_media
      ? firstUrl(formatted.message)
      : undefined);
  const request: RawMessagesSendMessageRequest | RawMessagesSendMediaRequest =
    previewUrl === undefined
      ? {
        _: "messages.sendMessage",
        ...common,
        ...(preview.is_disabled ? { no_webpage: true as const } : {}),
      }
      : {
        _: "messages.sendMedia",
        ...common,
        media: {
          _: "inputMediaWebPage",
          url: previewUrl,
          optional: true,
          ...(preview.prefer_large_media
            ? { force_large_media: true as const }
            : {}),
          ...(preview.prefer_small_media
            ? { force_small_media: true as const }
            : {}),
        },
      };
  const result = await client.invoke(request);
  const selfId = await client.peers.loadSelfId();
  const sent = sentMessagesOf(result, {
    randomIds: [random],
    selfId,
    context: sentMessageContext(request, selfId),
  });
  const [message] = await botApiMessages(client, sent);
  if (message === undefined) {
    throw new UnexpectedResultError(
      "sendMessage",
      "the answer holds no sent message",
    );
  }
  return message;
}
