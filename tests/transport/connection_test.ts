import { describe, it } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import type {
  Connection,
  ConnectionHandlers,
  ConnectOptions,
} from "../../transport/connection.ts";
import { resolveConnectionKind } from "../../transport/connect.ts";
import { TransportError } from "../../transport/errors.ts";
import { connectTcp } from "../../transport/tcp_node.ts";
import { connectWebSocket } from "../../transport/websocket.ts";
import {
  type LocalServer,
  startTcpServer,
  startWebSocketServer,
  TestWebSocket,
} from "./local_servers.ts";
import { concat, pseudoRandomBytes, seededRandom } from "./helpers.ts";

/** Handlers that collect data and resolve when closed. */
function recorder(onData?: (chunk: Uint8Array) => void) {
  const chunks: Uint8Array[] = [];
  let resolveClosed!: (error: TransportError | undefined) => void;
  const closed = new Promise<TransportError | undefined>((
    resolve,
  ) => (resolveClosed = resolve));
  let closeCalls = 0;
  const waiters: { bytes: number; resolve: () => void }[] = [];
  const received = () => chunks.reduce((n, c) => n + c.length, 0);
  const handlers: ConnectionHandlers = {
    onData(chunk) {
      chunks.push(chunk);
      onData?.(chunk);
      for (const waiter of waiters.splice(0)) {
        if (received() >= waiter.bytes) waiter.resolve();
        else waiters.push(waiter);
      }
    },
    onClose(error) {
      closeCalls++;
      resolveClosed(error);
    },
  };
  return {
    handlers,
    closed,
    closeCalls: () => closeCalls,
    data: () => concat(...chunks),
    waitFor: (bytes: number) =>
      received() >= bytes
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ bytes, resolve })),
  };
}

/** One connection adapter, as the shared tests drive it. */
interface Adapter {
  name: string;
  start(): Promise<LocalServer>;
  connect(
    server: { port: number; url: string },
    handlers: ConnectionHandlers,
    options?: ConnectOptions,
  ): Promise<Connection>;
}

const adapters: Adapter[] = [
  {
    name: "TCP (node:net)",
    start: () => startTcpServer("echo"),
    connect: (server, handlers, options) =>
      connectTcp(
        { host: "127.0.0.1", port: server.port, ...options },
        handlers,
      ),
  },
  {
    name: "WebSocket",
    start: () => startWebSocketServer("echo"),
    connect: (server, handlers, options) =>
      connectWebSocket(
        { url: server.url, WebSocket: TestWebSocket, ...options },
        handlers,
      ),
  },
];

for (const adapter of adapters) {
  describe(`${adapter.name} adapter`, () => {
    it("connects, writes, receives the echo, closes locally with no error", async () => {
      const server = await adapter.start();
      try {
        const rec = recorder();
        const connection = await adapter.connect(server, rec.handlers);
        assert.equal(connection.closed, false);
        const data = pseudoRandomBytes(200_000, seededRandom(1));
        connection.write(data.subarray(0, 1000));
        connection.write(data.subarray(1000));
        await rec.waitFor(data.length);
        assert.deepEqual(rec.data(), data);
        connection.close();
        assert.equal(connection.closed, true);
        connection.close();
        assert.equal(await rec.closed, undefined);
        assert.equal(rec.closeCalls(), 1);
        assert.throws(() => connection.write(data), TransportError);
      } finally {
        await server.stop();
      }
    });

    it("reports the server closing as a TransportError", async () => {
      const server = await adapter.start();
      const rec = recorder();
      const connection = await adapter.connect(server, rec.handlers);
      connection.write(Uint8Array.of(1));
      await rec.waitFor(1);
      await server.stop();
      const error = await rec.closed;
      assert.ok(error instanceof TransportError);
      assert.equal(connection.closed, true);
      assert.equal(rec.closeCalls(), 1);
    });

    it("closes with a TransportError when the data handler throws", async () => {
      const server = await adapter.start();
      try {
        const boom = new Error("handler bug");
        const rec = recorder(() => {
          throw boom;
        });
        const connection = await adapter.connect(server, rec.handlers);
        connection.write(Uint8Array.of(1, 2, 3));
        const error = await rec.closed;
        assert.ok(error instanceof TransportError);
        assert.equal(error.cause, boom);
        assert.equal(connection.closed, true);
      } finally {
        await server.stop();
      }
    });

    it("rejects with a TransportError when nothing listens, and when aborted", async () => {
      const server = await adapter.start();
      const { port, url } = server;
      await server.stop();
      const rec = recorder();
      await assert.rejects(
        adapter.connect({ port, url }, rec.handlers),
        TransportError,
      );
      assert.equal(rec.closeCalls(), 0);
      await assert.rejects(
        adapter.connect({ port, url }, rec.handlers, {
          signal: AbortSignal.abort(),
        }),
        /aborted/,
      );
    });
  });
}

