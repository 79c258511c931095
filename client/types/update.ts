/**
 * `Update`, shaped like the Bot API's, and its conversion from a TL `Update`.
 *
 * Every TL update gets an `Update`; those the Bot API has no field for carry only their
 * `update_id` (the TL object stays reachable beside it, as the middleware's `ctx.raw`).
 *
 * @module
 */
import type { TypeUpdate } from "../../tl/mod.ts";
import { type CallbackQuery, callbackQueryFromTl } from "./callback_query.ts";
import type { Chat } from "./chat.ts";
import {
  type ChatMemberUpdated,
  chatMemberUpdatedFromTl,
} from "./chat_member.ts";
import {
  type ChosenInlineResult,
  chosenInlineResultFromTl,
  type InlineQuery,
  inlineQueryFromTl,
} from "./inline_query.ts";
import { type Message, messageFromTl } from "./message.ts";
import type { PeerMap } from "./peer_map.ts";

/** Messages deleted from a chat (MTProto tells; the Bot API does not). */
export interface DeletedMessages {
  /**
   * The chat, for supergroups and channels. Absent for private chats and basic groups, whose
   * message ids are unique across them (one message box per account).
   */
  chat?: Chat;
  /** The deleted messages' ids. */
  message_ids: number[];
}

/** One incoming update; at most one of the optional fields is set. */
export interface Update {
  /** A number increasing with each update this client dispatches (not the Bot API's id). */
  update_id: number;
  /** A new message in a private chat, group or supergroup. */
  message?: Message;
  /** An edited message in a private chat, group or supergroup. */
  edited_message?: Message;
  /** A new post in a channel. */
  channel_post?: Message;
  /** An edited post in a channel. */
  edited_channel_post?: Message;
  /** A tap on a callback button. */
  callback_query?: CallbackQuery;
  /** An inline query. */
  inline_query?: InlineQuery;
  /** An inline result a user chose. */
  chosen_inline_result?: ChosenInlineResult;
  /** Messages deleted. */
  deleted_messages?: DeletedMessages;
  /** Another member's status changed in a chat (bots get it when they are admins). */
  chat_member?: ChatMemberUpdated;
  /** The logged-in account's own status changed in a chat. */
  my_chat_member?: ChatMemberUpdated;
}

/** The Bot API fields an `Update` can have (every key but `update_id`). */
export type UpdateKind = Exclude<keyof Update, "update_id">;

/** Every {@linkcode UpdateKind}. */
export const UPDATE_KINDS: readonly UpdateKind[] = [
  "message",
  "edited_message",
  "channel_post",
  "edited_channel_post",
  "callback_query",
  "inline_query",
  "chosen_inline_result",
  "deleted_messages",
  "chat_member",
  "my_chat_member",
];

/** Options of {@linkcode updateFromTl}. */
export interface UpdateConversionOptions {
  /** The logged-in account's id (outgoing messages' sender, `my_chat_member`). */
  selfId?: bigint;
}

/**
 * The Bot API fields of a TL update (without `update_id`): `{}` when the Bot API has no field
 * for it (a typing notice, a read receipt, …).
 */
export function updateFromTl(
  update: TypeUpdate,
  peers: PeerMap,
  options: UpdateConversionOptions = {},
): Omit<Update, "update_id"> {
  const selfId = options.selfId;
  switch (update._) {
    case "updateNewMessage":
    case "updateNewChannelMessage":
    case "updateNewScheduledMessage": {
      if (update._ === "updateNewScheduledMessage") return {};
      const message = messageFromTl(update.message, peers, { selfId });
      if (!message) return {};
      return message.chat.type === "channel"
        ? { channel_post: message }
        : { message };
    }
    case "updateEditMessage":
    case "updateEditChannelMessage": {
      const message = messageFromTl(update.message, peers, { selfId });
      if (!message) return {};
      return message.chat.type === "channel"
        ? { edited_channel_post: message }
        : { edited_message: message };
    }
    case "updateBotCallbackQuery":
    case "updateInlineBotCallbackQuery":
      return { callback_query: callbackQueryFromTl(update, peers) };
    case "updateBotInlineQuery":
      return { inline_query: inlineQueryFromTl(update, peers) };
    case "updateBotInlineSend":
      return { chosen_inline_result: chosenInlineResultFromTl(update, peers) };
    case "updateDeleteMessages":
      return { deleted_messages: { message_ids: update.messages } };
    case "updateDeleteChannelMessages":
      return {
        deleted_messages: {
          chat: peers.botApiChat({
            _: "peerChannel",
            channel_id: update.channel_id,
          }),
          message_ids: update.messages,
        },
      };
    case "updateChannelParticipant":
    case "updateChatParticipant": {
      const change = chatMemberUpdatedFromTl(update, peers);
      return selfId !== undefined && update.user_id === selfId
        ? { my_chat_member: change }
        : { chat_member: change };
    }
    default:
      return {};
  }
}
