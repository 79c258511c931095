/**
 * The error for a `start()` whose bot token names another account than the
 * one the storage is logged in to.
 *
 * @module
 */

/**
 * The storage holds a logged-in account, and `start({ botToken })` was given
 * the token of another bot. Nothing was sent: call `logOut()` first, or use
 * another storage.
 */
export class AccountMismatchError extends Error {
  /** The user id of the account in the storage. */
  readonly storedUserId: bigint;
  /** The bot id at the start of the token. */
  readonly tokenBotId: bigint;

  /**
   * Creates the error.
   *
   * @param storedUserId the account in the storage
   * @param tokenBotId the bot the token belongs to
   */
  constructor(storedUserId: bigint, tokenBotId: bigint) {
    super(
      `the storage holds account ${storedUserId}, not the bot ${tokenBotId} of this token; logOut() first or use another storage`,
    );
    this.name = "AccountMismatchError";
    this.storedUserId = storedUserId;
    this.tokenBotId = tokenBotId;
  }
}
