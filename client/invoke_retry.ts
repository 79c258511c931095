/**
 * What the client does with the errors that only ask it to try again:
 * `*_MIGRATE_X` (move the main DC, or go to a file/stats DC) and short flood
 * waits (sleep, then repeat). Longer flood waits and every other error reach
 * the caller.
 *
 * @module
 */

import type { TLFunction } from "../tl/mod.ts";
import { FloodWait, MigrateError } from "./rpc_error.ts";

/** The client operations the retry policy uses. */
export interface RetryHost {
  /** Invokes on the main DC. */
  invokeMain(fn: TLFunction): Promise<unknown>;
  /** Invokes on another DC, with the account's authorization exported there. */
  invokeOn(dc: number, fn: TLFunction): Promise<unknown>;
  /** Makes `dc` the main DC (PHONE/USER/NETWORK_MIGRATE). */
  moveMainDc(dc: number): Promise<void>;
  /** Flood waits up to this many seconds are slept through (others throw). */
  floodSleepThreshold: number;
  /** Waits `ms` milliseconds (rejects if the client disconnects meanwhile). */
  sleep(ms: number): Promise<void>;
}

/** At most this many migrations for one call (a loop between DCs is a server bug). */
export const MAX_MIGRATIONS = 5;
/** At most this many slept-through flood waits for one call. */
export const MAX_FLOOD_RETRIES = 10;

/** The flood errors worth sleeping through (`SLOWMODE_WAIT_X` is about the chat, not the client: it throws). */
const SLEEPABLE = new Set([
  "FLOOD_WAIT",
  "FLOOD_PREMIUM_WAIT",
  "FLOOD_TEST_PHONE_WAIT",
]);

/**
 * Invokes `fn` (on the main DC, or on `dc`), following migrations and
 * sleeping through flood waits of at most `host.floodSleepThreshold` seconds.
 */
export async function invokeWithRetries(
  host: RetryHost,
  fn: TLFunction,
  dc?: number,
): Promise<unknown> {
  let target = dc;
  let migrations = 0;
  let floods = 0;
  for (;;) {
    try {
      return target === undefined
        ? await host.invokeMain(fn)
        : await host.invokeOn(target, fn);
    } catch (error) {
      if (error instanceof MigrateError && migrations < MAX_MIGRATIONS) {
        migrations++;
        if (error.kind === "FILE" || error.kind === "STATS") {
          target = error.dc;
        } else {
          await host.moveMainDc(error.dc);
          target = undefined;
        }
        continue;
      }
      if (
        error instanceof FloodWait && SLEEPABLE.has(error.type) &&
        error.seconds <= host.floodSleepThreshold &&
        floods < MAX_FLOOD_RETRIES
      ) {
        floods++;
        await host.sleep(error.seconds * 1000);
        continue;
      }
      throw error;
    }
  }
}
