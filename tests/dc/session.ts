/**
 * One MTProto session on the server side (auth key + session_id): the checks
 * of "Mobile Protocol: Detailed Description" and "Service Messages about
 * Messages" on every received message, the service messages, acks,
 * containers, and the outgoing queue.
 *
 * Answers go to the connection the session last heard from; content-related
 * messages stay remembered until the client acknowledges them and are sent
 * again when the client comes back on a new connection (as Telegram does over
 * TCP).
 *
 * @module
 */

import { encryptMessage, randomBytes } from "../../crypto/mod.ts";
import {
  decodeMsgContainer,
  deserialize,
  encodeMsgContainer,
  encodeRpcResult,
  GZIP_PACKED_ID,
  gzipPack,
  gzipUnpack,
  type InnerMessage,
  MSG_CONTAINER_ID,
  serialize,
  type TLObject,
} from "../../tl/mod.ts";
import { combinatorById } from "../../tl/schema_index.ts";
import type { StoredAuthKey } from "./auth_keys.ts";
import { msgIdTime, type ServerClock, ServerMsgIdGenerator } from "./clock.ts";
import type { KnobState } from "./knobs.ts";
import { ReceivedLog } from "./received_log.ts";
import {
  isApiFunctionId,
  type RpcContext,
  type RpcDispatcher,
  type RpcOutcome,
  SERVER_LAYER,
} from "./rpc.ts";
import type { TimerSet } from "./timers.ts";
import { forClientLayer } from "./legacy_layers.ts";

/** The connection a session currently talks through. */
export interface SessionLink {
  /** True once the connection is gone. */
  readonly closed: boolean;
  /** Sends one encrypted MTProto packet (framing is the link's business). */
  sendPayload(payload: Uint8Array): void;
  /** Sends a 4-byte transport error (−429 when a container or service-message limit is exceeded). */
  sendError(code: number): void;
  /** `ping_delay_disconnect`: close this connection `seconds` from now unless re-armed. */
  armPingDisconnect(seconds: number): void;
}

/** What a session needs from its DC. */
export interface SessionHost {
  /** Server time. */
  readonly clock: ServerClock;
  /** Misbehaviour switches. */
  readonly knobs: KnobState;
  /** Runs API calls. */
  readonly dispatcher: RpcDispatcher;
  /** Timers (cleared on stop). */
  readonly timers: TimerSet;
  /** The parts of an {@link RpcContext} the DC provides. */
  rpcContext(
    session: ServerSession,
    msgId: bigint,
  ): Omit<RpcContext, "layer" | "requireUser">;
  /** `destroy_session`: forgets another session of the same key; whether it existed. */
  destroySession(authKeyId: bigint, sessionId: bigint): boolean;
  /** `destroy_auth_key`: forgets the key (after the answer has gone out). */
  destroyAuthKey(authKeyId: bigint): void;
}

/** One outgoing message. */
interface OutMessage {
  msgId: bigint;
  seqno: number;
  body: Uint8Array;
  /** Content-related: kept until acknowledged, resent on a new connection. */
  content: boolean;
}

const ID = {
  msgsAck: 0x62d6b459,
  msgCopy: 0xe06046b2,
  ping: 0x7abe77ec,
  pingDelayDisconnect: 0xf3427b8c,
  getFutureSalts: 0xb921bd04,
  msgsStateReq: 0xda69fb52,
  msgResendReq: 0x7d861a08,
  destroySession: 0xe7512126,
  rpcDropAnswer: 0x58e4a740,
  destroyAuthKey: 0xd1435160,
  httpWait: 0x9299359f,
} as const;

/** Time bounds of "Detailed Description": older than 300 s or more than 30 s ahead is rejected. */
const MAX_PAST_SECONDS = 300;
const MAX_FUTURE_SECONDS = 30;
/** Telegram's bound on messages in one container. */
const MAX_CONTAINER_LENGTH = 1024;
/** IDs per `msgs_ack` / `msgs_state_req` / `msg_resend_req`. */
const MAX_IDS = 8192;
/** Content-related messages remembered for resending. */
const MAX_UNACKED = 16384;
/** Answers larger than this are gzipped when that saves space. */
const GZIP_THRESHOLD = 512;
/** One outgoing packet stays below this many bytes of messages (then a new container starts). */
const MAX_PACKET_BYTES = 1 << 20;
/** The bound on a client's gzip_packed after inflation. */
const MAX_INFLATED = 16 << 20;

