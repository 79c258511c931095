/**
 * The error of an auth-key exchange the server ended or answered out of turn.
 *
 * @module
 */

/**
 * The auth-key exchange failed for a protocol reason (the server answered
 * `server_DH_params_fail` or `dh_gen_fail`, or with an unexpected object).
 * Failed security checks are {@linkcode SecurityError}s instead.
 */
export class AuthKeyExchangeError extends Error {
  /**
   * Creates the error.
   *
   * @param message what went wrong
   * @param options the cause, if any
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "AuthKeyExchangeError";
  }
}
