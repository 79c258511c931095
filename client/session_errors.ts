/**
 * Errors of the MTProto session layer that reach callers of `invoke()`.
 *
 * @module
 */

const BAD_MSG_DESCRIPTIONS: ReadonlyMap<number, string> = new Map([
  [16, "msg_id too low (the client's clock is behind)"],
  [17, "msg_id too high (the client's clock is ahead)"],
  [18, "incorrect two lower bits of msg_id"],
  [
    19,
    "container msg_id is the same as the msg_id of a previously received message",
  ],
  [
    20,
    "message too old, and it cannot be verified whether the server has received it",
  ],
  [32, "msg_seqno too low"],
  [33, "msg_seqno too high"],
  [34, "an even msg_seqno expected (irrelevant message), but odd received"],
  [35, "odd msg_seqno expected (relevant message), but even received"],
  [48, "incorrect server salt"],
  [64, "invalid container"],
]);

/**
 * The server refused a message with `bad_msg_notification` and the session
 * cannot repair it by itself (codes other than 16, 17, 32, 33 and 48).
 */
export class BadMessageError extends Error {
  /** The `error_code` of the `bad_msg_notification`. */
  readonly code: number;

  /**
   * Creates the error (the session does, from a `bad_msg_notification`).
   *
   * @param code the `error_code` of the `bad_msg_notification`
   */
  constructor(code: number) {
    super(
      `bad_msg_notification ${code}: ${
        BAD_MSG_DESCRIPTIONS.get(code) ?? "unknown error code"
      }`,
    );
    this.name = "BadMessageError";
    this.code = code;
  }
}

/** Why a request ended without an answer from the server. */
export type RequestAbortReason =
  /** `disconnect()` was called while the request was in flight. */
  | "disconnected"
  /** The connection failed and could not be re-established. */
  | "connection_failed"
  /**
   * The server received the request (so it was not sent again) but its answer
   * was lost and the server did not deliver it again in time.
   */
  | "answer_lost"
  /** The server refused the request too many times (salts, time or seqno). */
  | "too_many_retries"
  /** The caller's `AbortSignal` fired (the error's `cause` is the signal's reason). */
  | "aborted"
  /** The caller's `timeoutMs` ran out. */
  | "timeout";

/**
 * A request ended without an answer: the client was disconnected, the
 * connection could not be restored, the answer was lost in a way the
 * protocol could not recover from without risking running the call twice,
 * or the caller gave up on it (an `AbortSignal`, a timeout).
 */
export class RequestAbortedError extends Error {
  /** Why the request ended. */
  readonly reason: RequestAbortReason;

  /**
   * Creates the error.
   *
   * @param reason why the request ended
   * @param message a human-readable explanation
   * @param options the cause, if any
   */
  constructor(
    reason: RequestAbortReason,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "RequestAbortedError";
    this.reason = reason;
  }
}
