/**
 * What the sans-IO session reports after it reads a packet.
 *
 * @module
 */

import type { SecurityError } from "../crypto/mod.ts";
import type { TLObject } from "../tl/mod.ts";

/** A request was answered. `requestId` is what `Session.enqueue` returned. */
export interface ResultEvent {
  /** Discriminator. */
  type: "result";
  /** The id `Session.enqueue` returned for the request. */
  requestId: bigint;
  /** The decoded result. */
  result: unknown;
}

/**
 * A request failed: an `rpc_error` ({@linkcode RpcError}), a refused message
 * (`BadMessageError`), an answer that could not be decoded (`TLError`), or a
 * request abandoned (`RequestAbortedError`).
 */
export interface ErrorEvent {
  /** Discriminator. */
  type: "error";
  /** The id `Session.enqueue` returned for the request. */
  requestId: bigint;
  /** Why it failed. */
  error: Error;
}

/** The server sent something that is not an answer to a request: updates. */
export interface UpdateEvent {
  /** Discriminator. */
  type: "update";
  /** The object, such as `updates`, `updateShort` or `updatesTooLong`. */
  update: TLObject;
}

/**
 * The server created a new session (`new_session_created`): updates may have
 * been missed and should be fetched with `updates.getDifference`.
 */
export interface NewSessionEvent {
  /** Discriminator. */
  type: "new_session";
  /** The id of the first message of ours the new session holds. */
  firstMsgId: bigint;
  /** The server's unique id of the session. */
  uniqueId: bigint;
}

/** The server salt changed; worth persisting. */
export interface SaltEvent {
  /** Discriminator. */
  type: "salt";
  /** The new salt. */
  salt: bigint;
}

/** The offset to the server's clock changed (after `bad_msg_notification` 16 or 17). */
export interface TimeOffsetEvent {
  /** Discriminator. */
  type: "time_offset";
  /** Seconds to add to the local clock to get the server's clock. */
  offset: number;
}

/**
 * A message was ignored: a duplicate or replay, a msg_id of the wrong parity
 * or outside the allowed time bounds, or a body that could not be read.
 * `error.check` says which check failed.
 */
export interface IgnoredEvent {
  /** Discriminator. */
  type: "ignored";
  /** The id of the ignored message. */
  msgId: bigint;
  /** What was wrong with it. */
  error: SecurityError;
}

/** Anything {@linkcode Session.unpack} reports. */
export type SessionEvent =
  | ResultEvent
  | ErrorEvent
  | UpdateEvent
  | NewSessionEvent
  | SaltEvent
  | TimeOffsetEvent
  | IgnoredEvent;
