/**
 * What a high-level method needs from the client: `invoke` and the peer cache. Every method is
 * a function of a `MethodClient`; `Client` exposes each one as a method.
 *
 * @module
 */
import type { ResultOf, TLFunction } from "../../tl/mod.ts";
import type { PeerCache } from "./peer_cache.ts";

/** The part of the client the high-level methods use. */
export interface MethodClient {
  /** Invokes a raw API function. */
  invoke<F extends TLFunction>(fn: F): Promise<ResultOf<F>>;
  /** The peer cache: chat ids to input peers, and the users and chats seen. */
  readonly peers: PeerCache;
}

/** A random 64-bit `random_id`, as `messages.send*` want one per message. */
export function randomId(): bigint {
  const bytes = new BigInt64Array(1);
  crypto.getRandomValues(bytes);
  return bytes[0];
}
