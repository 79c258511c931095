import type { Storage, StorageOp, StorageValue } from "./storage.ts";
import { ClosingGate } from "./closing_gate.ts";
import { listEntries, readEntry } from "./entry_map.ts";
import { settle } from "./settle.ts";
import { checkOps } from "./value_codec.ts";

/**
 * A {@linkcode Storage} that keeps everything in memory: nothing survives the
 * process. The default when a client is given no storage, and handy in tests.
 */
export class MemoryStorage implements Storage {
  /** Always `"memory"` (or the name given to the constructor). */
  readonly name: string;
  #entries = new Map<string, StorageValue>();
  readonly #gate: ClosingGate;

  /**
   * Makes an empty storage.
   *
   * @param name how errors name this store; `"memory"` by default
   */
  constructor(name = "memory") {
    this.name = name;
    this.#gate = new ClosingGate(name);
  }

  /** {@inheritDoc Storage.get} */
  get(key: string): Promise<StorageValue | undefined> {
    return settle(() => {
      this.#gate.check();
      return readEntry(this.#entries, this.name, key);
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
      this.#gate.check();
      return listEntries(this.#entries, this.name, prefix);
    });
  }

  /** {@inheritDoc Storage.batch} */
  batch(ops: readonly StorageOp[]): Promise<void> {
    return settle(() => {
      this.#gate.check();
      for (const op of checkOps(this.name, ops)) {
        if (op.type === "set") this.#entries.set(op.key, op.value);
        else this.#entries.delete(op.key);
      }
    });
  }

  /** {@inheritDoc Storage.close} */
  async close(): Promise<void> {
    await this.#gate.close();
    this.#entries.clear();
  }
}
