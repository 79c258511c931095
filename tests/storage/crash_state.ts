/** The states the crash test writes: every key depends on the state number. */
import type { StorageValue } from "../../storage/storage.ts";

/** Size of the state's blob: large enough that a write takes a while. */
const BLOB_BYTES = 128 * 1024;

/**
 * State number `n`: a counter, 64 small keys and a 128 kB blob that changes
 * every fourth state only, so that most writes are small (appended to the
 * log) and some are large (compactions).
 */
export function crashState(n: number): Record<string, StorageValue> {
  const state: Record<string, StorageValue> = { "state/number": n };
  for (let i = 0; i < 64; i++) {
    state[`state/key/${String(i).padStart(2, "0")}`] = {
      n,
      i,
      hash: BigInt(n) * 1_000_003n + BigInt(i),
    };
  }
  const blob = new Uint8Array(BLOB_BYTES);
  let x = Math.floor(n / 4) * 2654435761 >>> 0 || 1;
  for (let i = 0; i < blob.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    blob[i] = x & 0xff;
  }
  state["state/blob"] = blob;
  return state;
}
