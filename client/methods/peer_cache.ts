/**
 * The client's peer cache for high-level methods: remembers every user and chat seen (TL
 * objects in memory, access hashes in the session store) and turns Bot-API-style chat ids and
 * usernames into `InputPeer`s, `InputUser`s and `InputChannel`s.
 *
 * A peer seen only as a `min` constructor (a member of a big group, say) is remembered with the
 * message it was seen in, and addressed later through `inputPeerUserFromMessage` /
 * `inputPeerChannelFromMessage`.
 *
 * @module
 */
import type {
  ResultOf,
  TLFunction,
  TypeChat,
  TypeInputChannel,
  TypeInputPeer,
  TypeInputUser,
  TypeMessage,
  TypePeer,
  TypeUser,
} from "../../tl/mod.ts";
import {
  markPeerId,
  type PeerRecord,
  unmarkPeerId,
} from "../../storage/peer_record.ts";
import type { SessionStore } from "../../storage/session_store.ts";
import type { ChatId } from "../types/chat_id.ts";
import { InvalidInputError } from "../types/invalid_input_error.ts";
import { PeerMap, type UsersAndChats } from "../types/peer_map.ts";
import { PeerNotFoundError } from "./peer_not_found_error.ts";

/** Where a peer cache stores access hashes, and how it asks the server. */
export interface PeerCacheBackend {
  /** The session store (opened on first use). */
  store(): Promise<SessionStore>;
  /** Invokes a raw API function. */
  invoke<F extends TLFunction>(fn: F): Promise<ResultOf<F>>;
}

/** How many TL users and chats are kept in memory (the store keeps every access hash). */
export const PEER_MEMORY_LIMIT = 10_000;

/** A Bot-API-style chat id, normalized to a marked `bigint`, or a username, or self. */
export type ParsedChatId =
  | { kind: "self" }
  | { kind: "id"; id: bigint }
  | { kind: "username"; username: string };

/** Parses a {@linkcode ChatId}; an {@linkcode InvalidInputError} when it has no meaning. */
export function parseChatId(chat: ChatId): ParsedChatId {
  if (typeof chat === "bigint") {
    if (chat === 0n) throw new InvalidInputError("chat_id", "0 is no chat");
    return { kind: "id", id: chat };
  }
  if (typeof chat === "number") {
    if (!Number.isSafeInteger(chat) || chat === 0) {
      throw new InvalidInputError("chat_id", `${chat} is not a chat id`);
    }
    return { kind: "id", id: BigInt(chat) };
  }
  if (typeof chat !== "string") {
    throw new InvalidInputError(
      "chat_id",
      "must be a number, a bigint or a string",
    );
  }
  const text = chat.trim();
  if (text === "me" || text === "self") return { kind: "self" };
  if (/^-?[1-9][0-9]*$/.test(text)) return { kind: "id", id: BigInt(text) };
  const username = text.replace(/^@/, "").replace(
    /^(?:https?:\/\/)?t\.me\//,
    "",
  );
  if (!/^[A-Za-z][A-Za-z0-9_]{2,}$/.test(username)) {
    throw new InvalidInputError(
      "chat_id",
      `${JSON.stringify(chat)} is neither an id nor a username`,
    );
  }
  return { kind: "username", username };
}

function peerMarkedId(peer: TypePeer): bigint {
  switch (peer._) {
    case "peerUser":
      return peer.user_id;
    case "peerChat":
      return markPeerId("group", peer.chat_id);
    case "peerChannel":
      return markPeerId("channel", peer.channel_id);
  }
}

function userRecord(
  user: TypeUser,
  min?: PeerRecord["min"],
): PeerRecord | undefined {
  if (user._ !== "user" || user.access_hash === undefined) return undefined;
  if (user.min && min === undefined) return undefined;
  const record: PeerRecord = {
    id: user.id,
    kind: user.bot ? "bot" : "user",
    accessHash: user.access_hash,
  };
  const username = user.username ??
    user.usernames?.find((u) => u.active)?.username;
  if (username) record.username = username;
  if (user.phone) record.phone = user.phone;
  if (user.min) record.min = min;
  return record;
}

function chatRecord(
  chat: TypeChat,
  min?: PeerRecord["min"],
): PeerRecord | undefined {
  switch (chat._) {
    case "chat":
    case "chatForbidden":
      return {
        id: markPeerId("group", chat.id),
        kind: "group",
        accessHash: 0n,
      };
    case "channel":
    case "channelForbidden": {
      if (chat.access_hash === undefined) return undefined;
      const isMin = chat._ === "channel" && chat.min === true;
      if (isMin && min === undefined) return undefined;
      const kind = chat.megagroup || (chat._ === "channel" && chat.gigagroup)
        ? "supergroup"
        : "channel";
      const record: PeerRecord = {
        id: markPeerId(kind, chat.id),
        kind,
        accessHash: chat.access_hash,
      };
      if (chat._ === "channel") {
        const username = chat.username ??
          chat.usernames?.find((u) => u.active)?.username;
        if (username) record.username = username;
      }
      if (isMin) record.min = min;
      return record;
    }
    default:
      return undefined;
  }
}

