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
  openConnection,
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
  return openConnection(url, endpoint, handlers, (events) => {
    let socket: WebSocketLike;
    try {
      socket = new Constructor(url, endpoint.protocols ?? "binary");
    } catch (cause) {
      throw new TransportError(`could not open a WebSocket to ${url}`, {
        cause,
      });
    }
    socket.binaryType = "arraybuffer";
    socket.onopen = events.opened;
    socket.onmessage = (event) => {
      if (event.data instanceof ArrayBuffer) {
        events.data(new Uint8Array(event.data));
      } else {
        events.fail(
          new TransportError("the server sent a non-binary WebSocket message"),
        );
      }
    };
    socket.onerror = () => {
      events.error(new TransportError(`WebSocket to ${url} failed`));
    };
    socket.onclose = (event) => {
      events.closed(
        `could not connect to ${url} (close code ${event.code})`,
        `${url} closed the connection (code ${event.code} ${event.reason})`,
      );
    };
    return {
      send: (data) => socket.send(data),
      abort: () => socket.close(),
      close: () => socket.close(1000),
    };
  });
}
