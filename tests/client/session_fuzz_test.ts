/**
 * Seeded fuzzing of the session layer against a hostile server: every packet
 * passes the envelope (encrypted with the session's auth key, for its
 * session id) but its plaintext is hostile. `unpack` must return events or
 * throw a typed error, requests must end exactly once (or stay pending), and
 * nothing may grow without bound.
 *
 * @module
 */

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SecurityError } from "../../crypto/mod.ts";
import {
  encodeMsgContainer,
  encodeRpcResult,
  gzipPack,
  type InnerMessage,
  serialize,
  TLError,
  type TLObject,
} from "../../tl/mod.ts";
import { Session } from "../../client/session.ts";
import type { SessionEvent } from "../../client/session_events.ts";
import { RpcError } from "../../client/rpc_error.ts";
import {
  BadMessageError,
  RequestAbortedError,
} from "../../client/session_errors.ts";
import { concat, FakeServer, int32Bytes, int64Bytes } from "./fake_server.ts";
import { fromHex, loadAuthKeySample } from "./helpers.ts";
import { mutate, Rng } from "./fuzz_rng.ts";

const AUTH_KEY = fromHex(loadAuthKeySample().values.auth_key);
const T = 1_700_000_000;
const T_MS = T * 1000;

const MSG_CONTAINER_ID = 0x73f1f8dc;
const RPC_RESULT_ID = 0xf35c6d01;
const GZIP_PACKED_ID = 0x3072cfa1;
const VECTOR_ID = 0x1cb5c415;
/** Constructor ids of the service messages a server sends. */
const SERVICE_IDS = [
  MSG_CONTAINER_ID,
  RPC_RESULT_ID,
  GZIP_PACKED_ID,
  0x2144ca19, // rpc_error
  0x347773c5, // pong
  0xae500895, // future_salts
  0xedab447b, // bad_server_salt
  0xa7eff811, // bad_msg_notification
  0x9ec20908, // new_session_created
  0x62d6b459, // msgs_ack
  0xda69fb52, // msgs_state_req
  0x04deb57d, // msgs_state_info
  0x8cc0d131, // msgs_all_info
  0x276d3ec6, // msg_detailed_info
  0x809db6df, // msg_new_detailed_info
  0x7d861a08, // msg_resend_req
  0xe22045fc, // destroy_session_ok
  0x74ae4240, // updates
];

/** Errors a hostile server may legitimately cause. */
function isTyped(error: unknown): boolean {
  return error instanceof SecurityError || error instanceof TLError ||
    error instanceof BadMessageError || error instanceof RequestAbortedError ||
    error instanceof RpcError;
}

function describeError(error: unknown): string {
  return error instanceof Error
    ? `${error.name}: ${error.message}\n${error.stack}`
    : String(error);
}

/** A session with requests in flight, the server that talks to it, and the bookkeeping to check it. */
class Harness {
  readonly session: Session;
  readonly server = new FakeServer(AUTH_KEY, T);
  /** Request ids of the caller's, not yet settled. */
  readonly open = new Set<bigint>();
  /** Every msg_id the client sent (requests, containers, acks). */
  readonly clientMsgIds: bigint[] = [];
  /** msg_ids of the server's messages delivered so far. */
  readonly serverMsgIds: bigint[] = [];
  nowMs = T_MS;
  /** How often each event type (and error class) came out: proof the fuzz reaches the paths. */
  readonly seen = new Map<string, number>();

  constructor(readonly rng: Rng) {
    this.session = new Session({
      authKey: AUTH_KEY,
      serverSalt: 1n,
      random: (n) => rng.bytes(n),
      fetchFutureSalts: true,
      maxResends: 3,
    });
    for (let i = 0; i < 4; i++) this.enqueue();
    this.flush();
  }

  enqueue(): void {
    const fn = this.rng.pick([
      () => ({ _: "ping" as const, ping_id: this.rng.bigint64() }),
      () => ({ _: "help.getConfig" as const }),
      () => ({ _: "help.getNearestDc" as const }),
      () => ({
        _: "invokeWithLayer" as const,
        layer: 228,
        query: { _: "help.getConfig" as const },
      }),
    ])();
    this.open.add(this.session.enqueue(fn, this.nowMs));
  }

