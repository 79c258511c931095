/**
 * The error a method handler throws to answer with `rpc_error`.
 *
 * @module
 */

/** An RPC failure: becomes `rpc_error { error_code, error_message }` on the wire. */
export class RpcFailure extends Error {
  /**
   * @param code the HTTP-like code (303, 400, 401, 403, 406, 420, 500)
   * @param errorMessage the error type, e.g. `AUTH_KEY_UNREGISTERED`, `FLOOD_WAIT_5`
   */
  constructor(readonly code: number, readonly errorMessage: string) {
    super(`${code} ${errorMessage}`);
    this.name = "RpcFailure";
  }
}
