/**
 * The test DC against hostile clients over raw TCP: garbage, lying length
 * prefixes, half-sent frames, connection storms, and garbage encrypted
 * packets after a real key exchange. The DC must stay up and keep serving a
 * well-behaved Sparrow client, with nothing thrown out of it (no uncaught
 * exception, no unhandled rejection, no packet handler failing).
 *
 * @module
 */

import assert from "node:assert/strict";
import { connect, type Socket } from "node:net";
import process from "node:process";
import { after, before, describe, it } from "node:test";
import { encryptMessage } from "../../crypto/mod.ts";
import { TransportError } from "../../transport/errors.ts";
import { encodeMsgContainer, gzipPack, serialize } from "../../tl/mod.ts";
import { testClient } from "../e2e/helpers.ts";
import { mutate, Rng } from "../client/fuzz_rng.ts";
import { startTestDc, type TestDc } from "./mod.ts";
import {
  clientMsgId,
  exchangeKey,
  RawConnection,
  RawSession,
  withInit,
} from "./raw_client.ts";

const TAGS = [
  Uint8Array.of(0xef),
  Uint8Array.of(0xee, 0xee, 0xee, 0xee),
  Uint8Array.of(0xdd, 0xdd, 0xdd, 0xdd),
  new Uint8Array(0),
];

/** Opens a TCP connection, writes `chunks` (yielding between them), then closes or waits for the server to. */
function rawExchange(
  port: number,
  chunks: Uint8Array[],
  mode: "close" | "wait",
): Promise<void> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, "127.0.0.1");
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve();
    };
    // A connection the server keeps open (a half-sent frame) ends here.
    const timer = setTimeout(finish, 300);
    socket.on("error", finish);
    socket.on("close", finish);
    socket.on("data", () => {});
    socket.on("connect", async () => {
      for (const chunk of chunks) {
        if (socket.destroyed) break;
        socket.write(chunk);
        await new Promise((r) => setImmediate(r));
      }
      if (mode === "close") finish();
    });
  });
}

