/** Which markup language an error comes from. */
export type ParseModeName = "html" | "markdown";

/**
 * Markup that cannot be parsed: an unknown or unbalanced tag, a bad attribute, an unescaped
 * reserved character, an unterminated entity.
 *
 * `position` is the index (in UTF-16 code units, like any JavaScript string index) in the
 * markup where the problem was found: the start of the offending tag, character or entity.
 */
export class ParseModeError extends Error {
  /** The markup language being parsed. */
  readonly mode: ParseModeName;
  /** Where in the markup the problem is, in UTF-16 code units. */
  readonly position: number;
  /** The problem, without the position suffix. */
  readonly reason: string;

  /** Builds the error; the message ends with the position. */
  constructor(mode: ParseModeName, reason: string, position: number) {
    super(
      `${
        mode === "html" ? "HTML" : "MarkdownV2"
      }: ${reason} (at position ${position})`,
    );
    this.name = "ParseModeError";
    this.mode = mode;
    this.reason = reason;
    this.position = position;
  }
}