function u32(body: Uint8Array): number {
  return body.length >= 4
    ? new DataView(body.buffer, body.byteOffset, 4).getUint32(0, true)
    : 0;
}

/** A server-side MTProto session. */
export class ServerSession {
  /** Regenerated whenever the server (re)creates the session. */
  readonly uniqueId: bigint = new DataView(randomBytes(8).buffer).getBigInt64(
    0,
    true,
  );
  /** Set once `new_session_created` went out: the lowest msg_id the session has accepted. */
  firstMsgId?: bigint;
  /** Whether the client asked not to receive updates on this session (`invokeWithoutUpdates`). */
  withoutUpdates = false;

  readonly #received = new ReceivedLog();
  readonly #msgIds: ServerMsgIdGenerator;
  #contentCount = 0;
  #outbox: OutMessage[] = [];
  readonly #unacked = new Map<bigint, OutMessage>();
  readonly #pendingAcks = new Set<bigint>();
  /** Queries whose handler has not finished: msg_id → dropped by rpc_drop_answer. */
  readonly #running = new Map<bigint, { dropped: boolean }>();
  /** Answers held back by the delay knob: request msg_id → timer and body. */
  readonly #delayed = new Map<
    bigint,
    { timer: ReturnType<typeof setTimeout>; body: Uint8Array }
  >();
  #link?: SessionLink;
  #destroyKeyAfterFlush = false;

  constructor(
    private readonly host: SessionHost,
    /** The auth key. */
    readonly authKey: StoredAuthKey,
    /** The client's session_id. */
    readonly sessionId: bigint,
  ) {
    this.#msgIds = new ServerMsgIdGenerator(host.clock);
  }

  /**
   * Handles one decrypted top-level message (plaintext header already parsed)
   * that arrived on `link`, then sends what it produced.
   */
  receive(
    link: SessionLink,
    salt: bigint,
    msgId: bigint,
    seqno: number,
    body: Uint8Array,
  ): void {
    if (this.#link !== link) {
      this.#link = link;
      if (this.firstMsgId !== undefined) this.#requeueUnacked();
    }
    this.#receiveTopLevel(salt, msgId, seqno, body);
    this.flush();
  }

