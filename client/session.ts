/**
 * The encrypted MTProto 2.0 session as a sans-IO state machine: requests go
 * in with {@linkcode Session.enqueue}, packets come out of
 * {@linkcode Session.pack}; packets from the server go into
 * {@linkcode Session.unpack}, which returns {@linkcode SessionEvent}s. Time
 * is always passed in (milliseconds since the epoch); nothing here opens a
 * socket or starts a timer.
 *
 * What it takes care of: msg_id (monotonic, corrected by the offset to the
 * server's clock) and seqno; containers of pending requests and acks; gzip
 * when it saves space; salts (`bad_server_salt`, `new_session_created`,
 * `future_salts` fetched before they run out); `bad_msg_notification`
 * (16/17: time resync and resend; 32/33: a new session and resend; others:
 * a typed error); `msgs_state_req`, `msgs_state_info`, `msgs_all_info`,
 * `msg_detailed_info`, `msg_new_detailed_info` and `msg_resend_req`; acks
 * for every content message; duplicate and replayed messages, wrong
 * msg_id parity and msg_ids outside the time bounds ignored.
 *
 * @module
 */

import {
  decryptMessage,
  encryptMessage,
  randomBytes,
  SecurityError,
} from "../crypto/mod.ts";
import {
  decodeMsgContainer,
  decodeRpcResult,
  deserialize,
  deserializeResult,
  encodeMsgContainer,
  GZIP_PACKED_ID,
  gzipPack,
  gzipUnpack,
  type InnerMessage,
  MSG_CONTAINER_ID,
  RPC_RESULT_ID,
  serialize,
  type TLFunction,
  type TLObject,
} from "../tl/mod.ts";
import {
  messageIdForTime,
  MessageIdGenerator,
  timeOfMessageId,
} from "./message_id.ts";
import { rpcErrorFrom } from "./rpc_error.ts";
import { SeenMessageIds } from "./seen_message_ids.ts";
import { ServerSalts } from "./server_salts.ts";
import { BadMessageError, RequestAbortedError } from "./session_errors.ts";
import type { SessionEvent } from "./session_events.ts";

/** Options of a {@linkcode Session}. */
export interface SessionOptions {
  /** The 256-byte auth key. */
  authKey: Uint8Array;
  /** The server salt to start with (0 when unknown: the server will send the right one). */
  serverSalt: bigint;
  /** Seconds to add to the local clock to get the server's clock. */
  timeOffset?: number;
  /** Source of randomness (session id); `randomBytes` by default. */
  random?: (length: number) => Uint8Array;
  /** Requests whose body is at least this long are gzipped when that saves space (default 512). */
  gzipThreshold?: number;
  /** The most messages per container (default 1000; Telegram allows 1020). */
  maxContainerMessages?: number;
  /** Roughly the most bytes per packet (default 512 KiB; a larger single request goes alone). */
  maxPacketBytes?: number;
  /** How many times a request is re-sent after the server refused it (default 5). */
  maxResends?: number;
  /** Whether to fetch `future_salts` ahead of time (default true). */
  fetchFutureSalts?: boolean;
  /** How long to wait for `msgs_state_info` before re-sending anyway (default 5000 ms). */
  stateRequestTimeoutMs?: number;
  /**
   * After this long without an answer or any news of a request, the server
   * is asked about it with `msgs_state_req` (default 10 000 ms).
   */
  probeAfterMs?: number;
}

/** Options of {@linkcode Session.enqueue}. */
export interface EnqueueOptions {
  /** Never gzip this request. */
  noGzip?: boolean;
}

/**
 * What {@linkcode Session.cancel} did: `"unsent"` when the server does not
 * have the request (it was still queued, or queued again after the server
 * refused or lost it), so it will never run; `"dropped"` when it was in
 * flight, so an `rpc_drop_answer` was queued (the server may still run it,
 * but will not send its answer); `"unknown"` when no such request is pending.
 */
export type CancelOutcome = "unsent" | "dropped" | "unknown";

type InternalKind = "ping" | "salts" | "drop";

interface OutgoingRequest {
  /** Stable id: the first msg_id. */
  readonly id: bigint;
  /** The outermost function name (for error messages). */
  readonly name: string;
  /** The function whose result type is read (generic wrappers unwrapped). */
  readonly method: string;
  /** What is put in the message: the serialized function, possibly gzip_packed. */
  readonly payload: Uint8Array;
  readonly internal?: InternalKind;
  /** Current msg_id. */
  msgId: bigint;
  /** Every msg_id the request was sent under. */
  readonly msgIds: bigint[];
  /** Whether `msgId` may still be used as it is (never sent, same session). */
  freshId: boolean;
  /** Waiting in the queue (not in flight). */
  queued: boolean;
  resends: number;
  /** The server acknowledged it or said it has it. */
  acked: boolean;
  /** The seqno it was last sent with (for a re-transmission under the same msg_id). */
  seqno: number;
  /** When it was last sent or last heard about. */
  activityAtMs: number;
  /** A `msgs_state_req` about it is in flight. */
  probing: boolean;
  /** Waiting to be re-transmitted under the same msg_id. */
  retransmitQueued: boolean;
  /** The msg_id of the packet (container or lone message) it last went out in. */
  packetMsgId: bigint;
  /** How many times the server said the answer was generated but it never came. */
  answerLostReports: number;
}

