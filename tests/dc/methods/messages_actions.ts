/**
 * `messages.*` methods of the test DC beyond sending and editing: forwarding, typing, reading,
 * pinning, basic groups' information and members.
 *
 * Simplifications (documented, not hidden): pinning and removing a member produce the updates
 * Telegram sends (`updatePinnedMessages`, …) but no service message.
 *
 * @module
 */
import type { MethodTable, RpcContext } from "../rpc.ts";
import { RpcFailure } from "../rpc_error.ts";
import type { StoredMessage, Tl } from "../updates/boxes.ts";
import { chatWorld, peerObject, type PeerRef } from "../updates/chat_world.ts";
import { containerFor } from "../high_level/extras.ts";

function origin(ctx: RpcContext) {
  return { authKeyId: ctx.authKey.id, sessionId: ctx.sessionId };
}

/** The forward header of a message forwarded from `peer` (its sender, or the channel for posts). */
function forwardHeader(stored: StoredMessage, peer: PeerRef): Tl {
  const object = stored.object;
  if (object.fwd_from) return object.fwd_from as Tl;
  const header: Tl = { _: "messageFwdHeader", date: object.date };
  if (object.from_id) header.from_id = object.from_id;
  else if (peer.type === "channel") {
    header.from_id = peerObject(peer);
    header.channel_post = object.id;
  } else if (peer.type === "user") header.from_id = peerObject(peer);
  return header;
}

/**
 * `messages.forwardMessages`: each message is sent anew to `to_peer` with a forward header
 * (none with `drop_author`), in order; the answer is one `updates` (or `updatesCombined` when
 * it spans several seq) with an `updateMessageID` per `random_id`.
 */
function forwardMessages(
  request: Record<string, unknown>,
  ctx: RpcContext,
): unknown {
  const userId = ctx.requireUser();
  const chats = chatWorld(ctx.world, ctx.now);
  const from = chats.resolveInputPeer(userId, request.from_peer as Tl);
  const to = chats.resolveInputPeer(userId, request.to_peer as Tl);
  const ids = request.id as number[];
  const randomIds = request.random_id as bigint[];
  if (ids.length === 0 || ids.length !== randomIds.length) {
    throw new RpcFailure(400, "RANDOM_ID_INVALID");
  }
  if (ids.length > 100) throw new RpcFailure(400, "MESSAGE_IDS_TOO_MUCH");
  const updates: Tl[] = [];
  const seqs: number[] = [];
  ids.forEach((id, index) => {
    const stored = chats.storedMessage(userId, from, id);
    if (!stored) throw new RpcFailure(400, "MESSAGE_ID_INVALID");
    const object = stored.object;
    if (object._ !== "message") throw new RpcFailure(400, "MESSAGE_ID_INVALID");
    const dropCaptions = request.drop_media_captions === true &&
      object.media !== undefined;
    const outcome = chats.sendMessage(
      userId,
      to,
      dropCaptions ? "" : String(object.message),
      {
        entities: dropCaptions
          ? undefined
          : object.entities as Tl[] | undefined,
        media: object.media as Tl | undefined,
        fwdFrom: request.drop_author ? undefined : forwardHeader(stored, from),
        silent: request.silent === true,
        randomId: randomIds[index],
      },
      origin(ctx),
    );
    const result = outcome.result;
    if (result._ === "updateShortSentMessage") {
      const copy = chats.storedMessage(userId, to, outcome.id)!.object;
      updates.push(
        { _: "updateMessageID", id: outcome.id, random_id: randomIds[index] },
        {
          _: "updateNewMessage",
          message: copy,
          pts: result.pts,
          pts_count: result.pts_count,
        },
      );
    } else {
      updates.push(...(result.updates as Tl[]));
      if ((result.seq as number) > 0) seqs.push(result.seq as number);
    }
  });
  const date = Math.floor(ctx.now());
  const container = containerFor(chats, userId, updates, false, date);
  if (seqs.length === 0) return container;
  if (seqs.length === 1) return { ...container, seq: seqs[0] };
  return {
    _: "updatesCombined",
    updates: container.updates,
    users: container.users,
    chats: container.chats,
    date,
    seq_start: seqs[0],
    seq: seqs[seqs.length - 1],
  };
}

