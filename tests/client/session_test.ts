import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SecurityError } from "../../crypto/mod.ts";
import { encodeRpcResult, gzipPack, serialize } from "../../tl/mod.ts";
import { Session, type SessionOptions } from "../../client/session.ts";
import type { SessionEvent } from "../../client/session_events.ts";
import { FloodWait, RpcError } from "../../client/rpc_error.ts";
import {
  BadMessageError,
  RequestAbortedError,
} from "../../client/session_errors.ts";
import { concat, FakeServer, int32Bytes, int64Bytes } from "./fake_server.ts";
import {
  fromHex,
  loadAuthKeySample,
  scriptedRandom,
  toHex,
} from "./helpers.ts";

const AUTH_KEY = fromHex(loadAuthKeySample().values.auth_key);
/** A whole second, so msg_ids are exactly seconds << 32 (plus the +4 steps of monotonicity). */
const T = 1_700_000_000;
const T_MS = T * 1000;
const SESSION_ID_BYTES = fromHex("0102030405060708");
const SESSION_ID = 0x0807060504030201n;
const SALT = 0x1122334455667788n;

const PING_ID = 0x7abe77ec;
const PONG_ID = 0x347773c5;
const MSGS_ACK_ID = 0x62d6b459;
const VECTOR_ID = 0x1cb5c415;
const MSG_CONTAINER_ID = 0x73f1f8dc;

function newSession(options: Partial<SessionOptions> = {}): Session {
  return new Session({
    authKey: AUTH_KEY,
    serverSalt: SALT,
    random: scriptedRandom(
      SESSION_ID_BYTES,
      fromHex("1112131415161718"),
      fromHex("2122232425262728"),
    ),
    fetchFutureSalts: false,
    ...options,
  });
}

const pingBody = (id: bigint) => concat(int32Bytes(PING_ID), int64Bytes(id));
const pongBody = (msgId: bigint, id: bigint) =>
  concat(int32Bytes(PONG_ID), int64Bytes(msgId), int64Bytes(id));
const idAt = (seconds: number, step = 0) =>
  (BigInt(seconds) << 32n) + BigInt(step * 4);

function only<T extends SessionEvent["type"]>(
  events: SessionEvent[],
  type: T,
): Extract<SessionEvent, { type: T }>[] {
  return events.filter((e): e is Extract<SessionEvent, { type: T }> =>
    e.type === type
  );
}

describe("Session.pack", () => {
  it("puts two requests and an ack in a container, byte for byte", () => {
    const session = newSession();
    const server = new FakeServer(AUTH_KEY, T);
    const updateId = server.nextMsgId(false);
    const events = session.unpack(
      server.seal(SESSION_ID, { _: "updatesTooLong" }, {
        msgId: updateId,
        seqno: 1,
      }),
      T_MS,
    );
    assert.deepEqual(events.map((e) => e.type), ["update"]);

    const first = session.enqueue({ _: "ping", ping_id: 1n }, T_MS);
    const second = session.enqueue({ _: "ping", ping_id: 2n }, T_MS);
    assert.equal(first, idAt(T, 0));
    assert.equal(second, idAt(T, 1));
    const packet = session.pack(T_MS)!;
    assert.equal(session.pack(T_MS), undefined, "nothing left to send");

    const ackBody = concat(
      int32Bytes(MSGS_ACK_ID),
      int32Bytes(VECTOR_ID),
      int32Bytes(1),
      int64Bytes(updateId),
    );
    const message = (msgId: bigint, seqno: number, body: Uint8Array) =>
      concat(
        int64Bytes(msgId),
        int32Bytes(seqno),
        int32Bytes(body.length),
        body,
      );
    const container = concat(
      int32Bytes(MSG_CONTAINER_ID),
      int32Bytes(3),
      message(idAt(T, 0), 1, pingBody(1n)),
      message(idAt(T, 1), 3, pingBody(2n)),
      message(idAt(T, 2), 4, ackBody),
    );
    const expected = concat(
      int64Bytes(SALT),
      int64Bytes(SESSION_ID),
      int64Bytes(idAt(T, 3)),
      int32Bytes(4),
      int32Bytes(container.length),
      container,
    );
    assert.equal(toHex(server.open(packet).plain), toHex(expected));
  });

  it("sends a lone request without a container and gzips only when it saves space", () => {
    const session = newSession({ gzipThreshold: 64 });
    const server = new FakeServer(AUTH_KEY, T);
    session.enqueue({ _: "ping", ping_id: 7n }, T_MS);
    const opened = server.open(session.pack(T_MS)!);
    assert.equal(toHex(opened.body), toHex(pingBody(7n)));
    assert.equal(opened.seqno, 1);

    const text = "a".repeat(4000);
    session.enqueue({ _: "help.getPassportConfig", hash: 0 }, T_MS);
    session.enqueue({
      _: "langpack.getStrings",
      lang_pack: text,
      lang_code: "en",
      keys: [],
    }, T_MS);
    const both = server.open(session.pack(T_MS)!);
    assert.equal(both.messages.length, 2);
    const [small, large] = both.messages;
    assert.equal(
      toHex(small.body),
      toHex(serialize({ _: "help.getPassportConfig", hash: 0 })),
    );
    assert.equal(
      toHex(large.body),
      toHex(
        gzipPack(
          serialize({
            _: "langpack.getStrings",
            lang_pack: text,
            lang_code: "en",
            keys: [],
          }),
        ),
      ),
    );
    assert.ok(large.body.length < 4000);
  });

  it("keeps msg_ids increasing and divisible by 4 even when the clock stands still", () => {
    const session = newSession();
    let last = 0n;
    for (let i = 0; i < 50; i++) {
      const id = session.enqueue({ _: "ping", ping_id: BigInt(i) }, T_MS);
      assert.equal(id % 4n, 0n);
      assert.ok(id > last);
      last = id;
    }
  });
});

