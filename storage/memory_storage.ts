import type { Storage, StorageOp, StorageValue } from "./storage.ts";
import { StorageError } from "./storage_error.ts";
import { settle } from "./settle.ts";
import {
  checkKey,
  checkOps,
  checkPrefix,
  cloneValue,
  compareKeys,
} from "./value_codec.ts";

/**
 * A {@linkcode Storage} that keeps everything in memory: nothing survives the
 * process. The default when a client is given no storage, and handy in tests.
 */
export class MemoryStorage implements Storage {
  /** Always `"memory"` (or the name given to the constructor). */
  readonly name: string;
  #entries = new Map<string, StorageValue>();
  #closed = false;

  /**
   * Makes an empty storage.
   *
   * @param name how errors name this store; `"memory"` by default
   */
  constructor(name = "memory") {
    this.name = name;
  }

  #check(): void {
    if (this.#closed) {
      throw new StorageError("closed", this.name, "the storage is closed");
    }
  }

  /** {@inheritDoc Storage.get} */
  get(key: string): Promise<StorageValue | undefined> {
    return settle(() => {
      this.#check();
      checkKey(this.name, key);
      const value = this.#entries.get(key);
      return value === undefined
        ? undefined
        : cloneValue(value, this.name, key);
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
      this.#check();
      checkPrefix(this.name, prefix);
      const out: [string, StorageValue][] = [];
      for (const [key, value] of this.#entries) {
        if (key.startsWith(prefix)) {
          out.push([key, cloneValue(value, this.name, key)]);
        }
      }
      return out.sort((a, b) => compareKeys(a[0], b[0]));
    });
  }

  /** {@inheritDoc Storage.batch} */
  batch(ops: readonly StorageOp[]): Promise<void> {
    return settle(() => {
      this.#check();
      for (const op of checkOps(this.name, ops)) {
        if (op.type === "set") this.#entries.set(op.key, op.value);
        else this.#entries.delete(op.key);
      }
    });
  }

  /** {@inheritDoc Storage.close} */
  close(): Promise<void> {
    this.#closed = true;
    this.#entries.clear();
    return Promise.resolve();
  }
}
