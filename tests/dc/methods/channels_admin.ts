/**
 * `channels.*` methods of the test DC about channels and supergroups themselves: fetching
 * them, their participants, bans, and reading.
 *
 * @module
 */
import type { MethodTable, RpcContext } from "../rpc.ts";
import { RpcFailure } from "../rpc_error.ts";
import type { Tl } from "../updates/boxes.ts";
import { chatWorld, type WorldChannel } from "../updates/chat_world.ts";
import { containerFor, highLevelExtras } from "../high_level/extras.ts";

const ALL_ADMIN_RIGHTS: Tl = {
  _: "chatAdminRights",
  change_info: true,
  post_messages: true,
  edit_messages: true,
  delete_messages: true,
  ban_users: true,
  invite_users: true,
  pin_messages: true,
  add_admins: true,
  manage_call: true,
  other: true,
};

function adminRights(channel: WorldChannel): Tl {
  if (channel.megagroup) {
    const { post_messages: _post, edit_messages: _edit, ...rights } =
      ALL_ADMIN_RIGHTS;
    return rights as Tl;
  }
  return ALL_ADMIN_RIGHTS;
}

/** The participant object of `userId` in a channel, as `viewerId` sees it; undefined when none. */
function participantOf(
  ctx: RpcContext,
  channel: WorldChannel,
  userId: number,
  viewerId: number,
): Tl | undefined {
  const ban = highLevelExtras(ctx.world).bansOf(channel.id).get(userId);
  if (ban) {
    const participant: Tl = {
      _: "channelParticipantBanned",
      peer: { _: "peerUser", user_id: BigInt(userId) },
      kicked_by: BigInt(ban.kickedBy),
      date: ban.date,
      banned_rights: ban.rights,
    };
    if (!channel.members.has(userId)) participant.left = true;
    return participant;
  }
  if (!channel.members.has(userId)) return undefined;
  if (userId === channel.creatorId) {
    return {
      _: "channelParticipantCreator",
      user_id: BigInt(userId),
      admin_rights: adminRights(channel),
    };
  }
  if (channel.admins.has(userId)) {
    const admin: Tl = {
      _: "channelParticipantAdmin",
      user_id: BigInt(userId),
      promoted_by: BigInt(channel.creatorId),
      date: channel.date,
      admin_rights: adminRights(channel),
    };
    if (viewerId === channel.creatorId) admin.can_edit = true;
    if (userId === viewerId) {
      admin.self = true;
      admin.inviter_id = BigInt(channel.creatorId);
    }
    return admin;
  }
  if (userId === viewerId) {
    return {
      _: "channelParticipantSelf",
      user_id: BigInt(userId),
      inviter_id: BigInt(channel.creatorId),
      date: channel.date,
    };
  }
  return {
    _: "channelParticipant",
    user_id: BigInt(userId),
    date: channel.date,
  };
}

function userIdOfPeer(ctx: RpcContext, viewer: number, input: Tl): number {
  const chats = chatWorld(ctx.world, ctx.now);
  const peer = chats.resolveInputPeer(viewer, input);
  if (peer.type !== "user") throw new RpcFailure(400, "PARTICIPANT_ID_INVALID");
  return peer.id;
}

/** `channels.getChannels`: the channels among the input channels (access hashes checked). */
function getChannels(
  request: Record<string, unknown>,
  ctx: RpcContext,
): unknown {
  const userId = ctx.requireUser();
  const chats = chatWorld(ctx.world, ctx.now);
  const list = (request.id as Tl[]).map((input) => {
    const channel = chats.resolveInputChannel(userId, input);
    return chats.chatObject({ type: "channel", id: channel.id }, userId);
  });
  return { _: "messages.chats", chats: list };
}

/** `channels.getParticipant`: one participant (`USER_NOT_PARTICIPANT` for non-members). */
function getParticipant(
  request: Record<string, unknown>,
  ctx: RpcContext,
): unknown {
  const viewer = ctx.requireUser();
  const chats = chatWorld(ctx.world, ctx.now);
  const channel = chats.resolveInputChannel(viewer, request.channel as Tl);
  if (!channel.members.has(viewer)) {
    throw new RpcFailure(400, "CHANNEL_PRIVATE");
  }
  const userId = userIdOfPeer(ctx, viewer, request.participant as Tl);
  const participant = participantOf(ctx, channel, userId, viewer);
  if (!participant) throw new RpcFailure(400, "USER_NOT_PARTICIPANT");
  const { users } = chats.entitiesFor(viewer, [{
    _: "peerUser",
    user_id: BigInt(userId),
  }]);
  return {
    _: "channels.channelParticipant",
    participant,
    chats: [chats.chatObject({ type: "channel", id: channel.id }, viewer)],
    users,
  };
}

