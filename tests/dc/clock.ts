/**
 * The test DC's clock: wall time plus an adjustable skew (the `skewClock`
 * knob), and the msg_id arithmetic that depends on it.
 *
 * @module
 */

/** Wall-clock time as the test DC sees it. */
export class ServerClock {
  /** Seconds added to the real time (positive: the server is ahead). */
  skewSeconds = 0;

  /** Current server time in fractional seconds since the Unix epoch. */
  now(): number {
    return Date.now() / 1000 + this.skewSeconds;
  }

  /** Current server time in whole seconds (what `int` date fields carry). */
  unixTime(): number {
    return Math.floor(this.now());
  }
}

/** The time point (fractional seconds) a msg_id encodes: its upper 32 bits plus the lower 32 as a fraction. */
export function msgIdTime(msgId: bigint): number {
  const unsigned = BigInt.asUintN(64, msgId);
  return Number(unsigned >> 32n) + Number(unsigned & 0xffffffffn) / 2 ** 32;
}

/** The msg_id a message created at `time` (fractional seconds) would carry, before its low bits are set. */
export function msgIdAt(time: number): bigint {
  const seconds = Math.floor(time);
  const fraction = Math.floor((time - seconds) * 2 ** 32);
  return (BigInt(seconds) << 32n) | BigInt(fraction);
}

/**
 * Generates server msg_ids: ≈ unixtime·2³², strictly increasing, ≡ 1 (mod 4)
 * for responses to client messages and ≡ 3 for messages the server starts.
 */
export class ServerMsgIdGenerator {
  #last = 0n;

  constructor(private readonly clock: ServerClock) {}

  /** The next msg_id; `response` selects the residue 1 (a response) or 3 (server-initiated). */
  next(response: boolean): bigint {
    const residue = response ? 1n : 3n;
    let id = (msgIdAt(this.clock.now()) & ~3n) | residue;
    if (id <= this.#last) id = (((this.#last >> 2n) + 1n) << 2n) | residue;
    this.#last = id;
    return id;
  }
}
