/**
 * TCP connections through `node:net`, which Deno, Node.js and Bun provide.
 *
 * `node:net` is imported dynamically, inside a `try`, the first time a TCP
 * connection is requested, and only where `Deno` or `process.versions.node`
 * exists. Nothing imports it statically, so a browser bundle that includes
 * this file never loads it: bundlers (esbuild, `deno bundle`) leave a guarded
 * dynamic `import("node:net")` alone, and in a browser {@link loadNodeNet}
 * resolves to `undefined` without trying (checked in Chromium with an esbuild
 * `--platform=browser` bundle: `"auto"` picks WebSocket, no request for
 * `node:net` is made).
 *
 * @module
 */

import type * as NodeNet from "node:net";
import {
  type Connection,
  type ConnectionHandlers,
  type ConnectOptions,
  openConnection,
} from "./connection.ts";
import { TransportError } from "./errors.ts";

let nodeNet: Promise<typeof NodeNet | undefined> | undefined;

/** Whether this looks like a runtime with `node:net` (Deno, Node.js, Bun), checked before trying to load it. */
function isServerRuntime(): boolean {
  const global = globalThis as {
    Deno?: unknown;
    process?: { versions?: { node?: unknown } };
  };
  return global.Deno !== undefined ||
    typeof global.process?.versions?.node === "string";
}

/** Loads `node:net` once; `undefined` where it does not exist (browsers). */
export function loadNodeNet(): Promise<typeof NodeNet | undefined> {
  nodeNet ??= (async () => {
    // Browsers would log a failed fetch of "node:net"; don't even try there.
    if (!isServerRuntime()) return undefined;
    try {
      const module = await import("node:net");
      return typeof module.createConnection === "function" ? module : undefined;
    } catch {
      return undefined;
    }
  })();
  return nodeNet;
}

/** Where to connect over TCP. */
export interface TcpEndpoint extends ConnectOptions {
  /** Host name or IP address (IPv6 without brackets). */
  host: string;
  /** TCP port. */
  port: number;
}

/** Opens a TCP connection (see `connection.ts` for the life cycle). */
export async function connectTcp(
  endpoint: TcpEndpoint,
  handlers: ConnectionHandlers,
): Promise<Connection> {
  const net = await loadNodeNet();
  if (!net) {
    throw new TransportError(
      "TCP is not available in this runtime (node:net cannot be loaded)",
    );
  }
  const where = `${endpoint.host}:${endpoint.port}`;
  return openConnection(where, endpoint, handlers, (events) => {
    const socket = net.createConnection({
      host: endpoint.host,
      port: endpoint.port,
    });
    socket.setNoDelay(true);
    socket.once("connect", events.opened);
    socket.on("data", (data: Uint8Array) => {
      events.data(
        new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      );
    });
    socket.on("error", (cause: Error) => {
      events.error(
        new TransportError(`connection to ${where} failed: ${cause.message}`, {
          cause,
        }),
      );
    });
    socket.once("close", () => {
      events.closed(
        `could not connect to ${where}`,
        `${where} closed the connection`,
      );
    });
    return {
      send: (data) => socket.write(data),
      abort: () => socket.destroy(),
      close: () => socket.destroy(),
    };
  });
}
