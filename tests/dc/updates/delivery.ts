/**
 * Pushing updates to the connected sessions of an account, on every DC of the
 * world, and the knobs that make delivery misbehave on purpose: withhold
 * (lose), duplicate or reorder pushed updates, or replace them with
 * `updatesTooLong`.
 *
 * Which account a session belongs to comes from one place,
 * {@link accountOfKey}: the user its auth key is logged in as (or, for a
 * temporary key bound to a permanent one, the permanent key's user).
 *
 * @module
 */

import { serialize, type TLObject } from "../../../tl/mod.ts";
import type { AuthKeyStore, StoredAuthKey } from "../auth_keys.ts";
import type { ServerSession } from "../session.ts";
import type { TimerSet } from "../timers.ts";
import type { Tl } from "./boxes.ts";

/** What delivery needs from a DC (the `DataCenter` class has it). */
export interface DeliveryDc {
  /** The DC's auth keys. */
  readonly keys: AuthKeyStore;
  /** Timers cleared on stop/restart. */
  readonly timers: TimerSet;
  /** The sessions of one auth key. */
  sessionsOf(authKeyId: bigint): ServerSession[];
}

/** The session a call came from (it gets the call's result instead of the push). */
export interface SessionRef {
  /** Its auth key id. */
  authKeyId: bigint;
  /** Its session id. */
  sessionId: bigint;
}

/** The account (user id) an auth key is logged in as, following a bound temporary key to its permanent key. */
export function accountOfKey(
  keys: AuthKeyStore,
  key: StoredAuthKey,
  now: number,
): number | undefined {
  if (key.userId !== undefined) return key.userId;
  if (key.boundPermKeyId !== undefined) {
    return keys.get(key.boundPermKeyId, now)?.userId;
  }
  return undefined;
}

/** Rates and one-shot switches of delivery misbehaviour. */
export interface DeliveryKnobSettings {
  /** Probability that a push is never sent (0..1). */
  withholdRate?: number;
  /** Probability that a push is sent twice (0..1). */
  duplicateRate?: number;
  /** Probability that a push is held back and sent after the next one (or after `reorderHoldMs`). */
  reorderRate?: number;
  /** How long a held-back push waits at most (default 100 ms, within a client's 0.5 s gap wait). */
  reorderHoldMs?: number;
  /** Seed of the knobs' random numbers (reproducible runs). */
  seed?: number;
}

/** Counters of what delivery did, for tests. */
export interface DeliveryStats {
  /** Pushes sent (each copy counts). */
  sent: number;
  /** Pushes withheld. */
  withheld: number;
  /** Pushes sent twice. */
  duplicated: number;
  /** Pushes sent out of order. */
  reordered: number;
  /** Pushes replaced by `updatesTooLong`. */
  tooLong: number;
}

interface HeldPush {
  body: Uint8Array;
  timer: ReturnType<typeof setTimeout>;
  dc: DeliveryDc;
}