describe("Session.unpack", () => {
  function sentRequest(session: Session, server: FakeServer) {
    const requestId = session.enqueue({ _: "ping", ping_id: 9n }, T_MS);
    const opened = server.open(session.pack(T_MS)!);
    return { requestId, opened };
  }

  it("resolves an rpc_result by req_msg_id, and acks it", () => {
    const session = newSession();
    const server = new FakeServer(AUTH_KEY, T);
    const requestId = session.enqueue({ _: "help.getNearestDc" }, T_MS);
    session.pack(T_MS);
    const answer = {
      _: "nearestDc",
      country: "NL",
      this_dc: 2,
      nearest_dc: 2,
    } as const;
    const msgId = server.nextMsgId();
    const events = session.unpack(
      server.seal(SESSION_ID, encodeRpcResult(requestId, serialize(answer)), {
        msgId,
      }),
      T_MS,
    );
    assert.deepEqual(events, [{ type: "result", requestId, result: answer }]);
    assert.equal(session.pendingRequests, 0);
    assert.equal(session.pendingAcks, 1);
    const ack = server.open(session.pack(T_MS)!);
    assert.equal(
      toHex(ack.body),
      toHex(
        concat(
          int32Bytes(MSGS_ACK_ID),
          int32Bytes(VECTOR_ID),
          int32Bytes(1),
          int64Bytes(msgId),
        ),
      ),
    );
    assert.equal(ack.seqno % 2, 0, "an ack is not content-related");
  });

  it("reads a gzip_packed result and a pong", () => {
    const session = newSession();
    const server = new FakeServer(AUTH_KEY, T);
    const a = session.enqueue({ _: "help.getNearestDc" }, T_MS);
    const b = session.enqueue({ _: "ping", ping_id: 5n }, T_MS);
    session.pack(T_MS);
    const answer = {
      _: "nearestDc",
      country: "x".repeat(300),
      this_dc: 1,
      nearest_dc: 3,
    } as const;
    const events = [
      ...session.unpack(
        server.seal(
          SESSION_ID,
          encodeRpcResult(a, gzipPack(serialize(answer))),
        ),
        T_MS,
      ),
      ...session.unpack(
        server.seal(SESSION_ID, pongBody(b, 5n), { seqno: 2 }),
        T_MS,
      ),
    ];
    assert.deepEqual(events, [
      { type: "result", requestId: a, result: answer },
      {
        type: "result",
        requestId: b,
        result: { _: "pong", msg_id: b, ping_id: 5n },
      },
    ]);
  });

  it("turns rpc_error into typed errors", () => {
    const session = newSession();
    const server = new FakeServer(AUTH_KEY, T);
    const a = session.enqueue({ _: "help.getConfig" }, T_MS);
    const b = session.enqueue({ _: "help.getNearestDc" }, T_MS);
    session.pack(T_MS);
    const error = (code: number, message: string) =>
      serialize({ _: "rpc_error", error_code: code, error_message: message });
    const events = [
      ...session.unpack(
        server.seal(
          SESSION_ID,
          encodeRpcResult(a, error(420, "FLOOD_WAIT_31")),
        ),
        T_MS,
      ),
      ...session.unpack(
        server.seal(
          SESSION_ID,
          encodeRpcResult(b, gzipPack(error(400, "PEER_ID_INVALID"))),
        ),
        T_MS,
      ),
    ];
    const errors = only(events, "error");
    assert.equal(errors.length, 2);
    assert.ok(errors[0].error instanceof FloodWait);
    assert.equal((errors[0].error as FloodWait).seconds, 31);
    assert.equal((errors[0].error as FloodWait).code, 420);
    assert.equal(errors[0].error.message, "FLOOD_WAIT_31");
    assert.ok(
      errors[1].error instanceof RpcError &&
        !(errors[1].error instanceof FloodWait),
    );
    assert.equal((errors[1].error as RpcError).code, 400);
  });

  it("bad_server_salt: takes the new salt and sends the request again, then resolves it once", () => {
    const session = newSession();
    const server = new FakeServer(AUTH_KEY, T);
    const { requestId, opened } = sentRequest(session, server);
    assert.equal(opened.salt, SALT);
    const newSalt = -0x0102030405060708n;
    const notice = concat(
      int32Bytes(0xedab447b),
      int64Bytes(opened.msgId),
      int32Bytes(opened.seqno),
      int32Bytes(48),
      int64Bytes(newSalt),
    );
    const events = session.unpack(
      server.seal(SESSION_ID, notice, { seqno: 0 }),
      T_MS + 10,
    );
    assert.deepEqual(events, [{ type: "salt", salt: newSalt }]);

    const retry = server.open(session.pack(T_MS + 10)!);
    assert.equal(retry.salt, newSalt);
    assert.ok(retry.msgId > opened.msgId, "a new msg_id");
    assert.equal(retry.seqno, 3, "the second content message of the session");
    assert.equal(toHex(retry.body), toHex(pingBody(9n)));

    const results = session.unpack(
      server.seal(SESSION_ID, pongBody(retry.msgId, 9n), { seqno: 2 }),
      T_MS + 20,
    );
    assert.deepEqual(results, [{
      type: "result",
      requestId,
      result: { _: "pong", msg_id: retry.msgId, ping_id: 9n },
    }]);
    // A late answer to the first msg_id is not a second result.
    assert.deepEqual(
      session.unpack(
        server.seal(SESSION_ID, pongBody(opened.msgId, 9n), { seqno: 2 }),
        T_MS + 30,
      ),
      [],
    );
  });

  it("bad_server_salt about a container sends every request in it again", () => {
    const session = newSession();
    const server = new FakeServer(AUTH_KEY, T);
    session.enqueue({ _: "ping", ping_id: 1n }, T_MS);
    session.enqueue({ _: "ping", ping_id: 2n }, T_MS);
    const first = server.open(session.pack(T_MS)!);
    assert.equal(first.messages.length, 2);
    const notice = {
      _: "bad_server_salt",
      bad_msg_id: first.msgId,
      bad_msg_seqno: first.seqno,
      error_code: 48,
      new_server_salt: 77n,
    } as const;
    session.unpack(server.seal(SESSION_ID, notice, { seqno: 0 }), T_MS);
    const again = server.open(session.pack(T_MS)!);
    assert.equal(again.salt, 77n);
    assert.deepEqual(again.messages.map((m) => toHex(m.body)), [
      toHex(pingBody(1n)),
      toHex(pingBody(2n)),
    ]);
  });

  it("time resync: a server an hour ahead (code 16) moves msg_ids forward", () => {
    const session = newSession();
    const server = new FakeServer(AUTH_KEY, T + 3600);
    const { requestId, opened } = sentRequest(session, server);
    const notice = {
      _: "bad_msg_notification",
      bad_msg_id: opened.msgId,
      bad_msg_seqno: opened.seqno,
      error_code: 16,
    } as const;
    const events = session.unpack(
      server.seal(SESSION_ID, notice, { seqno: 0 }),
      T_MS,
    );
    assert.deepEqual(events.map((e) => e.type), ["time_offset"]);
    assert.ok(Math.abs(session.timeOffset - 3600) < 1);
    const retry = server.open(session.pack(T_MS)!);
    assert.ok(retry.msgId >> 32n >= BigInt(T + 3599));
    assert.equal(retry.sessionId, SESSION_ID, "same session");
    const results = session.unpack(
      server.seal(SESSION_ID, pongBody(retry.msgId, 9n), { seqno: 2 }),
      T_MS + 5,
    );
    assert.deepEqual(only(results, "result").map((e) => e.requestId), [
      requestId,
    ]);
  });

  it("time resync: a server an hour behind (code 17) starts a new session with lower msg_ids", () => {
    const session = newSession();
    const server = new FakeServer(AUTH_KEY, T - 3600);
    const { requestId, opened } = sentRequest(session, server);
    const notice = {
      _: "bad_msg_notification",
      bad_msg_id: opened.msgId,
      bad_msg_seqno: opened.seqno,
      error_code: 17,
    } as const;
    const events = session.unpack(
      server.seal(SESSION_ID, notice, { seqno: 0 }),
      T_MS,
    );
    assert.deepEqual(events.map((e) => e.type), ["time_offset"]);
    const retry = server.open(session.pack(T_MS)!);
    assert.ok(retry.msgId < opened.msgId);
    assert.ok(retry.msgId >> 32n <= BigInt(T - 3599));
    assert.notEqual(retry.sessionId, SESSION_ID, "a new session");
    assert.equal(retry.seqno, 1, "seqno starts again");
    const results = session.unpack(
      server.seal(retry.sessionId, pongBody(retry.msgId, 9n), { seqno: 2 }),
      T_MS + 5,
    );
    assert.deepEqual(only(results, "result").map((e) => e.requestId), [
      requestId,
    ]);
  });

  it("time resync from a notice inside a container dated by the skewed clock", () => {
    const session = newSession();
    const server = new FakeServer(AUTH_KEY, T + 3600);
    const { requestId, opened } = sentRequest(session, server);
    const notice = serialize({
      _: "bad_msg_notification",
      bad_msg_id: opened.msgId,
      bad_msg_seqno: opened.seqno,
      error_code: 16,
    });
    const update = serialize({ _: "updatesTooLong" });
    const inner = [
      { msg_id: server.nextMsgId(false), seqno: 0, body: notice },
      { msg_id: server.nextMsgId(false), seqno: 1, body: update },
    ];
    const container = concat(
      int32Bytes(MSG_CONTAINER_ID),
      int32Bytes(inner.length),
      ...inner.map((m) =>
        concat(
          int64Bytes(m.msg_id),
          int32Bytes(m.seqno),
          int32Bytes(m.body.length),
          m.body,
        )
      ),
    );
    const events = session.unpack(
      server.seal(SESSION_ID, container, {
        msgId: server.nextMsgId(false),
        seqno: 2,
      }),
      T_MS,
    );
    assert.deepEqual(events.map((e) => e.type), ["time_offset", "update"]);
    const retry = server.open(session.pack(T_MS)!);
    assert.ok(
      retry.messages.some((m) => toHex(m.body) === toHex(pingBody(9n))),
      "the request is sent again",
    );
    const done = session.unpack(
      server.seal(
        SESSION_ID,
        pongBody(
          retry.messages.find((m) => toHex(m.body) === toHex(pingBody(9n)))!
            .msg_id,
          9n,
        ),
        { seqno: 3 },
      ),
      T_MS + 10,
    );
    assert.deepEqual(only(done, "result").map((e) => e.requestId), [requestId]);
  });

  it("a 16/17 about a message we never sent does not move the clock", () => {
    const session = newSession();
    const server = new FakeServer(AUTH_KEY, T + 3600);
    sentRequest(session, server);
    const notice = {
      _: "bad_msg_notification",
      bad_msg_id: 12345n << 2n,
      bad_msg_seqno: 1,
      error_code: 16,
    } as const;
    const events = session.unpack(
      server.seal(SESSION_ID, notice, { seqno: 0 }),
      T_MS,
    );
    assert.equal(session.timeOffset, 0);
    assert.deepEqual(only(events, "ignored").map((e) => e.error.check), [
      "msg_id_time",
    ]);
  });

  it("bad_msg_notification 32/33 starts a new session and resends; other codes fail the request", () => {
    const session = newSession();
    const server = new FakeServer(AUTH_KEY, T);
    const { opened } = sentRequest(session, server);
    session.unpack(
      server.seal(SESSION_ID, {
        _: "bad_msg_notification",
        bad_msg_id: opened.msgId,
        bad_msg_seqno: 1,
        error_code: 32,
      }, { seqno: 0 }),
      T_MS,
    );
    const retry = server.open(session.pack(T_MS)!);
    assert.notEqual(retry.sessionId, SESSION_ID);
    assert.equal(retry.seqno, 1);

    const other = session.enqueue({ _: "ping", ping_id: 3n }, T_MS);
    const sent = server.open(session.pack(T_MS)!);
    const events = session.unpack(
      server.seal(retry.sessionId, {
        _: "bad_msg_notification",
        bad_msg_id: sent.msgId,
        bad_msg_seqno: 1,
        error_code: 64,
      }, { seqno: 0 }),
      T_MS,
    );
    const errors = only(events, "error");
    assert.equal(errors.length, 1);
    assert.equal(errors[0].requestId, other);
    assert.ok(errors[0].error instanceof BadMessageError);
    assert.equal((errors[0].error as BadMessageError).code, 64);
  });

  it("ignores duplicates, replays, wrong parity and msg_ids out of time bounds, and says why", () => {
    const session = newSession();
    const server = new FakeServer(AUTH_KEY, T);
    const { requestId, opened } = sentRequest(session, server);
    const packet = server.seal(SESSION_ID, pongBody(opened.msgId, 9n), {
      seqno: 1,
    });
    assert.deepEqual(
      only(session.unpack(packet, T_MS), "result").map((e) => e.requestId),
      [requestId],
    );
    const replay = session.unpack(packet, T_MS + 1000);
    assert.deepEqual(replay.map((e) => e.type === "ignored" && e.error.check), [
      "msg_id_duplicate",
    ]);

    const checks = (msgId: bigint) =>
      session.unpack(
        server.seal(SESSION_ID, { _: "updatesTooLong" }, { msgId, seqno: 1 }),
        T_MS,
      )
        .map((e) => e.type === "ignored" ? e.error.check : e.type);
    assert.deepEqual(checks(idAt(T, 100)), ["msg_id_parity"]);
    assert.deepEqual(checks(idAt(T - 301) + 1n), ["msg_id_time"]);
    assert.deepEqual(checks(idAt(T + 31) + 1n), ["msg_id_time"]);
    assert.deepEqual(checks(idAt(T - 299) + 1n), ["update"]);
    assert.deepEqual(checks(idAt(T + 29) + 1n), ["update"]);
  });

  it("refuses a packet of another session or a tampered one with a SecurityError naming the check", () => {
    const session = newSession();
    const server = new FakeServer(AUTH_KEY, T);
    sentRequest(session, server);
    assert.throws(
      () =>
        session.unpack(
          server.seal(SESSION_ID + 1n, { _: "updatesTooLong" }),
          T_MS,
        ),
      (e: unknown) => e instanceof SecurityError && e.check === "session_id",
    );
    const tampered = server.seal(SESSION_ID, { _: "updatesTooLong" });
    tampered[tampered.length - 1] ^= 1;
    assert.throws(
      () => session.unpack(tampered, T_MS),
      (e: unknown) => e instanceof SecurityError && e.check === "msg_key",
    );
  });

  it("reads a server container: results, updates and new_session_created, acking content messages", () => {
    const session = newSession();
    const server = new FakeServer(AUTH_KEY, T);
    const { requestId, opened } = sentRequest(session, server);
    const inner = (body: Uint8Array, seqno: number, answer = false) => ({
      msg_id: server.nextMsgId(answer),
      seqno,
      body,
    });
    const m1 = inner(
      serialize({
        _: "new_session_created",
        first_msg_id: opened.msgId,
        unique_id: 99n,
        server_salt: 55n,
      }),
      1,
    );
    const m2 = inner(pongBody(opened.msgId, 9n), 2, true);
    const m3 = inner(serialize({ _: "updatesTooLong" }), 3);
    const container = concat(
      int32Bytes(MSG_CONTAINER_ID),
      int32Bytes(3),
      ...[m1, m2, m3].map((m) =>
        concat(
          int64Bytes(m.msg_id),
          int32Bytes(m.seqno),
          int32Bytes(m.body.length),
          m.body,
        )
      ),
    );
    const events = session.unpack(
      server.seal(SESSION_ID, container, {
        msgId: server.nextMsgId(false),
        seqno: 4,
      }),
      T_MS,
    );
    assert.deepEqual(events.map((e) => e.type), [
      "salt",
      "new_session",
      "result",
      "update",
    ]);
    assert.equal(only(events, "result")[0].requestId, requestId);
    assert.equal(session.salt(T_MS), 55n);
    const acks = server.open(session.pack(T_MS)!);
    assert.equal(
      toHex(acks.body),
      toHex(
        concat(
          int32Bytes(MSGS_ACK_ID),
          int32Bytes(VECTOR_ID),
          int32Bytes(2),
          int64Bytes(m1.msg_id),
          int64Bytes(m3.msg_id),
        ),
      ),
    );
  });

  it("answers msgs_state_req with msgs_state_info", () => {
    const session = newSession();
    const server = new FakeServer(AUTH_KEY, T);
    const seen = server.nextMsgId(false);
    session.unpack(
      server.seal(SESSION_ID, { _: "updatesTooLong" }, {
        msgId: seen,
        seqno: 1,
      }),
      T_MS,
    );
    const asked = server.nextMsgId(false);
    const later = idAt(T + 10) + 3n;
    const earlier = idAt(T - 10) + 3n;
    session.unpack(
      server.seal(SESSION_ID, {
        _: "msgs_state_req",
        msg_ids: [seen, later, earlier],
      }, { msgId: asked, seqno: 3 }),
      T_MS,
    );
    const reply = server.open(session.pack(T_MS)!);
    const info = reply.messages.find((m) =>
      m.body[0] === 0x7d && m.body[1] === 0xb5
    );
    assert.ok(info, "a msgs_state_info");
    const expected = concat(
      int32Bytes(0x04deb57d),
      int64Bytes(asked),
      fromHex("03" + "0C0301" + ""),
    );
    assert.equal(toHex(info.body), toHex(expected));
  });

  it("after a reconnection, asks for the state of requests in flight and re-sends only those the server lacks", () => {
    const session = newSession();
    const server = new FakeServer(AUTH_KEY, T);
    const lost = session.enqueue({ _: "ping", ping_id: 1n }, T_MS);
    const kept = session.enqueue({ _: "ping", ping_id: 2n }, T_MS);
    const sent = server.open(session.pack(T_MS)!);
    const [lostId, keptId] = sent.messages.map((m) => m.msg_id);
    assert.deepEqual([lostId, keptId], [lost, kept]);

    session.connectionReset(T_MS + 1000);
    const probe = server.open(session.pack(T_MS + 1000)!);
    const expected = serialize({
      _: "msgs_state_req",
      msg_ids: [lostId, keptId],
    });
    assert.equal(toHex(probe.body), toHex(expected));
    assert.equal(probe.seqno % 2, 0);

    const info = {
      _: "msgs_state_info",
      req_msg_id: probe.msgId,
      info: Uint8Array.of(2, 4 | 32),
    } as const;
    session.unpack(server.seal(SESSION_ID, info, { seqno: 0 }), T_MS + 1100);
    const resent = server.open(session.pack(T_MS + 1100)!);
    assert.deepEqual(resent.messages.map((m) => toHex(m.body)), [
      toHex(pingBody(1n)),
    ], "only the request the server lacks");
    assert.equal(session.pack(T_MS + 1100), undefined);

    // The answer to the kept request arrives later: exactly one result.
    const events = session.unpack(
      server.seal(SESSION_ID, pongBody(keptId, 2n), { seqno: 2 }),
      T_MS + 1200,
    );
    assert.deepEqual(only(events, "result").map((e) => e.requestId), [kept]);
  });

  it("re-transmits under the same msg_id when the server says the answer exists, then gives up", () => {
    const session = newSession({ probeAfterMs: 1000 });
    const server = new FakeServer(AUTH_KEY, T);
    const request = session.enqueue({ _: "ping", ping_id: 1n }, T_MS);
    const original = server.open(session.pack(T_MS)!);
    let now = T_MS;
    const errors: SessionEvent[] = [];
    let rounds = 0;
    while (errors.length === 0 && rounds < 5) {
      rounds++;
      assert.deepEqual(
        session.tick(now + 500),
        [],
        "quiet for less than probeAfterMs",
      );
      assert.equal(session.pack(now + 500), undefined);
      now += 1500;
      errors.push(...session.tick(now));
      const probe = server.open(session.pack(now)!);
      assert.equal(
        toHex(probe.body),
        toHex(serialize({ _: "msgs_state_req", msg_ids: [request] })),
      );
      const info = {
        _: "msgs_state_info",
        req_msg_id: probe.msgId,
        info: Uint8Array.of(4 | 8 | 32 | 64),
      } as const;
      errors.push(
        ...only(
          session.unpack(server.seal(SESSION_ID, info, { seqno: 0 }), now),
          "error",
        ),
      );
      if (errors.length > 0) break;
      const again = server.open(session.pack(now)!);
      assert.equal(again.msgId, original.msgId, "the same msg_id");
      assert.equal(again.seqno, original.seqno, "the same seqno");
      assert.equal(toHex(again.body), toHex(pingBody(1n)));
    }
    assert.equal(rounds, 3, "the server is asked three times");
    assert.equal(errors.length, 1);
    const [event] = errors as Extract<SessionEvent, { type: "error" }>[];
    assert.equal(event.requestId, request);
    assert.ok(
      event.error instanceof RequestAbortedError &&
        event.error.reason === "answer_lost",
    );
  });

  it("waits while the server says the request is still running", () => {
    const session = newSession({ probeAfterMs: 1000 });
    const server = new FakeServer(AUTH_KEY, T);
    const request = session.enqueue({ _: "ping", ping_id: 1n }, T_MS);
    session.pack(T_MS);
    for (let round = 1; round <= 5; round++) {
      const now = T_MS + round * 1500;
      session.tick(now);
      const probe = server.open(session.pack(now)!);
      const info = {
        _: "msgs_state_info",
        req_msg_id: probe.msgId,
        info: Uint8Array.of(4 | 32),
      } as const;
      assert.deepEqual(
        session.unpack(server.seal(SESSION_ID, info, { seqno: 0 }), now),
        [],
      );
      assert.equal(session.pack(now), undefined, "nothing re-sent");
    }
    const done = session.unpack(
      server.seal(SESSION_ID, pongBody(request, 1n), { seqno: 1 }),
      T_MS + 9000,
    );
    assert.deepEqual(only(done, "result").map((e) => e.requestId), [request]);
  });

  it("re-transmits under the same msg_id when the server does not answer msgs_state_req in time", () => {
    const session = newSession({ stateRequestTimeoutMs: 1000 });
    const server = new FakeServer(AUTH_KEY, T);
    session.enqueue({ _: "ping", ping_id: 1n }, T_MS);
    const original = server.open(session.pack(T_MS)!);
    session.connectionReset(T_MS);
    session.pack(T_MS); // the probe, never answered
    assert.deepEqual(session.tick(T_MS + 500), []);
    assert.equal(session.pack(T_MS + 500), undefined);
    session.tick(T_MS + 1500);
    const resent = server.open(session.pack(T_MS + 1500)!);
    assert.equal(resent.msgId, original.msgId);
    assert.equal(toHex(resent.body), toHex(pingBody(1n)));
  });

  it("new_session_created re-sends unanswered requests sent before the new session began", () => {
    const session = newSession();
    const server = new FakeServer(AUTH_KEY, T);
    const { opened } = sentRequest(session, server);
    session.enqueue({ _: "ping", ping_id: 10n }, T_MS + 1);
    const next = server.open(session.pack(T_MS + 1)!);
    const notice = {
      _: "new_session_created",
      first_msg_id: next.msgId,
      unique_id: 1n,
      server_salt: 3n,
    } as const;
    const events = session.unpack(
      server.seal(SESSION_ID, notice, { seqno: 1 }),
      T_MS + 2,
    );
    assert.deepEqual(events.map((e) => e.type), ["salt", "new_session"]);
    const resent = server.open(session.pack(T_MS + 2)!);
    const bodies = resent.messages.map((m) => toHex(m.body));
    assert.ok(
      bodies.includes(toHex(pingBody(9n))),
      "the request from before first_msg_id",
    );
    assert.ok(
      !bodies.includes(toHex(pingBody(10n))),
      "not the one the new session holds",
    );
    assert.ok(opened.msgId < next.msgId);
  });

  it("new_session_created naming a container's id does not re-send what was in that container", () => {
    const session = newSession();
    const server = new FakeServer(AUTH_KEY, T);
    session.enqueue({ _: "ping", ping_id: 1n }, T_MS);
    session.enqueue({ _: "ping", ping_id: 2n }, T_MS);
    const sent = server.open(session.pack(T_MS)!);
    assert.equal(sent.messages.length, 2);
    const notice = {
      _: "new_session_created",
      first_msg_id: sent.msgId,
      unique_id: 1n,
      server_salt: 3n,
    } as const;
    const noticeId = server.nextMsgId(false);
    session.unpack(
      server.seal(SESSION_ID, notice, { msgId: noticeId, seqno: 1 }),
      T_MS,
    );
    const next = server.open(session.pack(T_MS)!);
    assert.equal(
      toHex(next.body),
      toHex(serialize({ _: "msgs_ack", msg_ids: [noticeId] })),
      "only the ack",
    );
    assert.equal(session.pack(T_MS), undefined);
  });

  it("fetches future salts and rotates to the next one when it comes into force", () => {
    const session = newSession({ fetchFutureSalts: true });
    const server = new FakeServer(AUTH_KEY, T);
    session.enqueue({ _: "ping", ping_id: 1n }, T_MS);
    const first = server.open(session.pack(T_MS)!);
    const getSalts = first.messages.find((m) =>
      toHex(m.body.subarray(0, 4)) === toHex(int32Bytes(0xb921bd04))
    );
    assert.ok(getSalts, "get_future_salts is sent along");
    const salt = (since: number, until: number, value: bigint) =>
      ({
        _: "future_salt",
        valid_since: since,
        valid_until: until,
        salt: value,
      }) as const;
    const salts = [
      salt(T - 10, T + 30, 1001n),
      salt(T + 30, T + 60, 1002n),
      salt(T + 60, T + 90, 1003n),
      salt(T + 90, T + 900, 1004n),
    ];
    const answer = {
      _: "future_salts",
      req_msg_id: getSalts.msg_id,
      now: T,
      salts,
    } as const;
    session.unpack(server.seal(SESSION_ID, answer, { seqno: 0 }), T_MS);
    session.enqueue({ _: "ping", ping_id: 2n }, T_MS + 1000);
    assert.equal(server.open(session.pack(T_MS + 1000)!).salt, 1001n);
    session.enqueue({ _: "ping", ping_id: 3n }, T_MS + 45_000);
    assert.equal(server.open(session.pack(T_MS + 45_000)!).salt, 1002n);
  });

  it("moves unanswered requests to a session on a new auth key, keeping their ids", () => {
    const session = newSession();
    const server = new FakeServer(AUTH_KEY, T);
    const { requestId } = sentRequest(session, server);
    const otherKey = AUTH_KEY.slice().reverse();
    const next = new Session({
      authKey: otherKey,
      serverSalt: 0n,
      fetchFutureSalts: false,
      random: scriptedRandom(SESSION_ID_BYTES),
    });
    session.moveRequestsTo(next);
    assert.equal(session.pendingRequests, 0);
    const otherServer = new FakeServer(otherKey, T);
    const sent = otherServer.open(next.pack(T_MS + 5)!);
    assert.equal(toHex(sent.body), toHex(pingBody(9n)));
    const events = next.unpack(
      otherServer.seal(SESSION_ID, pongBody(sent.msgId, 9n), { seqno: 2 }),
      T_MS + 6,
    );
    assert.deepEqual(only(events, "result").map((e) => e.requestId), [
      requestId,
    ]);
  });

  it("msg_detailed_info: asks for an answer it lacks with msg_resend_req, acks one it has", () => {
    const session = newSession();
    const server = new FakeServer(AUTH_KEY, T);
    const { opened } = sentRequest(session, server);
    const missing = server.nextMsgId();
    session.unpack(
      server.seal(SESSION_ID, {
        _: "msg_detailed_info",
        msg_id: opened.msgId,
        answer_msg_id: missing,
        bytes: 20,
        status: 0,
      }, { seqno: 0 }),
      T_MS,
    );
    const resendReq = server.open(session.pack(T_MS)!);
    assert.equal(
      toHex(resendReq.body),
      toHex(serialize({ _: "msg_resend_req", msg_ids: [missing] })),
    );

    const had = server.nextMsgId(false);
    session.unpack(
      server.seal(SESSION_ID, { _: "updatesTooLong" }, {
        msgId: had,
        seqno: 1,
      }),
      T_MS,
    );
    session.pack(T_MS); // its ack
    session.unpack(
      server.seal(SESSION_ID, {
        _: "msg_new_detailed_info",
        answer_msg_id: had,
        bytes: 8,
        status: 0,
      }, { seqno: 0 }),
      T_MS,
    );
    const ack = server.open(session.pack(T_MS)!);
    assert.equal(
      toHex(ack.body),
      toHex(serialize({ _: "msgs_ack", msg_ids: [had] })),
    );
  });

  it("msg_resend_req: sends the asked-for request again under the same msg_id", () => {
    const session = newSession();
    const server = new FakeServer(AUTH_KEY, T);
    const { opened } = sentRequest(session, server);
    session.unpack(
      server.seal(
        SESSION_ID,
        { _: "msg_resend_req", msg_ids: [opened.msgId] },
        { seqno: 0 },
      ),
      T_MS,
    );
    const again = server.open(session.pack(T_MS)!);
    assert.equal(again.msgId, opened.msgId);
    assert.equal(again.seqno, opened.seqno);
    assert.equal(toHex(again.body), toHex(opened.body));
  });

  it("msgs_all_info: re-sends a request the server reports as not received", () => {
    const session = newSession();
    const server = new FakeServer(AUTH_KEY, T);
    const { opened } = sentRequest(session, server);
    const info = {
      _: "msgs_all_info" as const,
      msg_ids: [opened.msgId],
      info: Uint8Array.of(2),
    };
    session.unpack(server.seal(SESSION_ID, info, { seqno: 0 }), T_MS);
    const resent = server.open(session.pack(T_MS)!);
    assert.ok(resent.msgId > opened.msgId, "a new msg_id");
    assert.equal(toHex(resent.body), toHex(opened.body));
    const received = {
      _: "msgs_all_info" as const,
      msg_ids: [resent.msgId],
      info: Uint8Array.of(4 | 32),
    };
    session.unpack(server.seal(SESSION_ID, received, { seqno: 0 }), T_MS);
    assert.equal(
      session.pack(T_MS),
      undefined,
      "a request the server has is not sent again",
    );
  });

  it("failAll reports every request once", () => {
    const session = newSession();
    const a = session.enqueue({ _: "ping", ping_id: 1n }, T_MS);
    session.pack(T_MS);
    const b = session.enqueue({ _: "ping", ping_id: 2n }, T_MS);
    const events = session.failAll(
      new RequestAbortedError("disconnected", "bye"),
    );
    assert.deepEqual(
      only(events, "error").map((e) => e.requestId).sort(),
      [a, b].sort(),
    );
    assert.equal(session.pack(T_MS), undefined);
    assert.deepEqual(session.failAll(new Error("again")), []);
  });
});
