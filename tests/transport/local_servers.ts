/**
 * Tiny local servers for the connection tests: a TCP echo, a WebSocket echo,
 * and a "frame echo" DC that detects the client's framing with the test DC's
 * ServerTransport and sends every frame back. All close everything on `stop()`.
 */

import http from "node:http";
import net from "node:net";
// @ts-types="./ws_types.d.ts"
import { WebSocket as WsWebSocket, WebSocketServer } from "ws";
import {
  type DetectedTransport,
  ServerTransport,
  type ServerTransportOptions,
} from "../dc/server_transport.ts";
import type { WebSocketConstructor } from "../../transport/websocket.ts";
import { TransportError } from "../../transport/errors.ts";
import { bytesEqual } from "../../crypto/bytes.ts";

/** A payload that makes the frame-echo server answer with transport error −404. */
export const ASK_FOR_404: Uint8Array = Uint8Array.of(
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0x40,
  0x40,
  0x40,
  0x40,
  4,
  0,
  0,
  0,
  1,
  2,
  3,
  4,
);
/** A payload that makes the frame-echo server close the connection without a word. */
export const ASK_FOR_HANGUP: Uint8Array = Uint8Array.of(
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0x48,
  0x48,
  0x48,
  0x48,
  4,
  0,
  0,
  0,
  1,
  2,
  3,
  4,
);
/** Quick-ack token the frame-echo server sends when asked. */
export const SERVER_QUICK_ACK = 0x1234;

/** The WebSocket constructor for this runtime: the global one, or the `ws` package's. */
export const TestWebSocket: WebSocketConstructor =
  (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket ??
    (WsWebSocket as unknown as WebSocketConstructor);

/** A running local server. */
export interface LocalServer {
  /** TCP port. */
  port: number;
  /** `ws://127.0.0.1:port/apiws` for WebSocket servers. */
  url: string;
  /** Connections accepted so far. */
  connections: number;
  /** What each frame-echo connection detected. */
  detected: DetectedTransport[];
  /** Size of the first WebSocket message of each connection. */
  firstMessageSizes: number[];
  /** Subprotocols offered by WebSocket clients. */
  offeredProtocols: string[][];
  /** Stops listening and destroys every connection. */
  stop(): Promise<void>;
}

function listen(server: net.Server | http.Server): Promise<number> {
  return new Promise((resolve) => {
    server.listen(
      0,
      "127.0.0.1",
      () => resolve((server.address() as net.AddressInfo).port),
    );
  });
}

/** Handles one frame-echo connection's bytes; returns the bytes to answer or `"hangup"`. */
function frameEcho(
  transport: ServerTransport,
  chunk: Uint8Array,
  detected: DetectedTransport[],
): Uint8Array[] | "hangup" {
  const replies: Uint8Array[] = [];
  const wasDetected = transport.detected !== undefined;
  transport.feed(chunk);
  try {
    for (
      let frame = transport.nextFrame();
      frame;
      frame = transport.nextFrame()
    ) {
      if (frame.type !== "payload") continue;
      if (frame.quickAckRequested) {
        replies.push(transport.encodeQuickAck(SERVER_QUICK_ACK));
      }
      if (bytesEqual(frame.payload, ASK_FOR_404)) {
        replies.push(transport.encodeError(-404));
      } else if (bytesEqual(frame.payload, ASK_FOR_HANGUP)) return "hangup";
      else replies.push(transport.encode(frame.payload));
    }
  } catch (error) {
    if (error instanceof TransportError) return "hangup";
    throw error;
  } finally {
    if (!wasDetected && transport.detected) detected.push(transport.detected);
  }
  return replies;
}

/** A TCP server: `"echo"` sends bytes back, `"frames"` runs the frame-echo DC. */
export async function startTcpServer(
  mode: "echo" | "frames",
  options: ServerTransportOptions = {},
): Promise<LocalServer> {
  const sockets = new Set<net.Socket>();
  const state: LocalServer = {
    port: 0,
    url: "",
    connections: 0,
    detected: [],
    firstMessageSizes: [],
    offeredProtocols: [],
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = net.createServer((socket) => {
    state.connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    const transport = new ServerTransport(options);
    socket.on("data", (data: Uint8Array) => {
      if (mode === "echo") {
        socket.write(data);
        return;
      }
      const replies = frameEcho(
        transport,
        new Uint8Array(data),
        state.detected,
      );
      if (replies === "hangup") socket.destroy();
      else for (const reply of replies) socket.write(reply);
    });
  });
  state.port = await listen(server);
  return state;
}

/** A WebSocket server on `/apiws` (subprotocol `binary`): `"echo"` or `"frames"` (obfuscation required). */
export async function startWebSocketServer(
  mode: "echo" | "frames" | "text",
  options: ServerTransportOptions = {},
): Promise<LocalServer> {
  const httpServer = http.createServer();
  const offered: string[][] = [];
  const wss = new WebSocketServer({
    server: httpServer,
    path: "/apiws",
    handleProtocols: (protocols: Set<string>) => {
      offered.push([...protocols]);
      return protocols.has("binary") ? "binary" : false;
    },
  });
  const sockets = new Set<{ terminate(): void }>();
  const state: LocalServer = {
    port: 0,
    url: "",
    connections: 0,
    detected: [],
    firstMessageSizes: [],
    offeredProtocols: offered,
    stop: async () => {
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
  wss.on("connection", (socket) => {
    state.connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    const transport = new ServerTransport({
      ...options,
      requireObfuscation: true,
    });
    let first = true;
    socket.on("message", (data: Uint8Array, isBinary: boolean) => {
      const bytes = new Uint8Array(
        data.buffer,
        data.byteOffset,
        data.byteLength,
      );
      if (first) state.firstMessageSizes.push(bytes.length);
      first = false;
      if (mode === "text") {
        socket.send("hello", { binary: false });
        return;
      }
      if (mode === "echo") {
        socket.send(bytes, { binary: isBinary });
        return;
      }
      const replies = frameEcho(transport, bytes.slice(), state.detected);
      if (replies === "hangup") socket.close(1002);
      else for (const reply of replies) socket.send(reply, { binary: true });
    });
  });
  state.port = await listen(httpServer);
  state.url = `ws://127.0.0.1:${state.port}/apiws`;
  return state;
}
