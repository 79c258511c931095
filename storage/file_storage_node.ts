/**
 * A {@linkcode Storage} in one file, through `node:fs` (works in Node.js, Deno
 * and Bun).
 *
 * @module
 */
import {
  type FileHandle,
  open,
  readFile,
  rename,
  unlink,
  writeFile,
} from "node:fs/promises";
import { Buffer } from "node:buffer";
import { dirname, resolve } from "node:path";
import process from "node:process";
import type { Storage, StorageOp, StorageValue } from "./storage.ts";
import { StorageError } from "./storage_error.ts";
import { ClosingGate } from "./closing_gate.ts";
import { listEntries, readEntry } from "./entry_map.ts";
import {
  checkKey,
  checkOps,
  fromTaggedJson,
  toTaggedJson,
} from "./value_codec.ts";

/** The `format` field of every file this storage writes. */
const FORMAT = "sparrow-storage";
/** The file format version this code writes and reads. */
const FORMAT_VERSION = 1;

/** Options of {@linkcode FileStorage}. */
export interface FileStorageOptions {
  /**
   * Take a lock file (`<path>.lock`, holding the process id) while open, so
   * that a second process (or a second `FileStorage` in this process) opening
   * the same file fails with code `"locked"` instead of both overwriting each
   * other. A lock left by a process that died is taken over. A cheap guard:
   * it works between processes of one machine (not over network file systems)
   * and trusts that a live process id is the owner. `true` by default.
   */
  lock?: boolean;
}

/** The log is compacted once it outgrows the snapshot and this size. */
const MIN_COMPACTION_BYTES = 64 * 1024;

function errorCode(error: unknown): string | undefined {
  return (error as { code?: unknown })?.code as string | undefined;
}

/**
 * A {@linkcode Storage} kept in one file, crash-safe: after a crash (or a
 * power loss) the file holds either the state before or the state after each
 * call, never a mix.
 *
 * The file is a snapshot line followed by a log: its first line is a JSON
 * document with every entry; each later line is one JSON array of the ops of
 * one write (one or more coalesced batches), appended and fdatasynced. A last
 * line cut short by a crash (no newline) is ignored: that write never
 * finished. When the log outgrows the snapshot (and 64 KiB), the whole state
 * is compacted into a new file: written to `<path>.tmp`, fsynced, renamed over
 * the file, and the directory fsynced. Changes made while a write is in
 * progress are coalesced into the next one, so many unawaited `set`s cost one
 * or two writes.
 *
 * The whole file is read into memory when the storage is first used. A
 * missing file is an empty storage (created on the first write). A file that
 * cannot be read back (truncated, not JSON, not written by this storage, or by
 * a newer version) is never overwritten: every call rejects with a
 * {@linkcode StorageError} naming the path. If a write fails (disk full), the
 * storage rejects every later call too, until it is reopened.
 *
 * The file is created with mode 0600: it holds authorization keys.
 */
export class FileStorage implements Storage {
  /** `file "<absolute path>"`, as errors name it. */
  readonly name: string;
  /** The absolute path of the file. */
  readonly path: string;
  readonly #lockPath: string;
  readonly #tempPath: string;
  readonly #useLock: boolean;
  #entries = new Map<string, StorageValue>();
  /** Encoded ops not yet written, in call order. */
  #pendingOps: string[] = [];
  /** Bytes of the snapshot line and of the log after it. */
  #snapshotBytes = 0;
  #logBytes = 0;
  /** The next write must compact (no file yet, or a torn last line). */
  #mustCompact = true;
  /** The file opened for appending, until the next compaction. */
  #appender: FileHandle | undefined;
  #ready: Promise<void> | undefined;
  #haveLock = false;
  readonly #gate: ClosingGate;
  #failure: StorageError | undefined;
  /** The write in progress, if any. */
  #writing: Promise<void> | undefined;
  /** The write that will start after it, collecting every change meanwhile. */
  #nextWrite: Promise<void> | undefined;

  /**
   * Nothing is read until the first call; use {@linkcode FileStorage.open} to
   * open (and check) the file at once.
   *
   * @param path the file to keep the storage in
   * @param options see {@linkcode FileStorageOptions}
   */
  constructor(path: string, options: FileStorageOptions = {}) {
    this.path = resolve(path);
    this.name = `file ${JSON.stringify(this.path)}`;
    this.#lockPath = `${this.path}.lock`;
    this.#tempPath = `${this.path}.tmp`;
    this.#useLock = options.lock ?? true;
    this.#gate = new ClosingGate(this.name);
  }

  /**
   * Opens the storage in `path` and reads it, so that a missing lock, a
   * corrupt file or a newer format is reported here rather than on first use.
   */
  static async open(
    path: string,
    options?: FileStorageOptions,
  ): Promise<FileStorage> {
    const storage = new FileStorage(path, options);
    await storage.#gate.run(() => storage.#opened());
    return storage;
  }

