/**
 * The error thrown when a security check fails.
 *
 * @module
 */

/**
 * A security check failed: a server value outside its allowed range, a hash
 * or msg_key mismatch, an unknown key, a bad padding. `check` names the check
 * (for instance `"msg_key"`, `"auth_key_id"`, `"dh_prime"`, `"g_a"`) so that
 * callers and tests can tell the failures apart; the message explains it.
 */
export class SecurityError extends Error {
  /** The name of the failed check. */
  readonly check: string;

  /** Creates the error for the failed `check`, with a human-readable `message`. */
  constructor(check: string, message: string) {
    super(`${check}: ${message}`);
    this.name = "SecurityError";
    this.check = check;
  }
}
