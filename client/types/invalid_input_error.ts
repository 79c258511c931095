/**
 * The error thrown when a caller passes something the high-level API cannot send: callback data
 * longer than 64 bytes, an empty message, a chat id of the wrong shape, and so on.
 *
 * @module
 */

/** A caller's argument the high-level API refuses before anything is sent. */
export class InvalidInputError extends Error {
  /** The argument at fault (`"callback_data"`, `"chat_id"`, …). */
  readonly argument: string;

  /**
   * Creates an instance.
   *
   * @param argument the argument at fault
   * @param message what is wrong with it
   */
  constructor(argument: string, message: string) {
    super(`${argument}: ${message}`);
    this.name = "InvalidInputError";
    this.argument = argument;
  }
}
