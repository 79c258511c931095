/**
 * Server salts. A salt belongs to an auth key (not to a session), is valid
 * for a window of `lifetime` seconds, and a message carrying a salt whose
 * window has just ended is still accepted for a grace period (Telegram: the
 * salt changes every 30 minutes and the old one is accepted for a further
 * 1800 seconds). The test DC shortens both with `saltLifetimeSeconds`, so
 * clients exercise rotation and `get_future_salts`.
 *
 * @module
 */

import { randomBytes } from "../../crypto/mod.ts";

/** One salt and the window in which it is current. */
export interface SaltWindow {
  /** Unix time (seconds) from which the salt is current. */
  validSince: number;
  /** Unix time (seconds) at which the next salt takes over. */
  validUntil: number;
  /** The salt, as a signed 64-bit value. */
  salt: bigint;
}

/** A random nonzero signed 64-bit salt. */
export function randomSalt(): bigint {
  for (;;) {
    const bytes = randomBytes(8);
    const salt = new DataView(bytes.buffer).getBigInt64(0, true);
    if (salt !== 0n) return salt;
  }
}

/** The salt schedule of one auth key. */
export class SaltSchedule {
  #windows: SaltWindow[] = [];
  /** The salt derived from the key exchange, accepted during the first window (and its grace). */
  #initial?: SaltWindow;

  /**
   * @param lifetime seconds each salt stays current
   * @param grace seconds a salt stays accepted after its window ends
   */
  constructor(readonly lifetime: number, readonly grace: number) {}

  /** Registers the salt both sides derive at the end of the key exchange (`new_nonce ⊕ server_nonce`). */
  setInitialSalt(salt: bigint, now: number): void {
    const since = Math.floor(now);
    this.#initial = {
      validSince: since,
      validUntil: since + this.lifetime,
      salt: BigInt.asIntN(64, salt),
    };
  }

  #initialCovers(t: number): boolean {
    return this.#initial !== undefined && this.#initial.validSince <= t &&
      t < this.#initial.validUntil;
  }

  #extend(now: number, count: number): void {
    const t = Math.floor(now);
    this.#windows = this.#windows.filter((w) => w.validUntil + this.grace > t);
    // A clock set back (the skew knob) can leave only windows that start in the future: start over from now.
    if (
      this.#windows.length > 0 && this.#windows[0].validSince > t &&
      !this.#initialCovers(t)
    ) {
      this.#windows = [];
    }
    if (this.#windows.length === 0) {
      // While the key exchange's salt is current, the schedule continues after it.
      const since = this.#initialCovers(t) ? this.#initial!.validUntil : t;
      this.#windows.push({
        validSince: since,
        validUntil: since + this.lifetime,
        salt: randomSalt(),
      });
    }
    while (this.#windows.filter((w) => w.validUntil > t).length < count) {
      const last = this.#windows[this.#windows.length - 1];
      this.#windows.push({
        validSince: last.validUntil,
        validUntil: last.validUntil + this.lifetime,
        salt: randomSalt(),
      });
    }
  }

  /** The salt current at `now`: the one a `bad_server_salt` or `new_session_created` hands out. */
  current(now: number): bigint {
    const t = Math.floor(now);
    if (
      this.#initial && this.#initial.validSince <= t &&
      t < this.#initial.validUntil
    ) return this.#initial.salt;
    this.#extend(now, 1);
    const window = this.#windows.find((w) =>
      w.validSince <= t && t < w.validUntil
    );
    return (window ?? this.#windows[this.#windows.length - 1]).salt;
  }

  /** Whether a client message carrying `salt` is accepted at `now`. Salt 0 never is. */
  accepts(salt: bigint, now: number): boolean {
    salt = BigInt.asIntN(64, salt);
    if (salt === 0n) return false;
    const t = Math.floor(now);
    const fits = (w: SaltWindow) =>
      w.salt === salt && w.validSince - 1 <= t && t < w.validUntil + this.grace;
    if (this.#initial && fits(this.#initial)) return true;
    return this.#windows.some(fits);
  }

  /** Up to `count` salts starting with the current one, for `future_salts`. */
  future(now: number, count: number): SaltWindow[] {
    const t = Math.floor(now);
    const result: SaltWindow[] = [];
    if (
      this.#initial && this.#initial.validSince <= t &&
      t < this.#initial.validUntil
    ) {
      result.push({ ...this.#initial });
    }
    this.#extend(now, count);
    for (const w of this.#windows) {
      if (result.length >= count) break;
      if (
        w.validUntil > t && !result.some((r) => r.validSince === w.validSince)
      ) result.push({ ...w });
    }
    return result;
  }

  /** Forgets every salt (the `forceBadSalt` knob): the next message is answered with `bad_server_salt` and a fresh salt. */
  invalidate(): void {
    this.#initial = undefined;
    this.#windows = [];
  }
}
