/**
 * `PeerMap`: the TL users and chats that came with a response or an update, by id, which the
 * converters read names, usernames and kinds from.
 *
 * @module
 */
import type { TypeChat, TypePeer, TypeUser } from "../../tl/mod.ts";
import {
  type Chat,
  chatFromTlChat,
  chatFromTlUser,
  peerToChatId,
} from "./chat.ts";
import { type User, userFromTl } from "./user.ts";

/** What carries users and chats: most results and every `updates`/`updatesCombined`. */
export interface UsersAndChats {
  /** TL users. */
  users?: readonly TypeUser[];
  /** TL chats (basic groups, channels, supergroups). */
  chats?: readonly TypeChat[];
}

/** TL users and chats by id, with a fallback lookup for peers the batch did not carry. */
export class PeerMap {
  /** Users by TL id. */
  readonly users: Map<bigint, TypeUser> = new Map();
  /** Chats and channels by TL id. */
  readonly chats: Map<bigint, TypeChat> = new Map();
  readonly #fallback: PeerMap | undefined;

  /**
   * Creates an instance.
   *
   * @param from users and chats to index
   * @param fallback where to look for peers missing here (a longer-lived cache)
   */
  constructor(from: UsersAndChats = {}, fallback?: PeerMap) {
    this.#fallback = fallback;
    this.add(from);
  }

  /**
   * Adds users and chats. A `min` object never replaces a full one already known: it lacks the
   * full one's access hash and may lack fields.
   */
  add(from: UsersAndChats): void {
    for (const user of from.users ?? []) {
      const known = this.users.get(user.id);
      if (user._ === "user" && user.min && known?._ === "user" && !known.min) {
        continue;
      }
      this.users.set(user.id, user);
    }
    for (const chat of from.chats ?? []) {
      const known = this.chats.get(chat.id);
      if (
        chat._ === "channel" && chat.min && known?._ === "channel" && !known.min
      ) continue;
      this.chats.set(chat.id, chat);
    }
  }

  /** The TL user with this id, if known here or in the fallback. */
  user(id: bigint): TypeUser | undefined {
    return this.users.get(id) ?? this.#fallback?.user(id);
  }

  /** The TL chat or channel with this id, if known here or in the fallback. */
  chat(id: bigint): TypeChat | undefined {
    return this.chats.get(id) ?? this.#fallback?.chat(id);
  }

  /** The Bot API user with this id; a nameless one when unknown. */
  botApiUser(id: bigint): User {
    const user = this.user(id);
    return user
      ? userFromTl(user)
      : { id: Number(id), is_bot: false, first_name: "" };
  }

  /**
   * The Bot API chat a TL peer names. A peer neither here nor in the fallback gets what its id
   * tells: users are private chats, `peerChat` basic groups, and `peerChannel` supergroups.
   */
  botApiChat(peer: TypePeer): Chat {
    switch (peer._) {
      case "peerUser": {
        const user = this.user(peer.user_id);
        return user
          ? chatFromTlUser(user)
          : { id: peerToChatId(peer), type: "private" };
      }
      case "peerChat": {
        const chat = this.chat(peer.chat_id);
        return chat
          ? chatFromTlChat(chat)
          : { id: peerToChatId(peer), type: "group" };
      }
      case "peerChannel": {
        const chat = this.chat(peer.channel_id);
        return chat ? chatFromTlChat(chat) : {
          id: Number(-1_000_000_000_000n - peer.channel_id),
          type: "supergroup",
        };
      }
    }
  }
}
