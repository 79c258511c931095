/**
 * An entity that cannot become a TL `MessageEntity`: a position that is not a non-negative
 * integer, an empty span, a custom emoji id or time Telegram would reject, or a mention of a
 * user for whom no `InputUser` is known.
 */
export class MessageEntityError extends Error {
  /** The index of the offending entity in the list being converted. */
  readonly index: number;

  /** Builds the error for the entity at `index`. */
  constructor(reason: string, index: number) {
    super(`message entity ${index}: ${reason}`);
    this.name = "MessageEntityError";
    this.index = index;
  }
}
