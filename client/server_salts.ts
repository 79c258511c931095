/**
 * The server salts of a session: the current one and those announced by
 * `future_salts`, rotated as they come into force and expire.
 *
 * @module
 */

/** A salt with its period of validity (server time, seconds). */
export interface ScheduledSalt {
  /** The salt (a signed 64-bit integer). */
  salt: bigint;
  /** From when the server accepts it. */
  validSince: number;
  /** Until when the server accepts it. */
  validUntil: number;
}

/** Salts known to a session. */
export class ServerSalts {
  /** The salt to use when no scheduled salt is in force (from the key exchange or `bad_server_salt`). */
  #fallback: bigint;
  /** Ascending by validSince. */
  #scheduled: ScheduledSalt[] = [];

  /** @param salt the salt to start with */
  constructor(salt: bigint) {
    this.#fallback = salt;
  }

  /**
   * The salt the server told us to use (`bad_server_salt`,
   * `new_session_created`): it wins over the schedule, which is dropped
   * because the server evidently does not follow it.
   */
  set(salt: bigint): void {
    this.#fallback = salt;
    this.#scheduled = [];
  }

  /** Replaces the schedule with the salts of a `future_salts` answer. */
  schedule(salts: readonly ScheduledSalt[]): void {
    this.#scheduled = [...salts].filter((s) => s.validUntil > s.validSince)
      .sort((a, b) => a.validSince - b.validSince);
  }

  /** The salt to send at server time `now` (seconds). */
  current(now: number): bigint {
    this.#dropExpired(now);
    let best: ScheduledSalt | undefined;
    for (const s of this.#scheduled) {
      if (s.validSince <= now && now < s.validUntil) best = s;
    }
    if (best !== undefined) this.#fallback = best.salt;
    return this.#fallback;
  }

  /**
   * Whether more salts should be fetched at server time `now`: fewer than
   * `minCount` scheduled salts remain valid, or the last one expires within
   * `marginSeconds`.
   */
  needsMore(now: number, minCount = 3, marginSeconds = 60): boolean {
    this.#dropExpired(now);
    if (this.#scheduled.length < minCount) return true;
    return this.#scheduled[this.#scheduled.length - 1].validUntil - now <
      marginSeconds;
  }

  /** How many scheduled salts are still valid at `now`. */
  remaining(now: number): number {
    this.#dropExpired(now);
    return this.#scheduled.length;
  }

  #dropExpired(now: number): void {
    while (this.#scheduled.length > 0 && this.#scheduled[0].validUntil <= now) {
      this.#scheduled.shift();
    }
  }
}
