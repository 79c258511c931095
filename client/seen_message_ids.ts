/**
 * The window of server message ids already received, for telling duplicates
 * and replays apart from new messages.
 *
 * @module
 */

/**
 * Remembers the last `capacity` server msg_ids. An id already in the window
 * is a duplicate; an id at or below the oldest id the window has forgotten
 * cannot be told apart from a replay and is refused too.
 */
export class SeenMessageIds {
  readonly #capacity: number;
  /** Ascending. */
  readonly #ids: bigint[] = [];
  #floor = 0n;

  /** @param capacity how many ids to remember */
  constructor(capacity = 2048) {
    this.#capacity = capacity;
  }

  /** Whether `msgId` is a duplicate or too old to check (at or below the forgotten floor). */
  check(msgId: bigint): "new" | "duplicate" | "too_old" {
    if (msgId <= this.#floor) return "too_old";
    return this.#indexOf(msgId) >= 0 ? "duplicate" : "new";
  }

  /** Whether `msgId` was received and is still remembered. */
  has(msgId: bigint): boolean {
    return this.#indexOf(msgId) >= 0;
  }

  /** The lowest and highest remembered ids, or `undefined` when none. */
  get range(): { lowest: bigint; highest: bigint } | undefined {
    if (this.#ids.length === 0) return undefined;
    return { lowest: this.#ids[0], highest: this.#ids[this.#ids.length - 1] };
  }

  /** Records `msgId` as received, forgetting the oldest id past the capacity. */
  add(msgId: bigint): void {
    const at = this.#insertionPoint(msgId);
    if (this.#ids[at] === msgId) return;
    this.#ids.splice(at, 0, msgId);
    if (this.#ids.length > this.#capacity) this.#floor = this.#ids.shift()!;
  }

  #insertionPoint(msgId: bigint): number {
    let low = 0;
    let high = this.#ids.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.#ids[mid] < msgId) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  #indexOf(msgId: bigint): number {
    const at = this.#insertionPoint(msgId);
    return this.#ids[at] === msgId ? at : -1;
  }
}
