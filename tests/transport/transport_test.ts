import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  TransportError,
  TransportServerError,
} from "../../transport/errors.ts";
import type { Framing } from "../../transport/frame_codec.ts";
import type {
  Connection,
  ConnectionHandlers,
} from "../../transport/connection.ts";
import {
  createClientCodec,
  openTransport,
  type TransportOptions,
} from "../../transport/transport.ts";
import {
  ASK_FOR_404,
  ASK_FOR_HANGUP,
  SERVER_QUICK_ACK,
  startTcpServer,
  startWebSocketServer,
  TestWebSocket,
} from "./local_servers.ts";
import { hex, pseudoRandomBytes, seededRandom } from "./helpers.ts";

const SECRET = "00112233445566778899aabbccddeeff";

/** Opens a transport that records everything it reports. */
async function open(options: TransportOptions) {
  const frames: Uint8Array[] = [];
  const quickAcks: number[] = [];
  let resolveClosed!: (error: TransportError | undefined) => void;
  const closed = new Promise<TransportError | undefined>((
    resolve,
  ) => (resolveClosed = resolve));
  const waiters: { count: number; resolve: () => void }[] = [];
  const transport = await openTransport(options, {
    onFrame(payload) {
      frames.push(payload);
      for (const waiter of waiters.splice(0)) {
        if (frames.length >= waiter.count) waiter.resolve();
        else waiters.push(waiter);
      }
    },
    onQuickAck: (token) => quickAcks.push(token),
    onClose: (error) => resolveClosed(error),
  });
  const waitForFrames = (count: number) =>
    frames.length >= count
      ? Promise.resolve()
      : new Promise<void>((resolve) => waiters.push({ count, resolve }));
  return { transport, frames, quickAcks, closed, waitForFrames };
}

function encryptedLike(length: number, seed: number): Uint8Array {
  const packet = pseudoRandomBytes(length, seededRandom(seed));
  packet[0] = 9;
  return packet;
}

const packets = [
  hex("0000000000000000 0102030405060708 08000000 1122334455667788"),
  encryptedLike(24 + 16 * 3, 1),
  encryptedLike(24 + 16 * 5000, 2),
];

async function roundTrip(options: TransportOptions, quickAck: boolean) {
  const client = await open(options);
  for (const packet of packets) client.transport.send(packet);
  if (quickAck) client.transport.send(packets[0], { quickAck: true });
  await client.waitForFrames(packets.length + (quickAck ? 1 : 0));
  assert.deepEqual(client.frames.slice(0, packets.length), packets);
  if (quickAck) {
    assert.deepEqual(client.quickAcks, [(SERVER_QUICK_ACK | 0x80000000) >>> 0]);
  }
  client.transport.close();
  assert.equal(client.transport.closed, true);
  assert.equal(await client.closed, undefined);
  assert.throws(() => client.transport.send(packets[0]), TransportError);
  return client.transport;
}

describe("openTransport over TCP against the test DC's transport detection", () => {
  const framings: Framing[] = [
    "abridged",
    "intermediate",
    "paddedIntermediate",
    "full",
  ];
  for (const framing of framings) {
    for (const obfuscated of framing === "full" ? [false] : [false, true]) {
      it(`${framing}${obfuscated ? ", obfuscated" : ""}`, async () => {
        const server = await startTcpServer("frames");
        try {
          const transport = await roundTrip(
            {
              framing,
              obfuscated,
              dcId: 2,
              host: "127.0.0.1",
              port: server.port,
              connection: "tcp",
            },
            framing !== "full",
          );
          assert.equal(transport.connectionKind, "tcp");
          assert.equal(transport.framing, framing);
          assert.equal(transport.obfuscated, obfuscated);
          assert.deepEqual(server.detected, [{
            framing,
            obfuscated,
            ...(obfuscated ? { dcField: 2 } : {}),
          }]);
        } finally {
          await server.stop();
        }
      });
    }
  }
  it("through an MTProxy-like listener with a plain secret (test DC 2 → field 10002)", async () => {
    const server = await startTcpServer("frames", {
      secrets: [SECRET],
      requireSecret: true,
    });
    try {
      await roundTrip(
        {
          framing: "abridged",
          dcId: 2,
          testMode: true,
          secret: SECRET,
          host: "127.0.0.1",
          port: server.port,
        },
        true,
      );
      assert.deepEqual(server.detected, [{
        framing: "abridged",
        obfuscated: true,
        dcField: 10002,
        secretIndex: 0,
      }]);
    } finally {
      await server.stop();
    }
  });
  it("with a dd secret, padded intermediate is chosen", async () => {
    const server = await startTcpServer("frames", {
      secrets: ["dd" + SECRET],
      requireSecret: true,
    });
    try {
      const transport = await roundTrip(
        {
          dcId: 4,
          media: true,
          secret: "dd" + SECRET,
          host: "127.0.0.1",
          port: server.port,
        },
        false,
      );
      assert.equal(transport.framing, "paddedIntermediate");
      assert.deepEqual(server.detected, [
        {
          framing: "paddedIntermediate",
          obfuscated: true,
          dcField: -4,
          secretIndex: 0,
        },
      ]);
    } finally {
      await server.stop();
    }
  });
});