function typingUpdate(fromId: number, peer: PeerRef, action: Tl): Tl {
  switch (peer.type) {
    case "user":
      return { _: "updateUserTyping", user_id: BigInt(fromId), action };
    case "chat":
      return {
        _: "updateChatUserTyping",
        chat_id: BigInt(peer.id),
        from_id: { _: "peerUser", user_id: BigInt(fromId) },
        action,
      };
    case "channel":
      return {
        _: "updateChannelUserTyping",
        channel_id: BigInt(peer.id),
        from_id: { _: "peerUser", user_id: BigInt(fromId) },
        action,
      };
  }
}

/** `messages.setTyping`: the other members get `updateUserTyping` (or the chat/channel form) in an `updateShort`. */
function setTyping(request: Record<string, unknown>, ctx: RpcContext): unknown {
  const userId = ctx.requireUser();
  const chats = chatWorld(ctx.world, ctx.now);
  const peer = chats.resolveInputPeer(userId, request.peer as Tl);
  const update = typingUpdate(userId, peer, request.action as Tl);
  const members = peer.type === "user"
    ? [peer.id]
    : peer.type === "chat"
    ? [...chats.chat(peer.id)!.members]
    : [...chats.channel(peer.id)!.members];
  const date = Math.floor(ctx.now());
  for (const member of members) {
    if (member === userId) continue;
    chats.delivery.push(member, { _: "updateShort", update, date });
  }
  return true;
}

/** The newest message id of a chat in `userId`'s box. */
function newestId(
  chats: ReturnType<typeof chatWorld>,
  userId: number,
  peer: PeerRef,
): number {
  let newest = 0;
  for (const [id] of chats.box(userId).messages) {
    if (chats.storedMessage(userId, peer, id)) newest = Math.max(newest, id);
  }
  return newest;
}

/**
 * `messages.readHistory` (private chats and basic groups): `updateReadHistoryInbox` in the
 * reader's box (answered as `messages.affectedMessages`), and in a private chat
 * `updateReadHistoryOutbox` in the other party's box.
 */
function readHistory(
  request: Record<string, unknown>,
  ctx: RpcContext,
): unknown {
  const userId = ctx.requireUser();
  const chats = chatWorld(ctx.world, ctx.now);
  const peer = chats.resolveInputPeer(userId, request.peer as Tl);
  if (peer.type === "channel") throw new RpcFailure(400, "PEER_ID_INVALID");
  const requested = request.max_id as number;
  const maxId = requested > 0 ? requested : newestId(chats, userId, peer);
  const date = Math.floor(ctx.now());
  const inbox = chats.box(userId).addPts(
    {
      _: "updateReadHistoryInbox",
      peer: peerObject(peer),
      max_id: maxId,
      still_unread_count: 0,
    },
    1,
    date,
  );
  // seq 0: the reading session answers with affectedMessages and must not miss a seq.
  chats.delivery.push(
    userId,
    containerFor(chats, userId, [inbox], false, date),
    origin(ctx),
  );
  if (peer.type === "user" && peer.id !== userId) {
    const read = chats.storedMessage(userId, peer, maxId);
    const theirId = read?.shared.copies.get(peer.id);
    if (theirId !== undefined) {
      const outbox = chats.box(peer.id).addPts(
        {
          _: "updateReadHistoryOutbox",
          peer: { _: "peerUser", user_id: BigInt(userId) },
          max_id: theirId,
        },
        1,
        date,
      );
      chats.delivery.push(
        peer.id,
        containerFor(chats, peer.id, [outbox], true, date),
      );
    }
  }
  return { _: "messages.affectedMessages", pts: inbox.pts, pts_count: 1 };
}

/** Every holder of a private-chat or basic-group message, with their copy's id. */
function copiesOf(
  chats: ReturnType<typeof chatWorld>,
  userId: number,
  peer: PeerRef,
  id: number,
): Map<number, number> {
  const stored = chats.storedMessage(userId, peer, id);
  if (!stored) throw new RpcFailure(400, "MESSAGE_ID_INVALID");
  const copies = new Map(stored.shared.copies);
  if (copies.size === 0) copies.set(userId, id);
  return copies;
}

