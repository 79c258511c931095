/**
 * What an RPC result means for the update state: the
 * {@linkcode SentMessageContext} an `updateShortSentMessage` answer needs
 * (taken from the request), and which box an `affectedMessages` result counts in.
 *
 * @module
 */

import type {
  TLFunction,
  TypeInputPeer,
  TypeInputReplyTo,
  TypeMessageReplyHeader,
  TypePeer,
} from "../../tl/mod.ts";
import type { SentMessageContext } from "./short_updates.ts";

/** The `Peer` an `InputPeer` names (`selfId` for `inputPeerSelf`); undefined when it cannot tell. */
export function peerOfInputPeer(
  input: TypeInputPeer,
  selfId: bigint | undefined,
): TypePeer | undefined {
  switch (input._) {
    case "inputPeerSelf":
      return selfId === undefined
        ? undefined
        : { _: "peerUser", user_id: selfId };
    case "inputPeerUser":
    case "inputPeerUserFromMessage":
      return { _: "peerUser", user_id: input.user_id };
    case "inputPeerChat":
      return { _: "peerChat", chat_id: input.chat_id };
    case "inputPeerChannel":
    case "inputPeerChannelFromMessage":
      return { _: "peerChannel", channel_id: input.channel_id };
    default:
      return undefined;
  }
}

/** The reply header a message sent with `replyTo` gets; `selfId` resolves `inputPeerSelf`. */
export function replyHeaderOfInput(
  replyTo: TypeInputReplyTo | undefined,
  selfId: bigint | undefined,
): TypeMessageReplyHeader | undefined {
  if (replyTo?._ !== "inputReplyToMessage") return undefined;
  const header: TypeMessageReplyHeader = {
    _: "messageReplyHeader",
    reply_to_msg_id: replyTo.reply_to_msg_id,
  };
  if (replyTo.top_msg_id !== undefined) {
    header.forum_topic = true;
    header.reply_to_top_id = replyTo.top_msg_id;
  }
  const peer = replyTo.reply_to_peer_id === undefined
    ? undefined
    : peerOfInputPeer(replyTo.reply_to_peer_id, selfId);
  if (peer) header.reply_to_peer_id = peer;
  if (replyTo.quote_text !== undefined) {
    header.quote = true;
    header.quote_text = replyTo.quote_text;
    if (replyTo.quote_entities) header.quote_entities = replyTo.quote_entities;
    if (replyTo.quote_offset !== undefined) {
      header.quote_offset = replyTo.quote_offset;
    }
  }
  return header;
}

/**
 * The context of a `messages.sendMessage` or `messages.sendMedia` request, for
 * its `updateShortSentMessage` answer: the one place a sent message is rebuilt
 * from its request (text, entities, reply, keyboard, flags).
 */
export function sentMessageContext(
  fn: TLFunction,
  selfId: bigint | undefined,
): SentMessageContext | undefined {
  if (fn._ !== "messages.sendMessage" && fn._ !== "messages.sendMedia") {
    return undefined;
  }
  const peer = peerOfInputPeer(fn.peer, selfId);
  if (!peer) return undefined;
  const context: SentMessageContext = { peer, message: fn.message };
  if (fn.entities && fn.entities.length > 0) context.entities = fn.entities;
  if (fn.silent) context.silent = true;
  if (fn.noforwards) context.noforwards = true;
  if (fn.invert_media) context.invertMedia = true;
  if (fn.reply_markup) context.replyMarkup = fn.reply_markup;
  const replyTo = replyHeaderOfInput(fn.reply_to, selfId);
  if (replyTo) context.replyTo = replyTo;
  return context;
}

/**
 * The channel whose box an `affectedMessages`/`affectedHistory` result of
 * `fn` counts in (`channels.*` calls on a channel), or undefined for the common box.
 */
export function affectedChannelId(fn: TLFunction): bigint | undefined {
  if (!fn._.startsWith("channels.")) return undefined;
  const channel =
    (fn as { channel?: { _: string; channel_id?: bigint } }).channel;
  return channel && typeof channel.channel_id === "bigint"
    ? channel.channel_id
    : undefined;
}
