import assert from "node:assert/strict";
import { createConnection } from "node:net";
import { after, before, describe, it } from "node:test";
import { WebSocket as WsWebSocket } from "ws";
import {
  aesIgeDecrypt,
  decryptMessage,
  encryptMessage,
  messageKeyIv,
  SecurityError,
  sha256,
} from "../../crypto/mod.ts";
import { encodeMsgContainer, serialize } from "../../tl/mod.ts";
import { FRAMINGS } from "../../transport/create_frame_codec.ts";
import type { WebSocketConstructor } from "../../transport/websocket.ts";
import { startTestDc, type TestDc } from "./mod.ts";
import {
  clientMsgId,
  type ExchangedKey,
  exchangeKey,
  RawConnection,
  RawSession,
  withInit,
} from "./raw_client.ts";

/** The runtime's WebSocket, or the ws package's (Node 20 has no global one). */
const WebSocketImpl: typeof WebSocket = globalThis.WebSocket ??
  (WsWebSocket as unknown as typeof WebSocket);

/** A msg_container of any length (the TL helper refuses more than 1020, as a client should). */
function bigContainer(
  messages: { msg_id: bigint; seqno: number; body: Uint8Array }[],
): Uint8Array {
  const size = 8 + messages.reduce((sum, m) => sum + 16 + m.body.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x73f1f8dc, true);
  view.setInt32(4, messages.length, true);
  let offset = 8;
  for (const m of messages) {
    view.setBigInt64(offset, m.msg_id, true);
    view.setInt32(offset + 8, m.seqno, true);
    view.setInt32(offset + 12, m.body.length, true);
    out.set(m.body, offset + 16);
    offset += 16 + m.body.length;
  }
  return out;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe("test DC: transports", () => {
  let dc: TestDc;
  before(async () => {
    dc = await startTestDc({ dcCount: 1 });
  });
  after(async () => {
    await dc.stop();
  });

  const variants = [
    ...FRAMINGS.map((framing) => ({ framing, obfuscated: false, ws: false })),
    // The full framing has no tag, so it cannot be obfuscated.
    ...FRAMINGS.filter((f) => f !== "full").map((framing) => ({
      framing,
      obfuscated: true,
      ws: false,
    })),
    ...FRAMINGS.filter((f) => f !== "full").map((framing) => ({
      framing,
      obfuscated: true,
      ws: true,
    })),
  ];
  for (const { framing, obfuscated, ws } of variants) {
    it(`${ws ? "WebSocket" : "TCP"} ${framing}${obfuscated ? " obfuscated" : ""}: key exchange and a call`, async () => {
      const endpoint = ws
        ? {
          url: dc.dcs[0].wsUrl,
          connection: "websocket" as const,
          WebSocket: WebSocketImpl as unknown as WebSocketConstructor,
        }
        : {
          host: dc.dcs[0].host,
          port: dc.dcs[0].port,
          connection: "tcp" as const,
        };
      const connection = await RawConnection.open({
        ...endpoint,
        framing,
        obfuscated,
        dcId: 1,
        testMode: true,
      });
      try {
        const key = await exchangeKey(connection, dc.publicKey, { dc: 10001 });
        const session = new RawSession(connection, key.authKey, key.salt);
        const id = session.send(withInit({ _: "help.getNearestDc" }));
        const { match } = await session.waitFor((m) =>
          m.object._ === "rpc_result"
        );
        assert.equal(match.object.req_msg_id, id);
      } finally {
        await connection.close();
      }
    });
  }

  it("refuses unobfuscated framings on the WebSocket endpoint", async () => {
    // The transport layer always obfuscates over WebSocket, so the raw intermediate bytes are sent by hand.
    const socket = new WebSocketImpl(dc.dcs[0].wsUrl, "binary");
    socket.binaryType = "arraybuffer";
    const closed = new Promise<void>((resolve) =>
      socket.addEventListener("close", () => resolve())
    );
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener("open", () => resolve());
      socket.addEventListener(
        "error",
        () => reject(new Error("websocket error")),
      );
    });
    socket.send(
      new Uint8Array([0xee, 0xee, 0xee, 0xee, 4, 0, 0, 0, 1, 2, 3, 4]),
    );
    await closed;
  });
});

