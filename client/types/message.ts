/**
 * `Message`, shaped like the Bot API's, and its conversion from a TL `Message`.
 *
 * Where MTProto gives less than the Bot API (a reply names the replied-to message by id, not
 * the whole message), the field says so in its name (`reply_to_message_id`).
 *
 * @module
 */
import type {
  TypeMessage,
  TypeMessageAction,
  TypeMessageFwdHeader,
  TypePeer,
} from "../../tl/mod.ts";
import { messageEntitiesFromTl } from "../parse_mode/tl_entities.ts";
import type { Chat } from "./chat.ts";
import { type MediaSummary, mediaSummaryFromTl } from "./media.ts";
import type { MessageEntity } from "./message_entity.ts";
import type { PeerMap } from "./peer_map.ts";
import { type ReplyMarkup, replyMarkupFromTl } from "./reply_markup.ts";
import type { User } from "./user.ts";

/** Where a forwarded message first came from. */
export type MessageOrigin =
  | {
    /** Sent by a user whose account is visible. */
    type: "user";
    /** When the original was sent (Unix seconds). */
    date: number;
    /** The original sender. */
    sender_user: User;
  }
  | {
    /** Sent by a user who hides their account in forwards. */
    type: "hidden_user";
    /** When the original was sent (Unix seconds). */
    date: number;
    /** The name shown instead. */
    sender_user_name: string;
  }
  | {
    /** Sent on behalf of a group (anonymous admin). */
    type: "chat";
    /** When the original was sent (Unix seconds). */
    date: number;
    /** The group. */
    sender_chat: Chat;
    /** The admin's signature, if any. */
    author_signature?: string;
  }
  | {
    /** A channel post. */
    type: "channel";
    /** When the original was sent (Unix seconds). */
    date: number;
    /** The channel. */
    chat: Chat;
    /** The post's id in the channel. */
    message_id: number;
    /** The author's signature, if any. */
    author_signature?: string;
  };

/** The part of a replied-to message a reply quotes. */
export interface TextQuote {
  /** The quoted text. */
  text: string;
  /** Its entities. */
  entities?: MessageEntity[];
  /** Where the quote starts in the original, in UTF-16 code units. */
  position: number;
}

/** What a service message says happened (the Bot API's service fields). */
export interface ServiceFields {
  /** Users added to the group. */
  new_chat_members?: User[];
  /** A user removed from (or who left) the group. */
  left_chat_member?: User;
  /** The group's new title. */
  new_chat_title?: string;
  /** The group's photo changed (the TL photo id, in decimal). */
  new_chat_photo?: string;
  /** The group's photo was deleted. */
  delete_chat_photo?: true;
  /** A basic group was created. */
  group_chat_created?: true;
  /** A supergroup was created. */
  supergroup_chat_created?: true;
  /** A channel was created. */
  channel_chat_created?: true;
  /** The group became this supergroup (Bot-API-style id). */
  migrate_to_chat_id?: number;
  /** The supergroup was this group (Bot-API-style id). */
  migrate_from_chat_id?: number;
  /** A message was pinned: its id (the Bot API gives the message; MTProto its id). */
  pinned_message_id?: number;
  /** The auto-delete timer changed. */
  message_auto_delete_timer_changed?: { message_auto_delete_time: number };
  /** A forum topic was created. */
  forum_topic_created?: { name: string; icon_color: number };
  /**
   * For service messages of kinds the Bot API has no field for: the TL action's constructor
   * (`messageActionPhoneCall`, …). Also set for the kinds above, so every service message has it.
   */
  service_action?: string;
}