/**
 * `messages.updatePinnedMessage`: marks the message pinned (or unpinned) in every copy;
 * `updatePinnedMessages` in each holder's box (`updatePinnedChannelMessages` in the channel's).
 */
function updatePinnedMessage(
  request: Record<string, unknown>,
  ctx: RpcContext,
): unknown {
  const userId = ctx.requireUser();
  const chats = chatWorld(ctx.world, ctx.now);
  const peer = chats.resolveInputPeer(userId, request.peer as Tl);
  const id = request.id as number;
  const pinned = request.unpin !== true;
  const date = Math.floor(ctx.now());
  if (peer.type === "channel") {
    const channel = chats.channel(peer.id)!;
    if (!channel.admins.has(userId)) {
      throw new RpcFailure(400, "CHAT_ADMIN_REQUIRED");
    }
    const stored = channel.box.messages.get(id);
    if (!stored) throw new RpcFailure(400, "MESSAGE_ID_INVALID");
    if (pinned) stored.object.pinned = true;
    else delete stored.object.pinned;
    const update = channel.box.addPts(
      {
        _: "updatePinnedChannelMessages",
        ...(pinned ? { pinned: true } : {}),
        channel_id: BigInt(peer.id),
        messages: [id],
      },
      1,
      date,
    );
    let result: Tl | undefined;
    for (const member of channel.members) {
      const container = containerFor(chats, member, [update], false, date);
      if (member === userId) result = container;
      chats.delivery.push(
        member,
        container,
        member === userId ? origin(ctx) : undefined,
      );
    }
    return result;
  }
  let result: Tl | undefined;
  for (const [holder, copyId] of copiesOf(chats, userId, peer, id)) {
    if (request.pm_oneside && holder !== userId) continue;
    const stored = chats.box(holder).messages.get(copyId);
    if (!stored) continue;
    if (pinned) stored.object.pinned = true;
    else delete stored.object.pinned;
    const holderPeer = peer.type === "user"
      ? { _: "peerUser", user_id: BigInt(holder === userId ? peer.id : userId) }
      : peerObject(peer);
    const update = chats.box(holder).addPts(
      {
        _: "updatePinnedMessages",
        ...(pinned ? { pinned: true } : {}),
        peer: holderPeer,
        messages: [copyId],
      },
      1,
      date,
    );
    const container = containerFor(chats, holder, [update], true, date);
    if (holder === userId) result = container;
    chats.delivery.push(
      holder,
      container,
      holder === userId ? origin(ctx) : undefined,
    );
  }
  return result;
}

/** `messages.unpinAllMessages`: unpins every pinned message of the chat, as one `messages.affectedHistory`. */
function unpinAllMessages(
  request: Record<string, unknown>,
  ctx: RpcContext,
): unknown {
  const userId = ctx.requireUser();
  const chats = chatWorld(ctx.world, ctx.now);
  const peer = chats.resolveInputPeer(userId, request.peer as Tl);
  const date = Math.floor(ctx.now());
  if (peer.type === "channel") {
    const channel = chats.channel(peer.id)!;
    const ids = [...channel.box.messages].filter(([, s]) => s.object.pinned)
      .map(([id]) => id);
    for (const id of ids) delete channel.box.messages.get(id)!.object.pinned;
    const update = channel.box.addPts(
      {
        _: "updatePinnedChannelMessages",
        channel_id: BigInt(peer.id),
        messages: ids,
      },
      1,
      date,
    );
    for (const member of channel.members) {
      if (member === userId) continue;
      chats.delivery.push(
        member,
        containerFor(chats, member, [update], false, date),
      );
    }
    return {
      _: "messages.affectedHistory",
      pts: update.pts,
      pts_count: 1,
      offset: 0,
    };
  }
  const box = chats.box(userId);
  const ids: number[] = [];
  for (const [id, stored] of box.messages) {
    if (stored.object.pinned && chats.storedMessage(userId, peer, id)) {
      delete stored.object.pinned;
      ids.push(id);
    }
  }
  const update = box.addPts(
    {
      _: "updatePinnedMessages",
      peer: peerObject(peer),
      messages: ids,
    },
    1,
    date,
  );
  chats.delivery.push(
    userId,
    containerFor(chats, userId, [update], false, date),
    origin(ctx),
  );
  return {
    _: "messages.affectedHistory",
    pts: update.pts,
    pts_count: 1,
    offset: 0,
  };
}

