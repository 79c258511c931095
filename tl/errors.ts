/**
 * A malformed TL value: bad bytes while reading, or a wrong-typed value while
 * writing. `path` names where it happened, e.g.
 * `messages.messages.messages[3].entities[0]`.
 */
export class TLError extends Error {
  /** What went wrong, without the path. */
  readonly reason: string;
  /** Where it went wrong: the root object name, then `.field` and `[index]` steps. */
  path: string;

  /**
   * Creates the error.
   *
   * @param reason what went wrong
   * @param path where (may be extended while the error travels outwards)
   */
  constructor(reason: string, path = "") {
    super(path ? `${reason} at ${path}` : reason);
    this.name = "TLError";
    this.reason = reason;
    this.path = path;
  }

  /** Prepends a step (`name`, `.field` or `[3]`) to the path and refreshes the message. */
  prepend(step: string): this {
    this.path = step + this.path;
    this.message = `${this.reason} at ${this.path}`;
    return this;
  }
}