  #receiveTopLevel(
    salt: bigint,
    msgId: bigint,
    seqno: number,
    body: Uint8Array,
  ): void {
    const now = this.host.clock.now();
    if ((msgId & 3n) !== 0n) return this.#badMsg(msgId, seqno, 18);
    const time = msgIdTime(msgId);
    if (time < now - MAX_PAST_SECONDS) return this.#badMsg(msgId, seqno, 16);
    if (time > now + MAX_FUTURE_SECONDS) return this.#badMsg(msgId, seqno, 17);
    if (!this.authKey.salts.accepts(salt, now)) {
      return this.#enqueue(
        {
          _: "bad_server_salt",
          bad_msg_id: msgId,
          bad_msg_seqno: seqno,
          error_code: 48,
          new_server_salt: this.authKey.salts.current(now),
        },
        false,
      );
    }
    const isContainer = u32(body) === MSG_CONTAINER_ID;
    if (this.#received.get(msgId)) {
      return isContainer
        ? this.#badMsg(msgId, seqno, 19)
        : this.#duplicate(msgId);
    }
    if (this.#received.tooOldToTell(msgId)) {
      return this.#badMsg(msgId, seqno, 20);
    }
    if (!isContainer) {
      this.#acceptAndDispatch(msgId, seqno, body);
      return;
    }

    if ((seqno & 1) === 1) return this.#badMsg(msgId, seqno, 34);
    let inner: InnerMessage[];
    try {
      inner = decodeMsgContainer(body);
    } catch {
      return this.#badMsg(msgId, seqno, 64);
    }
    if (inner.length > MAX_CONTAINER_LENGTH) {
      // "Error 429 ... if any of the container/service message limits are reached."
      this.#link?.sendError(-429);
      return;
    }
    if (
      inner.some((m) =>
        m.msg_id >= msgId || m.seqno > seqno || u32(m.body) === MSG_CONTAINER_ID
      )
    ) {
      return this.#badMsg(msgId, seqno, 64);
    }
    const seqnoError = this.#received.checkSeqno(msgId, seqno);
    if (seqnoError) return this.#badMsg(msgId, seqno, seqnoError);
    this.#announce(
      inner.reduce((low, m) => (m.msg_id < low ? m.msg_id : low), msgId),
    );
    this.#received.add(msgId, seqno, false);
    for (const message of inner) {
      if ((message.msg_id & 3n) !== 0n) {
        this.#badMsg(message.msg_id, message.seqno, 18);
      } else if (this.#received.get(message.msg_id)) {
        this.#duplicate(message.msg_id);
      } else if (this.#received.tooOldToTell(message.msg_id)) {
        this.#badMsg(message.msg_id, message.seqno, 20);
      } else {
        this.#acceptAndDispatch(message.msg_id, message.seqno, message.body);
      }
    }
  }

  /** The content-relatedness and seqno checks, then records and dispatches one (non-container) message. */
  #acceptAndDispatch(msgId: bigint, seqno: number, rawBody: Uint8Array): void {
    let body = rawBody;
    if (u32(body) === GZIP_PACKED_ID) {
      try {
        body = gzipUnpack(body, MAX_INFLATED);
      } catch {
        return this.#badMsg(msgId, seqno, 64);
      }
    }
    const id = u32(body);
    const content = (seqno & 1) === 1;
    // A msgs_ack is not content-related, yet Telegram takes one with an odd
    // seqno without complaint: mtcute numbers its acks (and pings, state
    // requests...) as content-related and works against Telegram, where a 34
    // would reset its session on every flush. So only containers and copies
    // get 34 here; the odd ack is counted for seqno order, not acknowledged.
    if (content && (id === MSG_CONTAINER_ID || id === ID.msgCopy)) {
      return this.#badMsg(msgId, seqno, 34);
    }
    const isQuery = isApiFunctionId(id) || combinatorById(id) === undefined;
    if (!content && isQuery) return this.#badMsg(msgId, seqno, 35);
    const seqnoError = this.#received.checkSeqno(msgId, seqno);
    if (seqnoError) return this.#badMsg(msgId, seqno, seqnoError);
    this.#announce(msgId);
    this.#received.add(msgId, seqno, isQuery);
    if (content && id !== ID.msgsAck) this.#pendingAcks.add(msgId);
    this.#dispatch(msgId, body, isQuery);
  }

  /** `new_session_created` for the first accepted message, and again for any lower msg_id later. */
  #announce(firstMsgId: bigint): void {
    if (this.firstMsgId !== undefined && firstMsgId >= this.firstMsgId) return;
    this.firstMsgId = firstMsgId;
    this.#enqueue(
      {
        _: "new_session_created",
        first_msg_id: firstMsgId,
        unique_id: this.uniqueId,
        server_salt: this.authKey.salts.current(this.host.clock.now()),
      },
      true,
    );
  }

  #dispatch(msgId: bigint, body: Uint8Array, isQuery: boolean): void {
    const now = this.host.clock.now();
    switch (u32(body)) {
      case ID.msgsAck: {
        const ids = this.#idList(body);
        for (const id of ids ?? []) this.#unacked.delete(id);
        return;
      }
      case ID.ping:
      case ID.pingDelayDisconnect: {
        const ping = this.#decode(body);
        if (!ping) return;
        if (ping._ === "ping_delay_disconnect") {
          this.#link?.armPingDisconnect(ping.disconnect_delay as number);
        }
        this.#needsNoAck(msgId);
        return this.#enqueue({
          _: "pong",
          msg_id: msgId,
          ping_id: ping.ping_id as bigint,
        }, false);
      }
      case ID.getFutureSalts: {
        const request = this.#decode(body);
        if (!request) return;
        const count = Math.min(64, Math.max(1, request.num as number));
        this.#acknowledgedByAnswer(msgId);
        return this.#enqueue(
          {
            _: "future_salts",
            req_msg_id: msgId,
            now: Math.floor(now),
            salts: this.authKey.salts.future(now, count).map((w) => ({
              _: "future_salt",
              valid_since: w.validSince,
              valid_until: w.validUntil,
              salt: w.salt,
            })),
          },
          false,
        );
      }
      case ID.msgsStateReq:
        return this.#stateInfo(msgId, this.#idList(body));
      case ID.msgResendReq: {
        const ids = this.#idList(body);
        if (!ids) return;
        const known = ids.map((id) => this.#unacked.get(id));
        if (ids.length > 0 && known.every((m) => m !== undefined)) {
          this.#acknowledgedByAnswer(msgId);
          for (const message of known) {
            if (!this.#outbox.includes(message!)) this.#outbox.push(message!);
          }
          return;
        }
        return this.#stateInfo(msgId, ids);
      }
      case ID.destroySession: {
        const request = this.#decode(body);
        if (!request) return;
        const target = request.session_id as bigint;
        const existed = target !== this.sessionId &&
          this.host.destroySession(this.authKey.id, target);
        const answer = {
          _: existed ? "destroy_session_ok" : "destroy_session_none",
          session_id: target,
        };
        return this.#sendResult(msgId, serialize(answer as TLObject));
      }
      case ID.rpcDropAnswer: {
        const request = this.#decode(body);
        if (!request) return;
        return this.#sendResult(
          msgId,
          serialize(
            this.#dropAnswer(
              request.req_msg_id as bigint,
            ) as unknown as TLObject,
          ),
        );
      }
      case ID.destroyAuthKey:
        this.#destroyKeyAfterFlush = true;
        return this.#sendResult(msgId, serialize({ _: "destroy_auth_key_ok" }));
      case ID.httpWait:
        return;
      default:
        if (isQuery) return this.#startCall(msgId, body);
        // Any other constructor (a client echoing service objects, say) needs no answer.
        return;
    }
  }

  #decode(body: Uint8Array): Record<string, unknown> | undefined {
    try {
      return deserialize(body) as unknown as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }

  /**
   * The `msg_ids` of msgs_ack, msgs_state_req or msg_resend_req; undefined
   * when undecodable, or when over Telegram's 8192 (then −429, as for any
   * exceeded service-message limit).
   */
  #idList(body: Uint8Array): bigint[] | undefined {
    const ids = this.#decode(body)?.msg_ids as bigint[] | undefined;
    if (ids && ids.length > MAX_IDS) {
      this.#link?.sendError(-429);
      return undefined;
    }
    return ids;
  }

  #stateInfo(msgId: bigint, ids: bigint[] | undefined): void {
    if (!ids) return;
    const info = new Uint8Array(ids.length);
    for (let i = 0; i < info.length; i++) {
      info[i] = this.#received.status(ids[i]);
    }
    this.#acknowledgedByAnswer(msgId);
    this.#enqueue({ _: "msgs_state_info", req_msg_id: msgId, info }, false);
  }

  #dropAnswer(reqMsgId: bigint): Record<string, unknown> {
    const running = this.#running.get(reqMsgId);
    if (running) {
      running.dropped = true;
      return { _: "rpc_answer_dropped_running" };
    }
    const delayed = this.#delayed.get(reqMsgId);
    if (delayed) {
      this.host.timers.cancel(delayed.timer);
      this.#delayed.delete(reqMsgId);
      return {
        _: "rpc_answer_dropped",
        msg_id: this.#msgIds.next(true),
        seq_no: this.#contentCount * 2 + 1,
        bytes: delayed.body.length,
      };
    }
    return { _: "rpc_answer_unknown" };
  }

  #startCall(msgId: bigint, body: Uint8Array): void {
    const outcome = this.host.dispatcher.call(
      body,
      this.host.rpcContext(this, msgId),
    );
    if (!(outcome instanceof Promise)) {
      return this.#finishCall(msgId, outcome, false);
    }
    this.#running.set(msgId, { dropped: false });
    outcome.then((result) => this.#finishCall(msgId, result, true));
  }

  #finishCall(msgId: bigint, outcome: RpcOutcome, async: boolean): void {
    const running = this.#running.get(msgId);
    this.#running.delete(msgId);
    let result = outcome.bytes;
    if (running?.dropped) {
      result = serialize({ _: "rpc_answer_dropped_running" });
    }
    if (result.length > GZIP_THRESHOLD) {
      const packed = gzipPack(result);
      if (packed.length < result.length) result = packed;
    }
    this.#sendResult(msgId, result);
    if (async) this.flush();
  }

  /** Sends `rpc_result` for request `reqMsgId`, honouring the delay and drop knobs. */
  #sendResult(reqMsgId: bigint, result: Uint8Array): void {
    const body = encodeRpcResult(reqMsgId, result);
    const delay = this.host.knobs.responseDelayMs;
    if (delay > 0) {
      // Held back: the request is acknowledged now (by the pending msgs_ack), answered later.
      const timer = this.host.timers.after(delay, () => {
        this.#delayed.delete(reqMsgId);
        this.#answered(reqMsgId);
        this.#enqueueContent(reqMsgId, body);
        this.flush();
      });
      this.#delayed.set(reqMsgId, { timer, body });
      return;
    }
    this.#answered(reqMsgId);
    this.#enqueueContent(reqMsgId, body);
  }

  #enqueueContent(reqMsgId: bigint | undefined, body: Uint8Array): void {
    const message: OutMessage = {
      msgId: this.#msgIds.next(reqMsgId !== undefined),
      seqno: this.#contentCount++ * 2 + 1,
      body,
      content: true,
    };
    if (reqMsgId !== undefined) {
      const entry = this.#received.get(reqMsgId);
      if (entry) entry.answerMsgId = message.msgId;
    }
    this.#remember(message);
    // The drop knob: generated and remembered (so a resend or a new connection recovers it), never transmitted.
    if (reqMsgId !== undefined && this.host.knobs.takeDroppedResponse()) return;
    this.#outbox.push(message);
  }

  #remember(message: OutMessage): void {
    this.#unacked.set(message.msgId, message);
    if (this.#unacked.size > MAX_UNACKED) {
      this.#unacked.delete(this.#unacked.keys().next().value!);
    }
  }

  /** Marks a client message as answered by `rpc_result`: its content-related answer doubles as the acknowledgement. */
  #answered(msgId: bigint): void {
    this.#pendingAcks.delete(msgId);
    const entry = this.#received.get(msgId);
    if (entry) entry.answered = true;
  }

  /**
   * Marks a client message answered by a service message that is not
   * content-related (`future_salts`, `msgs_state_info`, a resend): "the
   * response serves as the acknowledgment of the query", but no
   * content-related answer exists (status +8, not +64).
   */
  #acknowledgedByAnswer(msgId: bigint): void {
    this.#pendingAcks.delete(msgId);
    const entry = this.#received.get(msgId);
    if (entry) entry.acknowledged = true;
  }

  /**
   * A `ping`: "these messages do not require acknowledgments", and `pong` is
   * not content-related, so a state request reports it received and needing
   * no ack (status 4 + 16), not answered.
   */
  #needsNoAck(msgId: bigint): void {
    this.#pendingAcks.delete(msgId);
    const entry = this.#received.get(msgId);
    if (entry) entry.needsAck = false;
  }

  /** Queues a service message; `content` ones need the client's ack. */
  #enqueue(object: Record<string, unknown>, content: boolean): void {
    const body = serialize(object as unknown as TLObject);
    if (content) return this.#enqueueContent(undefined, body);
    this.#outbox.push({
      msgId: this.#msgIds.next(true),
      seqno: this.#contentCount * 2,
      body,
      content: false,
    });
  }

  #badMsg(msgId: bigint, seqno: number, code: number): void {
    this.#enqueue({
      _: "bad_msg_notification",
      bad_msg_id: msgId,
      bad_msg_seqno: seqno,
      error_code: code,
    }, false);
  }

  /** A msg_id seen before: resend its answer if we still hold it, else acknowledge again. */
  #duplicate(msgId: bigint): void {
    const entry = this.#received.get(msgId)!;
    if (entry.answerMsgId !== undefined) {
      const answer = this.#unacked.get(entry.answerMsgId);
      if (answer && !this.#outbox.includes(answer)) {
        this.#outbox.push(answer);
        return;
      }
      if (!answer) {
        this.#enqueue(
          {
            _: "msg_detailed_info",
            msg_id: msgId,
            answer_msg_id: entry.answerMsgId,
            bytes: 0,
            status: 0,
          },
          false,
        );
        return;
      }
    }
    if (entry.needsAck && !entry.answered) this.#pendingAcks.add(msgId);
  }

  #requeueUnacked(): void {
    const queued = new Set(this.#outbox.map((m) => m.msgId));
    const resend = [...this.#unacked.values()].filter((m) =>
      !queued.has(m.msgId)
    );
    this.#outbox = [...resend, ...this.#outbox].sort((
      a,
      b,
    ) => (a.msgId < b.msgId ? -1 : a.msgId > b.msgId ? 1 : 0));
  }

  /** Whether the session currently has an open connection (updates are pushed only then). */
  get linked(): boolean {
    return this.#link !== undefined && !this.#link.closed;
  }

  /** Queues a server-initiated content message (an update), msg_id ≡ 3 (mod 4). */
  pushUpdate(body: Uint8Array): void {
    const layer = this.authKey.connection?.layer;
    if (layer !== undefined && layer < SERVER_LAYER) {
      // In the layer the client declared, as Telegram sends it.
      body = serialize(
        forClientLayer(deserialize(body), layer) as TLObject,
      );
    }
    this.#enqueueContent(undefined, body);
    this.flush();
  }

  /** Sends everything queued (and the pending acks) to the current connection, if there is one. */
  flush(): void {
    const link = this.#link;
    if (!link || link.closed) return;
    if (this.#pendingAcks.size > 0) {
      const ids = [...this.#pendingAcks];
      this.#pendingAcks.clear();
      for (let i = 0; i < ids.length; i += MAX_IDS) {
        for (const id of ids.slice(i, i + MAX_IDS)) {
          const entry = this.#received.get(id);
          if (entry) entry.acknowledged = true;
        }
        this.#enqueue(
          { _: "msgs_ack", msg_ids: ids.slice(i, i + MAX_IDS) },
          false,
        );
      }
    }
    if (this.#outbox.length === 0) return;
    const messages = this.#outbox;
    this.#outbox = [];
    let group: OutMessage[] = [];
    let groupBytes = 0;
    const sendGroup = () => {
      if (group.length === 1) this.#transmit(group[0]);
      else if (group.length > 1) {
        const body = encodeMsgContainer(
          group.map((m) => ({ msg_id: m.msgId, seqno: m.seqno, body: m.body })),
        );
        this.#transmit({
          msgId: this.#msgIds.next(true),
          seqno: this.#contentCount * 2,
          body,
          content: false,
        });
      }
      group = [];
      groupBytes = 0;
    };
    for (const message of messages) {
      if (
        group.length >= MAX_CONTAINER_LENGTH - 4 ||
        (group.length > 0 &&
          groupBytes + message.body.length > MAX_PACKET_BYTES)
      ) {
        sendGroup();
      }
      group.push(message);
      groupBytes += message.body.length + 16;
    }
    sendGroup();
    if (this.#destroyKeyAfterFlush) {
      this.#destroyKeyAfterFlush = false;
      this.host.destroyAuthKey(this.authKey.id);
    }
  }

  #transmit(message: OutMessage): void {
    const link = this.#link!;
    const malicious = this.host.knobs.malicious;
    const plaintext = new Uint8Array(32 + message.body.length);
    const view = new DataView(plaintext.buffer);
    view.setBigInt64(
      0,
      BigInt.asIntN(64, this.authKey.salts.current(this.host.clock.now())),
      true,
    );
    view.setBigInt64(
      8,
      malicious === "wrong_session_id" ? this.sessionId ^ 1n : this.sessionId,
      true,
    );
    view.setBigInt64(16, message.msgId, true);
    view.setInt32(24, message.seqno, true);
    view.setInt32(28, message.body.length, true);
    plaintext.set(message.body, 32);
    const packet = encryptMessage(this.authKey.key, plaintext, "server");
    if (malicious === "wrong_msg_key") packet[8] ^= 0xff;
    link.sendPayload(packet);
    if (malicious === "replay") link.sendPayload(packet.slice());
  }

  /** Cancels this session's timers (it is being forgotten). */
  dispose(): void {
    for (const { timer } of this.#delayed.values()) {
      this.host.timers.cancel(timer);
    }
    this.#delayed.clear();
    this.#link = undefined;
  }
}
