/**
 * The auth keys one DC knows, by auth_key_id. Permanent keys survive a
 * restart of the test DC; temporary keys (`p_q_inner_data_temp*`) live in
 * memory only, as on Telegram, and vanish when they expire or the DC restarts.
 *
 * @module
 */

import type { SaltSchedule } from "./salts.ts";

/** What `initConnection` told the server about the client. */
export interface ConnectionInfo {
  /** The layer from `invokeWithLayer`, if one was given. */
  layer?: number;
  /** `api_id`. */
  apiId: number;
  /** `device_model`. */
  deviceModel: string;
  /** `system_version`. */
  systemVersion: string;
  /** `app_version`. */
  appVersion: string;
  /** `system_lang_code`. */
  systemLangCode: string;
  /** `lang_pack`. */
  langPack: string;
  /** `lang_code`. */
  langCode: string;
}

/** One auth key as the server stores it. */
export interface StoredAuthKey {
  /** 64 lower-order bits of SHA1(auth_key), signed. */
  id: bigint;
  /** The 256-byte key. */
  key: Uint8Array;
  /** Permanent or temporary. */
  kind: "perm" | "temp";
  /** Unix time at which a temporary key is forgotten. */
  expiresAt?: number;
  /** Unix time of creation. */
  createdAt: number;
  /** The DC id the client named in `p_q_inner_data_*dc` (as sent: may carry +10000 or a minus sign). */
  dcInInnerData?: number;
  /** Its server salts. */
  salts: SaltSchedule;
  /** Set once an `initConnection` has been processed with this key. */
  connection?: ConnectionInfo;
  /** The logged-in user, once login exists (issue 5); undefined while unauthorized. */
  userId?: number;
  /** For a temporary key bound with `auth.bindTempAuthKey`: the permanent key id. */
  boundPermKeyId?: bigint;
}

/** The key table of one DC. */
export class AuthKeyStore {
  #keys = new Map<bigint, StoredAuthKey>();

  /** The key with this id, unless unknown or expired (expired keys are dropped on lookup). */
  get(id: bigint, now: number): StoredAuthKey | undefined {
    const key = this.#keys.get(BigInt.asIntN(64, id));
    if (key?.expiresAt !== undefined && key.expiresAt <= now) {
      this.#keys.delete(key.id);
      return undefined;
    }
    return key;
  }

  /** Whether a key with this id exists (expired or not: an id collision check must not reuse ids). */
  has(id: bigint): boolean {
    return this.#keys.has(BigInt.asIntN(64, id));
  }

  /** Stores a key. */
  add(key: StoredAuthKey): void {
    this.#keys.set(key.id, key);
  }

  /** Forgets a key (`destroy_auth_key`). Returns whether it existed. */
  delete(id: bigint): boolean {
    return this.#keys.delete(BigInt.asIntN(64, id));
  }

  /** Forgets every temporary key (a restart: they only ever lived in RAM). */
  dropTemporary(): void {
    for (const [id, key] of this.#keys) {
      if (key.kind === "temp") this.#keys.delete(id);
    }
  }

  /** All keys (for knobs that act on every key). */
  all(): IterableIterator<StoredAuthKey> {
    return this.#keys.values();
  }

  /** How many keys are stored. */
  get size(): number {
    return this.#keys.size;
  }
}