function sameRecord(a: PeerRecord | undefined, b: PeerRecord): boolean {
  return a !== undefined && a.kind === b.kind &&
    a.accessHash === b.accessHash &&
    a.username === b.username && a.phone === b.phone &&
    a.min?.peerId === b.min?.peerId && a.min?.msgId === b.min?.msgId;
}

/** Remembers peers and resolves chat ids to input peers. */
export class PeerCache {
  readonly #backend: PeerCacheBackend;
  /** TL users and chats seen lately, for names and kinds (bounded by {@linkcode PEER_MEMORY_LIMIT}). */
  readonly map: PeerMap = new PeerMap();
  /** What was last written to the store, so that unchanged peers are not rewritten. */
  readonly #written = new Map<bigint, PeerRecord>();
  #selfId: bigint | undefined;

  /**
   * Creates an instance.
   *
   * @param backend the session store and `invoke`
   */
  constructor(backend: PeerCacheBackend) {
    this.#backend = backend;
  }

  /** The logged-in account's id, once known (from `getMe`, the login, or the stored account). */
  get selfId(): bigint | undefined {
    return this.#selfId;
  }

  /** Sets the logged-in account's id (`undefined` after logging out). */
  setSelfId(id: bigint | undefined): void {
    this.#selfId = id;
  }

