/**
 * What kind of peer a cached entry is. `"group"` is a basic group (a TL
 * `chat`); `"channel"` a broadcast channel and `"supergroup"` a megagroup
 * (both TL `channel`s).
 */
export type PeerKind = "user" | "bot" | "group" | "channel" | "supergroup";

/** Every {@linkcode PeerKind}, for validation. */
export const PEER_KINDS: readonly PeerKind[] = [
  "user",
  "bot",
  "group",
  "channel",
  "supergroup",
];

/**
 * One peer of the peer cache: what is needed to build an `InputPeer` for it
 * later, and to find it by username or phone number.
 */
export interface PeerRecord {
  /**
   * The peer's id in the Bot API's marked form (see {@linkcode markPeerId}):
   * users and bots as is, basic groups negated, channels and supergroups as
   * `-1000000000000 - id`. Unique across kinds.
   */
  id: bigint;
  /** What kind of peer it is. */
  kind: PeerKind;
  /** The access hash (0n for basic groups, which have none). */
  accessHash: bigint;
  /** The peer's username, without `@`. */
  username?: string;
  /** A user's phone number, digits only. */
  phone?: string;
  /**
   * Set when the peer was only seen as a "min" constructor: its access hash
   * cannot be used alone, but with the message it was seen in
   * (`inputPeerUserFromMessage`, `inputPeerChannelFromMessage`).
   */
  min?: {
    /** The marked id of the chat the message is in. */
    peerId: bigint;
    /** The message's id. */
    msgId: number;
  };
}

const CHANNEL_OFFSET = 1_000_000_000_000n;

/**
 * The Bot API's marked id of a peer, from its TL id: users and bots as is,
 * basic groups negated, channels and supergroups `-1000000000000 - id`.
 */
export function markPeerId(kind: PeerKind, id: bigint): bigint {
  switch (kind) {
    case "user":
    case "bot":
      return id;
    case "group":
      return -id;
    case "channel":
    case "supergroup":
      return -CHANNEL_OFFSET - id;
  }
}

/**
 * The inverse of {@linkcode markPeerId}: the TL constructor family
 * (`"user"`, `"chat"` or `"channel"`) and the TL id of a marked id.
 */
export function unmarkPeerId(
  markedId: bigint,
): { type: "user" | "chat" | "channel"; id: bigint } {
  if (markedId > 0n) return { type: "user", id: markedId };
  if (markedId < -CHANNEL_OFFSET) {
    return { type: "channel", id: -CHANNEL_OFFSET - markedId };
  }
  return { type: "chat", id: -markedId };
}
