/**
 * Why a storage operation failed.
 *
 * - `"corrupt"`: the stored data cannot be read back (truncated file, bad JSON,
 *   a value of the wrong shape, foreign data).
 * - `"version"`: the data was written by a newer format version this code does
 *   not know.
 * - `"locked"`: another process (or another open handle) holds the store.
 * - `"closed"`: the store was used after `close()`.
 * - `"invalid"`: the caller passed a key or value the store cannot hold.
 * - `"io"`: the underlying medium failed (disk full, quota exceeded, ...).
 */
export type StorageErrorCode =
  | "corrupt"
  | "version"
  | "locked"
  | "closed"
  | "invalid"
  | "io";

/**
 * The one error class every storage backend and the session store throw.
 * Its message always names the store (a file path, a localStorage prefix,
 * a database name) so that a user knows which file to look at.
 */
export class StorageError extends Error {
  /** What kind of failure this is. */
  readonly code: StorageErrorCode;
  /** A human-readable name of the store, e.g. `file "/home/me/bot.session"`. */
  readonly store: string;
  /** The key involved, when the failure concerns one key. */
  readonly key?: string;

  /**
   * Makes an error whose message starts with the store (and key) concerned.
   *
   * @param code what kind of failure this is
   * @param store the store's name, as given by `Storage.name`
   * @param detail what went wrong
   * @param options the key involved and the underlying cause, if any
   */
  constructor(
    code: StorageErrorCode,
    store: string,
    detail: string,
    options: { key?: string; cause?: unknown } = {},
  ) {
    const where = options.key === undefined
      ? store
      : `${store}, key ${JSON.stringify(options.key)}`;
    super(`${where}: ${detail}`, { cause: options.cause });
    this.name = "StorageError";
    this.code = code;
    this.store = store;
    if (options.key !== undefined) this.key = options.key;
  }
}
