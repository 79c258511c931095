/**
 * The error thrown when a chat id cannot be turned into an input peer: the peer cache has never
 * seen it (with an access hash), and it is not a username the server knows.
 *
 * @module
 */

/** A chat the client cannot address: never seen with its access hash, or no such username. */
export class PeerNotFoundError extends Error {
  /** The chat id or username asked for. */
  readonly chatId: string;

  /**
   * Creates an instance.
   *
   * @param chatId the chat id or username asked for
   */
  constructor(chatId: string) {
    super(
      `peer ${chatId} is not in the peer cache: receive a message from it, ` +
        `resolve its username, or fetch it with a dialog or member list first`,
    );
    this.name = "PeerNotFoundError";
    this.chatId = chatId;
  }
}
