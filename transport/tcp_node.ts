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
  DEFAULT_CONNECT_TIMEOUT_MS,
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
  if (endpoint.signal?.aborted) {
    throw new TransportError(`connecting to ${where} was aborted`);
  }

  return new Promise<Connection>((resolve, reject) => {
    const socket = net.createConnection({
      host: endpoint.host,
      port: endpoint.port,
    });
    let opened = false;
    let closed = false;
    let closedLocally = false;
    let failure: TransportError | undefined;

    const fail = (error: TransportError) => {
      failure ??= error;
      closed = true;
      socket.destroy();
    };
    const onAbort = () =>
      fail(new TransportError(`connecting to ${where} was aborted`));
    const timer = setTimeout(
      () => fail(new TransportError(`connecting to ${where} timed out`)),
      endpoint.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    );
    endpoint.signal?.addEventListener("abort", onAbort, { once: true });
    const stopConnectWatch = () => {
      clearTimeout(timer);
      endpoint.signal?.removeEventListener("abort", onAbort);
    };

    const connection: Connection = {
      write(data: Uint8Array) {
        if (closed) {
          throw new TransportError(`connection to ${where} is closed`);
        }
        socket.write(data);
      },
      close() {
        if (closed) return;
        closed = true;
        closedLocally = true;
        socket.destroy();
      },
      get closed() {
        return closed;
      },
    };

    socket.setNoDelay(true);
    socket.once("connect", () => {
      stopConnectWatch();
      if (closed) return;
      opened = true;
      resolve(connection);
    });
    socket.on("data", (data: Uint8Array) => {
      if (closed) return;
      try {
        handlers.onData(
          new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
        );
      } catch (cause) {
        fail(new TransportError("the data handler threw", { cause }));
      }
    });
    socket.on("error", (cause: Error) => {
      failure ??= new TransportError(
        `connection to ${where} failed: ${cause.message}`,
        { cause },
      );
    });
    socket.once("close", () => {
      stopConnectWatch();
      closed = true;
      if (!opened) {
        reject(failure ?? new TransportError(`could not connect to ${where}`));
        return;
      }
      handlers.onClose(
        closedLocally && !failure
          ? undefined
          : failure ?? new TransportError(`${where} closed the connection`),
      );
    });
  });
}
