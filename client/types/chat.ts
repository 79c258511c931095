/**
 * `Chat`, shaped like the Bot API's, with Bot-API-style ids: users as they are, basic groups
 * negated, channels and supergroups as `-100…` (`-1000000000000 - id`).
 *
 * @module
 */
import type { TypeChat, TypePeer, TypeUser } from "../../tl/mod.ts";
import { markPeerId } from "../../storage/peer_record.ts";

/** What kind of chat it is, as the Bot API names them. */
export type ChatType = "private" | "group" | "supergroup" | "channel";

/** A private chat, a basic group, a supergroup or a channel. */
export interface Chat {
  /** The Bot-API-style id (users positive, basic groups negative, channels and supergroups `-100…`). */
  id: number;
  /** What kind of chat it is. */
  type: ChatType;
  /** Title, for groups, supergroups and channels. */
  title?: string;
  /** Username, without `@`, for private chats, supergroups and channels that have one. */
  username?: string;
  /** The other party's first name, in private chats. */
  first_name?: string;
  /** The other party's last name, in private chats. */
  last_name?: string;
  /** Set for a supergroup with topics. */
  is_forum?: true;
}

/** The Bot-API-style id of a TL peer. */
export function peerToChatId(peer: TypePeer): number {
  switch (peer._) {
    case "peerUser":
      return Number(peer.user_id);
    case "peerChat":
      return Number(markPeerId("group", peer.chat_id));
    case "peerChannel":
      return Number(markPeerId("channel", peer.channel_id));
  }
}

/** The private chat with a TL user. */
export function chatFromTlUser(user: TypeUser): Chat {
  const chat: Chat = { id: Number(user.id), type: "private" };
  if (user._ === "userEmpty") return chat;
  chat.first_name = user.first_name ?? "";
  if (user.last_name) chat.last_name = user.last_name;
  const username = user.username ??
    user.usernames?.find((u) => u.active)?.username;
  if (username) chat.username = username;
  return chat;
}

/**
 * The Bot API form of a TL chat: `chat`/`chatForbidden` are basic groups, `channel`s with
 * `megagroup` (or `gigagroup`) supergroups, other `channel`s channels.
 */
export function chatFromTlChat(chat: TypeChat): Chat {
  switch (chat._) {
    case "chatEmpty":
      return { id: Number(markPeerId("group", chat.id)), type: "group" };
    case "chat":
    case "chatForbidden":
      return {
        id: Number(markPeerId("group", chat.id)),
        type: "group",
        title: chat.title,
      };
    case "channel":
    case "channelForbidden": {
      const type: ChatType = chat.megagroup ||
          (chat._ === "channel" && chat.gigagroup)
        ? "supergroup"
        : "channel";
      const result: Chat = {
        id: Number(markPeerId(type, chat.id)),
        type,
        title: chat.title,
      };
      if (chat._ === "channel") {
        const username = chat.username ??
          chat.usernames?.find((u) => u.active)?.username;
        if (username) result.username = username;
        if (chat.forum) result.is_forum = true;
      }
      return result;
    }
    default:
      // Communities and other kinds newer than the Bot API: treat as supergroups.
      return {
        id: Number(markPeerId("supergroup", chat.id)),
        type: "supergroup",
        title: "title" in chat ? chat.title : undefined,
      };
  }
}