  /** Packs everything and records the msg_ids that went out. */
  flush(): void {
    for (let i = 0; i < 50; i++) {
      const packet = this.session.pack(this.nowMs);
      if (packet === undefined) return;
      const opened = this.server.open(packet);
      this.clientMsgIds.push(opened.msgId);
      for (const m of opened.messages) this.clientMsgIds.push(m.msg_id);
    }
    assert.fail("pack keeps producing packets");
  }

  /** A msg_id the client sent, or a random one. */
  someReqId(): bigint {
    if (this.clientMsgIds.length > 0 && this.rng.chance(0.7)) {
      return this.rng.pick(this.clientMsgIds);
    }
    return this.rng.bigint64();
  }

  /** Delivers one packet and checks every invariant on the outcome. */
  deliver(
    body: Uint8Array,
    header: { msgId?: bigint; seqno?: number } = {},
  ): SessionEvent[] {
    const msgId = header.msgId ?? this.server.nextMsgId(this.rng.chance(0.5));
    this.serverMsgIds.push(msgId);
    const packet = this.server.seal(this.session.sessionId, body, {
      msgId,
      seqno: header.seqno ?? this.rng.int(4),
    });
    let events: SessionEvent[] = [];
    try {
      events = this.session.unpack(packet, this.nowMs);
    } catch (error) {
      if (!isTyped(error)) {
        assert.fail(`unpack threw an untyped error: ${describeError(error)}`);
      }
    }
    for (const event of events) this.check(event);
    assert.equal(
      this.session.pendingRequests,
      this.open.size,
      "every request is settled exactly once or still pending",
    );
    return events;
  }

  check(event: SessionEvent): void {
    const key = event.type === "error" || event.type === "ignored"
      ? `${event.type}:${event.error.name}`
      : event.type;
    this.seen.set(key, (this.seen.get(key) ?? 0) + 1);
    switch (event.type) {
      case "result":
      case "error":
        assert.ok(
          this.open.delete(event.requestId),
          `request ${event.requestId} settled twice or never sent`,
        );
        if (event.type === "error" && !isTyped(event.error)) {
          assert.fail(
            `request failed with an untyped error: ${
              describeError(event.error)
            }`,
          );
        }
        return;
      case "ignored":
        assert.ok(event.error instanceof SecurityError);
        return;
      case "update":
      case "new_session":
      case "salt":
      case "time_offset":
        return;
      default:
        assert.fail(`unknown event ${JSON.stringify(event)}`);
    }
  }

  /** Between packets: keep the session moving as the client would. */
  step(): void {
    if (this.rng.chance(0.1)) this.enqueue();
    if (this.rng.chance(0.05)) this.nowMs += this.rng.int(20_000);
    if (this.rng.chance(0.2)) {
      const events = this.session.tick(this.nowMs);
      for (const event of events) this.check(event);
    }
    if (this.rng.chance(0.02)) this.session.connectionReset(this.nowMs);
    if (this.rng.chance(0.3)) this.flush();
  }
}

