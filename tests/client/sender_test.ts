import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SecurityError } from "../../crypto/mod.ts";
import {
  deserialize,
  encodeRpcResult,
  serialize,
  type TLObject,
} from "../../tl/mod.ts";
import type { Connection, ConnectionHandlers } from "../../transport/mod.ts";
import { TransportError } from "../../transport/mod.ts";
import { Sender, type SenderOptions } from "../../client/sender.ts";
import { RequestAbortedError } from "../../client/session_errors.ts";
import { FakeServer, type OpenedPacket } from "./fake_server.ts";
import { fromHex, loadAuthKeySample } from "./helpers.ts";

const AUTH_KEY = fromHex(loadAuthKeySample().values.auth_key);
const INTERMEDIATE_PREAMBLE = 4;

/**
 * A server on the other end of an in-memory connection (intermediate
 * framing): it decrypts what the sender writes and lets the test answer.
 */
class FakeLink {
  readonly server = new FakeServer(AUTH_KEY, Date.now() / 1000);
  readonly received: OpenedPacket[] = [];
  connections = 0;
  #handlers: ConnectionHandlers | undefined;
  #buffer = new Uint8Array(0);
  #waiters: (() => void)[] = [];

  /** The `connector` transport option. */
  connector = (handlers: ConnectionHandlers): Promise<Connection> => {
    this.connections++;
    this.#handlers = handlers;
    this.#buffer = new Uint8Array(0);
    let preambleLeft = INTERMEDIATE_PREAMBLE;
    const receive = (bytes: Uint8Array) => this.#receive(bytes);
    const connection: Connection = {
      closed: false,
      write(data: Uint8Array) {
        if (connection.closed) throw new TransportError("closed");
        const bytes = data.subarray(Math.min(preambleLeft, data.length));
        preambleLeft -= data.length - bytes.length;
        receive(bytes);
      },
      close() {
        if (connection.closed) return;
        (connection as { closed: boolean }).closed = true;
        queueMicrotask(() => handlers.onClose());
      },
    };
    return Promise.resolve(connection);
  };