/** Pushes updates to the sessions of accounts. */
export class UpdateDelivery {
  readonly #dcs: DeliveryDc[] = [];
  #settings: Required<DeliveryKnobSettings> = {
    withholdRate: 0,
    duplicateRate: 0,
    reorderRate: 0,
    reorderHoldMs: 100,
    seed: 1,
  };
  #random = 1;
  #tooLong = 0;
  readonly #held = new Map<ServerSession, HeldPush>();
  /** What delivery did so far. */
  readonly stats: DeliveryStats = {
    sent: 0,
    withheld: 0,
    duplicated: 0,
    reordered: 0,
    tooLong: 0,
  };

  /** @param now server time, Unix seconds */
  constructor(private readonly now: () => number) {}

  /** Adds a DC whose sessions receive pushes. */
  attach(dc: DeliveryDc): void {
    if (!this.#dcs.includes(dc)) this.#dcs.push(dc);
  }

  /**
   * Logs an auth key in as `userId` on whichever DC holds it, bypassing
   * `auth.*` (tests that need an account without a login flow). Returns
   * whether the key was found.
   */
  assignAccount(authKeyId: bigint, userId: number): boolean {
    const now = this.now();
    let found = false;
    for (const dc of this.#dcs) {
      const key = dc.keys.get(authKeyId, now);
      if (key) {
        key.userId = userId;
        found = true;
      }
    }
    return found;
  }

  /** Sets the misbehaviour rates (unset fields keep their value). */
  configure(settings: DeliveryKnobSettings): void {
    for (
      const rate of ["withholdRate", "duplicateRate", "reorderRate"] as const
    ) {
      const value = settings[rate];
      if (value !== undefined && !(value >= 0 && value <= 1)) {
        throw new RangeError(`${rate} must be within 0..1, got ${value}`);
      }
    }
    this.#settings = { ...this.#settings, ...settings };
    if (settings.seed !== undefined) this.#random = settings.seed >>> 0 || 1;
  }

  /** Replaces the next `count` pushes (to any session) with `updatesTooLong`. */
  forceTooLong(count = 1): void {
    this.#tooLong += Math.max(0, Math.floor(count));
  }

  /** Back to faithful delivery; held pushes are sent now. */
  reset(): void {
    this.configure({ withholdRate: 0, duplicateRate: 0, reorderRate: 0 });
    this.#tooLong = 0;
    for (const session of [...this.#held.keys()]) this.#release(session);
  }

  /** The connected sessions (without `invokeWithoutUpdates`) of an account, on every DC. */
  sessionsOf(
    userId: number,
    except?: SessionRef,
  ): [DeliveryDc, ServerSession][] {
    const found: [DeliveryDc, ServerSession][] = [];
    const now = this.now();
    for (const dc of this.#dcs) {
      for (const key of dc.keys.all()) {
        if (accountOfKey(dc.keys, key, now) !== userId) continue;
        for (const session of dc.sessionsOf(key.id)) {
          if (session.withoutUpdates || !session.linked) continue;
          if (
            except && key.id === except.authKeyId &&
            session.sessionId === except.sessionId
          ) continue;
          found.push([dc, session]);
        }
      }
    }
    return found;
  }

  /** Pushes `updates` to every connected session of `userId` but `except`. */
  push(userId: number, updates: Tl, except?: SessionRef): void {
    const targets = this.sessionsOf(userId, except);
    if (targets.length === 0) return;
    const body = serialize(updates as unknown as TLObject);
    for (const [dc, session] of targets) this.#pushOne(dc, session, body);
  }

  #next(): number {
    // xorshift32: reproducible from the seed.
    let x = this.#random;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.#random = x >>> 0;
    return this.#random / 0x100000000;
  }

  #pushOne(dc: DeliveryDc, session: ServerSession, body: Uint8Array): void {
    if (this.#tooLong > 0) {
      this.#tooLong--;
      this.stats.tooLong++;
      this.#send(session, serialize({ _: "updatesTooLong" }));
      return;
    }
    const s = this.#settings;
    if (s.withholdRate > 0 && this.#next() < s.withholdRate) {
      this.stats.withheld++;
      return;
    }
    const copies = s.duplicateRate > 0 && this.#next() < s.duplicateRate
      ? 2
      : 1;
    if (copies === 2) this.stats.duplicated++;
    const held = this.#held.get(session);
    if (
      held === undefined && s.reorderRate > 0 && this.#next() < s.reorderRate
    ) {
      // Held back: it goes out after the next push to this session, or after the hold time.
      const timer = dc.timers.after(
        s.reorderHoldMs,
        () => this.#release(session),
      );
      this.#held.set(session, { body, timer, dc });
      this.stats.reordered++;
      if (copies === 2) this.#send(session, body);
      return;
    }
    for (let i = 0; i < copies; i++) this.#send(session, body);
    if (held !== undefined) this.#release(session);
  }

  #release(session: ServerSession): void {
    const held = this.#held.get(session);
    if (!held) return;
    this.#held.delete(session);
    held.dc.timers.cancel(held.timer);
    this.#send(session, held.body);
  }

  #send(session: ServerSession, body: Uint8Array): void {
    if (!session.linked) return;
    this.stats.sent++;
    session.pushUpdate(body);
  }
}