/** Builders of hostile (or valid, to mutate) message bodies. */
function hostileBody(h: Harness, depth = 0): Uint8Array {
  const rng = h.rng;
  // Inside a container: small bodies only, and no further containers.
  const kind = depth === 0
    ? rng.int(16)
    : rng.pick([0, 1, 3, 5, 6, 8, 11, 13, 15]);
  switch (kind) {
    case 0: // random bytes, maybe behind a real constructor id
      return rng.chance(0.5)
        ? rng.words(rng.int(64))
        : concat(int32Bytes(rng.pick(SERVICE_IDS)), rng.words(rng.int(64)));
    case 1: { // a valid service message cut short
      const full = validServiceBody(h);
      return full.subarray(0, Math.max(4, rng.int(full.length >> 2) * 4));
    }
    case 2:
      return hostileContainer(h);
    case 3: { // rpc_result with a garbage or truncated result
      const result = rng.pick([
        () => rng.words(rng.int(40)),
        () =>
          serialize({
            _: "rpc_error",
            error_code: 420,
            error_message: "FLOOD_WAIT_x",
          }),
        () =>
          serialize({
            _: "rpc_error",
            error_code: rng.int32(),
            error_message: "\u0000\u00ff",
          }),
        () => concat(int32Bytes(0x2144ca19), rng.words(rng.int(4))),
        () => concat(int32Bytes(GZIP_PACKED_ID), rng.words(rng.int(16))),
        () => gzipPack(rng.words(rng.int(64))),
        () => serialize({ _: "pong", msg_id: 1n, ping_id: 2n }),
        () => int32Bytes(0x997275b5), // boolTrue
      ])();
      return encodeRpcResult(h.someReqId(), result);
    }
    case 4: // gzip_packed garbage at the top level
      return rng.pick([
        () => concat(int32Bytes(GZIP_PACKED_ID), rng.words(rng.int(32))),
        () => gzipPack(rng.words(rng.int(64))),
        () => mutate(rng, gzipPack(validServiceBody(h))),
        () => gzipPack(hostileContainer(h)),
      ])();
    case 5:
      return serialize({
        _: "bad_msg_notification",
        bad_msg_id: h.someReqId(),
        bad_msg_seqno: rng.int32(),
        error_code: rng.pick([
          16,
          17,
          18,
          19,
          20,
          32,
          33,
          34,
          35,
          48,
          64,
          0,
          -1,
          rng.int32(),
        ]),
      });
    case 6:
      return serialize({
        _: "bad_server_salt",
        bad_msg_id: h.someReqId(),
        bad_msg_seqno: rng.int32(),
        error_code: 48,
        new_server_salt: rng.bigint64(),
      });
    case 7:
      return serialize({
        _: "msgs_ack",
        msg_ids: Array.from(
          { length: rng.int(rng.chance(0.05) ? 20_000 : 50) },
          () => h.someReqId(),
        ),
      });
    case 8:
      return serialize({
        _: "new_session_created",
        first_msg_id: rng.chance(0.5) ? h.someReqId() : rng.bigint64(),
        unique_id: rng.bigint64(),
        server_salt: rng.bigint64(),
      });
    case 9:
      return serialize({
        _: "future_salts",
        req_msg_id: h.someReqId(),
        now: rng.int32(),
        salts: Array.from(
          { length: rng.int(rng.chance(0.1) ? 5000 : 40) },
          () => ({
            _: "future_salt" as const,
            valid_since: rng.int32(),
            valid_until: rng.int32(),
            salt: rng.bigint64(),
          }),
        ),
      });
    case 10:
      return serialize({
        _: "msgs_state_req",
        msg_ids: Array.from(
          { length: rng.int(rng.chance(0.05) ? 10_000 : 30) },
          () =>
            rng.chance(0.5) && h.serverMsgIds.length > 0
              ? rng.pick(h.serverMsgIds)
              : rng.bigint64(),
        ),
      });
    case 11: {
      const count = rng.int(40);
      const ids = Array.from({ length: count }, () => h.someReqId());
      const info = rng.bytes(rng.chance(0.5) ? count : rng.int(60));
      return serialize(
        rng.chance(0.5)
          ? { _: "msgs_state_info", req_msg_id: h.someReqId(), info }
          : { _: "msgs_all_info", msg_ids: ids, info },
      );
    }
    case 12:
      return serialize(
        rng.chance(0.5)
          ? {
            _: "msg_detailed_info",
            msg_id: h.someReqId(),
            answer_msg_id: rng.bigint64(),
            bytes: rng.int32(),
            status: rng.int32(),
          }
          : {
            _: "msg_new_detailed_info",
            answer_msg_id: rng.chance(0.5) && h.serverMsgIds.length > 0
              ? rng.pick(h.serverMsgIds)
              : rng.bigint64(),
            bytes: rng.int32(),
            status: rng.int32(),
          },
      );
    case 13:
      return serialize({
        _: "msg_resend_req",
        msg_ids: Array.from({ length: rng.int(30) }, () => h.someReqId()),
      });
    case 14: // a vector with an absurd count behind a service id
      return concat(
        int32Bytes(rng.pick([0x62d6b459, 0xda69fb52, 0x7d861a08, 0x8cc0d131])),
        int32Bytes(VECTOR_ID),
        int32Bytes(rng.pick([0x7fffffff, -1, 0x10000000, rng.int32()])),
        rng.words(rng.int(8)),
      );
    default: // a valid message, mutated
      return mutate(rng, validServiceBody(h));
  }
}

