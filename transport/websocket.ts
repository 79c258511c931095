/**
 * WebSocket connections through the global `WebSocket` (browsers, Deno, Bun,
 * Node.js ≥ 22) or any compatible constructor (the `ws` package on older
 * Node.js). Binary messages only; Telegram's endpoint is
 * `wss://<host>/apiws` with the `binary` subprotocol, and it carries only
 * obfuscated streams (the transport takes care of that).
 *
 * @module
 */

import {
  type Connection,
  type ConnectionHandlers,
  type ConnectOptions,
  DEFAULT_CONNECT_TIMEOUT_MS,
} from "./connection.ts";
import { TransportError } from "./errors.ts";

/** The subset of the WebSocket API this adapter uses. */
export interface WebSocketLike {
  /** Set to `"arraybuffer"` by the adapter. */
  binaryType: string;
  /** Sends one binary message. */
  send(data: Uint8Array): void;
  /** Starts the closing handshake. */
  close(code?: number, reason?: string): void;
  /** Open handler. */
  onopen: ((event: unknown) => void) | null;
  /** Message handler; `data` is an `ArrayBuffer` for binary messages. */
  onmessage: ((event: { data: unknown }) => void) | null;
  /** Error handler. */
  onerror: ((event: unknown) => void) | null;
  /** Close handler. */
  onclose: ((event: { code: number; reason: string }) => void) | null;
}

/** A WebSocket constructor: the global one, or e.g. `import { WebSocket } from "ws"`. */
export type WebSocketConstructor = new (
  url: string,
  protocols?: string | string[],
) => WebSocketLike;

/** Where to connect over WebSocket. */
export interface WebSocketEndpoint extends ConnectOptions {
  /** `ws://` or `wss://` URL, normally ending in `/apiws`. */
  url: string;
  /** Subprotocols to offer; default `"binary"`, as Telegram requires. */
  protocols?: string | string[];
  /** Constructor to use instead of the global `WebSocket`. */
  WebSocket?: WebSocketConstructor;
}

/** The global `WebSocket`, if this runtime has one. */
export function globalWebSocket(): WebSocketConstructor | undefined {
  const candidate = (globalThis as { WebSocket?: unknown }).WebSocket;
  return typeof candidate === "function"
    ? candidate as unknown as WebSocketConstructor
    : undefined;
}

/** Opens a WebSocket connection (see `connection.ts` for the life cycle). */
export function connectWebSocket(
  endpoint: WebSocketEndpoint,
  handlers: ConnectionHandlers,
): Promise<Connection> {
  const Constructor = endpoint.WebSocket ?? globalWebSocket();
  if (!Constructor) {
    return Promise.reject(
      new TransportError(
        "no WebSocket in this runtime; pass a constructor (e.g. from the ws package)",
      ),
    );
  }
  const url = endpoint.url;
  if (endpoint.signal?.aborted) {
    return Promise.reject(
      new TransportError(`connecting to ${url} was aborted`),
    );
  }

  return new Promise<Connection>((resolve, reject) => {
    let socket: WebSocketLike;
    try {
      socket = new Constructor(url, endpoint.protocols ?? "binary");
    } catch (cause) {
      reject(
        new TransportError(`could not open a WebSocket to ${url}`, { cause }),
      );
      return;
    }
    socket.binaryType = "arraybuffer";
    let opened = false;
    let closed = false;
    let closedLocally = false;
    let failure: TransportError | undefined;

    const fail = (error: TransportError) => {
      failure ??= error;
      closed = true;
      socket.close();
    };
    const onAbort = () =>
      fail(new TransportError(`connecting to ${url} was aborted`));
    const timer = setTimeout(
      () => fail(new TransportError(`connecting to ${url} timed out`)),
      endpoint.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    );
    endpoint.signal?.addEventListener("abort", onAbort, { once: true });
    const stopConnectWatch = () => {
      clearTimeout(timer);
      endpoint.signal?.removeEventListener("abort", onAbort);
    };

    const connection: Connection = {
      write(data: Uint8Array) {
        if (closed) throw new TransportError(`connection to ${url} is closed`);
        socket.send(data);
      },
      close() {
        if (closed) return;
        closed = true;
        closedLocally = true;
        socket.close(1000);
      },
      get closed() {
        return closed;
      },
    };

    socket.onopen = () => {
      stopConnectWatch();
      if (closed) return;
      opened = true;
      resolve(connection);
    };
    socket.onmessage = (event) => {
      if (closed) return;
      if (!(event.data instanceof ArrayBuffer)) {
        fail(
          new TransportError("the server sent a non-binary WebSocket message"),
        );
        return;
      }
      try {
        handlers.onData(new Uint8Array(event.data));
      } catch (cause) {
        fail(new TransportError("the data handler threw", { cause }));
      }
    };
    socket.onerror = () => {
      failure ??= new TransportError(`WebSocket to ${url} failed`);
    };
    socket.onclose = (event) => {
      stopConnectWatch();
      closed = true;
      if (!opened) {
        reject(
          failure ??
            new TransportError(
              `could not connect to ${url} (close code ${event.code})`,
            ),
        );
        return;
      }
      handlers.onClose(
        closedLocally && !failure ? undefined : failure ??
          new TransportError(
            `${url} closed the connection (code ${event.code} ${event.reason})`,
          ),
      );
    };
  });
}