type SentRecord =
  | { kind: "request"; request: OutgoingRequest; atMs: number }
  | { kind: "container"; msgIds: bigint[]; atMs: number }
  | { kind: "acks"; ids: bigint[]; atMs: number }
  | { kind: "state_req"; ids: bigint[]; atMs: number }
  | { kind: "notice"; body: Uint8Array; atMs: number };

interface PackItem {
  msgId: bigint;
  body: Uint8Array;
  content: boolean;
  record: SentRecord;
  /** The request carried, if any. */
  request?: OutgoingRequest;
  /** A re-transmission keeps its seqno. */
  seqno?: number;
}

const RPC_ERROR_ID = 0x2144ca19;
const BAD_MSG_NOTIFICATION_ID = 0xa7eff811;
const MAX_ACKS_PER_MESSAGE = 8192;
const MAX_INFLATED_SIZE = 16 * 1024 * 1024;
/** A msg_id older than this (server seconds) is replaced before sending. */
const STALE_MSG_ID_SECONDS = 60;
/** Server messages may be this much older than our estimate of the server's clock... */
const MAX_MESSAGE_AGE_SECONDS = 300;
/** ...or this much newer. */
const MAX_MESSAGE_AHEAD_SECONDS = 30;
const SENT_RECORD_LIFETIME_MS = 10 * 60 * 1000;
const FUTURE_SALTS_COUNT = 32;
const FUTURE_SALTS_MIN_INTERVAL_MS = 10_000;
const PREVIOUS_SESSIONS_KEPT = 3;
/** How many times the server may say an answer exists that never comes before the request fails. */
const MAX_ANSWER_LOST_REPORTS = 3;

/** The encrypted MTProto session with one server, over any number of connections. */
export class Session {
  readonly #authKey: Uint8Array;
  readonly #random: (length: number) => Uint8Array;
  readonly #gzipThreshold: number;
  readonly #maxContainerMessages: number;
  readonly #maxPacketBytes: number;
  readonly #maxResends: number;
  readonly #fetchFutureSalts: boolean;
  readonly #stateRequestTimeoutMs: number;
  readonly #probeAfterMs: number;

  readonly #ids: MessageIdGenerator;
  readonly #salts: ServerSalts;
  readonly #seen = new SeenMessageIds(8192);
  #sessionId: bigint;
  readonly #previousSessionIds: bigint[] = [];
  #contentMessages = 0;
  #highestSentMsgId = 0n;

  readonly #queue: OutgoingRequest[] = [];
  readonly #retransmits: OutgoingRequest[] = [];
  readonly #notices: Uint8Array[] = [];
  readonly #pendingStateRequests: bigint[][] = [];
  #pendingAcks: bigint[] = [];
  /** Unresolved requests by id. */
  readonly #requests = new Map<bigint, OutgoingRequest>();
  /** What each msg_id we sent carried. */
  readonly #sent = new Map<bigint, SentRecord>();
  #saltsRequestedAtMs = -Infinity;
  #saltsInFlight = false;
  #pingId = 0n;
  #sessionResetInUnpack = false;