function validServiceBody(h: Harness): Uint8Array {
  const rng = h.rng;
  const objects: (() => TLObject)[] = [
    () => ({ _: "pong", msg_id: h.someReqId(), ping_id: rng.bigint64() }),
    () => ({ _: "msgs_ack", msg_ids: [h.someReqId(), h.someReqId()] }),
    () => ({
      _: "bad_msg_notification",
      bad_msg_id: h.someReqId(),
      bad_msg_seqno: 1,
      error_code: 18,
    }),
    () => ({
      _: "new_session_created",
      first_msg_id: h.someReqId(),
      unique_id: 5n,
      server_salt: 7n,
    }),
    () => ({ _: "updatesTooLong" }),
    () => ({
      _: "future_salts",
      req_msg_id: h.someReqId(),
      now: T,
      salts: [{
        _: "future_salt",
        valid_since: T,
        valid_until: T + 1800,
        salt: 9n,
      }],
    }),
  ];
  if (rng.chance(0.3)) {
    return encodeRpcResult(
      h.someReqId(),
      serialize({ _: "rpc_error", error_code: 400, error_message: "BAD" }),
    );
  }
  return serialize(rng.pick(objects)());
}

function hostileContainer(h: Harness): Uint8Array {
  const rng = h.rng;
  if (rng.chance(0.3)) {
    // A header that lies about its count or lengths.
    return concat(
      int32Bytes(MSG_CONTAINER_ID),
      int32Bytes(rng.pick([0x7fffffff, -1, 1_000_000, 1021, rng.int(5)])),
      int64Bytes(h.server.nextMsgId()),
      int32Bytes(rng.int(4)),
      int32Bytes(rng.pick([-4, 0x7ffffffc, 3, 1 << 30, rng.int(64)])),
      rng.words(rng.int(16)),
    );
  }
  const messages: InnerMessage[] = [];
  const count = rng.int(rng.chance(0.02) ? 1020 : 6);
  for (let i = 0; i < count; i++) {
    const roll = rng.int(10);
    const msg_id = roll === 0
      ? h.server.nextMsgId() - 1n // even: wrong parity
      : roll === 1 && h.serverMsgIds.length > 0
      ? rng.pick(h.serverMsgIds) // duplicate
      : roll === 2
      ? rng.bigint64() // out of time bounds
      : h.server.nextMsgId(rng.chance(0.5));
    const body = rng.chance(0.05)
      ? encodeMsgContainer([{ // a container inside a container
        msg_id: h.server.nextMsgId(),
        seqno: 1,
        body: validServiceBody(h),
      }])
      : rng.chance(0.5)
      ? validServiceBody(h)
      : hostileBody(h, 1);
    messages.push({ msg_id, seqno: rng.int(8), body: padTo4(body) });
  }
  return encodeMsgContainer(messages);
}

function padTo4(bytes: Uint8Array): Uint8Array {
  if (bytes.length % 4 === 0) return bytes;
  return concat(bytes, new Uint8Array(4 - (bytes.length % 4)));
}

function hostileHeader(h: Harness): { msgId?: bigint; seqno?: number } {
  const rng = h.rng;
  switch (rng.int(12)) {
    case 0:
      return { msgId: h.server.nextMsgId() - 1n }; // even
    case 1:
      return h.serverMsgIds.length > 0
        ? { msgId: rng.pick(h.serverMsgIds) } // duplicate
        : {};
    case 2:
      return { msgId: (BigInt(T + 3600) << 32n) | 1n }; // an hour ahead
    case 3:
      return { msgId: (BigInt(T - 3600) << 32n) | 1n }; // an hour behind
    case 4:
      return { msgId: rng.bigint64() | 1n, seqno: rng.int32() };
    default:
      return {};
  }
}

const CASES = 4000;

