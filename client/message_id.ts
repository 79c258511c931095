/**
 * Message identifiers: `msg_id` is about the sender's Unix time times 2^32,
 * with the fraction of a second in the lower 32 bits. Client message ids are
 * divisible by 4 and strictly increase within a session.
 *
 * @module
 */

const TWO_POW_32 = 4294967296;

/**
 * Makes client `msg_id`s: strictly increasing, divisible by 4, from the local
 * clock corrected by the offset to the server's clock.
 */
export class MessageIdGenerator {
  /** Seconds to add to the local clock to get the server's clock. */
  timeOffset: number;
  #last = 0n;

  /** @param timeOffset seconds to add to the local clock to get the server's clock */
  constructor(timeOffset = 0) {
    this.timeOffset = timeOffset;
  }

  /** The last id handed out (0 when none). */
  get last(): bigint {
    return this.#last;
  }

  /** A new id for a message created at local time `nowMs` (milliseconds since the epoch). */
  next(nowMs: number): bigint {
    let id = messageIdForTime(nowMs / 1000 + this.timeOffset);
    if (id <= this.#last) id = this.#last + 4n;
    this.#last = id;
    return id;
  }

  /** Forgets the last id, so ids may go back in time (only for a new session). */
  reset(): void {
    this.#last = 0n;
  }
}

/** The `msg_id` (divisible by 4) for a server time of `seconds` since the epoch. */
export function messageIdForTime(seconds: number): bigint {
  const whole = Math.floor(seconds);
  const fraction = Math.floor((seconds - whole) * TWO_POW_32) & ~3;
  return (BigInt(whole) << 32n) | BigInt(fraction >>> 0);
}

/** The time (seconds since the epoch, with fraction) a `msg_id` claims. */
export function timeOfMessageId(msgId: bigint): number {
  return Number(msgId >> 32n) + Number(msgId & 0xffffffffn) / TWO_POW_32;
}