/** A message, shaped like the Bot API's. */
export interface Message extends MediaSummary, ServiceFields {
  /** The message's id in its chat. */
  message_id: number;
  /** The forum topic it belongs to, if any. */
  message_thread_id?: number;
  /** The sender, for messages sent by users (absent for channel posts and anonymous admins). */
  from?: User;
  /** The chat the message was sent on behalf of (channel posts, anonymous admins). */
  sender_chat?: Chat;
  /** When it was sent (Unix seconds). */
  date: number;
  /** The chat it belongs to. */
  chat: Chat;
  /** Where a forwarded message came from. */
  forward_origin?: MessageOrigin;
  /** The id of the message it replies to (in `reply_to_chat_id`'s chat when set, else this chat). */
  reply_to_message_id?: number;
  /** The chat of the replied-to message, when it is another chat. */
  reply_to_chat_id?: number;
  /** The part of the replied-to message this one quotes. */
  quote?: TextQuote;
  /** The bot it was sent through (inline mode). */
  via_bot?: User;
  /** When it was last edited (Unix seconds). */
  edit_date?: number;
  /** Set when it may not be forwarded or saved. */
  has_protected_content?: true;
  /** The album it belongs to. */
  media_group_id?: string;
  /** The post's author signature, in channels. */
  author_signature?: string;
  /** The text, for text messages. */
  text?: string;
  /** The text's entities. */
  entities?: MessageEntity[];
  /** The caption, for media messages. */
  caption?: string;
  /** The caption's entities. */
  caption_entities?: MessageEntity[];
  /** The message's buttons. */
  reply_markup?: ReplyMarkup;
  /** Views, for channel posts. */
  views?: number;
  /** Set when the logged-in account sent it. */
  is_outgoing?: true;
  /** Set when it was sent without a notification. */
  is_silent?: true;
  /** Set when it mentions the logged-in account. */
  is_mentioned?: true;
  /** Set when it is pinned. */
  is_pinned?: true;
}

/** Options of {@linkcode messageFromTl}. */
export interface MessageConversionOptions {
  /** The logged-in account's id: the sender of outgoing private messages. */
  selfId?: bigint;
}

function origin(header: TypeMessageFwdHeader, peers: PeerMap): MessageOrigin {
  const date = header.date;
  const from = header.from_id;
  if (from === undefined) {
    return {
      type: "hidden_user",
      date,
      sender_user_name: header.from_name ?? "",
    };
  }
  if (from._ === "peerUser") {
    return { type: "user", date, sender_user: peers.botApiUser(from.user_id) };
  }
  const chat = peers.botApiChat(from);
  if (chat.type === "channel" && header.channel_post !== undefined) {
    const result: MessageOrigin = {
      type: "channel",
      date,
      chat,
      message_id: header.channel_post,
    };
    if (header.post_author) result.author_signature = header.post_author;
    return result;
  }
  const result: MessageOrigin = { type: "chat", date, sender_chat: chat };
  if (header.post_author) result.author_signature = header.post_author;
  return result;
}

function serviceFields(
  action: TypeMessageAction,
  chat: Chat,
  peers: PeerMap,
): ServiceFields {
  const fields: ServiceFields = { service_action: action._ };
  switch (action._) {
    case "messageActionChatCreate":
      fields.group_chat_created = true;
      break;
    case "messageActionChannelCreate":
      if (chat.type === "channel") fields.channel_chat_created = true;
      else fields.supergroup_chat_created = true;
      break;
    case "messageActionChatEditTitle":
      fields.new_chat_title = action.title;
      break;
    case "messageActionChatEditPhoto":
      fields.new_chat_photo = action.photo.id.toString();
      break;
    case "messageActionChatDeletePhoto":
      fields.delete_chat_photo = true;
      break;
    case "messageActionChatAddUser":
      fields.new_chat_members = action.users.map((id) => peers.botApiUser(id));
      break;
    case "messageActionChatJoinedByLink":
    case "messageActionChatJoinedByRequest":
      // The joining user is the message's sender; filled in by the caller.
      fields.new_chat_members = [];
      break;
    case "messageActionChatDeleteUser":
      fields.left_chat_member = peers.botApiUser(action.user_id);
      break;
    case "messageActionChatMigrateTo":
      fields.migrate_to_chat_id = Number(
        -1_000_000_000_000n - action.channel_id,
      );
      break;
    case "messageActionChannelMigrateFrom":
      fields.migrate_from_chat_id = Number(-action.chat_id);
      break;
    case "messageActionSetMessagesTTL":
      fields.message_auto_delete_timer_changed = {
        message_auto_delete_time: action.period,
      };
      break;
    case "messageActionTopicCreate":
      fields.forum_topic_created = {
        name: action.title,
        icon_color: action.icon_color,
      };
      break;
  }
  return fields;
}

