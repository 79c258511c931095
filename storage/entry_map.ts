import type { StorageValue } from "./storage.ts";
import {
  checkKey,
  checkPrefix,
  cloneValue,
  compareKeys,
} from "./value_codec.ts";

/**
 * `Storage.get` on entries held in memory: checks `key`, then copies its
 * value out.
 */
export function readEntry(
  entries: ReadonlyMap<string, StorageValue>,
  store: string,
  key: string,
): StorageValue | undefined {
  checkKey(store, key);
  const value = entries.get(key);
  return value === undefined ? undefined : cloneValue(value, store, key);
}

/**
 * `Storage.list` on entries held in memory: checks `prefix`, then copies out
 * the entries under it, in key order.
 */
export function listEntries(
  entries: ReadonlyMap<string, StorageValue>,
  store: string,
  prefix: string,
): [string, StorageValue][] {
  checkPrefix(store, prefix);
  const out: [string, StorageValue][] = [];
  for (const [key, value] of entries) {
    if (key.startsWith(prefix)) out.push([key, cloneValue(value, store, key)]);
  }
  return out.sort((a, b) => compareKeys(a[0], b[0]));
}