describe("Session.unpack against a hostile server (seeded fuzz)", () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: typed errors only, no request lost or settled twice`, () => {
      const rng = new Rng(seed);
      const h = new Harness(rng);
      for (let i = 0; i < CASES; i++) {
        const body = padTo4(hostileBody(h));
        try {
          h.deliver(body, hostileHeader(h));
          h.step();
        } catch (error) {
          throw new Error(`seed ${seed}, case ${i}: ${describeError(error)}`, {
            cause: error,
          });
        }
      }
      for (
        const key of [
          "result",
          "error:RpcError",
          "error:BadMessageError",
          "error:TLError",
          "ignored:SecurityError",
          "update",
          "new_session",
          "salt",
        ]
      ) {
        assert.ok(h.seen.has(key), `the fuzz never produced ${key}`);
      }
    });
  }

  it("a tampered envelope is a SecurityError", () => {
    const rng = new Rng(11);
    const h = new Harness(rng);
    let rejected = 0;
    for (let i = 0; i < 500; i++) {
      const packet = h.server.seal(h.session.sessionId, validServiceBody(h));
      const bad = rng.chance(0.5)
        ? mutate(rng, packet)
        : packet.subarray(0, rng.int(packet.length));
      if (
        bad.length === packet.length && bad.every((b, j) => b === packet[j])
      ) {
        continue;
      }
      try {
        h.session.unpack(bad, h.nowMs);
        assert.fail("a tampered packet was accepted");
      } catch (error) {
        assert.ok(error instanceof SecurityError, describeError(error));
        rejected++;
      }
    }
    assert.ok(rejected > 400);
  });

  it("a gzip bomb is ignored (bounded inflation), at the top level and inside rpc_result", () => {
    const h = new Harness(new Rng(21));
    const bomb = gzipPack(new Uint8Array(17 * 1024 * 1024));
    assert.ok(bomb.length < 64 * 1024, "the bomb is small on the wire");
    const top = h.deliver(bomb);
    assert.ok(
      top.some((e) => e.type === "ignored" && /bound/.test(e.error.message)),
      "the top-level bomb is reported as ignored",
    );
    const requestId = [...h.open][0];
    const events = h.deliver(encodeRpcResult(requestId, bomb));
    const failed = events.find((e) => e.type === "error");
    assert.ok(failed?.type === "error" && failed.error instanceof TLError);
    assert.equal(failed.requestId, requestId);
  });

  it("a storm of new_session_created never loses a request", () => {
    const h = new Harness(new Rng(31));
    for (let i = 0; i < 2000; i++) {
      h.deliver(serialize({
        _: "new_session_created",
        first_msg_id: BigInt(T + 10) << 32n,
        unique_id: BigInt(i),
        server_salt: BigInt(i),
      }));
      h.flush();
    }
    // Every request was re-sent until it ran out of retries, and failed with a typed error.
    assert.equal(h.open.size, 0);
    assert.equal(h.session.pendingRequests, 0);
    assert.equal(h.seen.get("error:RequestAbortedError"), 4);
  });

  it("the window of seen server msg_ids stays bounded", () => {
    const h = new Harness(new Rng(41));
    const first = h.server.nextMsgId(false);
    h.deliver(serialize({ _: "updatesTooLong" }), { msgId: first, seqno: 0 });
    const probe = () => {
      h.flush();
      const ask = h.server.nextMsgId(false);
      h.deliver(serialize({ _: "msgs_state_req", msg_ids: [first] }), {
        msgId: ask,
        seqno: 0,
      });
      for (let i = 0; i < 5; i++) {
        const packet = h.session.pack(h.nowMs);
        if (packet === undefined) break;
        for (const m of h.server.open(packet).messages) {
          const info = m.body;
          // msgs_state_info#04deb57d req_msg_id:long info:bytes
          if (
            new DataView(info.buffer, info.byteOffset).getUint32(0, true) !==
              0x04deb57d
          ) continue;
          return info[4 + 8 + 1]; // one status byte after the bytes' length byte
        }
      }
      assert.fail("no msgs_state_info");
    };
    assert.equal(probe(), 4 | 8, "a recent id is remembered");
    // 10 000 containers of one message each: every one is a fresh id.
    for (let i = 0; i < 10_000; i += 100) {
      h.deliver(encodeMsgContainer(
        Array.from({ length: 100 }, () => ({
          msg_id: h.server.nextMsgId(false),
          seqno: 0,
          body: serialize({ _: "msgs_ack", msg_ids: [] }),
        })),
      ));
    }
    assert.equal(probe(), 1, "an id past the window is forgotten");
  });
});