function sender(
  message: Exclude<TypeMessage, { _: "messageEmpty" }>,
  chat: Chat,
  peers: PeerMap,
  selfId: bigint | undefined,
): { from?: User; sender_chat?: Chat } {
  const from: TypePeer | undefined = message.from_id;
  if (from?._ === "peerUser") return { from: peers.botApiUser(from.user_id) };
  if (from !== undefined) return { sender_chat: peers.botApiChat(from) };
  const peer = message.peer_id;
  if (peer._ === "peerUser") {
    if (message.out && selfId !== undefined) {
      return { from: peers.botApiUser(selfId) };
    }
    return { from: peers.botApiUser(peer.user_id) };
  }
  // A channel post, or a message of a group's anonymous admin: sent on behalf of the chat.
  return { sender_chat: chat };
}

/**
 * The Bot API form of a TL message, or `undefined` for `messageEmpty`. Users and chats come
 * from `peers`; ones it does not know appear with their id and no names.
 */
export function messageFromTl(
  message: TypeMessage,
  peers: PeerMap,
  options: MessageConversionOptions = {},
): Message | undefined {
  if (message._ === "messageEmpty") return undefined;
  const chat = peers.botApiChat(message.peer_id);
  const result: Message = {
    message_id: message.id,
    date: message.date,
    chat,
    ...sender(message, chat, peers, options.selfId),
  };
  const reply = message.reply_to;
  if (reply?._ === "messageReplyHeader") {
    if (reply.reply_to_msg_id !== undefined) {
      result.reply_to_message_id = reply.reply_to_msg_id;
    }
    if (reply.reply_to_peer_id !== undefined) {
      result.reply_to_chat_id = peers.botApiChat(reply.reply_to_peer_id).id;
    }
    if (reply.forum_topic) {
      result.message_thread_id = reply.reply_to_top_id ?? reply.reply_to_msg_id;
    }
    if (reply.quote && reply.quote_text !== undefined) {
      const quote: TextQuote = {
        text: reply.quote_text,
        position: reply.quote_offset ?? 0,
      };
      const entities = messageEntitiesFromTl(reply.quote_entities ?? []);
      if (entities.length > 0) quote.entities = entities;
      result.quote = quote;
    }
  }
  if (message.out) result.is_outgoing = true;
  if (message.silent) result.is_silent = true;
  if (message.mentioned) result.is_mentioned = true;

  if (message._ === "messageService") {
    const fields = serviceFields(message.action, chat, peers);
    if (fields.new_chat_members?.length === 0 && result.from) {
      fields.new_chat_members = [result.from];
    }
    if (message.action._ === "messageActionPinMessage") {
      const pinned = result.reply_to_message_id;
      if (pinned !== undefined) fields.pinned_message_id = pinned;
    }
    return Object.assign(result, fields);
  }

  if (message.fwd_from) result.forward_origin = origin(message.fwd_from, peers);
  if (message.via_bot_id !== undefined) {
    result.via_bot = peers.botApiUser(message.via_bot_id);
  }
  if (message.edit_date !== undefined && !message.edit_hide) {
    result.edit_date = message.edit_date;
  }
  if (message.noforwards) result.has_protected_content = true;
  if (message.grouped_id !== undefined) {
    result.media_group_id = message.grouped_id.toString();
  }
  if (message.post_author !== undefined) {
    result.author_signature = message.post_author;
  }
  if (message.views !== undefined) result.views = message.views;
  if (message.pinned) result.is_pinned = true;
  const media = mediaSummaryFromTl(message.media);
  const hasMedia = Object.keys(media).length > 0;
  const entities = messageEntitiesFromTl(message.entities ?? []);
  if (hasMedia) {
    Object.assign(result, media);
    if (message.message !== "") {
      result.caption = message.message;
      if (entities.length > 0) result.caption_entities = entities;
    }
  } else {
    result.text = message.message;
    if (entities.length > 0) result.entities = entities;
  }
  if (message.reply_markup) {
    result.reply_markup = replyMarkupFromTl(message.reply_markup);
  }
  return result;
}
