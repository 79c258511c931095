/**
 * The TL `Peer` an `InputPeer` stands for.
 *
 * @module
 */
import type { TypeInputPeer, TypePeer } from "../../tl/mod.ts";

/** The TL `Peer` an input peer stands for (`self` needs the logged-in account's id). */
export function peerOfInput(
  peer: TypeInputPeer,
  selfId?: bigint,
): TypePeer | undefined {
  switch (peer._) {
    case "inputPeerSelf":
      return selfId === undefined
        ? undefined
        : { _: "peerUser", user_id: selfId };
    case "inputPeerUser":
    case "inputPeerUserFromMessage":
      return { _: "peerUser", user_id: peer.user_id };
    case "inputPeerChat":
      return { _: "peerChat", chat_id: peer.chat_id };
    case "inputPeerChannel":
    case "inputPeerChannelFromMessage":
      return { _: "peerChannel", channel_id: peer.channel_id };
    default:
      return undefined;
  }
}