  #receive(bytes: Uint8Array): void {
    const joined = new Uint8Array(this.#buffer.length + bytes.length);
    joined.set(this.#buffer);
    joined.set(bytes, this.#buffer.length);
    let at = 0;
    while (joined.length - at >= 4) {
      const length = new DataView(joined.buffer, at).getUint32(0, true);
      if (joined.length - at - 4 < length) break;
      this.received.push(
        this.server.open(joined.slice(at + 4, at + 4 + length)),
      );
      at += 4 + length;
    }
    this.#buffer = joined.slice(at);
    for (const wake of this.#waiters.splice(0)) wake();
  }

  /** Sends a sealed packet to the client. */
  send(packet: Uint8Array): void {
    const framed = new Uint8Array(4 + packet.length);
    new DataView(framed.buffer).setUint32(0, packet.length, true);
    framed.set(packet, 4);
    queueMicrotask(() => this.#handlers?.onData(framed));
  }

  /** Closes the connection from the server's side. */
  drop(): void {
    const handlers = this.#handlers;
    this.#handlers = undefined;
    queueMicrotask(() =>
      handlers?.onClose(new TransportError("connection reset by peer"))
    );
  }

  /** Waits until a received message's body starts with constructor `id` (a few seconds at most). */
  async waitForMessage(
    id: number,
  ): Promise<{ packet: OpenedPacket; msgId: bigint; body: Uint8Array }> {
    const deadline = Date.now() + 5000;
    for (;;) {
      for (const packet of this.received) {
        for (const m of packet.messages) {
          if (
            new DataView(m.body.buffer, m.body.byteOffset).getUint32(
              0,
              true,
            ) === id
          ) {
            return { packet, msgId: m.msg_id, body: m.body };
          }
        }
      }
      if (Date.now() > deadline) {
        throw new Error(`no message 0x${id.toString(16)} arrived`);
      }
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        // Re-check now and then even without new bytes (timers of the sender).
        const timer = setTimeout(resolve, 50);
        this.#waiters.push(() => clearTimeout(timer));
      });
    }
  }
}

function newSender(
  link: FakeLink,
  options: Partial<SenderOptions> = {},
): Sender {
  return new Sender({
    dcId: 1,
    endpoint: {},
    transport: { framing: "intermediate", connector: link.connector },
    publicKeys: [],
    authKey: AUTH_KEY,
    serverSalt: 1n,
    session: { fetchFutureSalts: false },
    reconnectDelayMs: 10,
    ...options,
  });
}

const PING_ID = 0x7abe77ec;
const PING_DELAY_DISCONNECT_ID = 0xf3427b8c;
const MSGS_ACK_ID = 0x62d6b459;

describe("Sender (over an in-memory connection)", () => {
  it("sends a request and resolves it with the answer", async () => {
    const link = new FakeLink();
    const sender = newSender(link);
    try {
      const result = sender.invoke({ _: "help.getNearestDc" });
      const { packet, msgId } = await link.waitForMessage(0x1fb33026);
      const answer = {
        _: "nearestDc",
        country: "NL",
        this_dc: 1,
        nearest_dc: 1,
      } as const;
      link.send(
        link.server.seal(
          packet.sessionId,
          encodeRpcResult(msgId, serialize(answer)),
        ),
      );
      assert.deepEqual(await result, answer);
    } finally {
      await sender.disconnect();
    }
  });

  it("wraps the first request of a session with wrapFirstRequest", async () => {
    const link = new FakeLink();
    const sender = newSender(link, {
      wrapFirstRequest: (fn) => ({
        _: "invokeWithLayer",
        layer: 228,
        query: fn,
      }),
    });
    try {
      void sender.invoke({ _: "ping", ping_id: 1n }).catch(() => {});
      const { body } = await link.waitForMessage(0xda9b0d0d);
      const wrapped = deserialize(body) as { query: { _: string } };
      assert.equal(wrapped.query._, "ping");
      void sender.invoke({ _: "ping", ping_id: 2n }).catch(() => {});
      await link.waitForMessage(PING_ID);
    } finally {
      await sender.disconnect();
    }
  });

  it("acks a content message from the server on its own after a short delay", async () => {
    const link = new FakeLink();
    const sender = newSender(link, { ackDelayMs: 20 });
    try {
      const first = sender.invoke({ _: "ping", ping_id: 1n });
      const { packet, msgId } = await link.waitForMessage(PING_ID);
      const updateId = link.server.nextMsgId(false);
      link.send(
        link.server.seal(packet.sessionId, { _: "updatesTooLong" }, {
          msgId: updateId,
          seqno: 1,
        }),
      );
      link.send(
        link.server.seal(packet.sessionId, {
          _: "pong",
          msg_id: msgId,
          ping_id: 1n,
        }, { seqno: 2 }),
      );
      await first;
      const ack = await link.waitForMessage(MSGS_ACK_ID);
      assert.deepEqual(
        (deserialize(ack.body) as { msg_ids: bigint[] }).msg_ids,
        [updateId],
      );
    } finally {
      await sender.disconnect();
    }
  });

  it("sends keep-alive ping_delay_disconnect when idle", async () => {
    const link = new FakeLink();
    const sender = newSender(link, {
      pingIntervalMs: 10,
      pingDisconnectDelay: 35,
    });
    try {
      await sender.connect();
      const { body } = await link.waitForMessage(PING_DELAY_DISCONNECT_ID);
      const ping = deserialize(body) as TLObject & { disconnect_delay: number };
      assert.equal(ping.disconnect_delay, 35);
    } finally {
      await sender.disconnect();
    }
  });

  it("a packet failing the envelope checks rejects what is in flight with the SecurityError", async () => {
    const link = new FakeLink();
    const sender = newSender(link);
    try {
      const a = sender.invoke({ _: "ping", ping_id: 1n }).then(
        () => undefined,
        (e: Error) => e,
      );
      const b = sender.invoke({ _: "ping", ping_id: 2n }).then(
        () => undefined,
        (e: Error) => e,
      );
      const { packet } = await link.waitForMessage(PING_ID);
      link.send(
        link.server.seal(packet.sessionId ^ 1n, { _: "updatesTooLong" }),
      );
      for (const error of [await a, await b]) {
        assert.ok(
          error instanceof SecurityError && error.check === "session_id",
        );
      }
      assert.equal(sender.connected, false);
    } finally {
      await sender.disconnect();
    }
  });

  it("reconnects after the server drops the connection and asks which requests it has", async () => {
    const link = new FakeLink();
    const sender = newSender(link);
    try {
      const result = sender.invoke({ _: "ping", ping_id: 9n });
      const { packet, msgId } = await link.waitForMessage(PING_ID);
      link.received.length = 0;
      link.drop();
      const probe = await link.waitForMessage(0xda69fb52);
      assert.equal(link.connections, 2);
      assert.deepEqual(
        (deserialize(probe.body) as { msg_ids: bigint[] }).msg_ids,
        [msgId],
      );
      link.send(
        link.server.seal(packet.sessionId, {
          _: "pong",
          msg_id: msgId,
          ping_id: 9n,
        }, { seqno: 2 }),
      );
      assert.equal((await result as { ping_id: bigint }).ping_id, 9n);
    } finally {
      await sender.disconnect();
    }
  });

  it("disconnect() rejects requests in flight and can be followed by a new connect()", async () => {
    const link = new FakeLink();
    const sender = newSender(link);
    const pending = sender.invoke({ _: "ping", ping_id: 1n }).then(
      () => undefined,
      (e: Error) => e,
    );
    await link.waitForMessage(PING_ID);
    await sender.disconnect();
    const error = await pending;
    assert.ok(
      error instanceof RequestAbortedError && error.reason === "disconnected",
    );
    await sender.connect();
    assert.ok(sender.connected);
    await sender.disconnect();
    assert.equal(sender.connected, false);
  });
});

describe("Sender.invoke with a signal", () => {
  const GET_CONFIG_ID = 0xc4f9186b;
  const RPC_DROP_ANSWER_ID = 0x58e4a740;
  const INVOKE_WITH_LAYER_ID = 0xda9b0d0d;

  it("rejects at once, sending nothing, when the signal has already fired", async () => {
    const link = new FakeLink();
    const sender = newSender(link);
    try {
      const controller = new AbortController();
      controller.abort(new Error("changed my mind"));
      const error = await sender.invoke({ _: "help.getConfig" }, {
        signal: controller.signal,
      }).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof RequestAbortedError);
      assert.equal(error.reason, "aborted");
      assert.equal((error.cause as Error).message, "changed my mind");
      assert.equal(link.connections, 0, "not even a connection");
    } finally {
      await sender.disconnect();
    }
  });

  it("a request in flight: rejects with the signal's RequestAbortedError and sends rpc_drop_answer for it", async () => {
    const link = new FakeLink();
    const sender = newSender(link);
    try {
      const controller = new AbortController();
      const call = sender.invoke({ _: "help.getConfig" }, {
        signal: controller.signal,
      }).then(() => undefined, (e: unknown) => e);
      const { msgId } = await link.waitForMessage(GET_CONFIG_ID);
      const reason = new RequestAbortedError("timeout", "too slow");
      controller.abort(reason);
      assert.equal(await call, reason);
      assert.equal(sender.pendingRequests, 0);
      const drop = await link.waitForMessage(RPC_DROP_ANSWER_ID);
      assert.deepEqual(deserialize(drop.body), {
        _: "rpc_drop_answer",
        req_msg_id: msgId,
      });
    } finally {
      await sender.disconnect();
    }
  });

  it("a signal that fires in the turn the connection opens aborts the call before it is sent", async () => {
    const link = new FakeLink();
    const sender = newSender(link);
    try {
      const controller = new AbortController();
      const connected = sender.connect();
      const call = sender.invoke({ _: "help.getConfig" }, {
        signal: controller.signal,
      }).then(() => undefined, (e: unknown) => e);
      // Runs after the invoke's wait for the connection has settled.
      void connected.then(() => controller.abort());
      const outcome = await Promise.race([
        call,
        link.waitForMessage(GET_CONFIG_ID).then(() => "sent"),
      ]);
      assert.ok(outcome instanceof RequestAbortedError, String(outcome));
      assert.equal(outcome.reason, "aborted");
      assert.equal(sender.pendingRequests, 0);
    } finally {
      await sender.disconnect();
    }
  });

  it("a request queued while reconnecting is never sent, and the next request carries initConnection's wrapper again", async () => {
    const link = new FakeLink();
    const sender = newSender(link, {
      reconnectDelayMs: 30,
      wrapFirstRequest: (fn) => ({
        _: "invokeWithLayer",
        layer: 228,
        query: fn,
      }),
    });
    try {
      await sender.connect();
      link.drop();
      while (sender.connected) await new Promise((r) => setTimeout(r, 1));
      const controller = new AbortController();
      const aborted = sender.invoke({ _: "help.getConfig" }, {
        signal: controller.signal,
      }).then(() => undefined, (e: unknown) => e);
      controller.abort();
      const error = await aborted;
      assert.ok(error instanceof RequestAbortedError);
      assert.equal(error.reason, "aborted");
      void sender.invoke({ _: "ping", ping_id: 5n }).catch(() => {});
      const { body } = await link.waitForMessage(INVOKE_WITH_LAYER_ID);
      assert.equal(link.connections, 2, "sent after the reconnection");
      assert.equal(
        (deserialize(body) as { query: { _: string } }).query._,
        "ping",
      );
      const sent = link.received.flatMap((p) => p.messages).map((m) =>
        new DataView(m.body.buffer, m.body.byteOffset).getUint32(0, true)
      );
      assert.ok(!sent.includes(GET_CONFIG_ID), "help.getConfig never sent");
      assert.ok(!sent.includes(RPC_DROP_ANSWER_ID), "nothing to drop");
    } finally {
      await sender.disconnect();
    }
  });
});

describe("Sender time offset", () => {
  it("starts with the given offset and reports a new one learnt from bad_msg_notification 16", async () => {
    const link = new FakeLink();
    const offsets: number[] = [];
    const sender = newSender(link, {
      timeOffset: 3600,
      hooks: { onTimeOffset: (offset) => offsets.push(offset) },
    });
    try {
      assert.equal(sender.timeOffset, 3600);
      void sender.invoke({ _: "ping", ping_id: 1n }).catch(() => {});
      const { packet, msgId } = await link.waitForMessage(PING_ID);
      const claimed = Number(msgId >> 32n);
      const expected = Math.floor(Date.now() / 1000) + 3600;
      assert.ok(
        Math.abs(claimed - expected) <= 2,
        `msg_id time ${claimed}, expected about ${expected}`,
      );
      assert.deepEqual(offsets, [], "nothing learnt yet");
      // The server's clock is in fact 7200 s ahead: code 16, dated by that clock.
      link.server.time = Date.now() / 1000 + 7200;
      link.send(link.server.seal(packet.sessionId, {
        _: "bad_msg_notification",
        bad_msg_id: msgId,
        bad_msg_seqno: packet.messages[0].seqno,
        error_code: 16,
      }, { seqno: 0 }));
      while (offsets.length === 0) await new Promise((r) => setTimeout(r, 2));
      assert.equal(offsets.length, 1);
      assert.ok(
        Math.abs(offsets[0] - 7200) <= 2,
        `learnt offset ${offsets[0]}, expected about 7200`,
      );
      assert.equal(sender.timeOffset, offsets[0]);
    } finally {
      await sender.disconnect();
    }
  });
});
