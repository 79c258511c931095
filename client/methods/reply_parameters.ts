/**
 * `ReplyParameters`, shaped like the Bot API's, to a TL `InputReplyTo`.
 *
 * @module
 */
import type { TypeInputReplyTo } from "../../tl/mod.ts";
import type { ChatId } from "../types/chat_id.ts";
import type { MessageEntity } from "../types/message_entity.ts";
import { formatText, type ParseMode } from "./formatted_text.ts";
import type { MethodClient } from "./method_client.ts";

/** What a message replies to. */
export interface ReplyParameters {
  /** The message replied to. */
  message_id: number;
  /** Its chat, when it is not the chat the reply goes to. */
  chat_id?: ChatId;
  /** The part of the replied-to message to quote. */
  quote?: string;
  /** How to parse `quote`. */
  quote_parse_mode?: ParseMode;
  /** The quote's entities, instead of a parse mode. */
  quote_entities?: MessageEntity[];
  /** Where the quote starts in the original, in UTF-16 code units. */
  quote_position?: number;
}

/** The TL `InputReplyTo` of reply parameters, in a forum topic when `threadId` is given. */
export async function inputReplyTo(
  client: MethodClient,
  reply: ReplyParameters | undefined,
  threadId?: number,
): Promise<TypeInputReplyTo | undefined> {
  if (reply === undefined) {
    return threadId === undefined ? undefined : {
      _: "inputReplyToMessage",
      reply_to_msg_id: threadId,
      top_msg_id: threadId,
    };
  }
  const result: TypeInputReplyTo = {
    _: "inputReplyToMessage",
    reply_to_msg_id: reply.message_id,
  };
  if (threadId !== undefined) result.top_msg_id = threadId;
  if (reply.chat_id !== undefined) {
    result.reply_to_peer_id = await client.peers.inputPeer(reply.chat_id);
  }
  if (reply.quote !== undefined) {
    const quote = await formatText(client, reply.quote, {
      parse_mode: reply.quote_parse_mode,
      entities: reply.quote_entities,
    }, "quote");
    result.quote_text = quote.message;
    if (quote.entities) result.quote_entities = quote.entities;
    if (reply.quote_position !== undefined) {
      result.quote_offset = reply.quote_position;
    }
  }
  return result;
}
