/**
 * The test DC's world of chats, messages and updates: private chats, basic
 * groups, supergroups and channels; messages with entities and reply markup,
 * edits and deletions; callback queries; and the updates each of them
 * produces, counted exactly as Telegram counts them (see `boxes.ts`) and
 * pushed to the connected sessions of every account concerned (see
 * `delivery.ts`).
 *
 * Tests build scenarios through the same calls the API methods use
 * (`chats.sendMessage(aliceId, { type: "user", id: botId }, "hi")`), so
 * "another account sends a message" needs no second client.
 *
 * Accounts themselves (users and bots) live in the {@link World}; this module
 * takes the account a call comes from as a user id (`RpcContext.requireUser()`).
 *
 * @module
 */

import { RpcFailure } from "../rpc_error.ts";
import type { World, WorldUser } from "../world.ts";
import {
  AccountBox,
  ChannelBox,
  type SharedMessage,
  type StoredMessage,
  type Tl,
} from "./boxes.ts";
import { type SessionRef, UpdateDelivery } from "./delivery.ts";

/** A chat a message goes to. */
export type PeerRef =
  | {
    /** A private chat with this user (or Saved Messages with oneself). */
    type: "user";
    /** The user id. */
    id: number;
  }
  | {
    /** A basic group. */
    type: "chat";
    /** The chat id. */
    id: number;
  }
  | {
    /** A channel or supergroup. */
    type: "channel";
    /** The channel id. */
    id: number;
  };

/** A basic group. */
export interface WorldChat {
  /** Chat id. */
  id: number;
  /** Title. */
  title: string;
  /** The creator's user id. */
  creatorId: number;
  /** Member user ids (the creator included). */
  members: Set<number>;
  /** Creation date. */
  date: number;
}

/** A channel (broadcast) or supergroup (`megagroup`). */
export interface WorldChannel {
  /** Channel id. */
  id: number;
  /** Its access hash. */
  accessHash: bigint;
  /** Title. */
  title: string;
  /** Public username, without `@`. */
  username?: string;
  /** A supergroup rather than a broadcast channel. */
  megagroup: boolean;
  /** The creator's user id. */
  creatorId: number;
  /** Admins (the creator included): the only ones who post in a broadcast channel. */
  admins: Set<number>;
  /** Member user ids. */
  members: Set<number>;
  /** Creation date. */
  date: number;
  /** Its pts box and messages. */
  box: ChannelBox;
}

/** Optional parts of a message. */
export interface MessageOptions {
  /** `MessageEntity` TL objects. */
  entities?: Tl[];
  /** A `ReplyMarkup` TL object (inline or reply keyboard). */
  replyMarkup?: Tl;
  /** The id of the message replied to, in the same chat (from the sender's point of view). */
  replyToMsgId?: number;
  /** Sent without notification. */
  silent?: boolean;
  /** The client's random id (duplicates are refused with `RANDOM_ID_DUPLICATE`). */
  randomId?: bigint;
  /** A `MessageFwdHeader` TL object. */
  fwdFrom?: Tl;
  /** A `MessageMedia` TL object. */
  media?: Tl;
  /** The bot the message was sent through (inline results). */
  viaBotId?: number;
}

/** What a send produced. */
export interface SendOutcome {
  /** The message id in the sender's box (private chats, basic groups) or in the channel. */
  id: number;
  /** The `Updates` object the sending session gets as the result. */
  result: Tl;
}

/** Limits of `updates.getDifference`, as knobs. */
export interface DifferenceLimits {
  /** Events per `updates.differenceSlice` (default 100). */
  sliceSize: number;
  /** A client further behind than this many pts gets `updates.differenceTooLong` (default 100 000). */
  tooLongAfter: number;
  /** Events per non-final `updates.channelDifference` (default 100). */
  channelSliceSize: number;
  /** The `timeout` (seconds) final channel differences carry: how long a client waits before polling again (default 30). */
  channelTimeout: number;
}

/** How often the difference methods were called, for tests. */
export interface DifferenceStats {
  /** `updates.getDifference` calls. */
  difference: number;
  /** `updates.getChannelDifference` calls. */
  channelDifference: number;
}

/** A callback or inline query waiting for the bot's answer. */
interface PendingQuery {
  botId: number;
  resolve(answer: Tl): void;
  timer: ReturnType<typeof setTimeout>;
}

/** An answered inline query: its results, for `messages.sendInlineBotResult`. */
interface AnsweredInlineQuery {
  botId: number;
  userId: number;
  results: Map<string, Tl>;
}

const MAX_MESSAGE_LENGTH = 4096;

/** The access hash of a user's min form: usable only with the message it came in. */
export function minAccessHash(accessHash: bigint): bigint {
  return BigInt.asIntN(64, accessHash ^ 0x5a5a5a5a5a5a5a5an);
}

function bigId(id: number): bigint {
  return BigInt(id);
}

/** `peerUser` / `peerChat` / `peerChannel` for a {@link PeerRef}. */
export function peerObject(peer: PeerRef): Tl {
  switch (peer.type) {
    case "user":
      return { _: "peerUser", user_id: bigId(peer.id) };
    case "chat":
      return { _: "peerChat", chat_id: bigId(peer.id) };
    case "channel":
      return { _: "peerChannel", channel_id: bigId(peer.id) };
  }
}

/** Every user, chat and channel a TL object mentions (peers, `user_id`, `via_bot_id`). */
export function mentionedPeers(
  objects: readonly unknown[],
): { users: Set<number>; chats: Set<number>; channels: Set<number> } {
  const users = new Set<number>();
  const chats = new Set<number>();
  const channels = new Set<number>();
  const walk = (value: unknown, depth: number) => {
    if (depth > 8 || value === null || typeof value !== "object") return;
    if (Array.isArray(value)) {
      for (const item of value) walk(item, depth + 1);
      return;
    }
    if (value instanceof Uint8Array) return;
    const object = value as Record<string, unknown>;
    switch (object._) {
      case "peerUser":
        users.add(Number(object.user_id));
        return;
      case "peerChat":
        chats.add(Number(object.chat_id));
        return;
      case "peerChannel":
        channels.add(Number(object.channel_id));
        return;
    }
    for (const [key, field] of Object.entries(object)) {
      if (typeof field === "bigint") {
        if (key === "user_id" || key === "via_bot_id") users.add(Number(field));
        else if (key === "channel_id") channels.add(Number(field));
      } else if (typeof field === "object") walk(field, depth + 1);
    }
  };
  walk(objects, 0);
  return { users, chats, channels };
}

/** See the module documentation. */
export class ChatWorld {
  /** Pushing to sessions, with its misbehaviour knobs. */
  readonly delivery: UpdateDelivery;
  /** Difference limits (tests lower them to exercise slices and `differenceTooLong`). */
  readonly limits: DifferenceLimits = {
    sliceSize: 100,
    tooLongAfter: 100_000,
    channelSliceSize: 100,
    channelTimeout: 30,
  };
  /** Calls of the difference methods so far. */
  readonly differenceStats: DifferenceStats = {
    difference: 0,
    channelDifference: 0,
  };
  /**
   * Send `updateShortMessage`/`updateShortChatMessage` even to accounts that
   * have never been sent the sender (Telegram does when it believes the
   * client has the peer, e.g. after the client lost its cache): the client
   * must fetch `updates.getDifference` to learn who wrote.
   */
  shortFormsToStrangers = false;
  /** Users who wrote to a bot in private, by bot: bots cannot start a private chat. */
  readonly #startedBots = new Map<number, Set<number>>();
  readonly #boxes = new Map<number, AccountBox>();
  readonly #chats = new Map<number, WorldChat>();
  readonly #channels = new Map<number, WorldChannel>();
  readonly #randomIds = new Map<number, Set<bigint>>();
  readonly #queries = new Map<bigint, PendingQuery>();
  readonly #inlineQueries = new Map<bigint, PendingQuery>();
  readonly #inlineAnswers = new Map<bigint, AnsweredInlineQuery>();
  #nextChatId = 5_000_000;
  #nextChannelId = 7_000_000;
  #nextQueryId = 1n;
  #nextFileId = 9_000_000_000n;

