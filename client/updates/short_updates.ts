/**
 * The short forms of `Updates` (`updateShort`, `updateShortMessage`,
 * `updateShortChatMessage`, `updateShortSentMessage`) expanded into the full
 * updates they stand for, so everything downstream sees one shape.
 *
 * @module
 */

import type {
  RawMessage,
  RawUpdateNewMessage,
  RawUpdateShortChatMessage,
  RawUpdateShortMessage,
  RawUpdateShortSentMessage,
  TypeMessageEntity,
  TypeMessageReplyHeader,
  TypePeer,
  TypeReplyMarkup,
} from "../../tl/mod.ts";

/**
 * What the client sent, needed to rebuild the message an
 * `updateShortSentMessage` only confirms (it carries the id, pts and date,
 * not the text or the chat).
 */
export interface SentMessageContext {
  /** The chat the message went to. */
  peer: TypePeer;
  /** The text sent. */
  message: string;
  /** The entities sent (the server's, from the answer, take precedence). */
  entities?: TypeMessageEntity[];
  /** The reply header, when it was a reply. */
  replyTo?: TypeMessageReplyHeader;
  /** Whether it was sent silently. */
  silent?: boolean;
  /** The keyboard sent with it (the short answer does not repeat it). */
  replyMarkup?: TypeReplyMarkup;
  /** Whether forwarding and saving it were forbidden. */
  noforwards?: boolean;
  /** Whether its media (a link preview) is shown above the text. */
  invertMedia?: boolean;
}

function peerUser(id: bigint): TypePeer {
  return { _: "peerUser", user_id: id };
}

/** Copies the optional message fields the short forms share. */
function shortFields(
  short: RawUpdateShortMessage | RawUpdateShortChatMessage,
  message: RawMessage,
): RawMessage {
  if (short.out) message.out = true;
  if (short.mentioned) message.mentioned = true;
  if (short.media_unread) message.media_unread = true;
  if (short.silent) message.silent = true;
  if (short.fwd_from) message.fwd_from = short.fwd_from;
  if (short.via_bot_id !== undefined) message.via_bot_id = short.via_bot_id;
  if (short.reply_to) message.reply_to = short.reply_to;
  if (short.entities) message.entities = short.entities;
  if (short.ttl_period !== undefined) message.ttl_period = short.ttl_period;
  return message;
}

/**
 * The `updateNewMessage` an `updateShortMessage` stands for. `selfId` is the
 * logged-in user, the sender of outgoing messages (left out when unknown).
 */
export function expandShortMessage(
  short: RawUpdateShortMessage,
  selfId: bigint | undefined,
): RawUpdateNewMessage {
  const sender = short.out ? selfId : short.user_id;
  const message: RawMessage = {
    _: "message",
    id: short.id,
    peer_id: peerUser(short.user_id),
    date: short.date,
    message: short.message,
  };
  if (sender !== undefined) message.from_id = peerUser(sender);
  return {
    _: "updateNewMessage",
    message: shortFields(short, message),
    pts: short.pts,
    pts_count: short.pts_count,
  };
}

/** The `updateNewMessage` an `updateShortChatMessage` stands for. */
export function expandShortChatMessage(
  short: RawUpdateShortChatMessage,
): RawUpdateNewMessage {
  const message: RawMessage = {
    _: "message",
    id: short.id,
    from_id: peerUser(short.from_id),
    peer_id: { _: "peerChat", chat_id: short.chat_id },
    date: short.date,
    message: short.message,
  };
  return {
    _: "updateNewMessage",
    message: shortFields(short, message),
    pts: short.pts,
    pts_count: short.pts_count,
  };
}

/**
 * The `updateNewMessage` an `updateShortSentMessage` stands for, rebuilt from
 * what was sent (`context`) and the answer (id, date, media, entities).
 */
export function expandShortSentMessage(
  short: RawUpdateShortSentMessage,
  context: SentMessageContext,
  selfId: bigint | undefined,
): RawUpdateNewMessage {
  const message: RawMessage = {
    _: "message",
    out: true,
    id: short.id,
    peer_id: context.peer,
    date: short.date,
    message: context.message,
  };
  if (selfId !== undefined) message.from_id = peerUser(selfId);
  if (context.silent) message.silent = true;
  if (context.replyTo) message.reply_to = context.replyTo;
  if (context.replyMarkup) message.reply_markup = context.replyMarkup;
  if (context.noforwards) message.noforwards = true;
  if (context.invertMedia) message.invert_media = true;
  const entities = short.entities ?? context.entities;
  if (entities && entities.length > 0) message.entities = entities;
  if (short.media) message.media = short.media;
  if (short.ttl_period !== undefined) message.ttl_period = short.ttl_period;
  return {
    _: "updateNewMessage",
    message,
    pts: short.pts,
    pts_count: short.pts_count,
  };
}
