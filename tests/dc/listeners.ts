/**
 * The sockets of one test DC: a TCP listener (every framing, detected from
 * the first bytes) and a WebSocket listener (`/apiws`, subprotocol `binary`,
 * obfuscation required as on Telegram's WebSocket endpoints), both on
 * 127.0.0.1. Built on `node:net`, `node:http` and the `ws` package, which
 * run under Deno and Node alike.
 *
 * @module
 */

import {
  createServer as createHttpServer,
  type Server as HttpServer,
} from "node:http";
import {
  createServer as createTcpServer,
  type Server as TcpServer,
  type Socket,
} from "node:net";
import { WebSocketServer } from "ws";
import {
  type ConnectionContext,
  DcConnection,
  type PayloadHandler,
} from "./connection.ts";

/** The loopback address every listener binds to. */
export const LOOPBACK = "127.0.0.1";

/** The listeners of one DC. */
export class DcListeners {
  #tcp?: TcpServer;
  #http?: HttpServer;
  #wss?: InstanceType<typeof WebSocketServer>;
  readonly #connections = new Set<DcConnection>();
  readonly #sockets = new Set<Socket>();
  #tcpPort = 0;
  #wsPort = 0;

  /**
   * @param handler where payloads go
   * @param ctx knobs, timers and the refusal switch
   * @param ports fixed ports to listen on (0: ephemeral, chosen by the system)
   */
  constructor(
    private readonly handler: PayloadHandler,
    private readonly ctx: ConnectionContext & { refusing(): boolean },
    ports: { tcp: number; ws: number } = { tcp: 0, ws: 0 },
  ) {
    this.#tcpPort = ports.tcp;
    this.#wsPort = ports.ws;
  }

  /** The TCP port (0 before the first start). */
  get tcpPort(): number {
    return this.#tcpPort;
  }

  /** The WebSocket port (0 before the first start). */
  get wsPort(): number {
    return this.#wsPort;
  }

  /** Opens both listeners; on a restart, on the ports they had before. */
  async start(): Promise<void> {
    const tcp = createTcpServer((socket) => this.#acceptTcp(socket));
    this.#tcpPort = await listen(tcp, this.#tcpPort);
    this.#tcp = tcp;

    const http = createHttpServer((_request, response) => {
      response.writeHead(404).end();
    });
    http.on("connection", (socket: Socket) => {
      this.#sockets.add(socket);
      socket.once("close", () => this.#sockets.delete(socket));
    });
    const wss = new WebSocketServer({
      server: http,
      path: "/apiws",
      handleProtocols: (
        protocols: Set<string>,
      ) => (protocols.has("binary") ? "binary" : false),
      verifyClient: (
        _info: unknown,
        callback: (ok: boolean, code?: number) => void,
      ) => {
        callback(!this.ctx.refusing(), 503);
      },
    });
    wss.on("connection", (ws: WsLike) => this.#acceptWs(ws));
    this.#wsPort = await listen(http, this.#wsPort);
    this.#http = http;
    this.#wss = wss;
  }

  #acceptTcp(socket: Socket): void {
    this.#sockets.add(socket);
    socket.once("close", () => this.#sockets.delete(socket));
    if (this.ctx.refusing()) {
      socket.destroy();
      return;
    }
    socket.setNoDelay(true);
    const connection = new DcConnection(
      {
        write: (bytes) => {
          if (!socket.destroyed) socket.write(bytes);
        },
        close: () => socket.destroy(),
      },
      this.handler,
      this.ctx,
    );
    this.#track(connection);
    socket.on(
      "data",
      (chunk: Uint8Array) =>
        connection.receive(
          new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength),
        ),
    );
    socket.on("error", () => connection.close());
    socket.on("close", () => connection.close());
  }

  #acceptWs(ws: WsLike): void {
    const connection = new DcConnection(
      {
        write: (bytes) => {
          if (ws.readyState === 1) ws.send(bytes);
        },
        close: () => ws.terminate(),
      },
      this.handler,
      this.ctx,
      { requireObfuscation: true },
    );
    this.#track(connection);
    ws.on("message", (data: unknown) => {
      for (const chunk of toChunks(data)) connection.receive(chunk);
    });
    ws.on("error", () => connection.close());
    ws.on("close", () => connection.close());
  }

  #track(connection: DcConnection): void {
    this.#connections.add(connection);
    connection.onClose = () => this.#connections.delete(connection);
  }

  /** Closes every client connection (the listeners stay open). */
  dropConnections(): void {
    for (const connection of [...this.#connections]) connection.close();
  }

  /** Closes the listeners and every connection and socket; resolves when all are closed. */
  async close(): Promise<void> {
    this.dropConnections();
    for (const client of this.#wss?.clients ?? []) client.terminate();
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
    const waits: Promise<void>[] = [];
    if (this.#wss) {
      const wss = this.#wss;
      waits.push(new Promise((resolve) => wss.close(() => resolve())));
    }
    if (this.#http) waits.push(closeServer(this.#http));
    if (this.#tcp) waits.push(closeServer(this.#tcp));
    this.#wss = undefined;
    this.#http = undefined;
    this.#tcp = undefined;
    await Promise.all(waits);
  }
}

/** The part of a `ws` WebSocket the listener uses. */
interface WsLike {
  readyState: number;
  send(data: Uint8Array): void;
  terminate(): void;
  on(event: string, listener: (...args: never[]) => void): void;
}

function toChunks(data: unknown): Uint8Array[] {
  if (Array.isArray(data)) return data.flatMap(toChunks);
  if (data instanceof ArrayBuffer) return [new Uint8Array(data)];
  if (ArrayBuffer.isView(data)) {
    return [new Uint8Array(data.buffer, data.byteOffset, data.byteLength)];
  }
  return [];
}

function listen(server: TcpServer | HttpServer, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once("error", onError);
    server.listen(port, LOOPBACK, () => {
      server.off("error", onError);
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}

function closeServer(server: TcpServer | HttpServer): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