  /**
   * @param world the accounts
   * @param now server time, Unix seconds
   */
  constructor(readonly world: World, private readonly now: () => number) {
    this.delivery = new UpdateDelivery(now);
  }

  #date(): number {
    return Math.floor(this.now());
  }

  #user(id: number): WorldUser {
    const user = this.world.user(id);
    if (!user) throw new RpcFailure(400, "USER_ID_INVALID");
    return user;
  }

  /** The common update box of an account (created on first use). */
  box(userId: number): AccountBox {
    let box = this.#boxes.get(userId);
    if (!box) {
      box = new AccountBox(this.#date());
      this.#boxes.set(userId, box);
    }
    return box;
  }

  /** The basic group with this id. */
  chat(id: number): WorldChat | undefined {
    return this.#chats.get(id);
  }

  /** The channel or supergroup with this id. */
  channel(id: number): WorldChannel | undefined {
    return this.#channels.get(id);
  }

  /** The channels and supergroups an account is a member of. */
  channelsOf(userId: number): WorldChannel[] {
    return [...this.#channels.values()].filter((c) => c.members.has(userId));
  }

  /** Creates a basic group of `creatorId` and `memberIds`. */
  createChat(
    creatorId: number,
    title: string,
    memberIds: number[] = [],
  ): WorldChat {
    this.#user(creatorId);
    for (const id of memberIds) this.#user(id);
    const chat: WorldChat = {
      id: this.#nextChatId++,
      title,
      creatorId,
      members: new Set([creatorId, ...memberIds]),
      date: this.#date(),
    };
    this.#chats.set(chat.id, chat);
    return chat;
  }

  /** Creates a broadcast channel, or a supergroup with `megagroup`. */
  createChannel(
    creatorId: number,
    title: string,
    options: { megagroup?: boolean; username?: string; memberIds?: number[] } =
      {},
  ): WorldChannel {
    this.#user(creatorId);
    const id = this.#nextChannelId++;
    const channel: WorldChannel = {
      id,
      accessHash: BigInt.asIntN(64, BigInt(id) * 0x2545f4914f6cdd1dn),
      title,
      username: options.username,
      megagroup: options.megagroup ?? false,
      creatorId,
      admins: new Set([creatorId]),
      members: new Set([creatorId, ...(options.memberIds ?? [])]),
      date: this.#date(),
      box: new ChannelBox(),
    };
    this.#channels.set(id, channel);
    return channel;
  }

  /** Adds a member to a basic group, channel or supergroup (no service message). */
  addMember(peer: PeerRef, userId: number): void {
    this.#user(userId);
    if (peer.type === "chat") this.#requireChat(peer.id).members.add(userId);
    else if (peer.type === "channel") {
      this.#requireChannel(peer.id).members.add(userId);
    } else throw new RangeError("only groups and channels have members");
  }

  /** Makes a member an admin of a channel or supergroup. */
  promote(channelId: number, userId: number): void {
    const channel = this.#requireChannel(channelId);
    channel.members.add(userId);
    channel.admins.add(userId);
  }

  #requireChat(id: number): WorldChat {
    const chat = this.#chats.get(id);
    if (!chat) throw new RpcFailure(400, "CHAT_ID_INVALID");
    return chat;
  }

  #requireChannel(id: number): WorldChannel {
    const channel = this.#channels.get(id);
    if (!channel) throw new RpcFailure(400, "CHANNEL_INVALID");
    return channel;
  }

  // --- TL objects ----------------------------------------------------------

  /** The `user` object `viewerId` is sent for `userId`. */
  userObject(userId: number, viewerId: number): Tl {
    const user = this.#user(userId);
    const object: Tl = {
      _: "user",
      id: bigId(user.id),
      access_hash: user.accessHash,
      first_name: user.firstName,
    };
    if (user.id === viewerId) object.self = true;
    if (user.lastName) object.last_name = user.lastName;
    if (user.username) object.username = user.username;
    if (user.phone && user.id === viewerId) object.phone = user.phone;
    if (user.bot) {
      object.bot = true;
      object.bot_info_version = 1;
    }
    return object;
  }

  /** The `chat`/`channel` object `viewerId` is sent for a group or channel. */
  chatObject(peer: PeerRef, viewerId: number): Tl {
    if (peer.type === "chat") {
      const chat = this.#requireChat(peer.id);
      const object: Tl = {
        _: "chat",
        id: bigId(chat.id),
        title: chat.title,
        photo: { _: "chatPhotoEmpty" },
        participants_count: chat.members.size,
        date: chat.date,
        version: 1,
      };
      if (chat.creatorId === viewerId) object.creator = true;
      if (!chat.members.has(viewerId)) object.left = true;
      return object;
    }
    const channel = this.#requireChannel(peer.id);
    const object: Tl = {
      _: "channel",
      id: bigId(channel.id),
      access_hash: channel.accessHash,
      title: channel.title,
      photo: { _: "chatPhotoEmpty" },
      date: channel.date,
      participants_count: channel.members.size,
    };
    if (channel.megagroup) object.megagroup = true;
    else object.broadcast = true;
    if (channel.username) object.username = channel.username;
    if (channel.creatorId === viewerId) object.creator = true;
    if (!channel.members.has(viewerId)) object.left = true;
    return object;
  }

  /**
   * The "min" form of a user, as members of supergroups and channels see
   * people they have not met: `min` set, and an access hash that is valid
   * only together with the message it came in
   * (`inputPeerUserFromMessage`), never alone.
   */
  minUserObject(userId: number, viewerId: number): Tl {
    const object = this.userObject(userId, viewerId);
    object.min = true;
    object.access_hash = minAccessHash(this.#user(userId).accessHash);
    delete object.phone;
    return object;
  }

  /**
   * The `users` and `chats` vectors for objects sent to `viewerId`; marks the
   * users known to it. With `minUnknown` (supergroup and channel traffic),
   * users it has not met come in their min form and stay unknown.
   */
  entitiesFor(
    viewerId: number,
    objects: readonly unknown[],
    minUnknown = false,
  ): { users: Tl[]; chats: Tl[] } {
    const { users, chats, channels } = mentionedPeers(objects);
    const known = this.box(viewerId).knownUsers;
    const userObjects: Tl[] = [];
    for (const id of users) {
      if (!this.world.user(id)) continue;
      if (minUnknown && id !== viewerId && !known.has(id)) {
        userObjects.push(this.minUserObject(id, viewerId));
        continue;
      }
      userObjects.push(this.userObject(id, viewerId));
      known.add(id);
    }
    const chatObjects: Tl[] = [];
    for (const id of chats) {
      if (this.#chats.has(id)) {
        chatObjects.push(this.chatObject({ type: "chat", id }, viewerId));
      }
    }
    for (const id of channels) {
      if (this.#channels.has(id)) {
        chatObjects.push(this.chatObject({ type: "channel", id }, viewerId));
      }
    }
    return { users: userObjects, chats: chatObjects };
  }

  /**
   * An `updates` container for `viewerId` (seq from its box when `withSeq`);
   * channel traffic (no seq) carries min users.
   */
  #container(viewerId: number, updates: Tl[], withSeq: boolean): Tl {
    const box = this.box(viewerId);
    const { users, chats } = this.entitiesFor(viewerId, updates, !withSeq);
    return {
      _: "updates",
      updates,
      users,
      chats,
      date: this.#date(),
      seq: withSeq ? ++box.seq : 0,
    };
  }

  // --- input peers ---------------------------------------------------------

  /**
   * The chat an `InputPeer` from `viewerId` names, checking access hashes and
   * membership as Telegram does (`PEER_ID_INVALID`, `CHANNEL_INVALID`,
   * `CHANNEL_PRIVATE`).
   */
  resolveInputPeer(viewerId: number, input: Tl): PeerRef {
    switch (input._) {
      case "inputPeerSelf":
        return { type: "user", id: viewerId };
      case "inputPeerUser": {
        const user = this.world.user(Number(input.user_id));
        if (!user || user.accessHash !== input.access_hash) {
          throw new RpcFailure(400, "PEER_ID_INVALID");
        }
        return { type: "user", id: user.id };
      }
      case "inputPeerChat": {
        const chat = this.#chats.get(Number(input.chat_id));
        if (!chat) throw new RpcFailure(400, "PEER_ID_INVALID");
        return { type: "chat", id: chat.id };
      }
      case "inputPeerChannel": {
        const channel = this.#channels.get(Number(input.channel_id));
        if (!channel || channel.accessHash !== input.access_hash) {
          throw new RpcFailure(400, "CHANNEL_INVALID");
        }
        return { type: "channel", id: channel.id };
      }
      case "inputPeerUserFromMessage":
      case "inputPeerChannelFromMessage": {
        const chat = this.resolveInputPeer(viewerId, input.peer as Tl);
        const message = this.storedMessage(
          viewerId,
          chat,
          input.msg_id as number,
        );
        if (!message) throw new RpcFailure(400, "PEER_ID_INVALID");
        const mentioned = mentionedPeers([message.object]);
        if (input._ === "inputPeerUserFromMessage") {
          const id = Number(input.user_id);
          if (!mentioned.users.has(id) || !this.world.user(id)) {
            throw new RpcFailure(400, "PEER_ID_INVALID");
          }
          return { type: "user", id };
        }
        const id = Number(input.channel_id);
        if (!mentioned.channels.has(id) || !this.#channels.has(id)) {
          throw new RpcFailure(400, "CHANNEL_INVALID");
        }
        return { type: "channel", id };
      }
      default:
        throw new RpcFailure(400, "PEER_ID_INVALID");
    }
  }

  /** The channel an `InputChannel` names. */
  resolveInputChannel(viewerId: number, input: Tl): WorldChannel {
    let id: number;
    if (input._ === "inputChannel") {
      const channel = this.#channels.get(Number(input.channel_id));
      if (!channel || channel.accessHash !== input.access_hash) {
        throw new RpcFailure(400, "CHANNEL_INVALID");
      }
      id = channel.id;
    } else if (input._ === "inputChannelFromMessage") {
      id = this.resolveInputPeer(viewerId, {
        _: "inputPeerChannelFromMessage",
        peer: input.peer,
        msg_id: input.msg_id,
        channel_id: input.channel_id,
      }).id;
    } else {
      throw new RpcFailure(400, "CHANNEL_INVALID");
    }
    return this.#requireChannel(id);
  }

  /** A message as `viewerId` holds it, in the chat `peer`. */
  storedMessage(
    viewerId: number,
    peer: PeerRef,
    id: number,
  ): StoredMessage | undefined {
    if (peer.type === "channel") {
      return this.#channels.get(peer.id)?.box.messages.get(id);
    }
    const stored = this.box(viewerId).messages.get(id);
    if (!stored) return undefined;
    const peerId = stored.object.peer_id as Tl;
    const matches = peer.type === "user"
      ? peerId._ === "peerUser" && Number(peerId.user_id) === peer.id
      : peerId._ === "peerChat" && Number(peerId.chat_id) === peer.id;
    return matches ? stored : undefined;
  }

  /** A channel message as `viewerId` sees it (`out` for its own). */
  channelView(message: Tl, viewerId: number): Tl {
    const from = message.from_id as Tl | undefined;
    if (from?._ === "peerUser" && Number(from.user_id) === viewerId) {
      return { ...message, out: true };
    }
    return message;
  }

  // --- sending, editing, deleting ----------------------------------------

  #checkRandomId(userId: number, randomId: bigint | undefined): void {
    if (randomId === undefined) return;
    let seen = this.#randomIds.get(userId);
    if (!seen) this.#randomIds.set(userId, seen = new Set());
    if (seen.has(randomId)) throw new RpcFailure(500, "RANDOM_ID_DUPLICATE");
    seen.add(randomId);
  }

  #baseMessage(
    id: number,
    peer: Tl,
    date: number,
    text: string,
    options: MessageOptions,
  ): Tl {
    const message: Tl = {
      _: "message",
      id,
      peer_id: peer,
      date,
      message: text,
    };
    if (options.entities && options.entities.length > 0) {
      message.entities = options.entities;
    }
    if (options.replyMarkup) message.reply_markup = options.replyMarkup;
    if (options.silent) message.silent = true;
    if (options.fwdFrom) message.fwd_from = options.fwdFrom;
    if (options.media) message.media = options.media;
    if (options.viaBotId !== undefined) {
      message.via_bot_id = bigId(options.viaBotId);
    }
    return message;
  }

  #replyHeader(replyTo: number | undefined): Tl | undefined {
    return replyTo === undefined
      ? undefined
      : { _: "messageReplyHeader", reply_to_msg_id: replyTo };
  }

  /** Whether a message may go out in a short form (`updateShortMessage`/`updateShortChatMessage`). */
  #shortable(options: MessageOptions): boolean {
    return !options.replyMarkup && !options.media;
  }

  #shortFields(object: Tl): Record<string, unknown> {
    const fields: Record<string, unknown> = {};
    for (
      const key of [
        "out",
        "mentioned",
        "silent",
        "fwd_from",
        "via_bot_id",
        "reply_to",
        "entities",
      ]
    ) {
      if (object[key] !== undefined) fields[key] = object[key];
    }
    return fields;
  }

  /**
   * Sends a message as `fromId` to `peer`, counting pts in every box it
   * lands in and pushing the updates to every connected session but `origin`
   * (which gets `result`).
   */
  sendMessage(
    fromId: number,
    peer: PeerRef,
    text: string,
    options: MessageOptions = {},
    origin?: SessionRef,
  ): SendOutcome {
    this.#user(fromId);
    if (text.length === 0 && !options.media) {
      throw new RpcFailure(400, "MESSAGE_EMPTY");
    }
    if (text.length > MAX_MESSAGE_LENGTH) {
      throw new RpcFailure(400, "MESSAGE_TOO_LONG");
    }
    switch (peer.type) {
      case "user": {
        const to = this.#user(peer.id);
        const from = this.#user(fromId);
        if (from.bot && to.id !== from.id) {
          // Bots answer people; they may not write first, nor to other bots.
          if (to.bot) throw new RpcFailure(400, "USER_IS_BOT");
          if (!this.hasStartedBot(to.id, from.id)) {
            throw new RpcFailure(400, "PEER_ID_INVALID");
          }
        }
        this.#checkRandomId(fromId, options.randomId);
        if (to.bot && !from.bot) {
          let users = this.#startedBots.get(to.id);
          if (!users) this.#startedBots.set(to.id, users = new Set());
          users.add(from.id);
        }
        return this.#sendPrivate(fromId, peer.id, text, options, origin);
      }
      case "chat":
        if (!this.#requireChat(peer.id).members.has(fromId)) {
          throw new RpcFailure(403, "CHAT_WRITE_FORBIDDEN");
        }
        this.#checkRandomId(fromId, options.randomId);
        return this.#sendToChat(fromId, peer.id, text, options, origin);
      case "channel": {
        const channel = this.#requireChannel(peer.id);
        if (!channel.members.has(fromId)) {
          throw new RpcFailure(400, "CHANNEL_PRIVATE");
        }
        if (!channel.megagroup && !channel.admins.has(fromId)) {
          throw new RpcFailure(400, "CHAT_ADMIN_REQUIRED");
        }
        this.#checkRandomId(fromId, options.randomId);
        return this.#sendToChannel(fromId, channel, text, options, origin);
      }
    }
  }

  /** Whether `userId` ever wrote to the bot `botId` in private (so the bot may write to them). */
  hasStartedBot(userId: number, botId: number): boolean {
    return this.#startedBots.get(botId)?.has(userId) ?? false;
  }

  /** Places one copy per holder; returns the copies by holder. */
  #placeCopies(
    holders: number[],
    fromId: number,
    peerFor: (holder: number) => Tl,
    text: string,
    options: MessageOptions,
    date: number,
    fromIdField: (holder: number) => boolean,
  ): Map<number, { id: number; update: Tl; object: Tl }> {
    const shared: SharedMessage = { copies: new Map() };
    const replyShared = options.replyToMsgId === undefined
      ? undefined
      : this.box(fromId).messages.get(options.replyToMsgId)?.shared;
    const placed = new Map<number, { id: number; update: Tl; object: Tl }>();
    for (const holder of holders) {
      const box = this.box(holder);
      const id = box.nextMessageId++;
      shared.copies.set(holder, id);
      const object = this.#baseMessage(
        id,
        peerFor(holder),
        date,
        text,
        options,
      );
      if (holder === fromId) object.out = true;
      if (fromIdField(holder)) {
        object.from_id = { _: "peerUser", user_id: bigId(fromId) };
      }
      const reply = this.#replyHeader(replyShared?.copies.get(holder));
      if (reply) object.reply_to = reply;
      box.messages.set(id, { object, shared });
      const update = box.addPts(
        { _: "updateNewMessage", message: object },
        1,
        date,
      );
      placed.set(holder, { id, update, object });
    }
    return placed;
  }

  #sendPrivate(
    fromId: number,
    toId: number,
    text: string,
    options: MessageOptions,
    origin?: SessionRef,
  ): SendOutcome {
    const date = this.#date();
    const holders = fromId === toId ? [fromId] : [fromId, toId];
    const placed = this.#placeCopies(
      holders,
      fromId,
      (holder) => ({
        _: "peerUser",
        user_id: bigId(holder === fromId ? toId : fromId),
      }),
      text,
      options,
      date,
      (holder) => holder === fromId,
    );
    let result: Tl | undefined;
    for (const [holder, { id, update, object }] of placed) {
      const other = holder === fromId ? toId : fromId;
      const known = this.box(holder).knownUsers.has(other) ||
        this.shortFormsToStrangers;
      const push = known && this.#shortable(options)
        ? {
          _: "updateShortMessage",
          ...this.#shortFields(object),
          id,
          user_id: bigId(other),
          message: text,
          pts: update.pts,
          pts_count: 1,
          date,
        }
        : this.#container(holder, [update], true);
      if (holder === fromId) {
        result = {
          _: "updateShortSentMessage",
          out: true,
          id,
          pts: update.pts,
          pts_count: 1,
          date,
        };
      }
      this.delivery.push(holder, push, holder === fromId ? origin : undefined);
    }
    return { id: placed.get(fromId)!.id, result: result! };
  }

  #sendToChat(
    fromId: number,
    chatId: number,
    text: string,
    options: MessageOptions,
    origin?: SessionRef,
  ): SendOutcome {
    const date = this.#date();
    const chat = this.#requireChat(chatId);
    const placed = this.#placeCopies(
      [...chat.members],
      fromId,
      () => ({ _: "peerChat", chat_id: bigId(chatId) }),
      text,
      options,
      date,
      () => true,
    );
    let result: Tl | undefined;
    for (const [holder, { id, update, object }] of placed) {
      if (holder === fromId) {
        const messageId: Tl = {
          _: "updateMessageID",
          id,
          random_id: options.randomId ?? 0n,
        };
        result = this.#container(holder, [messageId, update], true);
        this.delivery.push(holder, result, origin);
        continue;
      }
      const known = this.box(holder).knownUsers.has(fromId) ||
        this.shortFormsToStrangers;
      const push = known && this.#shortable(options)
        ? {
          _: "updateShortChatMessage",
          ...this.#shortFields(object),
          id,
          from_id: bigId(fromId),
          chat_id: bigId(chatId),
          message: text,
          pts: update.pts,
          pts_count: 1,
          date,
        }
        : this.#container(holder, [update], true);
      this.delivery.push(holder, push);
    }
    return { id: placed.get(fromId)!.id, result: result! };
  }

  #sendToChannel(
    fromId: number,
    channel: WorldChannel,
    text: string,
    options: MessageOptions,
    origin?: SessionRef,
  ): SendOutcome {
    const date = this.#date();
    const box = channel.box;
    const id = box.nextMessageId++;
    const object = this.#baseMessage(
      id,
      { _: "peerChannel", channel_id: bigId(channel.id) },
      date,
      text,
      options,
    );
    if (channel.megagroup) {
      object.from_id = { _: "peerUser", user_id: bigId(fromId) };
    } else {
      object.post = true;
      object.views = 1;
      object.forwards = 0;
    }
    const reply = options.replyToMsgId !== undefined &&
        box.messages.has(options.replyToMsgId)
      ? this.#replyHeader(options.replyToMsgId)
      : undefined;
    if (reply) object.reply_to = reply;
    box.messages.set(id, { object, shared: { copies: new Map() } });
    const update = box.addPts(
      { _: "updateNewChannelMessage", message: object },
      1,
      date,
    );
    const ownUpdate = { ...update, message: { ...object, out: true } };
    const result = this.#container(fromId, [
      { _: "updateMessageID", id, random_id: options.randomId ?? 0n },
      ownUpdate,
    ], false);
    for (const member of channel.members) {
      if (member === fromId) this.delivery.push(member, result, origin);
      else this.delivery.push(member, this.#container(member, [update], false));
    }
    return { id, result };
  }

  /**
   * Edits a message as `userId` (its author, or an admin for channel posts);
   * returns the `Updates` result for the editing session.
   */
  editMessage(
    userId: number,
    peer: PeerRef,
    id: number,
    changes: { text?: string; entities?: Tl[]; replyMarkup?: Tl | null },
    origin?: SessionRef,
  ): Tl {
    const date = this.#date();
    const stored = this.storedMessage(userId, peer, id);
    if (!stored) throw new RpcFailure(400, "MESSAGE_ID_INVALID");
    const old = stored.object;
    const from = old.from_id as Tl | undefined;
    const author = peer.type === "channel"
      ? (from?._ === "peerUser" && Number(from.user_id) === userId) ||
        (old.post === true && this.#requireChannel(peer.id).admins.has(userId))
      : old.out === true;
    if (!author) throw new RpcFailure(403, "MESSAGE_AUTHOR_REQUIRED");
    if (
      changes.text !== undefined && changes.text.length > MAX_MESSAGE_LENGTH
    ) {
      throw new RpcFailure(400, "MESSAGE_TOO_LONG");
    }
    const apply = (object: Tl): Tl => {
      const next: Tl = { ...object, edit_date: date };
      if (changes.text !== undefined) {
        next.message = changes.text;
        if (changes.entities && changes.entities.length > 0) {
          next.entities = changes.entities;
        } else delete next.entities;
      }
      if (changes.replyMarkup === null) delete next.reply_markup;
      else if (changes.replyMarkup !== undefined) {
        next.reply_markup = changes.replyMarkup;
      }
      return next;
    };
    const probe = apply(old);
    const same = (a: unknown, b: unknown) =>
      JSON.stringify(a, (_k, v) => typeof v === "bigint" ? `${v}n` : v) ===
        JSON.stringify(b, (_k, v) => typeof v === "bigint" ? `${v}n` : v);
    if (
      probe.message === old.message && same(probe.entities, old.entities) &&
      same(probe.reply_markup, old.reply_markup)
    ) throw new RpcFailure(400, "MESSAGE_NOT_MODIFIED");

    if (peer.type === "channel") {
      const channel = this.#requireChannel(peer.id);
      stored.object = probe;
      const update = channel.box.addPts(
        { _: "updateEditChannelMessage", message: probe },
        1,
        date,
      );
      let result: Tl | undefined;
      for (const member of channel.members) {
        const own = { ...update, message: this.channelView(probe, member) };
        const container = this.#container(member, [own], false);
        if (member === userId) result = container;
        this.delivery.push(
          member,
          container,
          member === userId ? origin : undefined,
        );
      }
      return result!;
    }
    let result: Tl | undefined;
    for (const [holder, holderId] of stored.shared.copies) {
      const copy = this.box(holder).messages.get(holderId);
      if (!copy) continue;
      copy.object = apply(copy.object);
      const update = this.box(holder).addPts(
        { _: "updateEditMessage", message: copy.object },
        1,
        date,
      );
      const container = this.#container(holder, [update], true);
      if (holder === userId) result = container;
      this.delivery.push(
        holder,
        container,
        holder === userId ? origin : undefined,
      );
    }
    return result!;
  }

  /**
   * `messages.deleteMessages` as `userId`: deletes its copies (and with
   * `revoke` everyone's) of private-chat and basic-group messages; returns
   * `messages.affectedMessages` for the caller's box.
   */
  deleteMessages(
    userId: number,
    ids: readonly number[],
    revoke: boolean,
    origin?: SessionRef,
  ): Tl {
    const date = this.#date();
    const box = this.box(userId);
    const perHolder = new Map<number, number[]>();
    for (const id of new Set(ids)) {
      const stored = box.messages.get(id);
      if (!stored) continue;
      for (const [holder, holderId] of stored.shared.copies) {
        if (holder !== userId && !revoke) continue;
        if (!this.box(holder).messages.has(holderId)) continue;
        let list = perHolder.get(holder);
        if (!list) perHolder.set(holder, list = []);
        list.push(holderId);
      }
    }
    let affected: Tl = {
      _: "messages.affectedMessages",
      pts: box.pts,
      pts_count: 0,
    };
    for (const [holder, holderIds] of perHolder) {
      const holderBox = this.box(holder);
      for (const id of holderIds) holderBox.messages.delete(id);
      const update = holderBox.addPts(
        { _: "updateDeleteMessages", messages: holderIds },
        holderIds.length,
        date,
      );
      if (holder === userId) {
        affected = {
          _: "messages.affectedMessages",
          pts: update.pts,
          pts_count: update.pts_count,
        };
      }
      this.delivery.push(
        holder,
        { _: "updateShort", update, date },
        holder === userId ? origin : undefined,
      );
    }
    return affected;
  }

  /** `channels.deleteMessages` as `userId` (own messages, or any as an admin). */
  deleteChannelMessages(
    userId: number,
    channelId: number,
    ids: readonly number[],
    origin?: SessionRef,
  ): Tl {
    const date = this.#date();
    const channel = this.#requireChannel(channelId);
    if (!channel.members.has(userId)) {
      throw new RpcFailure(400, "CHANNEL_PRIVATE");
    }
    const found: number[] = [];
    for (const id of new Set(ids)) {
      const stored = channel.box.messages.get(id);
      if (!stored) continue;
      const from = stored.object.from_id as Tl | undefined;
      const own = from?._ === "peerUser" && Number(from.user_id) === userId;
      if (!own && !channel.admins.has(userId)) {
        throw new RpcFailure(403, "MESSAGE_DELETE_FORBIDDEN");
      }
      found.push(id);
    }
    if (found.length === 0) {
      return {
        _: "messages.affectedMessages",
        pts: channel.box.pts,
        pts_count: 0,
      };
    }
    for (const id of found) channel.box.messages.delete(id);
    const update = channel.box.addPts(
      {
        _: "updateDeleteChannelMessages",
        channel_id: bigId(channelId),
        messages: found,
      },
      found.length,
      date,
    );
    for (const member of channel.members) {
      this.delivery.push(
        member,
        { _: "updateShort", update, date },
        member === userId ? origin : undefined,
      );
    }
    return {
      _: "messages.affectedMessages",
      pts: update.pts,
      pts_count: update.pts_count,
    };
  }

  // --- state and differences ---------------------------------------------

  /** `updates.state` of an account. */
  state(userId: number): Tl {
    const box = this.box(userId);
    return {
      _: "updates.state",
      pts: box.pts,
      qts: box.qts,
      date: Math.max(box.date, this.#date()),
      seq: box.seq,
      unread_count: 0,
    };
  }

  /**
   * `updates.getDifference` for `userId` from (`pts`, `qts`, `date`):
   * `differenceEmpty`, `difference`, `differenceSlice` (more than
   * `limits.sliceSize` events) or `differenceTooLong` (more than
   * `limits.tooLongAfter` pts behind). Channels with news since `date` come
   * as `updateChannelTooLong`.
   */
  difference(userId: number, pts: number, qts: number, date: number): Tl {
    this.differenceStats.difference++;
    const box = this.box(userId);
    if (pts > box.pts || qts > box.qts) {
      throw new RpcFailure(400, "PERSISTENT_TIMESTAMP_INVALID");
    }
    if (box.pts - pts > this.limits.tooLongAfter) {
      return { _: "updates.differenceTooLong", pts: box.pts };
    }
    const size = this.limits.sliceSize;
    const events = box.eventsAfter(pts);
    const qtsEvents = box.qtsEventsAfter(qts);
    const channelNews = this.channelsOf(userId).filter((channel) => {
      const last = channel.box.events.at(-1);
      return last !== undefined && last.date >= date;
    });
    if (
      events.length === 0 && qtsEvents.length === 0 && channelNews.length === 0
    ) {
      return { _: "updates.differenceEmpty", date: this.#date(), seq: box.seq };
    }
    const slice = events.length > size || qtsEvents.length > size;
    const taken = events.slice(0, size);
    const takenQts = qtsEvents.slice(0, size);
    const newMessages: Tl[] = [];
    const otherUpdates: Tl[] = [];
    for (const event of taken) {
      if (event.update._ === "updateNewMessage") {
        newMessages.push(event.update.message as Tl);
      } else otherUpdates.push(event.update);
    }
    for (const event of takenQts) otherUpdates.push(event.update);
    if (!slice) {
      for (const channel of channelNews) {
        otherUpdates.push({
          _: "updateChannelTooLong",
          channel_id: bigId(channel.id),
          pts: channel.box.pts,
        });
      }
    }
    const { users, chats } = this.entitiesFor(userId, [
      newMessages,
      otherUpdates,
    ]);
    const lastEvent = taken.at(-1);
    const state: Tl = {
      _: "updates.state",
      pts: slice ? (lastEvent?.pts ?? pts) : box.pts,
      qts: slice ? (takenQts.at(-1)?.qts ?? qts) : box.qts,
      date: slice ? Math.max(date, lastEvent?.date ?? date) : this.#date(),
      seq: box.seq,
      unread_count: 0,
    };
    return slice
      ? {
        _: "updates.differenceSlice",
        new_messages: newMessages,
        new_encrypted_messages: [],
        other_updates: otherUpdates,
        chats,
        users,
        intermediate_state: state,
      }
      : {
        _: "updates.difference",
        new_messages: newMessages,
        new_encrypted_messages: [],
        other_updates: otherUpdates,
        chats,
        users,
        state,
      };
  }

  /**
   * `updates.getChannelDifference` for `userId` from `pts`:
   * `channelDifferenceEmpty`, `channelDifference` (non-final while more than
   * `limits.channelSliceSize` events remain) or `channelDifferenceTooLong`
   * (more than `limit` behind).
   */
  channelDifference(
    userId: number,
    channel: WorldChannel,
    pts: number,
    limit: number,
  ): Tl {
    this.differenceStats.channelDifference++;
    if (!channel.members.has(userId) && !channel.username) {
      throw new RpcFailure(400, "CHANNEL_PRIVATE");
    }
    const timeout = this.limits.channelTimeout;
    const box = channel.box;
    if (pts <= 0 || pts > box.pts) {
      throw new RpcFailure(400, "PERSISTENT_TIMESTAMP_INVALID");
    }
    const events = box.eventsAfter(pts);
    if (events.length === 0) {
      return {
        _: "updates.channelDifferenceEmpty",
        final: true,
        pts: box.pts,
        timeout,
      };
    }
    if (box.pts - pts > Math.max(1, limit)) {
      const recent = [...box.messages.values()].map((m) => m.object)
        .sort((a, b) => (b.id as number) - (a.id as number))
        .slice(0, Math.min(limit, 100))
        .map((m) => this.channelView(m, userId));
      const { users, chats } = this.entitiesFor(userId, [
        recent,
        { _: "peerChannel", channel_id: bigId(channel.id) },
      ], true);
      return {
        _: "updates.channelDifferenceTooLong",
        final: true,
        timeout,
        dialog: {
          _: "dialog",
          peer: { _: "peerChannel", channel_id: bigId(channel.id) },
          top_message: box.nextMessageId - 1,
          read_inbox_max_id: 0,
          read_outbox_max_id: 0,
          unread_count: 0,
          unread_mentions_count: 0,
          unread_reactions_count: 0,
          unread_poll_votes_count: 0,
          notify_settings: { _: "peerNotifySettings" },
          pts: box.pts,
        },
        messages: recent,
        chats,
        users,
      };
    }
    const taken = events.slice(0, this.limits.channelSliceSize);
    const final = taken.length === events.length;
    const newMessages: Tl[] = [];
    const otherUpdates: Tl[] = [];
    for (const event of taken) {
      if (event.update._ === "updateNewChannelMessage") {
        newMessages.push(this.channelView(event.update.message as Tl, userId));
      } else otherUpdates.push(event.update);
    }
    const { users, chats } = this.entitiesFor(userId, [
      newMessages,
      otherUpdates,
      { _: "peerChannel", channel_id: bigId(channel.id) },
    ], true);
    const difference: Tl = {
      _: "updates.channelDifference",
      pts: taken.at(-1)!.pts,
      new_messages: newMessages,
      other_updates: otherUpdates,
      chats,
      users,
    };
    if (final) {
      difference.final = true;
      difference.timeout = timeout;
    }
    return difference;
  }

  // --- reading messages ----------------------------------------------------

  /** `messages.messages` (or `messages.channelMessages`) around the given message objects. */
  messagesResult(
    viewerId: number,
    messages: Tl[],
    channel?: WorldChannel,
    count?: number,
  ): Tl {
    const { users, chats } = this.entitiesFor(viewerId, [
      messages,
      channel ? { _: "peerChannel", channel_id: bigId(channel.id) } : [],
    ], channel !== undefined);
    if (channel) {
      return {
        _: "messages.channelMessages",
        pts: channel.box.pts,
        count: count ?? messages.length,
        messages,
        topics: [],
        chats,
        users,
      };
    }
    if (count !== undefined && count > messages.length) {
      return {
        _: "messages.messagesSlice",
        count,
        messages,
        topics: [],
        chats,
        users,
      };
    }
    return { _: "messages.messages", messages, topics: [], chats, users };
  }

  /**
   * The messages of a chat from `viewerId`'s point of view, newest first, as
   * `messages.getHistory` pages them (`offset_id`, `add_offset`, `limit`,
   * `max_id`, `min_id`); returns the page and the chat's total.
   */
  history(
    viewerId: number,
    peer: PeerRef,
    page: {
      offsetId: number;
      addOffset: number;
      limit: number;
      maxId: number;
      minId: number;
    },
  ): { messages: Tl[]; count: number } {
    let all: Tl[];
    if (peer.type === "channel") {
      const channel = this.#requireChannel(peer.id);
      if (!channel.members.has(viewerId) && !channel.username) {
        throw new RpcFailure(400, "CHANNEL_PRIVATE");
      }
      all = [...channel.box.messages.values()].map((m) =>
        this.channelView(m.object, viewerId)
      );
    } else {
      all = [...this.box(viewerId).messages.values()]
        .filter((m) =>
          this.storedMessage(viewerId, peer, m.object.id as number)
        )
        .map((m) => m.object);
    }
    all.sort((a, b) => (b.id as number) - (a.id as number));
    const count = all.length;
    let start = 0;
    if (page.offsetId > 0) {
      start = all.findIndex((m) => (m.id as number) < page.offsetId);
      if (start < 0) start = all.length;
    }
    start = Math.max(0, start + page.addOffset);
    const limit = Math.min(Math.max(page.limit, 0) || 100, 100);
    const messages = all.slice(start, start + limit).filter((m) =>
      (page.maxId <= 0 || (m.id as number) < page.maxId) &&
      (page.minId <= 0 || (m.id as number) > page.minId)
    );
    return { messages, count };
  }

  // --- callback queries ----------------------------------------------------

  /**
   * A user presses an inline button: the bot that sent message `msgId` in
   * `peer` gets `updateBotCallbackQuery`; resolves with the bot's
   * `messages.botCallbackAnswer`, or rejects with `BOT_RESPONSE_TIMEOUT`
   * after `timeoutMs`.
   */
  callbackQuery(
    userId: number,
    peer: PeerRef,
    msgId: number,
    data: Uint8Array | undefined,
    timeoutMs = 10_000,
  ): Promise<Tl> {
    const stored = this.storedMessage(userId, peer, msgId);
    if (!stored) throw new RpcFailure(400, "MESSAGE_ID_INVALID");
    const object = stored.object;
    const from = object.from_id as Tl | undefined;
    let botId: number | undefined;
    if (from?._ === "peerUser") botId = Number(from.user_id);
    else if (peer.type === "user" && !object.out) botId = peer.id;
    if (botId === undefined || !this.world.user(botId)?.bot) {
      throw new RpcFailure(400, "BOT_RESPONSE_TIMEOUT");
    }
    const bot = botId;
    const queryId = this.#nextQueryId++;
    // The bot sees the chat from its side: a private chat is the presser's.
    const botPeer = peer.type === "user"
      ? { type: "user" as const, id: userId }
      : peer;
    const botMsgId = peer.type === "channel"
      ? msgId
      : stored.shared.copies.get(bot) ?? msgId;
    const update: Tl = {
      _: "updateBotCallbackQuery",
      query_id: queryId,
      user_id: bigId(userId),
      peer: peerObject(botPeer),
      msg_id: botMsgId,
      chat_instance: BigInt(peer.id) * 31n + BigInt(msgId),
    };
    if (data) update.data = data;
    return new Promise<Tl>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#queries.delete(queryId);
        reject(new RpcFailure(400, "BOT_RESPONSE_TIMEOUT"));
      }, timeoutMs);
      this.#queries.set(queryId, { botId: bot, resolve, timer });
      this.delivery.push(bot, this.#container(bot, [update], false));
    });
  }

  /** The bot answers a callback query (`messages.setBotCallbackAnswer`). */
  answerCallbackQuery(
    botId: number,
    queryId: bigint,
    answer: {
      message?: string;
      alert?: boolean;
      url?: string;
      cacheTime: number;
    },
  ): void {
    const query = this.#queries.get(queryId);
    if (!query || query.botId !== botId) {
      throw new RpcFailure(400, "QUERY_ID_INVALID");
    }
    this.#queries.delete(queryId);
    clearTimeout(query.timer);
    const result: Tl = {
      _: "messages.botCallbackAnswer",
      cache_time: answer.cacheTime,
    };
    if (answer.message !== undefined) result.message = answer.message;
    if (answer.alert) result.alert = true;
    if (answer.url !== undefined) {
      result.url = answer.url;
      result.has_url = true;
    }
    query.resolve(result);
  }

  // --- inline queries ------------------------------------------------------

  /** The user an `InputUser` from `viewerId` names (access hash checked). */
  resolveInputUser(viewerId: number, input: Tl): WorldUser {
    if (input._ === "inputUserSelf") return this.#user(viewerId);
    if (input._ === "inputUser") {
      const user = this.world.user(Number(input.user_id));
      if (!user || user.accessHash !== input.access_hash) {
        throw new RpcFailure(400, "USER_ID_INVALID");
      }
      return user;
    }
    if (input._ === "inputUserFromMessage") {
      const peer = this.resolveInputPeer(viewerId, {
        _: "inputPeerUserFromMessage",
        peer: input.peer,
        msg_id: input.msg_id,
        user_id: input.user_id,
      });
      return this.#user(peer.id);
    }
    throw new RpcFailure(400, "USER_ID_INVALID");
  }

  #inlinePeerType(botId: number, peer: PeerRef): Tl {
    switch (peer.type) {
      case "user":
        if (peer.id === botId) return { _: "inlineQueryPeerTypeSameBotPM" };
        return this.world.user(peer.id)?.bot
          ? { _: "inlineQueryPeerTypeBotPM" }
          : { _: "inlineQueryPeerTypePM" };
      case "chat":
        return { _: "inlineQueryPeerTypeChat" };
      case "channel":
        return this.#requireChannel(peer.id).megagroup
          ? { _: "inlineQueryPeerTypeMegagroup" }
          : { _: "inlineQueryPeerTypeBroadcast" };
    }
  }

  /**
   * A user types `@bot query` in `peer`: the bot gets `updateBotInlineQuery`;
   * resolves with its `messages.botResults`, or rejects with
   * `BOT_RESPONSE_TIMEOUT` after `timeoutMs`.
   */
  inlineQuery(
    userId: number,
    botId: number,
    peer: PeerRef,
    query: string,
    offset: string,
    timeoutMs = 10_000,
  ): Promise<Tl> {
    if (!this.world.user(botId)?.bot) {
      throw new RpcFailure(400, "BOT_INLINE_DISABLED");
    }
    const queryId = this.#nextQueryId++;
    const update: Tl = {
      _: "updateBotInlineQuery",
      query_id: queryId,
      user_id: bigId(userId),
      query,
      peer_type: this.#inlinePeerType(botId, peer),
      offset,
    };
    return new Promise<Tl>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#inlineQueries.delete(queryId);
        reject(new RpcFailure(400, "BOT_RESPONSE_TIMEOUT"));
      }, timeoutMs);
      this.#inlineQueries.set(queryId, {
        botId,
        resolve: (answer) => {
          this.#inlineAnswers.set(queryId, {
            botId,
            userId,
            results: new Map(
              (answer.results as Tl[]).map((r) => [r.id as string, r]),
            ),
          });
          resolve(answer);
        },
        timer,
      });
      this.delivery.push(botId, this.#container(botId, [update], false));
    });
  }

  /**
   * The bot answers an inline query (`messages.setInlineBotResults`); see
   * {@link inlineResultFromInput} for the kinds of results it takes.
   */
  answerInlineQuery(
    botId: number,
    queryId: bigint,
    results: readonly Tl[],
    options: {
      cacheTime: number;
      nextOffset?: string;
      gallery?: boolean;
      switchPm?: Tl;
    },
  ): void {
    const query = this.#inlineQueries.get(queryId);
    if (!query || query.botId !== botId) {
      throw new RpcFailure(400, "QUERY_ID_INVALID");
    }
    const converted = results.map(inlineResultFromInput);
    if (new Set(converted.map((r) => r.id)).size !== converted.length) {
      throw new RpcFailure(400, "RESULT_ID_DUPLICATE");
    }
    this.#inlineQueries.delete(queryId);
    clearTimeout(query.timer);
    const answer: Tl = {
      _: "messages.botResults",
      query_id: queryId,
      results: converted,
      cache_time: options.cacheTime,
      users: [],
    };
    if (options.gallery) answer.gallery = true;
    if (options.nextOffset) answer.next_offset = options.nextOffset;
    if (options.switchPm) answer.switch_pm = options.switchPm;
    query.resolve(answer);
  }

  /** The user sends one of the results it got (`messages.sendInlineBotResult`), `via` the bot. */
  sendInlineResult(
    userId: number,
    peer: PeerRef,
    queryId: bigint,
    resultId: string,
    options: MessageOptions = {},
    origin?: SessionRef,
  ): SendOutcome {
    const answered = this.#inlineAnswers.get(queryId);
    if (!answered || answered.userId !== userId) {
      throw new RpcFailure(400, "QUERY_ID_INVALID");
    }
    const result = answered.results.get(resultId);
    if (!result) throw new RpcFailure(400, "RESULT_ID_INVALID");
    const message = result.send_message as Tl;
    const media = message._ === "botInlineMessageMediaAuto"
      ? this.#inlineMedia(result)
      : undefined;
    const sendOptions: MessageOptions = {
      ...options,
      entities: message.entities as Tl[] | undefined,
      replyMarkup: message.reply_markup as Tl | undefined,
      viaBotId: answered.botId,
    };
    if (media) sendOptions.media = media;
    return this.sendMessage(
      userId,
      peer,
      message.message as string,
      sendOptions,
      origin,
    );
  }

  /**
   * The media a chosen media result sends: the photo or document it names,
   * or, for one by URL, a photo or document "downloaded" from it (the test DC
   * fetches nothing: it makes up the file's ids).
   */
  #inlineMedia(result: Tl): Tl | undefined {
    if (result._ === "botInlineMediaResult") {
      if (result.photo) return { _: "messageMediaPhoto", photo: result.photo };
      if (result.document) {
        return { _: "messageMediaDocument", document: result.document };
      }
      return undefined;
    }
    const content = result.content as Tl | undefined;
    if (!content) return undefined;
    const id = this.#nextFileId++;
    const date = this.#date();
    if (result.type === "photo") {
      const size = (content.attributes as Tl[]).find((a) =>
        a._ === "documentAttributeImageSize"
      );
      return {
        _: "messageMediaPhoto",
        photo: {
          _: "photo",
          id,
          access_hash: id * 7n,
          file_reference: new Uint8Array(0),
          date,
          sizes: [{
            _: "photoSize",
            type: "x",
            w: size?.w ?? 800,
            h: size?.h ?? 600,
            size: 0,
          }],
          dc_id: 1,
        },
      };
    }
    const name = String(content.url).split("/").pop() || "file";
    return {
      _: "messageMediaDocument",
      document: {
        _: "document",
        id,
        access_hash: id * 7n,
        file_reference: new Uint8Array(0),
        date,
        mime_type: content.mime_type,
        size: 0n,
        dc_id: 1,
        attributes: [{ _: "documentAttributeFilename", file_name: name }],
      },
    };
  }

  /** Forgets pending callback queries (their timers included): the world is shutting down. */
  dispose(): void {
    for (const query of this.#queries.values()) clearTimeout(query.timer);
    this.#queries.clear();
    for (const query of this.#inlineQueries.values()) clearTimeout(query.timer);
    this.#inlineQueries.clear();
    this.#inlineAnswers.clear();
    this.delivery.reset();
  }
}

/** Inline result types Telegram knows (`inputBotInlineResult.type`). */
const INLINE_RESULT_TYPES: ReadonlySet<string> = new Set([
  "article",
  "photo",
  "gif",
  "mpeg4_gif",
  "video",
  "audio",
  "voice",
  "file",
  "sticker",
  "contact",
  "geo",
  "venue",
  "game",
]);

function webDocumentFromInput(input: Tl): Tl {
  if (input?._ !== "inputWebDocument") {
    throw new RpcFailure(400, "WEBDOCUMENT_INVALID");
  }
  if (!/^https?:\/\/\S+$/i.test(String(input.url))) {
    throw new RpcFailure(400, "WEBDOCUMENT_URL_INVALID");
  }
  return {
    _: "webDocumentNoProxy",
    url: input.url,
    size: input.size,
    mime_type: input.mime_type,
    attributes: input.attributes,
  };
}

function inlineMessageFromInput(input: Tl): Tl {
  let kind: string;
  switch (input?._) {
    case "inputBotInlineMessageText":
      kind = "botInlineMessageText";
      break;
    case "inputBotInlineMessageMediaAuto":
      kind = "botInlineMessageMediaAuto";
      break;
    default:
      throw new RpcFailure(400, "SEND_MESSAGE_TYPE_INVALID");
  }
  const message: Tl = { _: kind, message: input.message };
  for (
    const key of ["no_webpage", "invert_media", "entities", "reply_markup"]
  ) {
    if (input[key] !== undefined) message[key] = input[key];
  }
  return message;
}

/**
 * A bot's `InputBotInlineResult` as users get it: `inputBotInlineResult`
 * (an article, or a photo or file by URL: `thumb`/`content` as
 * `webDocumentNoProxy`) becomes `botInlineResult`;
 * `inputBotInlineResultPhoto`/`Document` (a file Telegram holds) becomes
 * `botInlineMediaResult`. Sending text or the media with a caption
 * (`inputBotInlineMessageText`, `inputBotInlineMessageMediaAuto`); other
 * kinds give `RESULT_TYPE_INVALID` / `SEND_MESSAGE_TYPE_INVALID`.
 */
export function inlineResultFromInput(input: Tl): Tl {
  const type = String(input?.type);
  if (
    input?._ !== "inputBotInlineResultGame" && !INLINE_RESULT_TYPES.has(type)
  ) {
    throw new RpcFailure(400, "RESULT_TYPE_INVALID");
  }
  const sendMessage = inlineMessageFromInput(input.send_message as Tl);
  switch (input._) {
    case "inputBotInlineResult": {
      const media = type !== "article";
      if (media && !input.content) {
        throw new RpcFailure(400, "WEBDOCUMENT_INVALID");
      }
      if (!media && sendMessage._ !== "botInlineMessageText") {
        throw new RpcFailure(400, "SEND_MESSAGE_MEDIA_INVALID");
      }
      const out: Tl = {
        _: "botInlineResult",
        id: input.id,
        type,
        send_message: sendMessage,
      };
      for (const key of ["title", "description", "url"]) {
        if (input[key] !== undefined) out[key] = input[key];
      }
      if (input.thumb) out.thumb = webDocumentFromInput(input.thumb as Tl);
      if (input.content) {
        out.content = webDocumentFromInput(input.content as Tl);
      }
      return out;
    }
    case "inputBotInlineResultPhoto": {
      const photo = input.photo as Tl;
      if (photo?._ !== "inputPhoto" || photo.id === 0n) {
        throw new RpcFailure(400, "PHOTO_INVALID");
      }
      return {
        _: "botInlineMediaResult",
        id: input.id,
        type,
        photo: {
          _: "photo",
          id: photo.id,
          access_hash: photo.access_hash,
          file_reference: photo.file_reference,
          date: 0,
          sizes: [],
          dc_id: 1,
        },
        send_message: sendMessage,
      };
    }
    case "inputBotInlineResultDocument": {
      const document = input.document as Tl;
      if (document?._ !== "inputDocument" || document.id === 0n) {
        throw new RpcFailure(400, "DOCUMENT_INVALID");
      }
      const out: Tl = {
        _: "botInlineMediaResult",
        id: input.id,
        type,
        document: {
          _: "document",
          id: document.id,
          access_hash: document.access_hash,
          file_reference: document.file_reference,
          date: 0,
          mime_type: "application/octet-stream",
          size: 0n,
          dc_id: 1,
          attributes: [],
        },
        send_message: sendMessage,
      };
      for (const key of ["title", "description"]) {
        if (input[key] !== undefined) out[key] = input[key];
      }
      return out;
    }
    default:
      throw new RpcFailure(400, "RESULT_TYPE_INVALID");
  }
}

const WORLDS = new WeakMap<World, ChatWorld>();

/**
 * The chat world of a test world (created on first use): every DC and
 * method of one `startTestDc` shares it.
 */
export function chatWorld(world: World, now?: () => number): ChatWorld {
  let chats = WORLDS.get(world);
  if (!chats) {
    chats = new ChatWorld(world, now ?? (() => Date.now() / 1000));
    WORLDS.set(world, chats);
  }
  return chats;
}
