/**
 * The misbehaviour switches tests flip on the test DC, and the malicious
 * modes for security tests. This file holds only the state; the listeners,
 * the handshake and the sessions consult it.
 *
 * @module
 */

/**
 * Ways the DC lies to a client, for security tests; the client must refuse
 * each one and say which check failed:
 * - `bad_dh_prime`: `server_DH_inner_data.dh_prime` is not a safe prime;
 * - `g_a_out_of_range`: `g_a = dh_prime − 1`;
 * - `wrong_nonce`: `resPQ.nonce` differs from the client's nonce;
 * - `wrong_msg_key`: encrypted messages carry a msg_key that does not match their content;
 * - `wrong_session_id`: encrypted messages carry another session_id;
 * - `replay`: every encrypted packet is sent twice, byte for byte.
 */
export type MaliciousMode =
  | "bad_dh_prime"
  | "g_a_out_of_range"
  | "wrong_nonce"
  | "wrong_msg_key"
  | "wrong_session_id"
  | "replay";

/** Every malicious mode, for validation and for tests that loop over them. */
export const MALICIOUS_MODES: readonly MaliciousMode[] = [
  "bad_dh_prime",
  "g_a_out_of_range",
  "wrong_nonce",
  "wrong_msg_key",
  "wrong_session_id",
  "replay",
];

/** The knob state shared by every DC of one test world. */
export class KnobState {
  /** Drop every connection when this many more messages have arrived (then disarm); undefined: off. */
  dropAfterMessages?: number;
  /** Until this time (ms since epoch, real clock) new connections are refused. */
  refuseUntil = 0;
  /** Extra delay before RPC results are sent, ms. */
  responseDelayMs = 0;
  /** How many of the next RPC results are generated but never transmitted. */
  responsesToDrop = 0;
  /** How many of the next key exchanges end in `dh_gen_retry` even without a key-id collision. */
  forcedDhRetries = 0;
  /** The malicious mode in force. */
  malicious?: MaliciousMode;

  /** Back to normal behaviour. */
  reset(): void {
    this.dropAfterMessages = undefined;
    this.refuseUntil = 0;
    this.responseDelayMs = 0;
    this.responsesToDrop = 0;
    this.forcedDhRetries = 0;
    this.malicious = undefined;
  }

  /** Whether new connections are refused right now. */
  refusing(): boolean {
    return Date.now() < this.refuseUntil;
  }

  /**
   * Counts one received message against `dropAfterMessages`; true when this
   * message is the one at which every connection must be dropped (the knob then disarms).
   */
  countMessage(): boolean {
    if (this.dropAfterMessages === undefined) return false;
    this.dropAfterMessages--;
    if (this.dropAfterMessages > 0) return false;
    this.dropAfterMessages = undefined;
    return true;
  }

  /** Consumes one RPC result to drop; true when this result must not be transmitted. */
  takeDroppedResponse(): boolean {
    if (this.responsesToDrop <= 0) return false;
    this.responsesToDrop--;
    return true;
  }

  /** Consumes one forced `dh_gen_retry`. */
  takeForcedRetry(): boolean {
    if (this.forcedDhRetries <= 0) return false;
    this.forcedDhRetries--;
    return true;
  }
}