describe("test DC: knobs and malicious modes", () => {
  let dc: TestDc;
  before(async () => {
    dc = await startTestDc({ dcCount: 2, saltLifetimeSeconds: 2 });
  });
  after(async () => {
    await dc.stop();
  });

  async function connect(index = 0): Promise<RawConnection> {
    return await RawConnection.open({
      host: dc.dcs[index].host,
      port: dc.dcs[index].port,
      dcId: index + 1,
    });
  }

  async function ready(
    index = 0,
  ): Promise<
    { connection: RawConnection; key: ExchangedKey; session: RawSession }
  > {
    const connection = await connect(index);
    const key = await exchangeKey(connection, dc.publicKey, { dc: index + 1 });
    const session = new RawSession(connection, key.authKey, key.salt);
    session.send(withInit({ _: "help.getNearestDc" }));
    await session.waitFor((m) => m.object._ === "rpc_result");
    return { connection, key, session };
  }

  it("rotates salts: an expired salt gets bad_server_salt, future_salts cover the next windows", async () => {
    const { connection, session } = await ready();
    try {
      const saltsId = session.send({ _: "get_future_salts", num: 2 });
      const { match } = await session.waitFor((m) =>
        m.object._ === "future_salts" && m.object.req_msg_id === saltsId
      );
      const salts = match.object.salts as {
        valid_until: number;
        salt: bigint;
      }[];
      assert.equal(salts.length, 2);
      assert.equal(
        salts[0].salt,
        session.salt,
        "the key exchange's salt is the current one",
      );
      // Lifetime 2 s plus 2 s of grace: after 4.5 s the first salt is refused.
      await sleep(4500);
      const pingId = session.send({ _: "ping", ping_id: 1n });
      const { match: bad } = await session.waitFor((m) =>
        m.object._ === "bad_server_salt"
      );
      assert.equal(bad.object.bad_msg_id, pingId);
      assert.notEqual(bad.object.new_server_salt, session.salt);
    } finally {
      await connection.close();
    }
  });

  it("skewClock makes correct client times look wrong (16 and 17), and server msg_ids follow the skew", async () => {
    const { connection, key } = await ready();
    try {
      for (const [skew, code] of [[3600, 16], [-3600, 17]] as const) {
        dc.knobs.skewClock(skew);
        // A new session: server msg_ids never decrease within a session, so a clock set back shows in new ones.
        const session = new RawSession(connection, key.authKey, key.salt);
        session.send({ _: "ping", ping_id: 2n });
        const { match } = await session.waitFor((m) =>
          m.object._ === "bad_msg_notification"
        );
        assert.equal(match.object.error_code, code);
        const serverTime = Number(match.msgId >> 32n);
        assert.ok(Math.abs(serverTime - (Date.now() / 1000 + skew)) < 5);
      }
    } finally {
      dc.knobs.reset();
      await connection.close();
    }
  });

  it("forceBadSalt answers the next message with bad_server_salt", async () => {
    const { connection, session } = await ready();
    try {
      dc.knobs.forceBadSalt();
      const id = session.send({ _: "ping", ping_id: 3n });
      const { match } = await session.waitFor((m) =>
        m.object._ === "bad_server_salt"
      );
      assert.equal(match.object.bad_msg_id, id);
      session.salt = match.object.new_server_salt as bigint;
      session.send({ _: "ping", ping_id: 4n });
      await session.waitFor((m) => m.object._ === "pong");
    } finally {
      await connection.close();
    }
  });

  it("dropResponses loses an answer that comes back on a new connection", async () => {
    const { connection, key, session } = await ready();
    const second = await connect();
    try {
      dc.knobs.dropResponses(1);
      const lost = session.send(withInit({ _: "help.getNearestDc" }));
      await session.waitFor((m) =>
        m.object._ === "msgs_ack" || m.object._ === "rpc_result"
      ).then(({ match }) => {
        assert.equal(match.object._, "msgs_ack", "the answer must not arrive");
      }).catch(() => undefined);
      session.connection = second;
      session.send({ _: "ping", ping_id: 5n });
      // Every unacknowledged content message is resent on the new connection, the lost answer among them.
      await session.waitFor((m) =>
        m.object._ === "rpc_result" && m.object.req_msg_id === lost
      );
      assert.ok(key.authKey.length === 256);
    } finally {
      dc.knobs.reset();
      await connection.close();
      await second.close();
    }
  });

  it("dropConnectionsAfter drops every connection when the n-th message arrives", async () => {
    const { connection, session } = await ready();
    const other = await ready(1);
    try {
      dc.knobs.dropConnectionsAfter(2);
      session.send({ _: "ping", ping_id: 6n });
      await session.waitFor((m) => m.object._ === "pong");
      session.send({ _: "ping", ping_id: 7n });
      assert.equal((await connection.next()).kind, "closed");
      assert.equal((await other.connection.next()).kind, "closed");
    } finally {
      dc.knobs.reset();
      await connection.close();
      await other.connection.close();
    }
  });

  it("refuseConnectionsFor closes connections and refuses new ones for a while", async () => {
    const { connection } = await ready();
    dc.knobs.refuseConnectionsFor(400);
    assert.equal((await connection.next()).kind, "closed");
    const refused = await connect();
    assert.equal((await refused.next()).kind, "closed");
    await sleep(450);
    const { connection: again } = await ready();
    await again.close();
  });

  it("restart keeps permanent keys and ports, forgets sessions (new_session_created again)", async () => {
    const { connection, key, session } = await ready();
    const ports = dc.dcs.map((d) => d.port);
    await dc.knobs.restart();
    assert.equal((await connection.next()).kind, "closed");
    const reconnected = await connect();
    try {
      session.connection = reconnected;
      const id = session.send({ _: "ping", ping_id: 8n });
      const { match, seen } = await session.waitFor((m) =>
        m.object._ === "pong"
      );
      assert.equal(match.object.msg_id, id);
      assert.ok(seen.some((m) => m.object._ === "new_session_created"));
      assert.deepEqual(dc.dcs.map((d) => d.port), ports);
      assert.ok(key.authKeyId !== 0n);
    } finally {
      await reconnected.close();
    }
  });

  it("ping_delay_disconnect closes the connection when no ping follows in time", async () => {
    const { connection, session } = await ready();
    session.send({
      _: "ping_delay_disconnect",
      ping_id: 9n,
      disconnect_delay: 1,
    });
    await session.waitFor((m) => m.object._ === "pong");
    assert.equal((await connection.next(3000)).kind, "closed");
  });

  it("answers -404 for an unknown auth key", async () => {
    const connection = await connect();
    try {
      const session = new RawSession(
        connection,
        new Uint8Array(256).fill(7),
        1n,
      );
      session.send({ _: "ping", ping_id: 10n });
      assert.deepEqual(await connection.next(), { kind: "error", code: -404 });
    } finally {
      await connection.close();
    }
  });

  for (
    const [mode, check] of [["wrong_msg_key", "msg_key"], [
      "wrong_session_id",
      "session_id",
    ]] as const
  ) {
    it(`malicious mode ${mode}: the packet fails the client's ${check} check`, async () => {
      const { connection, session } = await ready();
      try {
        dc.knobs.setMalicious(mode);
        session.send({ _: "ping", ping_id: 11n });
        const payload = await connection.nextPayload();
        const sessionBytes = new Uint8Array(8);
        new DataView(sessionBytes.buffer).setBigInt64(
          0,
          session.sessionId,
          true,
        );
        assert.throws(
          () =>
            decryptMessage(session.authKey, payload, "server", sessionBytes),
          (error) => error instanceof SecurityError && error.check === check,
        );
      } finally {
        dc.knobs.reset();
        await connection.close();
      }
    });
  }

  it("malicious mode replay: every packet arrives twice, byte for byte", async () => {
    const { connection, session } = await ready();
    try {
      dc.knobs.setMalicious("replay");
      session.send({ _: "ping", ping_id: 12n });
      const first = await connection.nextPayload();
      const second = await connection.nextPayload();
      assert.deepEqual(first, second);
    } finally {
      dc.knobs.reset();
      await connection.close();
    }
  });

  it("closes a connection whose first bytes are no known transport", async () => {
    const socket = createConnection({
      host: dc.dcs[0].host,
      port: dc.dcs[0].port,
    });
    await new Promise<void>((resolve) =>
      socket.once("connect", () => resolve())
    );
    const closed = new Promise<void>((resolve) =>
      socket.once("close", () => resolve())
    );
    socket.write("GET / HTTP/1.1\r\n\r\n");
    await closed;
  });

  it("sends the quick ack token a client asks for", async () => {
    const { connection, session } = await ready();
    try {
      const packet = session.sendRaw({
        msgId: clientMsgId(),
        seqno: session.nextSeqno(true),
        body: serialize({
          _: "ping",
          ping_id: 14n,
        }),
        quickAck: true,
      });
      // The client's own computation, from "MTProto transports": msg_key_large[0:4] | 1 << 31.
      const { key, iv } = messageKeyIv(
        session.authKey,
        packet.subarray(8, 24),
        "client",
      );
      const padded = aesIgeDecrypt(packet.subarray(24), key, iv);
      const hash = sha256(session.authKey.subarray(88, 120), padded);
      const expected =
        (new DataView(hash.buffer, hash.byteOffset).getUint32(0, true) |
          0x80000000) >>> 0;
      let event = await connection.next();
      while (event.kind === "frame") event = await connection.next();
      assert.deepEqual(event, { kind: "quickAck", token: expected });
    } finally {
      await connection.close();
    }
  });

  it("answers -404 to a packet whose msg_key does not match and -429 to a container over 1024 messages", async () => {
    const { connection, session } = await ready();
    try {
      const plaintext = new Uint8Array(32 + 12);
      const view = new DataView(plaintext.buffer);
      view.setBigInt64(0, session.salt, true);
      view.setBigInt64(8, session.sessionId, true);
      view.setBigInt64(16, clientMsgId(), true);
      view.setInt32(24, 1, true);
      view.setInt32(28, 12, true);
      plaintext.set(serialize({ _: "ping", ping_id: 15n }), 32);
      const packet = encryptMessage(session.authKey, plaintext, "client");
      packet[10] ^= 1;
      connection.send(packet);
      assert.deepEqual(await connection.next(), { kind: "error", code: -404 });

      const second = await connect();
      session.connection = second;
      const ping = serialize({ _: "ping", ping_id: 16n });
      const inner = Array.from(
        { length: 1025 },
        () => ({
          msg_id: clientMsgId(),
          seqno: session.nextSeqno(false),
          body: ping,
        }),
      );
      // Non-content pings would be a 35 each; the limit is checked first.
      session.sendRaw({
        msgId: clientMsgId(),
        seqno: session.nextSeqno(false),
        body: bigContainer(inner),
      });
      assert.deepEqual(await second.next(), { kind: "error", code: -429 });
      await second.close();
    } finally {
      await connection.close();
    }
  });

  it("a msg_id from the far past inside a fresh container is still accepted", async () => {
    const { connection, key } = await ready();
    const session = new RawSession(connection, key.authKey, key.salt);
    try {
      const old = clientMsgId(-400);
      const body = encodeMsgContainer([{
        msg_id: old,
        seqno: session.nextSeqno(true),
        body: serialize({ _: "ping", ping_id: 13n }),
      }]);
      session.sendRaw({
        msgId: clientMsgId(),
        seqno: session.nextSeqno(false),
        body,
      });
      const { match } = await session.waitFor((m) => m.object._ === "pong");
      assert.equal(match.object.msg_id, old);
    } finally {
      await connection.close();
    }
  });
});
