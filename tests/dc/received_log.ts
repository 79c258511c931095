/**
 * What a server session remembers about the messages a client sent it: the
 * last N msg_ids with their seqno, used for duplicate detection, the seqno
 * checks (bad_msg_notification 32/33), "too old to tell" (20) and the status
 * bytes of `msgs_state_info`.
 *
 * @module
 */

/** Where a received message stands. */
export interface ReceivedMessage {
  /** Its msg_id. */
  msgId: bigint;
  /** Its seqno. */
  seqno: number;
  /** It carried an RPC query. */
  isQuery: boolean;
  /** A content-related answer (`rpc_result`) was generated (status +64). */
  answered: boolean;
  /**
   * The server acknowledged it: a `msgs_ack` went out, or an answer that is
   * not content-related but serves as the receipt acknowledgement
   * (`future_salts`, `msgs_state_info`, a resend).
   */
  acknowledged: boolean;
  /**
   * Whether it calls for an acknowledgement: content-related (odd seqno),
   * except `ping`, which "Mobile Protocol: detailed description" says needs
   * none whatever its seqno (status +16 when false).
   */
  needsAck: boolean;
  /** The msg_id of the answer, once generated. */
  answerMsgId?: bigint;
}

/** The bounded, msg_id-ordered log of received messages. */
export class ReceivedLog {
  #entries: ReceivedMessage[] = [];
  #byId = new Map<bigint, ReceivedMessage>();
  /** Whether older entries were forgotten (then "lower than everything stored" means "too old to tell"). */
  #forgot = false;

  /** @param capacity how many msg_ids to remember */
  constructor(readonly capacity = 4096) {}

  /** The entry for `msgId`, if remembered. */
  get(msgId: bigint): ReceivedMessage | undefined {
    return this.#byId.get(msgId);
  }

  /** The lowest remembered msg_id. */
  get lowest(): bigint | undefined {
    return this.#entries[0]?.msgId;
  }

  /** The highest remembered msg_id. */
  get highest(): bigint | undefined {
    return this.#entries[this.#entries.length - 1]?.msgId;
  }

  #lowerBound(msgId: bigint): number {
    let lo = 0;
    let hi = this.#entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#entries[mid].msgId < msgId) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** True when `msgId` is below everything remembered after older ids were forgotten (bad_msg_notification 20). */
  tooOldToTell(msgId: bigint): boolean {
    const lowest = this.lowest;
    return this.#forgot && lowest !== undefined && msgId < lowest;
  }

  /**
   * The seqno check of "Service Messages about Messages": 32 when an earlier
   * message has a higher seqno, or the same odd one; 33 when a later message
   * has a lower seqno, or the same odd one; 0 when consistent.
   */
  checkSeqno(msgId: bigint, seqno: number): 0 | 32 | 33 {
    const index = this.#lowerBound(msgId);
    const before = this.#entries[index - 1];
    const after = this.#entries[index]?.msgId === msgId
      ? this.#entries[index + 1]
      : this.#entries[index];
    if (
      before &&
      (before.seqno > seqno || (before.seqno === seqno && (seqno & 1) === 1))
    ) return 32;
    if (
      after &&
      (after.seqno < seqno || (after.seqno === seqno && (seqno & 1) === 1))
    ) return 33;
    return 0;
  }

  /** Records an accepted message. */
  add(msgId: bigint, seqno: number, isQuery: boolean): ReceivedMessage {
    const entry: ReceivedMessage = {
      msgId,
      seqno,
      isQuery,
      answered: false,
      acknowledged: false,
      needsAck: (seqno & 1) === 1,
    };
    const index = this.#lowerBound(msgId);
    this.#entries.splice(index, 0, entry);
    this.#byId.set(msgId, entry);
    while (this.#entries.length > this.capacity) {
      const dropped = this.#entries.shift()!;
      this.#byId.delete(dropped.msgId);
      this.#forgot = true;
    }
    return entry;
  }

  /** The status byte `msgs_state_info` reports for `msgId`. */
  status(msgId: bigint): number {
    const entry = this.#byId.get(msgId);
    if (entry) {
      let status = 4;
      if (entry.acknowledged || entry.answered) status |= 8;
      if (!entry.needsAck) status |= 16;
      if (entry.isQuery) status |= 32;
      if (entry.answered) status |= 64;
      return status;
    }
    const highest = this.highest;
    if (highest === undefined || msgId > highest) return 3;
    if (this.tooOldToTell(msgId) || msgId < this.lowest!) return 1;
    return 2;
  }

  /** Forgets everything. */
  clear(): void {
    this.#entries = [];
    this.#byId.clear();
    this.#forgot = false;
  }
}
