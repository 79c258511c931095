/**
 * What an RPC result means for the update state: the
 * {@linkcode SentMessageContext} an `updateShortSentMessage` answer needs
 * (taken from the request), and which box an `affectedMessages` result counts in.
 *
 * @module
 */

import type { TLFunction, TypeInputPeer, TypePeer } from "../../tl/mod.ts";
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

/** The context of a `messages.sendMessage` request, for its `updateShortSentMessage` answer. */
export function sentMessageContext(
  fn: TLFunction,
  selfId: bigint | undefined,
): SentMessageContext | undefined {
  if (fn._ !== "messages.sendMessage") return undefined;
  const peer = peerOfInputPeer(fn.peer, selfId);
  if (!peer) return undefined;
  const context: SentMessageContext = { peer, message: fn.message };
  if (fn.entities) context.entities = fn.entities;
  if (fn.silent) context.silent = true;
  if (fn.reply_to?._ === "inputReplyToMessage") {
    context.replyTo = {
      _: "messageReplyHeader",
      reply_to_msg_id: fn.reply_to.reply_to_msg_id,
    };
  }
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
