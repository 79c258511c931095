/**
 * The storage layer: the {@linkcode Storage} interface, the backends that run
 * everywhere (memory, localStorage, IndexedDB), the typed
 * {@linkcode SessionStore} and session strings.
 *
 * The runtime-specific backends have their own modules, so that importing
 * this one never pulls in `node:` or `Deno` APIs: `file_storage_node.ts`
 * (`FileStorage`, Node.js/Deno/Bun) and `deno_kv_storage.ts`
 * (`DenoKvStorage`, Deno with `--unstable-kv`).
 *
 * @module
 */
export type { Storage, StorageOp, StorageValue } from "./storage.ts";
export { MAX_KEY_LENGTH } from "./storage.ts";
export { StorageError, type StorageErrorCode } from "./storage_error.ts";
export { MemoryStorage } from "./memory_storage.ts";
export {
  LocalStorageStorage,
  type LocalStorageStorageOptions,
  type WebStorageLike,
} from "./local_storage_storage.ts";
export {
  IndexedDbStorage,
  type IndexedDbStorageOptions,
} from "./indexed_db_storage.ts";
export {
  type AccountRecord,
  AUTH_KEY_LENGTH,
  type Authorization,
  type DcAuthorization,
  PEERS_PER_BATCH,
  SESSION_STORE_VERSION,
  SessionStore,
  type SessionStoreOptions,
  type TempAuthKeyRecord,
  type UpdateStateRecord,
} from "./session_store.ts";
export {
  decodeSessionString,
  encodeSessionString,
  exportSession,
  importSession,
  SESSION_STRING_STORE,
  type SessionStringData,
} from "./session_string.ts";
export {
  markPeerId,
  PEER_KINDS,
  type PeerKind,
  type PeerRecord,
  unmarkPeerId,
} from "./peer_record.ts";
export {
  type MigrateOptions,
  migrateStorage,
  type Migration,
} from "./migrate.ts";
