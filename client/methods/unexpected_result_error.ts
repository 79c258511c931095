/**
 * The error thrown when the server's answer lacks what a method needs from it (a sent
 * message, a participant…): the server broke its contract.
 *
 * @module
 */

/** The server answered, but not with what the method needs. */
export class UnexpectedResultError extends Error {
  /** The method that got the answer. */
  readonly method: string;

  /**
   * Creates an instance.
   *
   * @param method the method that got the answer
   * @param detail what was missing
   */
  constructor(method: string, detail: string) {
    super(`${method}: ${detail}`);
    this.name = "UnexpectedResultError";
    this.method = method;
  }
}
