import type { Storage, StorageOp, StorageValue } from "./storage.ts";
import { StorageError } from "./storage_error.ts";
import { ClosingGate } from "./closing_gate.ts";
import { settle } from "./settle.ts";
import {
  checkKey,
  checkOps,
  checkPrefix,
  compareKeys,
  decodeValue,
  encodeValue,
} from "./value_codec.ts";

/** The part of the Web Storage API this backend uses (`localStorage` has it). */
export interface WebStorageLike {
  /** The number of items. */
  readonly length: number;
  /** The name of the item at `index`. */
  key(index: number): string | null;
  /** The item named `key`. */
  getItem(key: string): string | null;
  /** Stores an item; may throw (quota exceeded). */
  setItem(key: string, value: string): void;
  /** Removes an item. */
  removeItem(key: string): void;
}

/** Options of {@linkcode LocalStorageStorage}. */
export interface LocalStorageStorageOptions {
  /** The Web Storage to use; `globalThis.localStorage` by default. */
  storage?: WebStorageLike;
}

/**
 * A {@linkcode Storage} in the browser's `localStorage` (also Deno's). Every
 * key is stored as `sparrow:<name>:<key>`, so several sessions (and other
 * data) share one origin; each value as one line of tagged JSON.
 *
 * A batch is applied item by item and undone if one fails (quota exceeded),
 * so it is all-or-nothing within this page. `localStorage` has no
 * transactions across tabs: use one session per tab, or
 * {@linkcode IndexedDbStorage}.
 */
export class LocalStorageStorage implements Storage {
  /** `localStorage "sparrow:<name>:"`, as errors name it. */
  readonly name: string;
  /** The prefix of every item this storage owns. */
  readonly prefix: string;
  readonly #options: LocalStorageStorageOptions;
  readonly #gate: ClosingGate;

  /**
   * Uses the items prefixed `sparrow:<name>:`; nothing is read until the
   * first call.
   *
   * @param name the session's name, to tell several sessions apart
   * @param options see {@linkcode LocalStorageStorageOptions}
   */
  constructor(name: string, options: LocalStorageStorageOptions = {}) {
    this.prefix = `sparrow:${name}:`;
    this.name = `localStorage ${JSON.stringify(this.prefix)}`;
    this.#options = options;
    this.#gate = new ClosingGate(this.name);
  }

  #webStorage(): WebStorageLike {
    this.#gate.check();
    try {
      const storage = this.#options.storage ?? globalThis.localStorage;
      if (storage) return storage;
    } catch (cause) {
      // Browsers throw on access when storage is disabled for the page.
      throw new StorageError(
        "io",
        this.name,
        "localStorage is not accessible",
        { cause },
      );
    }
    throw new StorageError(
      "io",
      this.name,
      "there is no localStorage in this runtime",
    );
  }

  #read(storage: WebStorageLike, key: string): StorageValue | undefined {
    const text = storage.getItem(this.prefix + key);
    return text === null ? undefined : decodeValue(text, this.name, key);
  }

  /** {@inheritDoc Storage.get} */
  get(key: string): Promise<StorageValue | undefined> {
    return settle(() => {
      const storage = this.#webStorage();
      checkKey(this.name, key);
      return this.#read(storage, key);
    });
  }

  /** {@inheritDoc Storage.set} */
  set(key: string, value: StorageValue): Promise<void> {
    return this.batch([{ type: "set", key, value }]);
  }

  /** {@inheritDoc Storage.delete} */
  delete(key: string): Promise<void> {
    return this.batch([{ type: "delete", key }]);
  }

  /** {@inheritDoc Storage.list} */
  list(prefix: string): Promise<[string, StorageValue][]> {
    return settle(() => {
      const storage = this.#webStorage();
      checkPrefix(this.name, prefix);
      const full = this.prefix + prefix;
      const keys: string[] = [];
      for (let i = 0; i < storage.length; i++) {
        const item = storage.key(i);
        if (item !== null && item.startsWith(full)) {
          keys.push(item.slice(this.prefix.length));
        }
      }
      return keys.sort(compareKeys).map((
        key,
      ) => [key, this.#read(storage, key)!]);
    });
  }

  /** {@inheritDoc Storage.batch} */
  batch(ops: readonly StorageOp[]): Promise<void> {
    return settle(() => {
      const storage = this.#webStorage();
      const encoded = checkOps(this.name, ops).map((op) => ({
        item: this.prefix + op.key,
        text: op.type === "set" ? encodeValue(op.value) : null,
      }));
      const undo: { item: string; text: string | null }[] = [];
      try {
        for (const { item, text } of encoded) {
          undo.push({ item, text: storage.getItem(item) });
          if (text === null) storage.removeItem(item);
          else storage.setItem(item, text);
        }
      } catch (cause) {
        for (const { item, text } of undo.reverse()) {
          try {
            if (text === null) storage.removeItem(item);
            else storage.setItem(item, text);
          } catch {
            // Restoring an old value can only shrink usage back; keep going.
          }
        }
        throw new StorageError(
          "io",
          this.name,
          "writing to localStorage failed",
          { cause },
        );
      }
    });
  }

  /** Marks the storage closed; the data stays in `localStorage`. */
  async close(): Promise<void> {
    await this.#gate.close();
  }
}
