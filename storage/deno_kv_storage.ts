/**
 * A {@linkcode Storage} in Deno KV. Deno only, and only with `--unstable-kv`
 * (or `"unstable": ["kv"]` in deno.json); exported on its own, never from the
 * main module, so nothing else depends on it.
 *
 * ```ts
 * import { DenoKvStorage } from "@sparrow/sparrow/deno-kv";
 * const storage = await DenoKvStorage.open("./bot.kv");
 * ```
 *
 * @module
 */
import type { Storage, StorageOp, StorageValue } from "./storage.ts";
import { StorageError } from "./storage_error.ts";
import { ClosingGate } from "./closing_gate.ts";
import {
  checkKey,
  checkOps,
  checkPrefix,
  cloneValue,
  compareKeys,
} from "./value_codec.ts";

export type { Storage, StorageOp, StorageValue } from "./storage.ts";

/** A part of a Deno KV key. */
export type KvKeyPart = string | number | bigint | boolean | Uint8Array;

/**
 * The part of `Deno.Kv` this backend uses, spelled out so that this module
 * type-checks without Deno's unstable type library.
 */
export interface KvLike {
  /** Reads one entry. */
  get(
    key: readonly KvKeyPart[],
  ): Promise<{ value: unknown; versionstamp: string | null }>;
  /** Iterates entries in key order. */
  list(
    selector: { prefix: readonly KvKeyPart[]; start?: readonly KvKeyPart[] },
  ): AsyncIterable<{ key: readonly KvKeyPart[]; value: unknown }>;
  /** Starts an atomic operation. */
  atomic(): {
    /** Queues a write. */
    set(key: readonly KvKeyPart[], value: unknown): unknown;
    /** Queues a delete. */
    delete(key: readonly KvKeyPart[]): unknown;
    /** Applies the queued mutations atomically. */
    commit(): Promise<{ ok: boolean }>;
  };
  /** Closes the database. */
  close(): void;
}

/** Options of {@linkcode DenoKvStorage}. */
export interface DenoKvStorageOptions {
  /**
   * The key prefix every entry of this storage lives under, so several
   * sessions (and other data) share one database. `["sparrow"]` by default.
   */
  prefix?: readonly KvKeyPart[];
}

/**
 * A {@linkcode Storage} in a Deno KV database: each entry under
 * `[...prefix, key]`, values as structured clones (bytes and bigints
 * natively) checked when read back; a batch is one atomic operation.
 *
 * Deno KV's limits apply: a value of at most 64 KiB, a batch of at most 1000
 * ops and 800 KiB; beyond them a call rejects with code `"invalid"`.
 */
export class DenoKvStorage implements Storage {
  /** `Deno KV "<path>" [prefix]`, as errors name it. */
  readonly name: string;
  readonly #kv: KvLike;
  readonly #prefix: readonly KvKeyPart[];
  /** Whether {@linkcode DenoKvStorage.open} opened the database. */
  #owned = false;
  /** Every call runs after the previous one, so calls apply in call order. */
  #queue: Promise<unknown> = Promise.resolve();
  readonly #gate: ClosingGate;

  /**
   * Uses an open database, which the caller closes; see
   * {@linkcode DenoKvStorage.open} to let the storage open and close it.
   *
   * @param kv an open `Deno.Kv`
   * @param options see {@linkcode DenoKvStorageOptions}
   * @param location how error messages name the database
   */
  constructor(
    kv: KvLike,
    options: DenoKvStorageOptions = {},
    location = "(given)",
  ) {
    this.#kv = kv;
    this.#prefix = options.prefix ?? ["sparrow"];
    this.name = `Deno KV ${JSON.stringify(location)} ${
      JSON.stringify(
        this.#prefix,
        (_, v) => typeof v === "bigint" ? `${v}n` : v,
      )
    }`;
    this.#gate = new ClosingGate(this.name);
  }

