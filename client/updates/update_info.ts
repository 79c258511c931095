/**
 * Which sequence ("box") an update belongs to and where it sits in it, as
 * "Working with Updates" defines them: the common box counted by `pts`
 * (private chats and basic groups), one `pts` box per channel or supergroup,
 * and the `qts` box (secret chats and bot-specific updates).
 *
 * @module
 */

import type { TypeMessage, TypePeer, TypeUpdate } from "../../tl/mod.ts";

/** The position of an update in the common or a channel `pts` box. */
export interface PtsPosition {
  /** Discriminator. */
  kind: "pts";
  /** The channel's TL id for a channel box; undefined for the common box. */
  channelId?: bigint;
  /** The box's pts after the update. */
  pts: number;
  /** How many events the update accounts for (0 for updates that only report a pts). */
  count: number;
}

/** The position of an update in the `qts` box. */
export interface QtsPosition {
  /** Discriminator. */
  kind: "qts";
  /** The box's qts after the update (each such update counts 1). */
  qts: number;
}

/** Where an update sits, or undefined for an update outside every box (applied as it comes). */
export type UpdatePosition = PtsPosition | QtsPosition;

/** Updates whose `pts` counts in a channel's box rather than the common one. */
const CHANNEL_PTS_UPDATES: ReadonlySet<string> = new Set([
  "updateNewChannelMessage",
  "updateEditChannelMessage",
  "updateDeleteChannelMessages",
  "updateChannelWebPage",
  "updatePinnedChannelMessages",
  "updateReadChannelInbox",
]);

/** The channel a message lives in, if it lives in one. */
export function messageChannelId(message: TypeMessage): bigint | undefined {
  const peer = message.peer_id;
  return peer?._ === "peerChannel" ? peer.channel_id : undefined;
}

/** The channel (TL id) an update concerns, read from `channel_id` or its message's `peer_id`. */
export function updateChannelId(update: TypeUpdate): bigint | undefined {
  const fields = update as { channel_id?: unknown; message?: unknown };
  if (typeof fields.channel_id === "bigint") return fields.channel_id;
  const message = fields.message as TypeMessage | undefined;
  if (message && typeof message === "object" && "peer_id" in message) {
    return messageChannelId(message);
  }
  return undefined;
}

/**
 * Where `update` sits among the boxes. `updateChannelTooLong` is not
 * positioned (it asks for a channel difference instead); neither are updates
 * without `pts`/`qts`.
 */
export function updatePosition(update: TypeUpdate): UpdatePosition | undefined {
  const fields = update as {
    pts?: unknown;
    pts_count?: unknown;
    qts?: unknown;
  };
  if (typeof fields.qts === "number") return { kind: "qts", qts: fields.qts };
  if (typeof fields.pts !== "number" || update._ === "updateChannelTooLong") {
    return undefined;
  }
  const count = typeof fields.pts_count === "number" ? fields.pts_count : 0;
  // A negative count would move a box backwards: such an update has no place in it.
  if (count < 0 || fields.pts < 0) return undefined;
  if (CHANNEL_PTS_UPDATES.has(update._)) {
    const channelId = updateChannelId(update);
    if (channelId === undefined) return undefined;
    return { kind: "pts", channelId, pts: fields.pts, count };
  }
  return { kind: "pts", pts: fields.pts, count };
}

/**
 * The peers an update names that a client must know to show it: for a new or
 * edited message, its chat, its sender, the origin of a forward and the bot it
 * came through. Other updates name none here.
 */
export function updatePeers(update: TypeUpdate): TypePeer[] {
  switch (update._) {
    case "updateNewMessage":
    case "updateEditMessage":
    case "updateNewChannelMessage":
    case "updateEditChannelMessage":
      break;
    default:
      return [];
  }
  const message = update.message;
  if (message._ === "messageEmpty") return [];
  const peers: TypePeer[] = [message.peer_id];
  const from = message.from_id;
  // In a private chat the sender is usually the chat itself: named once.
  if (
    from &&
    !(from._ === "peerUser" && message.peer_id._ === "peerUser" &&
      from.user_id === message.peer_id.user_id)
  ) peers.push(from);
  if (message._ === "message") {
    const origin = message.fwd_from?.from_id;
    if (origin) peers.push(origin);
    if (message.via_bot_id !== undefined) {
      peers.push({ _: "peerUser", user_id: message.via_bot_id });
    }
  }
  return peers;
}
