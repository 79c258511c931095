/**
 * `copyMessage`: sends a copy of a message, without the "Forwarded from" header.
 *
 * @module
 */
import type {
  RawMessagesSendMediaRequest,
  RawMessagesSendMessageRequest,
  TypeInputMedia,
} from "../../tl/mod.ts";
import { sentMessageContext } from "../updates/sent_context.ts";
import type { ChatId } from "../types/chat_id.ts";
import { InvalidInputError } from "../types/invalid_input_error.ts";
import type { Message } from "../types/message.ts";
import type { MessageEntity } from "../types/message_entity.ts";
import { type ReplyMarkup, replyMarkupToTl } from "../types/reply_markup.ts";
import { formatText, type ParseMode, type TlText } from "./formatted_text.ts";
import { forwardMessages } from "./forward_messages.ts";
import { getTlMessages } from "./get_messages.ts";
import { type MethodClient, randomId } from "./method_client.ts";
import { inputReplyTo, type ReplyParameters } from "./reply_parameters.ts";
import { botApiMessages, sentMessagesOf } from "./sent_messages.ts";
import { UnexpectedResultError } from "./unexpected_result_error.ts";

/** Options of {@linkcode copyMessage}. */
export interface CopyMessageOptions {
  /** A new caption (or text, for a text message). Absent: the original's. */
  caption?: string;
  /** How to parse `caption`. */
  parse_mode?: ParseMode;
  /** The caption's entities, instead of a parse mode. */
  caption_entities?: MessageEntity[];
  /** What the copy replies to. */
  reply_parameters?: ReplyParameters;
  /** Buttons for the copy. */
  reply_markup?: ReplyMarkup;
  /** The forum topic to send it in. */
  message_thread_id?: number;
  /** Send it without a notification sound. */
  disable_notification?: boolean;
  /** Forbid forwarding and saving it. */
  protect_content?: boolean;
}

/**
 * Copies a message. A text, photo or document message is sent anew (`messages.sendMessage` /
 * `messages.sendMedia` with the same file), so a new caption, a reply and buttons can be
 * given; other kinds (polls, contacts, …) are forwarded with `drop_author`, which keeps their
 * content as it is. Resolves with the copy.
 */
export async function copyMessage(
  client: MethodClient,
  chatId: ChatId,
  fromChatId: ChatId,
  messageId: number,
  options: CopyMessageOptions = {},
): Promise<Message> {
  const { messages } = await getTlMessages(client, fromChatId, [messageId]);
  const original = messages[0];
  if (original?._ !== "message") {
    throw new InvalidInputError(
      "message_id",
      `no message ${messageId} to copy`,
    );
  }
  let media: TypeInputMedia | undefined;
  const source = original.media;
  if (source?._ === "messageMediaPhoto" && source.photo?._ === "photo") {
    const photo = source.photo;
    media = {
      _: "inputMediaPhoto",
      id: {
        _: "inputPhoto",
        id: photo.id,
        access_hash: photo.access_hash,
        file_reference: photo.file_reference,
      },
      ...(source.spoiler ? { spoiler: true as const } : {}),
    };
  } else if (
    source?._ === "messageMediaDocument" && source.document?._ === "document"
  ) {
    const document = source.document;
    media = {
      _: "inputMediaDocument",
      id: {
        _: "inputDocument",
        id: document.id,
        access_hash: document.access_hash,
        file_reference: document.file_reference,
      },
      ...(source.spoiler ? { spoiler: true as const } : {}),
    };
  } else if (source !== undefined && source._ !== "messageMediaWebPage") {
    if (
      options.caption !== undefined || options.reply_markup ||
      options.reply_parameters
    ) {
      throw new InvalidInputError(
        "message_id",
        `a ${source._} is copied by forwarding, which takes no caption, reply or buttons`,
      );
    }
    const [copy] = await forwardMessages(client, chatId, fromChatId, [
      messageId,
    ], {
      drop_author: true,
      disable_notification: options.disable_notification,
      protect_content: options.protect_content,
      message_thread_id: options.message_thread_id,
    });
    if (copy === undefined) {
      throw new UnexpectedResultError(
        "copyMessage",
        "the answer holds no copy",
      );
    }
    return copy;
  }
  const text: TlText = options.caption === undefined
    ? { message: original.message, entities: original.entities }
    : await formatText(client, options.caption, {
      parse_mode: options.parse_mode,
      entities: options.caption_entities,
    }, "caption");
  const peer = await client.peers.inputPeer(chatId);
  const replyTo = await inputReplyTo(
    client,
    options.reply_parameters,
    options.message_thread_id,
  );
  const random = randomId();
  const common = {
    peer,
    message: text.message,
    random_id: random,
    ...(text.entities?.length ? { entities: text.entities } : {}),
    ...(replyTo ? { reply_to: replyTo } : {}),
    ...(options.reply_markup
      ? { reply_markup: replyMarkupToTl(options.reply_markup) }
      : {}),
    ...(options.disable_notification ? { silent: true as const } : {}),
    ...(options.protect_content ? { noforwards: true as const } : {}),
  };
  const request: RawMessagesSendMessageRequest | RawMessagesSendMediaRequest =
    media === undefined
      ? { _: "messages.sendMessage", ...common }
      : { _: "messages.sendMedia", ...common, media };
  const result = await client.invoke(request);
  const selfId = await client.peers.loadSelfId();
  const [copy] = await botApiMessages(
    client,
    sentMessagesOf(result, {
      randomIds: [random],
      selfId,
      context: sentMessageContext(request, selfId),
    }),
  );
  if (copy === undefined) {
    throw new UnexpectedResultError("copyMessage", "the answer holds no copy");
  }
  return copy;
}
