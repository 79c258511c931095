import type { Storage, StorageOp, StorageValue } from "./storage.ts";
import { StorageError } from "./storage_error.ts";
import { ClosingGate } from "./closing_gate.ts";
import { checkKey, checkOps, checkPrefix, cloneValue } from "./value_codec.ts";

/** The object store every database of this backend holds. */
const OBJECT_STORE = "entries";
/** The database schema version this code creates. */
const DB_VERSION = 1;

/** Options of {@linkcode IndexedDbStorage}. */
export interface IndexedDbStorageOptions {
  /** The IndexedDB factory; `globalThis.indexedDB` by default. */
  indexedDB?: IDBFactory;
}

/**
 * A {@linkcode Storage} in the browser's IndexedDB: one database per session,
 * named `sparrow:<name>`, with one object store. Values are stored as
 * structured clones (bytes and bigints natively) and checked when read back.
 * A batch is one IndexedDB transaction, so it is atomic across tabs too.
 */
export class IndexedDbStorage implements Storage {
  /** `IndexedDB "sparrow:<name>"`, as errors name it. */
  readonly name: string;
  /** The database's name. */
  readonly databaseName: string;
  readonly #factory: IDBFactory | undefined;
  #db: Promise<IDBDatabase> | undefined;
  readonly #gate: ClosingGate;

  /**
   * The database is opened on first use; {@linkcode IndexedDbStorage.open}
   * opens it at once.
   *
   * @param name the session's name, to tell several sessions apart
   * @param options see {@linkcode IndexedDbStorageOptions}
   */
  constructor(name: string, options: IndexedDbStorageOptions = {}) {
    this.databaseName = `sparrow:${name}`;
    this.name = `IndexedDB ${JSON.stringify(this.databaseName)}`;
    this.#factory = options.indexedDB;
    this.#gate = new ClosingGate(this.name);
  }

  /** Opens the database for session `name`, reporting failures here. */
  static async open(
    name: string,
    options?: IndexedDbStorageOptions,
  ): Promise<IndexedDbStorage> {
    const storage = new IndexedDbStorage(name, options);
    await storage.#gate.run(() => storage.#database());
    return storage;
  }

  #database(): Promise<IDBDatabase> {
    this.#db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const factory = this.#factory ?? globalThis.indexedDB;
      if (!factory) {
        reject(
          new StorageError(
            "io",
            this.name,
            "there is no IndexedDB in this runtime",
          ),
        );
        return;
      }
      const request = factory.open(this.databaseName, DB_VERSION);
      request.onupgradeneeded = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains(OBJECT_STORE)) {
          db.createObjectStore(OBJECT_STORE);
        }
      };
      request.onblocked = () => {
        reject(
          new StorageError(
            "locked",
            this.name,
            "blocked by an older version open in another tab",
          ),
        );
      };
      request.onerror = () => {
        const cause = request.error;
        reject(
          cause?.name === "VersionError"
            ? new StorageError(
              "version",
              this.name,
              `the database is newer than version ${DB_VERSION}`,
              { cause },
            )
            : new StorageError("io", this.name, "cannot open the database", {
              cause,
            }),
        );
      };
      request.onsuccess = () => {
        const db = request.result;
        // Let another tab upgrade or delete the database instead of hanging it.
        db.onversionchange = () => db.close();
        if (!db.objectStoreNames.contains(OBJECT_STORE)) {
          db.close();
          reject(
            new StorageError(
              "corrupt",
              this.name,
              `no "${OBJECT_STORE}" object store`,
            ),
          );
          return;
        }
        resolve(db);
      };
    });
    return this.#db;
  }

  /** Runs `body` in a transaction; resolves with its result on commit. */
  async #transaction<T>(
    mode: IDBTransactionMode,
    body: (store: IDBObjectStore, setResult: (value: T) => void) => void,
  ): Promise<T> {
    const db = await this.#database();
    return new Promise<T>((resolve, reject) => {
      let result: T;
      let failure: unknown;
      let transaction: IDBTransaction;
      try {
        transaction = db.transaction(OBJECT_STORE, mode);
      } catch (cause) {
        reject(
          new StorageError("io", this.name, "cannot start a transaction", {
            cause,
          }),
        );
        return;
      }
      transaction.oncomplete = () => resolve(result);
      transaction.onabort = () => {
        reject(
          failure ??
            new StorageError("io", this.name, "the transaction failed", {
              cause: transaction.error,
            }),
        );
      };
      try {
        body(transaction.objectStore(OBJECT_STORE), (value) => {
          result = value;
        });
      } catch (error) {
        failure = error;
        transaction.abort();
      }
    });
  }

  /** {@inheritDoc Storage.get} */
  get(key: string): Promise<StorageValue | undefined> {
    return this.#gate.run(async () => {
      checkKey(this.name, key);
      const raw = await this.#transaction<unknown>(
        "readonly",
        (store, setResult) => {
          const request = store.get(key);
          request.onsuccess = () => setResult(request.result);
        },
      );
      return raw === undefined
        ? undefined
        : cloneValue(raw, this.name, key, "corrupt");
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
    return this.#gate.run(async () => {
      checkPrefix(this.name, prefix);
      const raw = await this.#transaction<[unknown, unknown][]>(
        "readonly",
        (store, setResult) => {
          const found: [unknown, unknown][] = [];
          setResult(found);
          // IndexedDB orders string keys by code unit, as JavaScript does, so
          // the keys under a prefix are one run starting at the prefix.
          const request = store.openCursor(
            prefix === "" ? undefined : IDBKeyRange.lowerBound(prefix),
          );
          request.onsuccess = () => {
            const cursor = request.result;
            if (!cursor) return;
            const key = cursor.key;
            const inRun = typeof key === "string"
              ? key.startsWith(prefix)
              : prefix === "";
            if (!inRun) return;
            found.push([cursor.key, cursor.value]);
            cursor.continue();
          };
        },
      );
      return raw.map(([key, value]): [string, StorageValue] => {
        if (typeof key !== "string") {
          throw new StorageError(
            "corrupt",
            this.name,
            `a key is not a string: ${String(key)}`,
          );
        }
        return [key, cloneValue(value, this.name, key, "corrupt")];
      });
    });
  }

  /** {@inheritDoc Storage.batch} */
  batch(ops: readonly StorageOp[]): Promise<void> {
    return this.#gate.run(async () => {
      const checked = checkOps(this.name, ops);
      if (checked.length === 0) {
        await this.#database();
        return;
      }
      await this.#transaction<void>("readwrite", (store) => {
        for (const op of checked) {
          if (op.type === "set") store.put(op.value, op.key);
          else store.delete(op.key);
        }
      });
    });
  }

  /**
   * Waits for every call made before it, then closes the database
   * connection (the data stays).
   */
  async close(): Promise<void> {
    if (!(await this.#gate.close())) return;
    const db = await this.#db?.catch(() => undefined);
    db?.close();
  }
}