  async #opened(): Promise<void> {
    this.#ready ??= this.#load();
    await this.#ready;
    if (this.#failure) throw this.#failure;
  }

  async #load(): Promise<void> {
    if (this.#useLock) await this.#takeLock();
    try {
      let text: string;
      try {
        text = await readFile(this.path, "utf8");
      } catch (error) {
        if (errorCode(error) === "ENOENT") return;
        throw new StorageError("io", this.name, "cannot read the file", {
          cause: error,
        });
      }
      this.#parse(text);
    } catch (error) {
      await this.#releaseLock();
      throw error;
    }
  }

  #parse(text: string): void {
    const corrupt = (detail: string, cause?: unknown): never => {
      throw new StorageError("corrupt", this.name, detail, { cause });
    };
    if (text.length === 0) corrupt("the file is empty (truncated?)");
    const lines = text.split("\n");
    // The text after the last newline: empty, or an append cut short.
    const torn = lines.pop()!;
    if (lines.length === 0) {
      corrupt("the file has no complete first line (truncated?)");
    }
    let document: unknown;
    try {
      document = JSON.parse(lines[0]);
    } catch (cause) {
      corrupt("the file is not valid JSON (truncated or damaged?)", cause);
    }
    const { format, version, entries } = (document ?? {}) as Record<
      string,
      unknown
    >;
    if (format !== FORMAT) corrupt(`not a ${FORMAT} file`);
    if (typeof version !== "number") corrupt("the file has no format version");
    if ((version as number) > FORMAT_VERSION) {
      throw new StorageError(
        "version",
        this.name,
        `the file has format version ${version}, newer than this library's ${FORMAT_VERSION}`,
      );
    }
    if (version !== FORMAT_VERSION) {
      corrupt(`unknown format version ${version}`);
    }
    if (
      entries === null || typeof entries !== "object" || Array.isArray(entries)
    ) {
      corrupt("the file has no entries object");
    }
    const map = new Map<string, StorageValue>();
    const checkStoredKey = (key: unknown, line: number): string => {
      try {
        checkKey(this.name, key);
      } catch (cause) {
        corrupt(`bad key ${JSON.stringify(key)} on line ${line}`, cause);
      }
      return key as string;
    };
    for (const [key, data] of Object.entries(entries as object)) {
      map.set(checkStoredKey(key, 1), fromTaggedJson(data, this.name, key));
    }
    for (let i = 1; i < lines.length; i++) {
      let ops: unknown;
      try {
        ops = JSON.parse(lines[i]);
      } catch (cause) {
        corrupt(`line ${i + 1} is not valid JSON (damaged?)`, cause);
      }
      if (!Array.isArray(ops)) corrupt(`line ${i + 1} is not a list of ops`);
      for (const op of ops as unknown[][]) {
        if (!Array.isArray(op)) corrupt(`line ${i + 1} holds a malformed op`);
        const [type, key, data] = op;
        if (type === "s" && op.length === 3) {
          const checked = checkStoredKey(key, i + 1);
          map.set(checked, fromTaggedJson(data, this.name, checked));
        } else if (type === "d" && op.length === 2) {
          map.delete(checkStoredKey(key, i + 1));
        } else {
          corrupt(`line ${i + 1} holds a malformed op`);
        }
      }
    }
    this.#entries = map;
    this.#snapshotBytes = byteLength(lines[0]) + 1;
    this.#logBytes = byteLength(text) - this.#snapshotBytes - byteLength(torn);
    // A torn line must go before anything is appended after it.
    this.#mustCompact = torn.length > 0;
  }

  async #takeLock(): Promise<void> {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await writeFile(this.#lockPath, String(process.pid), {
          flag: "wx",
          mode: 0o600,
        });
        this.#haveLock = true;
        return;
      } catch (error) {
        if (errorCode(error) !== "EEXIST") {
          throw new StorageError(
            "io",
            this.name,
            "cannot create the lock file",
            {
              cause: error,
            },
          );
        }
      }
      let owner = NaN;
      try {
        owner = Number(await readFile(this.#lockPath, "utf8"));
      } catch {
        // The owner removed it meanwhile: try again.
      }
      if (Number.isSafeInteger(owner) && owner > 0 && isAlive(owner)) {
        throw new StorageError(
          "locked",
          this.name,
          `in use by process ${owner}${
            owner === process.pid ? " (this one)" : ""
          } (lock file ${this.#lockPath})`,
        );
      }
      // A lock left by a dead process (or a torn lock file): take it over.
      await unlink(this.#lockPath).catch(() => {});
    }
    throw new StorageError(
      "locked",
      this.name,
      `cannot take the lock file ${this.#lockPath}`,
    );
  }

  async #releaseLock(): Promise<void> {
    if (!this.#haveLock) return;
    this.#haveLock = false;
    await unlink(this.#lockPath).catch(() => {});
  }

  /** The snapshot line: every entry, in insertion order. */
  #snapshot(): string {
    const entries: Record<string, unknown> = {};
    for (const [key, value] of this.#entries) {
      Object.defineProperty(entries, key, {
        value: toTaggedJson(value),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return `${
      JSON.stringify({ format: FORMAT, version: FORMAT_VERSION, entries })
    }\n`;
  }

  /** Rewrites the file with the whole state, atomically. */
  async #compact(): Promise<void> {
    const text = this.#snapshot();
    await this.#closeAppender();
    const file = await open(this.#tempPath, "w", 0o600);
    try {
      await file.writeFile(text, "utf8");
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(this.#tempPath, this.path);
    await syncDirectory(dirname(this.path));
    this.#snapshotBytes = byteLength(text);
    this.#logBytes = 0;
    this.#mustCompact = false;
  }

  /** Appends one line; it counts only once its newline is on disk. */
  async #append(line: string): Promise<void> {
    this.#appender ??= await open(this.path, "a", 0o600);
    await this.#appender.appendFile(line, "utf8");
    await this.#appender.datasync();
    this.#logBytes += byteLength(line);
  }

  async #closeAppender(): Promise<void> {
    const appender = this.#appender;
    this.#appender = undefined;
    await appender?.close();
  }

  /** Writes every pending op: one appended line, or a compaction. */
  async #write(): Promise<void> {
    const ops = this.#pendingOps;
    this.#pendingOps = [];
    if (ops.length === 0) return;
    const line = `[${ops.join(",")}]\n`;
    try {
      const lineBytes = byteLength(line);
      if (
        this.#mustCompact ||
        this.#logBytes + lineBytes >
          Math.max(this.#snapshotBytes, MIN_COMPACTION_BYTES)
      ) {
        await this.#compact();
      } else {
        await this.#append(line);
      }
    } catch (cause) {
      this.#failure = new StorageError(
        "io",
        this.name,
        "writing the file failed",
        { cause },
      );
      throw this.#failure;
    }
  }

  /** A promise for a write that includes every change made so far. */
  #flush(): Promise<void> {
    if (this.#nextWrite) return this.#nextWrite;
    const previous = this.#writing ?? Promise.resolve();
    const next: Promise<void> = previous.catch(() => {}).then(() => {
      this.#nextWrite = undefined;
      this.#writing = next;
      if (this.#failure) throw this.#failure;
      return this.#write();
    }).finally(() => {
      if (this.#writing === next) this.#writing = undefined;
    });
    this.#nextWrite = next;
    return next;
  }

  /** {@inheritDoc Storage.get} */
  get(key: string): Promise<StorageValue | undefined> {
    return this.#gate.run(async () => {
      await this.#opened();
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
    return this.#gate.run(async () => {
      await this.#opened();
      return listEntries(this.#entries, this.name, prefix);
    });
  }

  /** {@inheritDoc Storage.batch} */
  batch(ops: readonly StorageOp[]): Promise<void> {
    return this.#gate.run(async () => {
      await this.#opened();
      const checked = checkOps(this.name, ops);
      if (checked.length === 0) return;
      for (const op of checked) {
        if (op.type === "set") {
          this.#entries.set(op.key, op.value);
          this.#pendingOps.push(
            JSON.stringify(["s", op.key, toTaggedJson(op.value)]),
          );
        } else {
          this.#entries.delete(op.key);
          this.#pendingOps.push(JSON.stringify(["d", op.key]));
        }
      }
      await this.#flush();
    });
  }

  /**
   * Waits for every call made before it (and their writes), then releases the
   * lock. Calls made after it reject with code `"closed"`.
   */
  async close(): Promise<void> {
    if (!(await this.#gate.close())) return;
    try {
      await this.#ready?.catch(() => {});
    } finally {
      this.#entries.clear();
      await this.#closeAppender().catch(() => {});
      await this.#releaseLock();
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === "EPERM";
  }
}

/** Makes a rename durable; not possible (nor needed) on Windows. */
async function syncDirectory(path: string): Promise<void> {
  let directory;
  try {
    directory = await open(path, "r");
  } catch {
    return;
  }
  try {
    await directory.sync();
  } catch (error) {
    const code = errorCode(error);
    if (code !== "EISDIR" && code !== "EPERM" && code !== "EINVAL") throw error;
  } finally {
    await directory.close();
  }
}

/** The UTF-8 length of `text`. */
function byteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}