describe("openTransport over WebSocket", () => {
  for (const framing of ["intermediate", "abridged"] as const) {
    it(`is always obfuscated (${framing}); the header is the first message`, async () => {
      const server = await startWebSocketServer("frames");
      try {
        const transport = await roundTrip(
          {
            framing,
            obfuscated: false,
            dcId: 1,
            url: server.url,
            WebSocket: TestWebSocket,
          },
          true,
        );
        assert.equal(transport.connectionKind, "websocket");
        assert.equal(transport.obfuscated, true);
        assert.deepEqual(server.firstMessageSizes, [64]);
        assert.deepEqual(server.detected, [{
          framing,
          obfuscated: true,
          dcField: 1,
        }]);
      } finally {
        await server.stop();
      }
    });
  }
  it("refuses the full framing (it cannot be obfuscated)", async () => {
    await assert.rejects(
      openTransport({
        framing: "full",
        dcId: 1,
        url: "ws://127.0.0.1:1/apiws",
        WebSocket: TestWebSocket,
      }, {
        onFrame() {},
        onClose() {},
      }),
      /cannot be obfuscated/,
    );
  });
});

describe("openTransport errors", () => {
  it("a −404 from the server closes the transport with TransportServerError", async () => {
    for (const obfuscated of [false, true]) {
      const server = await startTcpServer("frames");
      try {
        const client = await open({
          obfuscated,
          dcId: 2,
          host: "127.0.0.1",
          port: server.port,
        });
        client.transport.send(packets[1]);
        client.transport.send(ASK_FOR_404);
        const error = await client.closed;
        assert.ok(error instanceof TransportServerError);
        assert.equal(error.code, -404);
        assert.equal(error.authKeyUnknown, true);
        assert.deepEqual(client.frames, [packets[1]]);
        assert.equal(client.transport.closed, true);
        assert.throws(
          () => client.transport.send(packets[0]),
          TransportServerError,
        );
      } finally {
        await server.stop();
      }
    }
  });
  it("the server hanging up is a TransportError", async () => {
    const server = await startTcpServer("frames");
    try {
      const client = await open({
        framing: "abridged",
        dcId: 2,
        host: "127.0.0.1",
        port: server.port,
      });
      client.transport.send(ASK_FOR_HANGUP);
      assert.ok((await client.closed) instanceof TransportError);
    } finally {
      await server.stop();
    }
  });
  it("a malformed frame from the server closes the transport with a TransportError", async () => {
    // A custom connector plays the server: it answers with an intermediate length that is not a multiple of 4.
    let handlers!: ConnectionHandlers;
    let closedCalls = 0;
    const connection: Connection = {
      write() {},
      close() {
        if (this.closed) return;
        (this as { closed: boolean }).closed = true;
        queueMicrotask(() => handlers.onClose());
      },
      closed: false,
    };
    let resolveClosed!: (error?: TransportError) => void;
    const closed = new Promise<TransportError | undefined>((
      resolve,
    ) => (resolveClosed = resolve));
    const frames: Uint8Array[] = [];
    const transport = await openTransport({
      dcId: 1,
      connector: (h) => ((handlers = h), Promise.resolve(connection)),
    }, {
      onFrame: (payload) => frames.push(payload),
      onClose: (error) => {
        closedCalls++;
        resolveClosed(error);
      },
    });
    assert.equal(transport.connectionKind, "custom");
    handlers.onData(Uint8Array.of(packets[0].length, 0, 0, 0));
    handlers.onData(packets[0]);
    handlers.onData(hex("05000000 0102030405"));
    const error = await closed;
    assert.ok(error instanceof TransportError);
    assert.match(error.message, /multiple of 4/);
    assert.deepEqual(frames, [packets[0]]);
    assert.equal(closedCalls, 1);
  });
  it("connecting to a closed port rejects with a TransportError", async () => {
    const server = await startTcpServer("frames");
    await server.stop();
    await assert.rejects(
      openTransport({ dcId: 1, host: "127.0.0.1", port: server.port }, {
        onFrame() {},
        onClose() {},
      }),
      TransportError,
    );
  });
  it("createClientCodec: options are checked", () => {
    assert.throws(
      () =>
        createClientCodec({
          dcId: 1,
          framing: "abridged",
          secret: "dd" + SECRET,
        }),
      /dd MTProxy/,
    );
    assert.throws(
      () => createClientCodec({ dcId: 1, framing: "full", obfuscated: true }),
      /cannot be obfuscated/,
    );
    assert.throws(
      () => createClientCodec({ dcId: 0, obfuscated: true }),
      /DC id/,
    );
    assert.deepEqual(createClientCodec({ dcId: 1 }).preamble, hex("eeeeeeee"));
    assert.equal(
      createClientCodec({ dcId: 1, secret: SECRET }).preamble.length,
      64,
    );
  });
});
