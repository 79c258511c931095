import type { Storage, StorageOp } from "./storage.ts";
import { StorageError } from "./storage_error.ts";

/** The key holding a store's format version. */
export const VERSION_KEY = "version";

/**
 * Turns a store of version `n` into version `n + 1`: reads what it needs and
 * returns the writes to make. The runner applies them, together with the new
 * version number, in one atomic batch, so a crash mid-migration leaves the
 * store at version `n`.
 */
export type Migration = (storage: Storage) => Promise<StorageOp[]>;

/** Options of {@linkcode migrateStorage}. */
export interface MigrateOptions {
  /** The version this code reads and writes. */
  current: number;
  /** Migrations by the version they start from. */
  migrations?: Readonly<Record<number, Migration>>;
}

/**
 * Brings `storage` to version `current`: an empty store is stamped with it; an
 * older one is migrated step by step; a newer one, one without a version
 * record but with data (foreign data), or one with a malformed version gives a
 * {@linkcode StorageError} naming the store, and is left untouched.
 */
export async function migrateStorage(
  storage: Storage,
  { current, migrations = {} }: MigrateOptions,
): Promise<void> {
  let version = await storage.get(VERSION_KEY);
  if (version === undefined) {
    const existing = await storage.list("");
    if (existing.length > 0) {
      throw new StorageError(
        "corrupt",
        storage.name,
        `holds ${existing.length} entries but no "${VERSION_KEY}" record: ` +
          "not a Sparrow session (foreign data?)",
      );
    }
    await storage.set(VERSION_KEY, current);
    return;
  }
  if (
    typeof version !== "number" || !Number.isSafeInteger(version) || version < 1
  ) {
    throw new StorageError(
      "corrupt",
      storage.name,
      "malformed version record",
      {
        key: VERSION_KEY,
      },
    );
  }
  if (version > current) {
    throw new StorageError(
      "version",
      storage.name,
      `written by a newer version (format ${version}; this library reads up to ${current})`,
    );
  }
  while (version < current) {
    const migration = migrations[version];
    if (!migration) {
      throw new StorageError(
        "version",
        storage.name,
        `no migration from format ${version} to ${version + 1}`,
      );
    }
    const ops = await migration(storage);
    version++;
    await storage.batch([...ops, {
      type: "set",
      key: VERSION_KEY,
      value: version,
    }]);
  }
}
