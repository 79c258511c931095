/**
 * Picks a connection adapter: TCP where `node:net` can be loaded (Deno,
 * Node.js, Bun), WebSocket otherwise (browsers) or when asked.
 *
 * Browser bundles stay free of `node:net`: `tcp_node.ts` only reaches it via
 * a guarded dynamic `import("node:net")`, which bundlers leave as is and which
 * fails harmlessly in a browser, making `"auto"` fall back to WebSocket.
 *
 * @module
 */

import type {
  Connection,
  ConnectionHandlers,
  ConnectOptions,
} from "./connection.ts";
import { TransportError } from "./errors.ts";
import { connectTcp, loadNodeNet } from "./tcp_node.ts";
import { connectWebSocket, type WebSocketConstructor } from "./websocket.ts";

/** Which adapter to use. */
export type ConnectionKind = "auto" | "tcp" | "websocket";

/** Where and how to connect. */
export interface ConnectEndpoint extends ConnectOptions {
  /** TCP host (with `port`). */
  host?: string;
  /** TCP port (with `host`). */
  port?: number;
  /** WebSocket URL (`ws(s)://host/apiws`). */
  url?: string;
  /** `"auto"` (default): TCP when `host`/`port` are given and `node:net` loads, else WebSocket. */
  kind?: ConnectionKind;
  /** WebSocket constructor to use instead of the global one. */
  WebSocket?: WebSocketConstructor;
}

/** The adapter {@link connect} would use for `endpoint`. */
export async function resolveConnectionKind(
  endpoint: ConnectEndpoint,
): Promise<"tcp" | "websocket"> {
  const kind = endpoint.kind ?? "auto";
  const hasTcp = endpoint.host !== undefined && endpoint.port !== undefined;
  if (
    kind === "tcp" ||
    (kind === "auto" && hasTcp &&
      (endpoint.url === undefined || await loadNodeNet()))
  ) {
    if (!hasTcp) {
      throw new TransportError("a TCP connection needs host and port");
    }
    return "tcp";
  }
  if (endpoint.url === undefined) {
    throw new TransportError("a WebSocket connection needs url");
  }
  return "websocket";
}

/** Opens a connection with the adapter chosen by {@link resolveConnectionKind}. */
export async function connect(
  endpoint: ConnectEndpoint,
  handlers: ConnectionHandlers,
): Promise<Connection> {
  const kind = await resolveConnectionKind(endpoint);
  const options: ConnectOptions = {
    connectTimeoutMs: endpoint.connectTimeoutMs,
    signal: endpoint.signal,
  };
  return kind === "tcp"
    ? connectTcp(
      { ...options, host: endpoint.host!, port: endpoint.port! },
      handlers,
    )
    : connectWebSocket({
      ...options,
      url: endpoint.url!,
      WebSocket: endpoint.WebSocket,
    }, handlers);
}