  /**
   * Opens the Deno KV database at `path` (Deno's default database when
   * omitted, `":memory:"` for a throwaway one); closing the storage closes it.
   */
  static async open(
    path?: string,
    options?: DenoKvStorageOptions,
  ): Promise<DenoKvStorage> {
    const location = path ?? "(default)";
    const deno =
      (globalThis as { Deno?: { openKv?: (path?: string) => Promise<KvLike> } })
        .Deno;
    if (typeof deno?.openKv !== "function") {
      throw new StorageError(
        "io",
        `Deno KV ${JSON.stringify(location)}`,
        "Deno.openKv is missing: run Deno with --unstable-kv",
      );
    }
    let kv: KvLike;
    try {
      kv = await deno.openKv(path);
    } catch (cause) {
      throw new StorageError(
        "io",
        `Deno KV ${JSON.stringify(location)}`,
        "cannot open",
        {
          cause,
        },
      );
    }
    const storage = new DenoKvStorage(kv, options, location);
    storage.#owned = true;
    return storage;
  }

  #run<T>(work: () => Promise<T>): Promise<T> {
    return this.#gate.run(() => {
      const call = this.#queue.then(work);
      this.#queue = call.catch(() => {});
      return call;
    });
  }

  #failure(cause: unknown, what: string): StorageError {
    if (cause instanceof StorageError) return cause;
    const limit = cause instanceof TypeError || cause instanceof RangeError;
    return new StorageError(
      limit ? "invalid" : "io",
      this.name,
      `${what} failed${limit ? " (beyond Deno KV's limits?)" : ""}`,
      { cause },
    );
  }

  /** {@inheritDoc Storage.get} */
  get(key: string): Promise<StorageValue | undefined> {
    return this.#run(async () => {
      checkKey(this.name, key);
      let entry: { value: unknown; versionstamp: string | null };
      try {
        entry = await this.#kv.get([...this.#prefix, key]);
      } catch (cause) {
        throw this.#failure(cause, "reading");
      }
      // A missing entry has no versionstamp; a stored null has one.
      return entry.versionstamp === null
        ? undefined
        : cloneValue(entry.value, this.name, key, "corrupt");
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
    return this.#run(async () => {
      checkPrefix(this.name, prefix);
      const base = this.#prefix;
      const out: [string, StorageValue][] = [];
      try {
        // Keys sharing a string prefix are one run in Deno KV's (UTF-8) order,
        // starting at the prefix itself.
        const selector = prefix === ""
          ? { prefix: base }
          : { prefix: base, start: [...base, prefix] };
        for await (const { key, value } of this.#kv.list(selector)) {
          const last = key[base.length];
          if (typeof last === "string" && !last.startsWith(prefix)) break;
          if (key.length !== base.length + 1 || typeof last !== "string") {
            throw new StorageError(
              "corrupt",
              this.name,
              `foreign key ${String(key.slice(base.length))} under the prefix`,
            );
          }
          out.push([last, cloneValue(value, this.name, last, "corrupt")]);
        }
      } catch (cause) {
        throw this.#failure(cause, "listing");
      }
      return out.sort((a, b) => compareKeys(a[0], b[0]));
    });
  }

  /** {@inheritDoc Storage.batch} */
  batch(ops: readonly StorageOp[]): Promise<void> {
    return this.#run(async () => {
      const checked = checkOps(this.name, ops);
      if (checked.length === 0) return;
      try {
        const atomic = this.#kv.atomic();
        for (const op of checked) {
          if (op.type === "set") {
            atomic.set([...this.#prefix, op.key], op.value);
          } else atomic.delete([...this.#prefix, op.key]);
        }
        const result = await atomic.commit();
        if (!result.ok) throw new Error("the commit was refused");
      } catch (cause) {
        throw this.#failure(cause, "writing");
      }
    });
  }

  /**
   * Waits for every call made before it; closes the database if
   * {@linkcode DenoKvStorage.open} opened it.
   */
  async close(): Promise<void> {
    if (!(await this.#gate.close())) return;
    if (this.#owned) this.#kv.close();
  }
}
