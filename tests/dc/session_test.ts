import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  deserialize,
  deserializeResult,
  encodeMsgContainer,
  gzipPack,
  serialize,
} from "../../tl/mod.ts";
import { startTestDc, type TestDc } from "./mod.ts";
import {
  clientMsgId,
  type ExchangedKey,
  exchangeKey,
  RawConnection,
  RawSession,
  type ReceivedMessage,
  withInit,
} from "./raw_client.ts";

/** `invokeWithLayer(228, <a method id no schema has>)`. */
function withUnknownQuery(): Uint8Array {
  const bytes = serialize({
    _: "invokeWithLayer",
    layer: 228,
    query: { _: "help.getConfig" },
  });
  new DataView(bytes.buffer, bytes.byteOffset).setUint32(8, 0x0badf00d, true);
  return bytes;
}

describe("test DC: encrypted sessions", () => {
  let dc: TestDc;
  let connection: RawConnection;
  let key: ExchangedKey;

  before(async () => {
    dc = await startTestDc({ dcCount: 2 });
    connection = await RawConnection.open({
      host: dc.dcs[0].host,
      port: dc.dcs[0].port,
      dcId: 1,
    });
    key = await exchangeKey(connection, dc.publicKey, { dc: 1 });
    // Initialise the connection once for this key, as a client's first call does.
    const session = new RawSession(connection, key.authKey, key.salt);
    session.send(withInit({ _: "help.getNearestDc" }));
    await session.waitFor((m) => m.object._ === "rpc_result");
  });
  after(async () => {
    await connection.close();
    await dc.stop();
  });

  /** A fresh session on the shared connection and key. */
  function newSession(salt = key.salt): RawSession {
    return new RawSession(connection, key.authKey, salt);
  }

  /** Decodes an rpc_result's result: an rpc_error, or the method's result type. */
  function resultOf(
    method: string,
    message: ReceivedMessage,
  ): Record<string, unknown> {
    const bytes = message.object.result as Uint8Array;
    const id = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(
      0,
      true,
    );
    return (id === 0x2144ca19
      ? deserialize(bytes)
      : deserializeResult(method, bytes)) as Record<string, unknown>;
  }

  function badMsgCode(message: ReceivedMessage): number {
    return message.object.error_code as number;
  }

  it("answers a first message with salt 0 with bad_server_salt, then accepts the new salt", async () => {
    const session = newSession(0n);
    const first = session.send({ _: "ping", ping_id: 1n });
    const { match: bad } = await session.waitFor((m) =>
      m.object._ === "bad_server_salt"
    );
    assert.equal(bad.object.bad_msg_id, first);
    assert.equal(bad.object.error_code, 48);
    assert.equal(bad.msgId % 4n, 1n);
    session.salt = bad.object.new_server_salt as bigint;
    const second = session.send({ _: "ping", ping_id: 2n });
    const { match: created, seen } = await session.waitFor((m) =>
      m.object._ === "new_session_created"
    );
    assert.equal(created.object.first_msg_id, second);
    assert.equal(created.object.server_salt, session.salt);
    assert.equal(
      created.seqno % 2,
      1,
      "new_session_created is content-related",
    );
    const pong = seen.find((m) => m.object._ === "pong") ??
      (await session.waitFor((m) => m.object._ === "pong")).match;
    assert.equal(pong.object.msg_id, second);
    assert.equal(pong.object.ping_id, 2n);
  });

  it("accepts a container as the very first message of a session", async () => {
    const session = newSession();
    const [pingId, callId, containerId] = session.sendContainer([
      { object: { _: "ping", ping_id: 42n }, content: true },
      {
        object: {
          _: "invokeWithLayer",
          layer: 228,
          query: { _: "help.getConfig" },
        },
        content: true,
      },
    ]);
    assert.ok(containerId > callId);
    const found = new Map<string, ReceivedMessage>();
    while (
      !(found.has("pong") && found.has("rpc_result") &&
        found.has("new_session_created"))
    ) {
      for (const message of (await session.recv()).messages) {
        found.set(message.object._ as string, message);
      }
    }
    assert.equal(found.get("new_session_created")!.object.first_msg_id, pingId);
    assert.equal(found.get("pong")!.object.msg_id, pingId);
    const result = found.get("rpc_result")!;
    assert.equal(result.object.req_msg_id, callId);
    assert.equal(result.msgId % 4n, 1n);
    const config = deserializeResult(
      "help.getConfig",
      result.object.result as Uint8Array,
    ) as Record<string, unknown>;
    assert.equal(config._, "config");
    assert.equal(config.this_dc, 1);
    assert.equal(config.test_mode, true);
    const options = config.dc_options as {
      id: number;
      ip_address: string;
      port: number;
    }[];
    assert.deepEqual(
      options.map((o) => [o.id, o.ip_address, o.port]),
      dc.dcs.map((d) => [d.id, d.host, d.port]),
    );
  });

  it("acknowledges content messages that get no immediate answer, in one msgs_ack", async () => {
    const session = newSession();
    dc.knobs.delayResponses(300);
    try {
      const ids = session.sendContainer([
        { object: withInit({ _: "help.getNearestDc" }), content: true },
        { object: withInit({ _: "help.getNearestDc" }), content: true },
      ]).slice(0, 2);
      const { match } = await session.waitFor((m) => m.object._ === "msgs_ack");
      assert.deepEqual(
        [...(match.object.msg_ids as bigint[])].sort(),
        [...ids].sort(),
      );
      const results = new Set<bigint>();
      while (results.size < 2) {
        const { match: result } = await session.waitFor((m) =>
          m.object._ === "rpc_result"
        );
        results.add(result.object.req_msg_id as bigint);
      }
      assert.deepEqual([...results].sort(), [...ids].sort());
    } finally {
      dc.knobs.reset();
    }
  });

  it("rejects msg_ids that are not divisible by 4, too old or too far ahead (18, 16, 17)", async () => {
    const session = newSession();
    const body = serialize({ _: "ping", ping_id: 3n });
    const cases: [bigint, number][] = [
      [clientMsgId() + 1n, 18],
      [clientMsgId(-301), 16],
      [clientMsgId(31), 17],
    ];
    for (const [msgId, code] of cases) {
      session.sendRaw({ msgId, seqno: 1, body });
      const { match } = await session.waitFor((m) =>
        m.object._ === "bad_msg_notification"
      );
      assert.equal(match.object.bad_msg_id, msgId);
      assert.equal(badMsgCode(match), code);
    }
  });

  it("checks content-relatedness (34, 35) and seqno order (32, 33)", async () => {
    const session = newSession();
    const ping = serialize({ _: "ping", ping_id: 4n });
    // A message that establishes the session: seqno 9 (content-related, as if 4 came before).
    session.sendRaw({ msgId: clientMsgId(), seqno: 9, body: ping });
    await session.waitFor((m) => m.object._ === "pong");

    // An odd-numbered msgs_ack passes, as on Telegram (mtcute sends them so):
    // the ping after it is answered with nothing in between.
    session.sendRaw({
      msgId: clientMsgId(),
      seqno: 11,
      body: serialize({ _: "msgs_ack", msg_ids: [1n] }),
    });
    session.sendRaw({
      msgId: clientMsgId(),
      seqno: 13,
      body: serialize({ _: "ping", ping_id: 5n }),
    });
    const { match: afterAck } = await session.waitFor((m) =>
      m.object._ === "pong" || m.object._ === "bad_msg_notification"
    );
    assert.equal(afterAck.object._, "pong");

    // A container with an odd seqno: 34.
    session.sendRaw({
      msgId: clientMsgId(),
      seqno: 15,
      body: encodeMsgContainer([{
        msg_id: clientMsgId(),
        seqno: 14,
        body: serialize({ _: "msgs_ack", msg_ids: [2n] }),
      }]),
    });
    assert.equal(
      badMsgCode(
        (await session.waitFor((m) => m.object._ === "bad_msg_notification"))
          .match,
      ),
      34,
    );

    session.sendRaw({
      msgId: clientMsgId(),
      seqno: 10,
      body: serialize(withInit({ _: "help.getNearestDc" })),
    });
    assert.equal(
      badMsgCode(
        (await session.waitFor((m) => m.object._ === "bad_msg_notification"))
          .match,
      ),
      35,
    );

    session.sendRaw({ msgId: clientMsgId(), seqno: 7, body: ping });
    assert.equal(
      badMsgCode(
        (await session.waitFor((m) => m.object._ === "bad_msg_notification"))
          .match,
      ),
      32,
    );

    session.sendRaw({ msgId: clientMsgId(), seqno: 9, body: ping });
    assert.equal(
      badMsgCode(
        (await session.waitFor((m) => m.object._ === "bad_msg_notification"))
          .match,
      ),
      32,
    );

    // A message placed before the first one in time, with a higher seqno: 33.
    const early = clientMsgId(-5);
    session.sendRaw({ msgId: early, seqno: 21, body: ping });
    assert.equal(
      badMsgCode(
        (await session.waitFor((m) => m.object._ === "bad_msg_notification"))
          .match,
      ),
      33,
    );
  });

  it("rejects a reused container msg_id (19) and an invalid container (64)", async () => {
    const session = newSession();
    const containerId = session.sendContainer([{
      object: { _: "ping", ping_id: 5n },
      content: true,
    }]).at(-1)!;
    await session.waitFor((m) => m.object._ === "pong");
    const inner = [{
      msg_id: clientMsgId(),
      seqno: session.nextSeqno(true),
      body: serialize({ _: "ping", ping_id: 6n }),
    }];
    session.sendRaw({
      msgId: containerId,
      seqno: session.nextSeqno(false),
      body: encodeMsgContainer(inner),
    });
    const { match: reused } = await session.waitFor((m) =>
      m.object._ === "bad_msg_notification"
    );
    assert.equal(badMsgCode(reused), 19);

    const late = [{
      msg_id: clientMsgId(1),
      seqno: session.nextSeqno(true),
      body: serialize({ _: "ping", ping_id: 7n }),
    }];
    const outer = clientMsgId();
    session.sendRaw({
      msgId: outer,
      seqno: session.nextSeqno(false),
      body: encodeMsgContainer(late),
    });
    const { match: invalid } = await session.waitFor((m) =>
      m.object._ === "bad_msg_notification"
    );
    assert.equal(invalid.object.bad_msg_id, outer);
    assert.equal(badMsgCode(invalid), 64);
  });

  it("ignores a duplicate request but resends its answer", async () => {
    const session = newSession();
    const msgId = clientMsgId();
    const body = serialize(withInit({ _: "help.getNearestDc" }));
    session.sendRaw({ msgId, seqno: session.nextSeqno(true), body });
    const { match: first } = await session.waitFor((m) =>
      m.object._ === "rpc_result"
    );
    session.sendRaw({ msgId, seqno: 1, body });
    const { match: again } = await session.waitFor((m) =>
      m.object._ === "rpc_result"
    );
    assert.equal(
      again.msgId,
      first.msgId,
      "the same answer, with the same msg_id",
    );
  });

  it("answers unknown methods, uninitialised connections, unauthorized calls and old layers like Telegram", async () => {
    const session = newSession();
    const unknown = new Uint8Array(8);
    new DataView(unknown.buffer).setUint32(0, 0x0badf00d, true);
    const calls: [Uint8Array, number, string][] = [
      [unknown, 400, "INPUT_METHOD_INVALID"],
      [withUnknownQuery(), 400, "INPUT_METHOD_INVALID"],
      [serialize({ _: "updates.getState" }), 401, "AUTH_KEY_UNREGISTERED"],
      [
        serialize({
          _: "invokeWithLayer",
          layer: 100,
          query: { _: "help.getConfig" },
        }),
        400,
        "CONNECTION_LAYER_INVALID",
      ],
    ];
    for (const [body, code, message] of calls) {
      const msgId = clientMsgId();
      session.sendRaw({ msgId, seqno: session.nextSeqno(true), body });
      const { match } = await session.waitFor((m) =>
        m.object._ === "rpc_result" && m.object.req_msg_id === msgId
      );
      const error = resultOf("help.getConfig", match);
      assert.deepEqual([error._, error.error_code, error.error_message], [
        "rpc_error",
        code,
        message,
      ]);
    }
  });

  it("requires initConnection on a new key (CONNECTION_NOT_INITED), but not for ping", async () => {
    const other = await RawConnection.open({
      host: dc.dcs[1].host,
      port: dc.dcs[1].port,
      dcId: 2,
    });
    try {
      const fresh = await exchangeKey(other, dc.publicKey, { dc: 2 });
      const session = new RawSession(other, fresh.authKey, fresh.salt);
      const msgId = session.send({ _: "help.getConfig" });
      const { match } = await session.waitFor((m) =>
        m.object._ === "rpc_result" && m.object.req_msg_id === msgId
      );
      const error = resultOf("help.getConfig", match);
      assert.equal(error.error_message, "CONNECTION_NOT_INITED");
      const pingId = session.send({
        _: "invokeWithLayer",
        layer: 228,
        query: { _: "ping", ping_id: 9n },
      });
      const { match: pong } = await session.waitFor((m) =>
        m.object._ === "rpc_result" && m.object.req_msg_id === pingId
      );
      const value = deserializeResult(
        "ping",
        pong.object.result as Uint8Array,
      ) as Record<string, unknown>;
      assert.equal(value.ping_id, 9n);
    } finally {
      await other.close();
    }
  });

  it("unpacks gzip_packed requests", async () => {
    const session = newSession();
    const msgId = clientMsgId();
    session.sendRaw({
      msgId,
      seqno: session.nextSeqno(true),
      body: gzipPack(serialize(withInit({ _: "help.getConfig" }))),
    });
    const { match } = await session.waitFor((m) =>
      m.object._ === "rpc_result" && m.object.req_msg_id === msgId
    );
    const config = deserializeResult(
      "help.getConfig",
      match.object.result as Uint8Array,
    ) as Record<string, unknown>;
    assert.equal(config._, "config");
  });

  it("answers get_future_salts, msgs_state_req, destroy_session and rpc_drop_answer", async () => {
    const session = newSession();
    const saltsId = session.send({ _: "get_future_salts", num: 3 });
    const { match: salts } = await session.waitFor((m) =>
      m.object._ === "future_salts"
    );
    assert.equal(salts.object.req_msg_id, saltsId);
    const list = salts.object.salts as {
      valid_since: number;
      valid_until: number;
      salt: bigint;
    }[];
    assert.equal(list.length, 3);
    for (let i = 1; i < list.length; i++) {
      assert.equal(list[i].valid_since, list[i - 1].valid_until);
    }

    const stateId = session.send({
      _: "msgs_state_req",
      msg_ids: [saltsId, clientMsgId(10)],
    }, false);
    const { match: state } = await session.waitFor((m) =>
      m.object._ === "msgs_state_info"
    );
    assert.equal(state.object.req_msg_id, stateId);
    const info = state.object.info as Uint8Array;
    assert.equal(info[0] & 7, 4, "received");
    assert.equal(info[1], 3, "msg_id too high: not received yet");

    const destroyId = session.send({
      _: "destroy_session",
      session_id: 12345n,
    });
    const { match: destroyed } = await session.waitFor((m) =>
      m.object._ === "rpc_result" && m.object.req_msg_id === destroyId
    );
    assert.deepEqual(
      deserializeResult(
        "destroy_session",
        destroyed.object.result as Uint8Array,
      ),
      {
        _: "destroy_session_none",
        session_id: 12345n,
      },
    );

    dc.knobs.delayResponses(2000);
    try {
      const slowId = session.send(withInit({ _: "help.getNearestDc" }));
      await session.waitFor((m) => m.object._ === "msgs_ack");
      dc.knobs.delayResponses(0);
      const dropId = session.send({ _: "rpc_drop_answer", req_msg_id: slowId });
      const { match: dropped } = await session.waitFor((m) =>
        m.object._ === "rpc_result" && m.object.req_msg_id === dropId
      );
      const answer = deserializeResult(
        "rpc_drop_answer",
        dropped.object.result as Uint8Array,
      ) as Record<string, unknown>;
      assert.equal(answer._, "rpc_answer_dropped");
    } finally {
      dc.knobs.reset();
    }
  });

  it("msgs_state_info: a ping is received and needs no ack (pong is not content-related); future_salts acknowledges; rpc_result is the content-related answer", async () => {
    const session = newSession();
    const pingId = session.send({ _: "ping", ping_id: 5n });
    await session.waitFor((m) =>
      m.object._ === "pong" && m.object.msg_id === pingId
    );
    const saltsId = session.send({ _: "get_future_salts", num: 1 });
    await session.waitFor((m) => m.object._ === "future_salts");
    const callId = session.send(withInit({ _: "help.getNearestDc" }));
    await session.waitFor((m) =>
      m.object._ === "rpc_result" && m.object.req_msg_id === callId
    );
    const stateId = session.send({
      _: "msgs_state_req",
      msg_ids: [pingId, saltsId, callId],
    }, false);
    const { match: state } = await session.waitFor((m) =>
      m.object._ === "msgs_state_info" && m.object.req_msg_id === stateId
    );
    const info = [...(state.object.info as Uint8Array)];
    // 4 received, +8 acknowledged, +16 needs no ack, +32 RPC query, +64 content-related answer generated.
    assert.deepEqual(info, [4 + 16, 4 + 8, 4 + 8 + 32 + 64]);
  });
});