/** Runs `tasks` with at most `width` at a time. */
async function inBatches(
  tasks: (() => Promise<void>)[],
  width: number,
): Promise<void> {
  for (let i = 0; i < tasks.length; i += width) {
    await Promise.all(tasks.slice(i, i + width).map((t) => t()));
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function uint32(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value >>> 0, true);
  return out;
}

describe("test DC against hostile clients", () => {
  let dc: TestDc;
  const escaped: unknown[] = [];
  const logged: unknown[][] = [];
  const onError = (error: unknown) => escaped.push(error);
  const originalConsoleError = console.error;

  before(async () => {
    process.on("uncaughtException", onError);
    process.on("unhandledRejection", onError);
    // The DC logs (and survives) a packet handler that threw: that is a bug too.
    console.error = (...args: unknown[]) => {
      logged.push(args);
    };
    dc = await startTestDc({ dcCount: 1 });
  });

  after(async () => {
    await dc.stop();
    console.error = originalConsoleError;
    process.off("uncaughtException", onError);
    process.off("unhandledRejection", onError);
  });

  /** The DC still answers a well-behaved client, and nothing escaped. */
  async function assertHealthy(): Promise<void> {
    const client = testClient(dc);
    try {
      await client.connect();
      for (let i = 1n; i <= 3n; i++) {
        const pong = await client.invoke({ _: "ping", ping_id: i });
        assert.equal(pong.ping_id, i);
      }
    } finally {
      await client.disconnect();
    }
    assert.deepEqual(escaped, [], "nothing thrown out of the DC");
    assert.deepEqual(logged, [], "no packet handler failed");
  }

  it("survives random bytes after every framing tag", async () => {
    const rng = new Rng(1);
    const port = dc.dcs[0].port;
    const tasks = Array.from({ length: 300 }, () => {
      const chunks: Uint8Array[] = [rng.pick(TAGS)];
      for (let j = rng.int(4); j >= 0; j--) {
        chunks.push(rng.bytes(rng.int(2000)));
      }
      const mode = rng.chance(0.5) ? "close" as const : "wait" as const;
      return () => rawExchange(port, chunks, mode);
    });
    await inBatches(tasks, 50);
    await assertHealthy();
  });

  it("survives lying length prefixes and half-sent frames (slowloris)", async () => {
    const rng = new Rng(2);
    const port = dc.dcs[0].port;
    const tasks = Array.from({ length: 200 }, (_, i) => {
      const tag = TAGS[i % 3];
      const length = rng.pick([
        0x7fffffff,
        0xffffffff,
        0x10000000,
        1 << 24,
        4096,
        0,
      ]);
      const header = tag[0] === 0xef
        ? Uint8Array.of(0x7f, 0xff, 0xff, 0xff)
        : uint32(length);
      const chunks = [tag, header, rng.bytes(rng.int(64))];
      // Half of them trickle a byte at a time, then hang up mid-frame.
      if (i % 2 === 0) {
        const partial = concat(tag, uint32(4096), rng.bytes(100));
        return () =>
          rawExchange(
            port,
            Array.from(partial, (b) => Uint8Array.of(b)),
            "close",
          );
      }
      return () => rawExchange(port, chunks, "wait");
    });
    await inBatches(tasks, 50);
    await assertHealthy();
  });

  it("survives 2,000 connections opened and dropped at once", async () => {
    const port = dc.dcs[0].port;
    const tasks = Array.from(
      { length: 2000 },
      (_, i) => () =>
        new Promise<void>((resolve) => {
          const socket = connect(port, "127.0.0.1");
          socket.on("error", () => resolve());
          socket.on("close", () => resolve());
          socket.on("connect", () => {
            if (i % 2 === 0) socket.write(TAGS[i % 3]);
            socket.destroy();
          });
        }),
    );
    await inBatches(tasks, 200);
    await assertHealthy();
  });

  it("survives garbage encrypted packets after a valid key exchange", async () => {
    const rng = new Rng(3);
    const open = () =>
      RawConnection.open({
        host: dc.dcs[0].host,
        port: dc.dcs[0].port,
        dcId: 1,
      });
    let connection = await open();
    let reconnects = 0;
    try {
      const key = await exchangeKey(connection, dc.publicKey, { dc: 1 });
      const session = new RawSession(connection, key.authKey, key.salt);
      session.send(withInit({ _: "help.getNearestDc" }));
      await session.waitFor((m) => m.object._ === "rpc_result");
      const valid = () =>
        rng.pick([
          () => serialize({ _: "ping", ping_id: rng.bigint64() }),
          () => serialize({ _: "msgs_ack", msg_ids: [clientMsgId()] }),
          () => serialize({ _: "get_future_salts", num: rng.int(200) }),
          () => serialize({ _: "msgs_state_req", msg_ids: [clientMsgId()] }),
          () => serialize(withInit({ _: "help.getConfig" })),
          () => gzipPack(serialize({ _: "ping", ping_id: 1n })),
          () =>
            encodeMsgContainer([{
              msg_id: clientMsgId(),
              seqno: 1,
              body: serialize({ _: "ping", ping_id: 2n }),
            }]),
        ])();
      for (let i = 0; i < 1500; i++) {
        let body: Uint8Array;
        switch (i % 4) {
          case 0:
            body = rng.words(rng.int(64));
            break;
          case 1: // a lying count or length in a container
            body = concat(
              uint32(0x73f1f8dc),
              uint32(rng.pick([0x7fffffff, 1021, 3, 0xffffffff])),
              rng.words(rng.int(16)),
            );
            break;
          default:
            body = mutate(rng, valid());
        }
        // The plaintext header may lie about the body's length too.
        const declared = rng.chance(0.1)
          ? rng.pick([-4, 0x7ffffffc, body.length + 64, 3])
          : body.length;
        const padded = concat(body, new Uint8Array((4 - body.length % 4) % 4));
        const plain = new Uint8Array(32 + padded.length);
        const view = new DataView(plain.buffer);
        view.setBigInt64(
          0,
          rng.chance(0.9) ? session.salt : rng.bigint64(),
          true,
        );
        view.setBigInt64(8, session.sessionId, true);
        view.setBigInt64(
          16,
          rng.chance(0.9) ? clientMsgId() : rng.bigint64(),
          true,
        );
        view.setInt32(
          24,
          rng.chance(0.8) ? session.nextSeqno(true) : rng.int32(),
          true,
        );
        view.setInt32(28, declared, true);
        plain.set(padded, 32);
        const packet = encryptMessage(key.authKey, plain, "client");
        try {
          connection.send(packet);
        } catch (error) {
          // The DC answered a packet it could not read with -404 and hung
          // up, as Telegram does: go on over a new connection.
          assert.ok(error instanceof TransportError, String(error));
          await connection.close();
          connection = await open();
          session.connection = connection;
          reconnects++;
        }
        if (i % 50 === 0) await new Promise((r) => setTimeout(r, 1));
      }
      assert.ok(reconnects < 200, `${reconnects} reconnects`);
      // Whatever the DC thought of all that, it still answers a fresh
      // session on the same key.
      // (The old connection may be hung up by a -404 still in flight.)
      await connection.close();
      connection = await open();
      const fresh = new RawSession(connection, key.authKey, key.salt);
      fresh.send({ _: "ping", ping_id: 77n });
      await fresh.waitFor((m) =>
        m.object._ === "pong" && m.object.ping_id === 77n
      );
    } finally {
      await connection.close();
    }
    await assertHealthy();
  });
});
