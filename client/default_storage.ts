/**
 * The storage a `Client` uses when given a name (or nothing): IndexedDB in
 * browsers, a file on Deno, Node.js and Bun; memory when nothing is given
 * outside a browser.
 *
 * The file backend is loaded with a dynamic import, so that this module
 * reaches no `node:` built-in statically; the browser bundle replaces that
 * module with a stub (`scripts/build_browser.ts`), and browsers never get
 * there anyway.
 *
 * @module
 */

import { IndexedDbStorage } from "../storage/indexed_db_storage.ts";
import { MemoryStorage } from "../storage/memory_storage.ts";
import type { Storage } from "../storage/storage.ts";
import { StorageError } from "../storage/storage_error.ts";

/** The IndexedDB session name a browser client uses when given no storage. */
export const DEFAULT_BROWSER_SESSION = "sparrow";

/** A storage the client chose or opened itself. */
export interface ResolvedStorage {
  /** The storage. */
  storage: Storage;
  /**
   * Whether the client created it and should close it on `disconnect()`
   * (a file holds a lock while open); memory is never closed, as closing
   * would lose the session.
   */
  owned: boolean;
}

/** Whether this is Deno, Node.js or Bun (a runtime with a file system). */
function hasFileSystem(): boolean {
  const g = globalThis as { process?: unknown; Deno?: unknown };
  return g.Deno !== undefined || g.process !== undefined;
}

/** Whether this is a browser: no `process` or `Deno`, and `indexedDB` present. */
export function isBrowserRuntime(): boolean {
  const g = globalThis as { indexedDB?: unknown };
  return !hasFileSystem() && g.indexedDB !== undefined &&
    g.indexedDB !== null;
}

/**
 * The storage for the `storage` option of a `Client`: a `Storage` as it is;
 * a string as an `IndexedDbStorage` of that name in browsers, a
 * `FileStorage` at that path on Deno/Node.js/Bun (opened and checked here,
 * so a locked or corrupt file rejects with a `StorageError`); nothing as
 * `IndexedDbStorage("sparrow")` in browsers and a `MemoryStorage` elsewhere.
 */
export async function resolveStorage(
  option: Storage | string | undefined,
): Promise<ResolvedStorage> {
  if (typeof option === "object" && option !== null) {
    return { storage: option, owned: false };
  }
  if (option === undefined) {
    return isBrowserRuntime()
      ? {
        storage: await IndexedDbStorage.open(DEFAULT_BROWSER_SESSION),
        owned: true,
      }
      : { storage: new MemoryStorage(), owned: false };
  }
  if (typeof option !== "string" || option === "") {
    throw new StorageError(
      "invalid",
      String(option),
      "the storage option must be a Storage or a non-empty name",
    );
  }
  if (hasFileSystem()) {
    const { FileStorage } = await import("../storage/file_storage_node.ts");
    return { storage: await FileStorage.open(option), owned: true };
  }
  if (isBrowserRuntime()) {
    return { storage: await IndexedDbStorage.open(option), owned: true };
  }
  throw new StorageError(
    "io",
    JSON.stringify(option),
    "this runtime has neither a file system nor IndexedDB; pass a Storage (e.g. new MemoryStorage())",
  );
}