/** `messages.getChats`: the basic groups among the ids (unknown ones left out). */
function getChats(request: Record<string, unknown>, ctx: RpcContext): unknown {
  const userId = ctx.requireUser();
  const chats = chatWorld(ctx.world, ctx.now);
  const list = (request.id as bigint[])
    .filter((id) => chats.chat(Number(id)))
    .map((id) => chats.chatObject({ type: "chat", id: Number(id) }, userId));
  return { _: "messages.chats", chats: list };
}

/** `messages.getFullChat`: a basic group's `chatFull`, with its participants. */
function getFullChat(
  request: Record<string, unknown>,
  ctx: RpcContext,
): unknown {
  const userId = ctx.requireUser();
  const chats = chatWorld(ctx.world, ctx.now);
  const chat = chats.chat(Number(request.chat_id));
  if (!chat) throw new RpcFailure(400, "CHAT_ID_INVALID");
  const participants: Tl[] = [...chat.members].map((member) =>
    member === chat.creatorId
      ? { _: "chatParticipantCreator", user_id: BigInt(member) }
      : {
        _: "chatParticipant",
        user_id: BigInt(member),
        inviter_id: BigInt(chat.creatorId),
        date: chat.date,
      }
  );
  const fullChat: Tl = {
    _: "chatFull",
    id: BigInt(chat.id),
    about: "",
    participants: {
      _: "chatParticipants",
      chat_id: BigInt(chat.id),
      participants,
      version: 1,
    },
    notify_settings: { _: "peerNotifySettings" },
  };
  const { users } = chats.entitiesFor(
    userId,
    participants.map((p) => ({
      _: "peerUser",
      user_id: p.user_id,
    })),
  );
  return {
    _: "messages.chatFull",
    full_chat: fullChat,
    chats: [chats.chatObject({ type: "chat", id: chat.id }, userId)],
    users,
  };
}

/**
 * `messages.deleteChatUser`: the creator removes a member, or a member leaves
 * (`CHAT_ADMIN_REQUIRED` otherwise, `USER_NOT_PARTICIPANT` for a non-member).
 */
function deleteChatUser(
  request: Record<string, unknown>,
  ctx: RpcContext,
): unknown {
  const userId = ctx.requireUser();
  const chats = chatWorld(ctx.world, ctx.now);
  const chat = chats.chat(Number(request.chat_id));
  if (!chat) throw new RpcFailure(400, "CHAT_ID_INVALID");
  const input = request.user_id as Tl;
  const target = input._ === "inputUserSelf" ? userId : Number(input.user_id);
  if (
    input._ === "inputUser" &&
    ctx.world.user(target)?.accessHash !== input.access_hash
  ) {
    throw new RpcFailure(400, "USER_ID_INVALID");
  }
  if (target !== userId && chat.creatorId !== userId) {
    throw new RpcFailure(400, "CHAT_ADMIN_REQUIRED");
  }
  if (!chat.members.has(target)) {
    throw new RpcFailure(400, "USER_NOT_PARTICIPANT");
  }
  chat.members.delete(target);
  return containerFor(chats, userId, [], false, Math.floor(ctx.now()));
}

/** The handlers. */
export const messagesActionsMethods: MethodTable = {
  "messages.forwardMessages": forwardMessages,
  "messages.setTyping": setTyping,
  "messages.readHistory": readHistory,
  "messages.updatePinnedMessage": updatePinnedMessage,
  "messages.unpinAllMessages": unpinAllMessages,
  "messages.getChats": getChats,
  "messages.getFullChat": getFullChat,
  "messages.deleteChatUser": deleteChatUser,
};