describe("WebSocket specifics", () => {
  it("offers the binary subprotocol and connects to /apiws", async () => {
    const server = await startWebSocketServer("echo");
    try {
      const rec = recorder();
      const connection = await connectWebSocket({
        url: server.url,
        WebSocket: TestWebSocket,
      }, rec.handlers);
      connection.close();
      await rec.closed;
      assert.deepEqual(server.offeredProtocols, [["binary"]]);
    } finally {
      await server.stop();
    }
  });
  it("a text message from the server is a TransportError", async () => {
    const server = await startWebSocketServer("text");
    try {
      const rec = recorder();
      const connection = await connectWebSocket({
        url: server.url,
        WebSocket: TestWebSocket,
      }, rec.handlers);
      connection.write(Uint8Array.of(1));
      const error = await rec.closed;
      assert.ok(error instanceof TransportError);
      assert.match(error.message, /non-binary/);
    } finally {
      await server.stop();
    }
  });
  it("a handshake that never finishes times out with a TransportError; an abort meanwhile rejects", async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) =>
      silent.listen(0, "127.0.0.1", resolve)
    );
    const url = `ws://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
    try {
      const rec = recorder();
      await assert.rejects(
        connectWebSocket(
          { url, WebSocket: TestWebSocket, connectTimeoutMs: 50 },
          rec.handlers,
        ),
        /timed out/,
      );
      const abort = new AbortController();
      const connecting = connectWebSocket(
        { url, WebSocket: TestWebSocket, signal: abort.signal },
        rec.handlers,
      );
      abort.abort();
      await assert.rejects(connecting, /was aborted/);
      assert.equal(rec.closeCalls(), 0);
    } finally {
      silent.close();
    }
  });
  it("without any WebSocket constructor, rejects with a TransportError", async () => {
    const saved = Object.getOwnPropertyDescriptor(globalThis, "WebSocket");
    try {
      if (saved) Reflect.deleteProperty(globalThis, "WebSocket");
      await assert.rejects(
        connectWebSocket(
          { url: "ws://127.0.0.1:1/apiws" },
          recorder().handlers,
        ),
        /no WebSocket/,
      );
    } finally {
      if (saved) Object.defineProperty(globalThis, "WebSocket", saved);
    }
  });
});

describe("adapter choice", () => {
  it("auto picks TCP where node:net loads, WebSocket for a URL alone; explicit kinds need their endpoint", async () => {
    assert.equal(
      await resolveConnectionKind({ host: "h", port: 1, url: "ws://h/apiws" }),
      "tcp",
    );
    assert.equal(
      await resolveConnectionKind({ url: "ws://h/apiws" }),
      "websocket",
    );
    assert.equal(
      await resolveConnectionKind({
        host: "h",
        port: 1,
        url: "ws://h/apiws",
        kind: "websocket",
      }),
      "websocket",
    );
    await assert.rejects(resolveConnectionKind({}), TransportError);
    await assert.rejects(
      resolveConnectionKind({ url: "ws://h/apiws", kind: "tcp" }),
      TransportError,
    );
  });
});