/**
 * `channels.getParticipants`: recent members, admins, bots, banned (`Kicked`) or restricted
 * (`Banned`), or a name search; broadcast channels list members to admins only
 * (`CHAT_ADMIN_REQUIRED`), as on Telegram.
 */
function getParticipants(
  request: Record<string, unknown>,
  ctx: RpcContext,
): unknown {
  const viewer = ctx.requireUser();
  const chats = chatWorld(ctx.world, ctx.now);
  const channel = chats.resolveInputChannel(viewer, request.channel as Tl);
  if (!channel.members.has(viewer)) {
    throw new RpcFailure(400, "CHANNEL_PRIVATE");
  }
  if (!channel.megagroup && !channel.admins.has(viewer)) {
    throw new RpcFailure(400, "CHAT_ADMIN_REQUIRED");
  }
  const filter = request.filter as Tl;
  const bans = highLevelExtras(ctx.world).bansOf(channel.id);
  const q = String(filter.q ?? "").toLowerCase();
  let ids: number[];
  switch (filter._) {
    case "channelParticipantsAdmins":
      ids = [...channel.admins];
      break;
    case "channelParticipantsBots":
      ids = [...channel.members].filter((id) => ctx.world.user(id)?.bot);
      break;
    case "channelParticipantsKicked":
      ids = [...bans].filter(([, ban]) => ban.rights.view_messages).map((
        [id],
      ) => id);
      break;
    case "channelParticipantsBanned":
      ids = [...bans].filter(([, ban]) => !ban.rights.view_messages).map((
        [id],
      ) => id);
      break;
    default:
      ids = [...channel.members].filter((id) =>
        !bans.get(id)?.rights.view_messages
      );
  }
  if (q !== "") {
    ids = ids.filter((id) => {
      const user = ctx.world.user(id);
      return `${user?.firstName} ${user?.lastName ?? ""} ${
        user?.username ?? ""
      }`.toLowerCase()
        .includes(q);
    });
  }
  const count = ids.length;
  const offset = Math.max(0, request.offset as number);
  const limit = Math.min(200, Math.max(0, request.limit as number));
  const page = ids.slice(offset, offset + limit);
  const participants = page.map((id) =>
    participantOf(ctx, channel, id, viewer)!
  );
  const { users } = chats.entitiesFor(
    viewer,
    page.map((id) => ({ _: "peerUser", user_id: BigInt(id) })),
  );
  return {
    _: "channels.channelParticipants",
    count,
    participants,
    chats: [chats.chatObject({ type: "channel", id: channel.id }, viewer)],
    users,
  };
}

/**
 * `channels.editBanned`: an admin bans (`view_messages`: removed from the members), restricts,
 * or with empty rights lifts a ban. `CHAT_ADMIN_REQUIRED` for non-admins,
 * `USER_ADMIN_INVALID` for banning an admin.
 */
function editBanned(
  request: Record<string, unknown>,
  ctx: RpcContext,
): unknown {
  const viewer = ctx.requireUser();
  const chats = chatWorld(ctx.world, ctx.now);
  const channel = chats.resolveInputChannel(viewer, request.channel as Tl);
  if (!channel.admins.has(viewer)) {
    throw new RpcFailure(400, "CHAT_ADMIN_REQUIRED");
  }
  const userId = userIdOfPeer(ctx, viewer, request.participant as Tl);
  if (channel.admins.has(userId)) {
    throw new RpcFailure(400, "USER_ADMIN_INVALID");
  }
  const rights = request.banned_rights as Tl;
  const bans = highLevelExtras(ctx.world).bansOf(channel.id);
  const date = Math.floor(ctx.now());
  const restricted = Object.keys(rights).some((key) =>
    key !== "_" && key !== "until_date" && rights[key] === true
  );
  if (!restricted) bans.delete(userId);
  else {
    bans.set(userId, { rights, kickedBy: viewer, date });
    if (rights.view_messages) channel.members.delete(userId);
  }
  return containerFor(
    chats,
    viewer,
    [{ _: "updateChannel", channel_id: BigInt(channel.id) }],
    false,
    date,
  );
}

/** `channels.readHistory`: `boolTrue` (the read state of channels is not tracked). */
function readHistory(
  request: Record<string, unknown>,
  ctx: RpcContext,
): unknown {
  const viewer = ctx.requireUser();
  const chats = chatWorld(ctx.world, ctx.now);
  const channel = chats.resolveInputChannel(viewer, request.channel as Tl);
  if (!channel.members.has(viewer)) {
    throw new RpcFailure(400, "CHANNEL_PRIVATE");
  }
  return true;
}

/** The handlers. */
export const channelsAdminMethods: MethodTable = {
  "channels.getChannels": getChannels,
  "channels.getParticipant": getParticipant,
  "channels.getParticipants": getParticipants,
  "channels.editBanned": editBanned,
  "channels.readHistory": readHistory,
};
