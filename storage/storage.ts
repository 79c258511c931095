/**
 * A value a {@linkcode Storage} can hold: JSON-like data plus `Uint8Array`
 * (auth keys) and `bigint` (access hashes, user ids).
 *
 * Numbers must be finite. Object properties whose value is `undefined` are
 * dropped on write (as `JSON.stringify` does); any other value (`undefined`
 * at top level, functions, `Date`, `Map`, class instances, cycles) is rejected
 * with a {@linkcode StorageError} of code `"invalid"`. Every backend stores and
 * returns exactly the same values.
 */
export type StorageValue =
  | null
  | boolean
  | number
  | string
  | bigint
  | Uint8Array
  | StorageValue[]
  | { [key: string]: StorageValue };

/** One write of a {@linkcode Storage.batch}. */
export type StorageOp =
  | {
    /** Store `value` under `key`. */
    type: "set";
    /** The key to write. */
    key: string;
    /** The value to write. */
    value: StorageValue;
  }
  | {
    /** Remove `key` (no error if it is absent). */
    type: "delete";
    /** The key to remove. */
    key: string;
  };

/**
 * A small asynchronous key-value store: what the client persists its session
 * in.
 *
 * Keys are non-empty, well-formed strings of at most
 * {@linkcode MAX_KEY_LENGTH} UTF-16 code units; by convention they are paths
 * separated by `/` (`dc/2/auth_key`) so that {@linkcode Storage.list} can
 * select a group of them. "Key order" is JavaScript's string order (`<`,
 * UTF-16 code units) in every backend.
 *
 * Values are copied in and out: mutating a value after `set` or after `get`
 * never changes what is stored.
 */
export interface Storage {
  /** A human-readable name of the store, used in error messages. */
  readonly name: string;
  /** The value stored under `key`, or `undefined` when there is none. */
  get(key: string): Promise<StorageValue | undefined>;
  /** Stores `value` under `key`, replacing any previous value. */
  set(key: string, value: StorageValue): Promise<void>;
  /** Removes `key`; nothing happens when it is absent. */
  delete(key: string): Promise<void>;
  /**
   * Every `[key, value]` pair whose key starts with `prefix` (all pairs for
   * `""`), in key order.
   */
  list(prefix: string): Promise<[string, StorageValue][]>;
  /**
   * Applies `ops` in order, atomically: after it resolves all of them are
   * stored; if it rejects (or the process dies while it runs) none of them is.
   */
  batch(ops: readonly StorageOp[]): Promise<void>;
  /**
   * Flushes pending writes and releases the store (file handles, locks,
   * database connections). Any later call rejects with code `"closed"`.
   */
  close(): Promise<void>;
}

/** The longest key a {@linkcode Storage} accepts, in UTF-16 code units. */
export const MAX_KEY_LENGTH = 512;