  /**
   * Creates a session (with a random session id) over an auth key.
   *
   * @param options the auth key, the salt and tuning
   */
  constructor(options: SessionOptions) {
    if (options.authKey.length !== 256) {
      throw new RangeError("an auth key is 256 bytes");
    }
    this.#authKey = options.authKey;
    this.#random = options.random ?? randomBytes;
    this.#gzipThreshold = options.gzipThreshold ?? 512;
    this.#maxContainerMessages = Math.min(
      options.maxContainerMessages ?? 1000,
      1020,
    );
    this.#maxPacketBytes = options.maxPacketBytes ?? 512 * 1024;
    this.#maxResends = options.maxResends ?? 5;
    this.#fetchFutureSalts = options.fetchFutureSalts ?? true;
    this.#stateRequestTimeoutMs = options.stateRequestTimeoutMs ?? 5000;
    this.#probeAfterMs = options.probeAfterMs ?? 10_000;
    this.#ids = new MessageIdGenerator(options.timeOffset ?? 0);
    this.#salts = new ServerSalts(options.serverSalt);
    this.#sessionId = this.#newSessionId();
  }

  /** The current session id (random, signed 64-bit). */
  get sessionId(): bigint {
    return this.#sessionId;
  }

  /** Seconds to add to the local clock to get the server's clock. */
  get timeOffset(): number {
    return this.#ids.timeOffset;
  }

  /** The salt that would be sent at local time `nowMs`. */
  salt(nowMs: number): bigint {
    return this.#salts.current(this.#serverNow(nowMs));
  }

  /** How many requests (of the caller's) are waiting for an answer. */
  get pendingRequests(): number {
    let n = 0;
    for (const r of this.#requests.values()) if (r.internal === undefined) n++;
    return n;
  }

  /** Whether {@linkcode pack} has requests or notices to send (acks alone do not count). */
  get hasQueued(): boolean {
    return this.#queue.length > 0 || this.#retransmits.length > 0 ||
      this.#notices.length > 0 ||
      this.#pendingStateRequests.length > 0;
  }

  /** How many acks are waiting to be sent. */
  get pendingAcks(): number {
    return this.#pendingAcks.length;
  }

  /**
   * Queues `fn` and returns its request id (the msg_id it will first be sent
   * under); its result or error is reported by {@linkcode unpack} with that id.
   */
  enqueue(fn: TLFunction, nowMs: number, options: EnqueueOptions = {}): bigint {
    return this.#enqueue(fn, nowMs, options.noGzip ?? false).id;
  }

  /**
   * Queues a keep-alive `ping_delay_disconnect` (the server closes the
   * connection if nothing arrives for `disconnectDelay` seconds). Its pong is
   * consumed silently.
   */
  enqueuePing(nowMs: number, disconnectDelay: number): void {
    this.#pingId++;
    this.#enqueue(
      {
        _: "ping_delay_disconnect",
        ping_id: this.#pingId,
        disconnect_delay: disconnectDelay,
      },
      nowMs,
      true,
      "ping",
    );
  }

  /**
   * Cancels a request of the caller's at local time `nowMs`: no event will
   * ever report it, and its answer, if it still comes, is ignored. A request
   * the server does not have is simply taken out of the queue; one in flight
   * gets an `rpc_drop_answer` (queued, answered silently) so the server
   * does not send its answer. See {@linkcode CancelOutcome}.
   */
  cancel(requestId: bigint, nowMs: number): CancelOutcome {
    const request = this.#requests.get(requestId);
    if (request === undefined || request.internal !== undefined) {
      return "unknown";
    }
    // A queued request was never sent, or the server refused or lost every
    // copy it was sent as (that is what queues it again).
    const inFlight = !request.queued;
    const lastMsgId = request.msgId;
    this.#resolve(request);
    if (!inFlight) return "unsent";
    this.#enqueue(
      { _: "rpc_drop_answer", req_msg_id: lastMsgId },
      nowMs,
      true,
      "drop",
    );
    return "dropped";
  }

  /**
   * Builds the next packet (encrypted, ready for the transport) at local time
   * `nowMs`, or `undefined` when there is nothing to send. Call it again
   * until it gives `undefined`: one packet holds at most one container.
   */
  pack(nowMs: number): Uint8Array | undefined {
    this.#maybeFetchSalts(nowMs);
    const items: PackItem[] = [];
    let bytes = 0;
    const room = () =>
      items.length < this.#maxContainerMessages &&
      (items.length === 0 || bytes < this.#maxPacketBytes);
    const stale = messageIdForTime(
      this.#serverNow(nowMs) - STALE_MSG_ID_SECONDS,
    );
    while (this.#retransmits.length > 0 && room()) {
      const request = this.#retransmits.shift()!;
      request.retransmitQueued = false;
      if (!this.#requests.has(request.id) || request.queued) continue;
      items.push({
        msgId: request.msgId,
        body: request.payload,
        content: true,
        record: this.#requestRecord(request, nowMs),
        request,
        seqno: request.seqno,
      });
      bytes += request.payload.length + 16;
    }
    while (this.#queue.length > 0 && room()) {
      const request = this.#queue[0];
      if (
        items.length > 0 &&
        bytes + request.payload.length > this.#maxPacketBytes
      ) break;
      this.#queue.shift();
      request.queued = false;
      if (
        !request.freshId || request.msgId <= this.#highestSentMsgId ||
        request.msgId < stale
      ) {
        request.msgId = this.#ids.next(nowMs);
        request.msgIds.push(request.msgId);
      }
      request.freshId = false;
      items.push({
        msgId: request.msgId,
        body: request.payload,
        content: true,
        record: this.#requestRecord(request, nowMs),
        request,
      });
      bytes += request.payload.length + 16;
    }
    while (this.#pendingStateRequests.length > 0 && room()) {
      const ids = this.#pendingStateRequests.shift()!;
      const body = serialize({ _: "msgs_state_req", msg_ids: ids });
      items.push({
        msgId: this.#ids.next(nowMs),
        body,
        content: false,
        record: { kind: "state_req", ids, atMs: nowMs },
      });
      bytes += body.length + 16;
    }
    while (this.#notices.length > 0 && room()) {
      const body = this.#notices.shift()!;
      items.push({
        msgId: this.#ids.next(nowMs),
        body,
        content: false,
        record: { kind: "notice", body, atMs: nowMs },
      });
      bytes += body.length + 16;
    }
    while (this.#pendingAcks.length > 0 && room()) {
      const ids = this.#pendingAcks.slice(0, MAX_ACKS_PER_MESSAGE);
      this.#pendingAcks = this.#pendingAcks.slice(ids.length);
      const body = serialize({ _: "msgs_ack", msg_ids: ids });
      items.push({
        msgId: this.#ids.next(nowMs),
        body,
        content: false,
        record: { kind: "acks", ids, atMs: nowMs },
      });
      bytes += body.length + 16;
    }
    if (items.length === 0) return undefined;
    items.sort((a, b) => (a.msgId < b.msgId ? -1 : a.msgId > b.msgId ? 1 : 0));
    const inner: InnerMessage[] = items.map((item) => {
      this.#sent.set(item.msgId, item.record);
      const seqno = item.seqno ?? this.#nextSeqno(item.content);
      if (item.request !== undefined) {
        item.request.seqno = seqno;
        item.request.activityAtMs = nowMs;
      }
      return { msg_id: item.msgId, seqno, body: item.body };
    });
    let message: InnerMessage;
    if (inner.length === 1) {
      message = inner[0];
    } else {
      const msgId = this.#ids.next(nowMs);
      message = {
        msg_id: msgId,
        seqno: this.#nextSeqno(false),
        body: encodeMsgContainer(inner),
      };
      this.#sent.set(msgId, {
        kind: "container",
        msgIds: inner.map((m) => m.msg_id),
        atMs: nowMs,
      });
    }
    for (const item of items) {
      if (item.request !== undefined) item.request.packetMsgId = message.msg_id;
    }
    if (message.msg_id > this.#highestSentMsgId) {
      this.#highestSentMsgId = message.msg_id;
    }
    this.#pruneSent(nowMs);
    return encryptMessage(
      this.#authKey,
      this.#plaintext(message, nowMs),
      "client",
    );
  }

  /**
   * Reads one packet from the server, at local time `nowMs`. Throws
   * {@linkcode SecurityError} when the packet fails the envelope's checks
   * (auth_key_id, msg_key, lengths, padding, session_id): the connection it
   * came from cannot be trusted. Messages that fail the per-message checks
   * (duplicates, parity, time bounds) are reported as `ignored` events.
   */
  unpack(packet: Uint8Array, nowMs: number): SessionEvent[] {
    const plain = decryptMessage(this.#authKey, packet, "server");
    if (plain.length < 32 + 4) {
      throw new SecurityError(
        "length",
        "decrypted message shorter than its header",
      );
    }
    const view = new DataView(plain.buffer, plain.byteOffset, plain.byteLength);
    const sessionId = view.getBigInt64(8, true);
    if (
      sessionId !== this.#sessionId &&
      !this.#previousSessionIds.includes(sessionId)
    ) {
      throw new SecurityError(
        "session_id",
        "the message belongs to another session",
      );
    }
    const msgId = view.getBigInt64(16, true);
    const seqno = view.getInt32(24, true);
    const length = view.getInt32(28, true);
    // decryptMessage checked the length and the padding, and cut the padding off.
    if (length < 4 || length % 4 !== 0 || length > plain.length - 32) {
      throw new SecurityError(
        "length",
        `message_data_length ${length} does not fit the decrypted message`,
      );
    }
    const body = plain.slice(32, 32 + length);
    const events: SessionEvent[] = [];

    let messages: InnerMessage[];
    const isContainer = peekId(body) === MSG_CONTAINER_ID;
    if (isContainer) {
      try {
        messages = decodeMsgContainer(body);
      } catch (cause) {
        events.push(
          ignored(
            msgId,
            "container",
            `malformed msg_container (${String(cause)})`,
          ),
        );
        return events;
      }
    } else {
      messages = [{ msg_id: msgId, seqno, body }];
    }

    // A wrong clock makes every message look out of bounds, including the
    // notice saying so: resync from a 16/17 about a message of ours first.
    // (The envelope is authenticated, and only a notice about a message we
    // sent counts, so this may run before the container's own checks.)
    this.#sessionResetInUnpack = false;
    for (const m of messages) this.#resyncFromNotice(m, nowMs, events);
    if (isContainer && !this.#accept(msgId, nowMs, events)) return events;

    for (const m of messages) {
      if (peekId(m.body) === MSG_CONTAINER_ID) {
        events.push(
          ignored(m.msg_id, "container", "a container inside a container"),
        );
        continue;
      }
      if (!this.#accept(m.msg_id, nowMs, events, (m.seqno & 1) === 1)) continue;
      if ((m.seqno & 1) === 1) this.#pendingAcks.push(m.msg_id);
      this.#handleBody(m.msg_id, m.body, nowMs, events);
    }
    return events;
  }

  /**
   * Tells the session that its connection was lost and a new one is up:
   * keep-alive pings are dropped, and the server is asked (`msgs_state_req`)
   * which requests in flight it received, so that those are not run twice.
   */
  connectionReset(nowMs: number): void {
    const inFlight: OutgoingRequest[] = [];
    for (const request of [...this.#requests.values()]) {
      if (request.queued) continue;
      if (request.internal === "ping") {
        this.#resolve(request);
      } else if (request.internal === "salts") {
        this.#requeue(request, []);
      } else {
        inFlight.push(request);
      }
    }
    // Probes that were in the lost connection's last packets may be lost
    // too: ask again about everything in flight (acks are cheap to lose).
    this.#pendingStateRequests.length = 0;
    for (const request of inFlight) request.probing = false;
    this.#probe(inFlight, nowMs);
  }

  /**
   * Checks timeouts at local time `nowMs`. A request with no answer and no
   * news for `probeAfterMs` is asked about (`msgs_state_req`); when the
   * server does not answer that either, the request is re-transmitted under
   * its same msg_id (which a server never runs twice).
   */
  tick(nowMs: number): SessionEvent[] {
    const events: SessionEvent[] = [];
    for (const [msgId, record] of [...this.#sent]) {
      if (
        record.kind !== "state_req" ||
        nowMs - record.atMs < this.#stateRequestTimeoutMs
      ) continue;
      this.#sent.delete(msgId);
      for (const id of record.ids) {
        const request = this.#requestFor(id);
        if (request === undefined || request.queued || !request.probing) {
          continue;
        }
        request.probing = false;
        this.#retransmit(request);
      }
    }
    const quiet: OutgoingRequest[] = [];
    for (const request of this.#requests.values()) {
      if (
        request.queued || request.probing || request.retransmitQueued ||
        request.internal === "ping" ||
        nowMs - request.activityAtMs < this.#probeAfterMs
      ) continue;
      quiet.push(request);
    }
    this.#probe(quiet, nowMs);
    return events;
  }

  /**
   * Fails every unresolved request of the caller's with `error` and forgets
   * all of them (used when the client disconnects or gives up).
   */
  failAll(error: Error): SessionEvent[] {
    const events: SessionEvent[] = [];
    for (const request of [...this.#requests.values()]) {
      this.#fail(request, error, events);
    }
    this.#queue.length = 0;
    return events;
  }

  /**
   * Moves every unresolved request of the caller's to `target` (a session on
   * a new auth key, after the server forgot ours), keeping their request
   * ids: they will be sent there anew, and their answers reported by it.
   */
  moveRequestsTo(target: Session): void {
    for (const request of [...this.#requests.values()]) {
      this.#resolve(request);
      if (request.internal === undefined) target.#adopt(request);
    }
  }

  #adopt(request: OutgoingRequest): void {
    const copy: OutgoingRequest = {
      ...request,
      msgIds: [],
      freshId: false,
      queued: true,
      acked: false,
      probing: false,
      retransmitQueued: false,
      answerLostReports: 0,
    };
    this.#requests.set(copy.id, copy);
    this.#queue.push(copy);
  }

  // ----- outgoing -----

  #enqueue(
    fn: TLFunction,
    nowMs: number,
    noGzip: boolean,
    internal?: InternalKind,
  ): OutgoingRequest {
    const body = serialize(fn);
    let payload = body;
    if (!noGzip && body.length >= this.#gzipThreshold) {
      const packed = gzipPack(body);
      if (packed.length < body.length) payload = packed;
    }
    const msgId = this.#ids.next(nowMs);
    const request: OutgoingRequest = {
      id: msgId,
      name: fn._,
      method: innermostMethod(fn),
      payload,
      internal,
      msgId,
      msgIds: [msgId],
      freshId: true,
      queued: true,
      resends: 0,
      acked: false,
      seqno: 0,
      activityAtMs: nowMs,
      probing: false,
      retransmitQueued: false,
      answerLostReports: 0,
      packetMsgId: 0n,
    };
    this.#requests.set(request.id, request);
    this.#queue.push(request);
    return request;
  }

  #requestRecord(request: OutgoingRequest, nowMs: number): SentRecord {
    return { kind: "request", request, atMs: nowMs };
  }

  #nextSeqno(content: boolean): number {
    if (!content) return this.#contentMessages * 2;
    return this.#contentMessages++ * 2 + 1;
  }

  #plaintext(message: InnerMessage, nowMs: number): Uint8Array {
    const out = new Uint8Array(32 + message.body.length);
    const view = new DataView(out.buffer);
    view.setBigInt64(
      0,
      BigInt.asIntN(64, this.#salts.current(this.#serverNow(nowMs))),
      true,
    );
    view.setBigInt64(8, this.#sessionId, true);
    view.setBigInt64(16, message.msg_id, true);
    view.setInt32(24, message.seqno, true);
    view.setInt32(28, message.body.length, true);
    out.set(message.body, 32);
    return out;
  }

  #probe(requests: readonly OutgoingRequest[], nowMs: number): void {
    const ids: bigint[] = [];
    for (const request of requests) {
      if (request.probing || request.queued) continue;
      request.probing = true;
      request.activityAtMs = nowMs;
      ids.push(request.msgId);
    }
    for (let i = 0; i < ids.length; i += MAX_ACKS_PER_MESSAGE) {
      this.#pendingStateRequests.push(ids.slice(i, i + MAX_ACKS_PER_MESSAGE));
    }
  }

  /** Sends a request again under the same msg_id and seqno: the server answers it at most once. */
  #retransmit(request: OutgoingRequest): void {
    if (request.queued || request.retransmitQueued) return;
    request.retransmitQueued = true;
    this.#retransmits.push(request);
  }

  #maybeFetchSalts(nowMs: number): void {
    if (!this.#fetchFutureSalts || this.#saltsInFlight) return;
    if (nowMs - this.#saltsRequestedAtMs < FUTURE_SALTS_MIN_INTERVAL_MS) return;
    if (!this.#salts.needsMore(this.#serverNow(nowMs))) return;
    this.#saltsInFlight = true;
    this.#saltsRequestedAtMs = nowMs;
    this.#enqueue(
      { _: "get_future_salts", num: FUTURE_SALTS_COUNT },
      nowMs,
      true,
      "salts",
    );
  }

  #pruneSent(nowMs: number): void {
    if (this.#sent.size < 4096) return;
    for (const [msgId, record] of this.#sent) {
      if (
        record.kind !== "request" &&
        nowMs - record.atMs > SENT_RECORD_LIFETIME_MS
      ) this.#sent.delete(msgId);
    }
  }

  #newSession(): void {
    this.#previousSessionIds.unshift(this.#sessionId);
    this.#previousSessionIds.length = Math.min(
      this.#previousSessionIds.length,
      PREVIOUS_SESSIONS_KEPT,
    );
    this.#sessionId = this.#newSessionId();
    this.#contentMessages = 0;
    this.#highestSentMsgId = 0n;
    this.#ids.reset();
    for (const request of this.#requests.values()) request.freshId = false;
  }

  #newSessionId(): bigint {
    const bytes = this.#random(8);
    return new DataView(bytes.buffer, bytes.byteOffset, 8).getBigInt64(0, true);
  }

  // ----- incoming -----

  #serverNow(nowMs: number): number {
    return nowMs / 1000 + this.#ids.timeOffset;
  }

  /** Per-message checks: parity, time bounds, duplicates. Records the id when it passes. */
  #accept(
    msgId: bigint,
    nowMs: number,
    events: SessionEvent[],
    content = false,
  ): boolean {
    if ((msgId & 1n) !== 1n) {
      events.push(
        ignored(msgId, "msg_id_parity", "a server's msg_id must be odd"),
      );
      return false;
    }
    const seen = this.#seen.check(msgId);
    if (seen === "duplicate") {
      // The server may repeat a message whose ack it missed: ack it again.
      if (content) this.#pendingAcks.push(msgId);
      events.push(
        ignored(
          msgId,
          "msg_id_duplicate",
          "a message with this msg_id was already received",
        ),
      );
      return false;
    }
    if (seen === "too_old") {
      events.push(
        ignored(
          msgId,
          "msg_id_too_old",
          "msg_id below the window of remembered ids",
        ),
      );
      return false;
    }
    const serverNow = this.#serverNow(nowMs);
    const time = timeOfMessageId(msgId);
    if (
      time < serverNow - MAX_MESSAGE_AGE_SECONDS ||
      time > serverNow + MAX_MESSAGE_AHEAD_SECONDS
    ) {
      events.push(
        ignored(
          msgId,
          "msg_id_time",
          `msg_id is ${Math.round(time - serverNow)} s off the server's clock`,
        ),
      );
      return false;
    }
    this.#seen.add(msgId);
    return true;
  }

  #resyncFromNotice(
    m: InnerMessage,
    nowMs: number,
    events: SessionEvent[],
  ): void {
    if (peekId(m.body) !== BAD_MSG_NOTIFICATION_ID || (m.msg_id & 1n) !== 1n) {
      return;
    }
    let notice;
    try {
      notice = deserialize(m.body);
    } catch {
      return;
    }
    if (
      notice._ !== "bad_msg_notification" ||
      (notice.error_code !== 16 && notice.error_code !== 17)
    ) return;
    if (!this.#sent.has(notice.bad_msg_id) || this.#seen.has(m.msg_id)) return;
    const offset = timeOfMessageId(m.msg_id) - nowMs / 1000;
    const moved = Math.abs(offset - this.#ids.timeOffset) >= 1;
    if (moved) {
      this.#ids.timeOffset = offset;
      events.push({ type: "time_offset", offset });
    }
    if (notice.error_code !== 17 || this.#sessionResetInUnpack) return;
    // Our next ids must still increase within the session: if the clock went
    // back past them, start a new session (ids restart from scratch). When
    // the notice's own msg_id does not explain the "too high" (a server whose
    // session keeps ids from before its clock moved), a new session is the
    // way out too: the server's new session dates its messages afresh.
    if (!moved || messageIdForTime(this.#serverNow(nowMs)) <= this.#ids.last) {
      this.#sessionResetInUnpack = true;
      this.#newSession();
    }
  }

  #handleBody(
    msgId: bigint,
    body: Uint8Array,
    nowMs: number,
    events: SessionEvent[],
  ): void {
    const id = peekId(body);
    if (id === RPC_RESULT_ID) {
      let parts;
      try {
        parts = decodeRpcResult(body);
      } catch (cause) {
        events.push(
          ignored(msgId, "body", `malformed rpc_result (${String(cause)})`),
        );
        return;
      }
      this.#handleRpcResult(parts.req_msg_id, parts.result, events);
      return;
    }
    if (id === GZIP_PACKED_ID) {
      let inner;
      try {
        inner = gzipUnpack(body, MAX_INFLATED_SIZE);
      } catch (cause) {
        events.push(
          ignored(msgId, "body", `bad gzip_packed (${String(cause)})`),
        );
        return;
      }
      this.#handleBody(msgId, inner, nowMs, events);
      return;
    }
    let object: TLObject;
    try {
      object = deserialize(body) as TLObject;
    } catch (cause) {
      events.push(
        ignored(msgId, "body", `unreadable message (${String(cause)})`),
      );
      return;
    }
    this.#handleObject(msgId, object, nowMs, events);
  }

  #handleRpcResult(
    reqMsgId: bigint,
    result: Uint8Array,
    events: SessionEvent[],
  ): void {
    const request = this.#requestFor(reqMsgId);
    if (request === undefined) return; // already answered, cancelled, or not ours
    let bytes = result;
    try {
      if (peekId(bytes) === GZIP_PACKED_ID) {
        bytes = gzipUnpack(bytes, MAX_INFLATED_SIZE);
      }
      if (peekId(bytes) === RPC_ERROR_ID) {
        const error = deserialize(bytes);
        if (error._ !== "rpc_error") {
          throw new TypeError(`expected rpc_error, got ${error._}`);
        }
        this.#fail(
          request,
          rpcErrorFrom(error.error_code, error.error_message, request.name),
          events,
        );
        return;
      }
      const value = deserializeResult(request.method, bytes);
      this.#succeed(request, value, events);
    } catch (cause) {
      this.#fail(
        request,
        cause instanceof Error ? cause : new Error(String(cause)),
        events,
      );
    }
  }

  #handleObject(
    msgId: bigint,
    object: TLObject,
    nowMs: number,
    events: SessionEvent[],
  ): void {
    switch (object._) {
      case "pong": {
        const request = this.#requestFor(object.msg_id);
        if (request !== undefined) this.#succeed(request, object, events);
        return;
      }
      case "future_salts": {
        const request = this.#requestFor(object.req_msg_id);
        if (request !== undefined) this.#succeed(request, object, events);
        return;
      }
      case "bad_server_salt": {
        this.#salts.set(object.new_server_salt);
        events.push({ type: "salt", salt: object.new_server_salt });
        this.#resendRecord(object.bad_msg_id, events);
        return;
      }
      case "bad_msg_notification": {
        this.#handleBadMsg(object.bad_msg_id, object.error_code, events);
        return;
      }
      case "new_session_created": {
        this.#salts.set(object.server_salt);
        events.push({ type: "salt", salt: object.server_salt });
        events.push({
          type: "new_session",
          firstMsgId: object.first_msg_id,
          uniqueId: object.unique_id,
        });
        // Requests sent before the server's session began were lost with the
        // old one (a server restart): send them again. Whatever went out in
        // the packet holding first_msg_id (even when that is the container's
        // id) belongs to the new session.
        for (const request of [...this.#requests.values()]) {
          if (
            !request.queued && !request.acked &&
            request.msgId < object.first_msg_id &&
            request.packetMsgId < object.first_msg_id
          ) this.#requeue(request, events);
        }
        return;
      }
      case "msgs_ack": {
        for (const id of object.msg_ids) {
          const request = this.#requestFor(id);
          if (request === undefined) continue;
          request.acked = true;
          request.activityAtMs = nowMs;
        }
        return;
      }
      case "msgs_state_req": {
        const info = new Uint8Array(object.msg_ids.length);
        object.msg_ids.forEach((id, i) => (info[i] = this.#stateOf(id)));
        this.#notices.push(
          serialize({ _: "msgs_state_info", req_msg_id: msgId, info }),
        );
        return;
      }
      case "msgs_state_info": {
        const record = this.#sent.get(object.req_msg_id);
        if (record?.kind !== "state_req") return;
        this.#sent.delete(object.req_msg_id);
        for (const id of record.ids) {
          const request = this.#requestFor(id);
          if (request !== undefined) request.probing = false;
        }
        this.#applyStates(record.ids, object.info, nowMs, events);
        return;
      }
      case "msgs_all_info": {
        this.#applyStates(object.msg_ids, object.info, nowMs, events);
        return;
      }
      case "msg_detailed_info":
      case "msg_new_detailed_info": {
        if (object._ === "msg_detailed_info") {
          const request = this.#requestFor(object.msg_id);
          if (request !== undefined) request.acked = true;
        }
        if (this.#seen.has(object.answer_msg_id)) {
          this.#pendingAcks.push(object.answer_msg_id);
        } else {this.#notices.push(
            serialize({ _: "msg_resend_req", msg_ids: [object.answer_msg_id] }),
          );}
        return;
      }
      case "msg_resend_req": {
        for (const id of object.msg_ids) {
          // The server asks for the very message again: same msg_id.
          const request = this.#requestFor(id);
          if (request !== undefined && request.msgId === id) {
            this.#retransmit(request);
          }
        }
        return;
      }
      case "destroy_session_ok":
      case "destroy_session_none":
      case "rpc_answer_unknown":
      case "rpc_answer_dropped_running":
      case "rpc_answer_dropped":
      case "http_wait":
        return;
      default:
        events.push({ type: "update", update: object });
    }
  }

  #handleBadMsg(badMsgId: bigint, code: number, events: SessionEvent[]): void {
    switch (code) {
      case 16:
      case 17:
        // The clock was corrected before the messages were read.
        this.#resendRecord(badMsgId, events);
        return;
      case 32:
      case 33:
        // We cannot know which seqno the server expects; a new session
        // starts counting from zero, which it accepts.
        if (this.#sent.has(badMsgId)) {
          this.#newSession();
          this.#resendRecord(badMsgId, events);
        }
        return;
      default: {
        const error = new BadMessageError(code);
        for (const request of this.#requestsIn(badMsgId)) {
          this.#fail(request, error, events);
        }
        this.#sent.delete(badMsgId);
      }
    }
  }

  /** Sends again what the message `msgId` of ours carried. */
  #resendRecord(msgId: bigint, events: SessionEvent[]): void {
    const record = this.#sent.get(msgId);
    if (record === undefined) return;
    if (record.kind !== "request") this.#sent.delete(msgId);
    switch (record.kind) {
      case "request":
        if (!record.request.queued) this.#requeue(record.request, events);
        return;
      case "container":
        for (const inner of record.msgIds) this.#resendRecord(inner, events);
        return;
      case "acks":
        this.#pendingAcks.push(...record.ids);
        return;
      case "state_req":
        this.#pendingStateRequests.push(record.ids);
        return;
      case "notice":
        this.#notices.push(record.body);
        return;
    }
  }

  #requestsIn(msgId: bigint): OutgoingRequest[] {
    const record = this.#sent.get(msgId);
    if (record?.kind === "request") return [record.request];
    if (record?.kind === "container") {
      return record.msgIds.flatMap((id) => this.#requestsIn(id));
    }
    return [];
  }

  #applyStates(
    ids: readonly bigint[],
    info: Uint8Array,
    nowMs: number,
    events: SessionEvent[],
  ): void {
    const count = Math.min(ids.length, info.length);
    for (let i = 0; i < count; i++) {
      const request = this.#requestFor(ids[i]);
      if (request === undefined || request.queued || request.msgId !== ids[i]) {
        continue;
      }
      const status = info[i];
      const state = status & 7;
      if (state >= 1 && state <= 3) {
        // The server does not have it: sending it again cannot run it twice.
        this.#requeue(request, events);
      } else if (state === 4) {
        request.acked = true;
        request.activityAtMs = nowMs;
        if ((status & 64) === 0) continue; // still running: wait
        // The answer exists but never reached us: a re-transmission under
        // the same msg_id makes the server send it again.
        request.answerLostReports++;
        if (request.answerLostReports >= MAX_ANSWER_LOST_REPORTS) {
          this.#fail(
            request,
            new RequestAbortedError(
              "answer_lost",
              `the server ran ${request.name} but its answer never arrived; not sent again to avoid running it twice`,
            ),
            events,
          );
        } else {
          this.#retransmit(request);
        }
      }
    }
  }

  /** The status byte of `msgs_state_info` for a server msg_id. */
  #stateOf(msgId: bigint): number {
    if (this.#seen.has(msgId)) return 4 | 8;
    const range = this.#seen.range;
    if (range === undefined || msgId < range.lowest) return 1;
    if (msgId > range.highest) return 3;
    return 2;
  }

  #requestFor(msgId: bigint): OutgoingRequest | undefined {
    const record = this.#sent.get(msgId);
    if (record?.kind === "request") return record.request;
    return undefined;
  }

  #requeue(request: OutgoingRequest, events: SessionEvent[]): void {
    if (request.queued) return;
    if (request.internal === "ping") {
      this.#resolve(request);
      return;
    }
    request.resends++;
    if (request.resends > this.#maxResends) {
      this.#fail(
        request,
        new RequestAbortedError(
          "too_many_retries",
          `the server refused ${request.name} ${request.resends} times`,
        ),
        events,
      );
      return;
    }
    request.queued = true;
    request.freshId = false;
    request.probing = false;
    if (request.retransmitQueued) {
      request.retransmitQueued = false;
      this.#retransmits.splice(this.#retransmits.indexOf(request), 1);
    }
    this.#queue.push(request);
  }

  #succeed(
    request: OutgoingRequest,
    value: unknown,
    events: SessionEvent[],
  ): void {
    this.#resolve(request);
    if (request.internal === "salts") {
      this.#saltsInFlight = false;
      const salts = value as TLObject;
      if (salts._ === "future_salts") {
        this.#salts.schedule(
          salts.salts.map((s) => ({
            salt: s.salt,
            validSince: s.valid_since,
            validUntil: s.valid_until,
          })),
        );
      }
      return;
    }
    if (request.internal !== undefined) return;
    events.push({ type: "result", requestId: request.id, result: value });
  }

  #fail(request: OutgoingRequest, error: Error, events: SessionEvent[]): void {
    this.#resolve(request);
    if (request.internal === "salts") this.#saltsInFlight = false;
    if (request.internal !== undefined) return;
    events.push({ type: "error", requestId: request.id, error });
  }

  #resolve(request: OutgoingRequest): void {
    this.#requests.delete(request.id);
    if (request.retransmitQueued) {
      request.retransmitQueued = false;
      this.#retransmits.splice(this.#retransmits.indexOf(request), 1);
    }
    for (const id of request.msgIds) this.#sent.delete(id);
    if (request.queued) {
      const at = this.#queue.indexOf(request);
      if (at >= 0) this.#queue.splice(at, 1);
      request.queued = false;
    }
  }
}

function peekId(body: Uint8Array): number {
  if (body.length < 4) return -1;
  return (body[0] | (body[1] << 8) | (body[2] << 16) | (body[3] << 24)) >>> 0;
}

function ignored(msgId: bigint, check: string, message: string): SessionEvent {
  return { type: "ignored", msgId, error: new SecurityError(check, message) };
}

/** The function whose result a call returns: generic wrappers (`invokeWithLayer`, ...) unwrapped. */
function innermostMethod(fn: TLFunction): string {
  let current: { _: string; query?: unknown } = fn;
  while (
    typeof current.query === "object" && current.query !== null &&
    "_" in current.query
  ) {
    current = current.query as { _: string; query?: unknown };
  }
  return current._;
}
