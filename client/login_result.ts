/**
 * The error for a login answer the flow cannot use.
 *
 * @module
 */

/** The server answered a login call with something the login flow cannot continue from. */
export class UnexpectedLoginResultError extends Error {
  /** The method that was called. */
  readonly method: string;
  /** The constructor the server answered with. */
  readonly result: string;

  /**
   * Creates the error.
   *
   * @param method the called method
   * @param result the constructor name of the answer
   */
  constructor(method: string, result: string) {
    super(`${method} answered ${result}, which the login cannot continue from`);
    this.name = "UnexpectedLoginResultError";
    this.method = method;
    this.result = result;
  }
}