  /** The logged-in account's id: known, else from the store's account record. */
  async loadSelfId(): Promise<bigint | undefined> {
    if (this.#selfId === undefined) {
      const account = await (await this.#backend.store()).getAccount();
      this.#selfId ??= account?.userId;
    }
    return this.#selfId;
  }

  /**
   * Remembers users and chats (in memory at once, access hashes in the store) and, for `min`
   * ones, the message they were seen in: pass the messages of the same result so the senders of
   * group messages can be addressed later.
   */
  async remember(
    from: UsersAndChats,
    messages: readonly TypeMessage[] = [],
  ): Promise<void> {
    this.#rememberInMemory(from);
    const seenIn = new Map<bigint, PeerRecord["min"]>();
    for (const message of messages) {
      if (message._ === "messageEmpty") continue;
      const where = {
        peerId: peerMarkedId(message.peer_id),
        msgId: message.id,
      };
      const from = message.from_id;
      if (from?._ === "peerUser") seenIn.set(from.user_id, where);
      if (from?._ === "peerChannel") {
        seenIn.set(markPeerId("channel", from.channel_id), where);
      }
      const forwarded = message._ === "message"
        ? message.fwd_from?.from_id
        : undefined;
      if (forwarded?._ === "peerUser") seenIn.set(forwarded.user_id, where);
      if (forwarded?._ === "peerChannel") {
        seenIn.set(markPeerId("channel", forwarded.channel_id), where);
      }
    }
    const records: PeerRecord[] = [];
    for (const user of from.users ?? []) {
      const record = userRecord(user, seenIn.get(user.id));
      if (record) records.push(record);
    }
    for (const chat of from.chats ?? []) {
      const record = chatRecord(
        chat,
        seenIn.get(markPeerId("channel", chat.id)),
      );
      if (record) records.push(record);
    }
    const changed = records.filter((record) => {
      const known = this.#written.get(record.id);
      // A min record never replaces a full one (putPeers enforces it too).
      if (record.min && known && !known.min) return false;
      return !sameRecord(known, record);
    });
    if (changed.length === 0) return;
    await (await this.#backend.store()).putPeers(changed);
    for (const record of changed) this.#written.set(record.id, record);
    if (this.#written.size > PEER_MEMORY_LIMIT) this.#written.clear();
  }

  #rememberInMemory(from: UsersAndChats): void {
    this.map.add(from);
    for (
      const table of [this.map.users, this.map.chats] as Map<bigint, unknown>[]
    ) {
      // Oldest first: Map keeps insertion order.
      for (const key of table.keys()) {
        if (table.size <= PEER_MEMORY_LIMIT) break;
        table.delete(key);
      }
    }
  }

  /**
   * Whether a peer is known right now, without asking the store: the
   * logged-in account, a user or channel held in memory with an access hash,
   * a basic group held in memory, or a peer remembered in this process.
   * After a restart, a peer is known again once it is seen (the update
   * manager then fetches a difference for a short update naming it).
   */
  knows(peer: TypePeer): boolean {
    switch (peer._) {
      case "peerUser": {
        if (peer.user_id === this.#selfId) return true;
        const user = this.map.users.get(peer.user_id);
        if (user?._ === "user" && user.access_hash !== undefined) return true;
        return this.#written.has(peer.user_id);
      }
      case "peerChat":
        return this.map.chats.get(peer.chat_id)?._ === "chat" ||
          this.#written.has(markPeerId("group", peer.chat_id));
      case "peerChannel": {
        const chat = this.map.chats.get(peer.channel_id);
        if (
          (chat?._ === "channel" || chat?._ === "channelForbidden") &&
          chat.access_hash !== undefined
        ) return true;
        return this.#written.has(markPeerId("channel", peer.channel_id));
      }
    }
  }

  /** The cached record of a marked id (or username), if any. */
  async record(chat: ChatId): Promise<PeerRecord | undefined> {
    const parsed = parseChatId(chat);
    const store = await this.#backend.store();
    if (parsed.kind === "username") {
      return await store.getPeerByUsername(parsed.username);
    }
    if (parsed.kind === "self") {
      const id = await this.loadSelfId();
      return id === undefined ? undefined : await store.getPeer(id);
    }
    const record = await store.getPeer(parsed.id);
    // What the store holds is what was written: `knows` may answer from it.
    if (record && !this.#written.has(record.id)) {
      if (this.#written.size >= PEER_MEMORY_LIMIT) this.#written.clear();
      this.#written.set(record.id, record);
    }
    return record;
  }

  /**
   * The `InputPeer` of a chat: `inputPeerSelf` for the logged-in account, else from the cache;
   * a username not in the cache is resolved with `contacts.resolveUsername`. Throws
   * {@linkcode PeerNotFoundError} for an id the cache has never seen with an access hash.
   */
  async inputPeer(chat: ChatId): Promise<TypeInputPeer> {
    return await this.#inputPeer(chat, 0);
  }

  async #inputPeer(chat: ChatId, depth: number): Promise<TypeInputPeer> {
    const parsed = parseChatId(chat);
    if (parsed.kind === "self") return { _: "inputPeerSelf" };
    const selfId = await this.loadSelfId();
    if (parsed.kind === "id" && parsed.id === selfId) {
      return { _: "inputPeerSelf" };
    }
    let record = await this.record(chat);
    if (record === undefined && parsed.kind === "username") {
      record = await this.#resolveUsername(parsed.username);
    }
    if (record === undefined) {
      if (parsed.kind === "id") {
        const { type, id } = unmarkPeerId(parsed.id);
        // Basic groups need no access hash.
        if (type === "chat") return { _: "inputPeerChat", chat_id: id };
      }
      throw new PeerNotFoundError(String(chat));
    }
    return await this.#fromRecord(record, depth);
  }

  async #fromRecord(record: PeerRecord, depth: number): Promise<TypeInputPeer> {
    const { type, id } = unmarkPeerId(record.id);
    if (record.min) {
      // A min peer seen in a message of a min peer seen in … : bounded, not a cycle.
      if (depth > 4) throw new PeerNotFoundError(String(record.id));
      const peer = await this.#inputPeer(record.min.peerId, depth + 1);
      return type === "user"
        ? {
          _: "inputPeerUserFromMessage",
          peer,
          msg_id: record.min.msgId,
          user_id: id,
        }
        : {
          _: "inputPeerChannelFromMessage",
          peer,
          msg_id: record.min.msgId,
          channel_id: id,
        };
    }
    switch (type) {
      case "user":
        return {
          _: "inputPeerUser",
          user_id: id,
          access_hash: record.accessHash,
        };
      case "chat":
        return { _: "inputPeerChat", chat_id: id };
      case "channel":
        return {
          _: "inputPeerChannel",
          channel_id: id,
          access_hash: record.accessHash,
        };
    }
  }

  async #resolveUsername(username: string): Promise<PeerRecord | undefined> {
    const resolved = await this.#backend.invoke({
      _: "contacts.resolveUsername",
      username,
    });
    await this.remember(resolved);
    const store = await this.#backend.store();
    return await store.getPeer(peerMarkedId(resolved.peer));
  }

  /** The `InputUser` of a user or bot; an {@linkcode InvalidInputError} for other chats. */
  async inputUser(user: ChatId): Promise<TypeInputUser> {
    const peer = await this.inputPeer(user);
    switch (peer._) {
      case "inputPeerSelf":
        return { _: "inputUserSelf" };
      case "inputPeerUser":
        return {
          _: "inputUser",
          user_id: peer.user_id,
          access_hash: peer.access_hash,
        };
      case "inputPeerUserFromMessage":
        return {
          _: "inputUserFromMessage",
          peer: peer.peer,
          msg_id: peer.msg_id,
          user_id: peer.user_id,
        };
      default:
        throw new InvalidInputError("user_id", `${user} is not a user`);
    }
  }

  /** The `InputChannel` of a channel or supergroup; an {@linkcode InvalidInputError} for other chats. */
  async inputChannel(chat: ChatId): Promise<TypeInputChannel> {
    const peer = await this.inputPeer(chat);
    return toInputChannel(peer, chat);
  }
}

/** The `InputChannel` of an input peer of a channel; an {@linkcode InvalidInputError} otherwise. */
export function toInputChannel(
  peer: TypeInputPeer,
  chat: ChatId,
): TypeInputChannel {
  switch (peer._) {
    case "inputPeerChannel":
      return {
        _: "inputChannel",
        channel_id: peer.channel_id,
        access_hash: peer.access_hash,
      };
    case "inputPeerChannelFromMessage":
      return {
        _: "inputChannelFromMessage",
        peer: peer.peer,
        msg_id: peer.msg_id,
        channel_id: peer.channel_id,
      };
    default:
      throw new InvalidInputError(
        "chat_id",
        `${chat} is not a channel or supergroup`,
      );
  }
}
