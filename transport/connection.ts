/**
 * The one interface every connection adapter implements, so the sender does
 * not care whether bytes travel over TCP or a WebSocket.
 *
 * Life cycle:
 * 1. `connectX(endpoint, handlers)` returns a promise that resolves with an
 *    open {@link Connection}, or rejects with a {@link TransportError} (refused,
 *    unreachable, timed out, aborted). Handlers are never called for a
 *    connection whose promise rejected.
 * 2. While open: `write(bytes)` sends (buffered by the runtime; it never
 *    blocks), and `handlers.onData(chunk)` receives bytes in order, in chunks
 *    of any size unrelated to frame boundaries. The chunk belongs to the
 *    receiver (it is not reused).
 * 3. The end: `handlers.onClose(error?)` is called exactly once, after the
 *    underlying socket is released. `error` is `undefined` when the local side
 *    called `close()`, and a {@link TransportError} otherwise (the peer closed,
 *    the network failed, or `onData` threw; the thrown value is the `cause`).
 *    `closed` turns true as soon as either side starts closing, and `write`
 *    on a closed connection throws a {@link TransportError}.
 *
 * Adapters: `connectTcp` (`tcp_node.ts`: `node:net`, which Deno, Node and Bun
 * all provide) and `connectWebSocket` (`websocket.ts`: the global
 * `WebSocket`, or a compatible constructor such as the `ws` package's).
 * `connect` (`connect.ts`) picks one.
 *
 * @module
 */

import { TransportError } from "./errors.ts";

/** Callbacks a connection reports to. */
export interface ConnectionHandlers {
  /** Received bytes, in order; any chunking. */
  onData(chunk: Uint8Array): void;
  /** Called once when the connection has ended: no error for a local `close()`, a {@link TransportError} otherwise. */
  onClose(error?: TransportError): void;
}

/** An open byte stream to a server. */
export interface Connection {
  /** Sends bytes (queued by the runtime). Throws a {@link TransportError} once closed. */
  write(data: Uint8Array): void;
  /** Closes the connection; idempotent. `onClose()` follows once the socket is released. */
  close(): void;
  /** True once either side has started closing. */
  readonly closed: boolean;
}

/** Options every adapter accepts while connecting. */
export interface ConnectOptions {
  /** Give up connecting after this many milliseconds (default 10 000). */
  connectTimeoutMs?: number;
  /** Aborting it while connecting rejects the connect promise (it does not close an open connection). */
  signal?: AbortSignal;
}

/** Default {@link ConnectOptions.connectTimeoutMs}. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** A function that opens a connection; what `openTransport` accepts for custom transports. */
export type Connector = (handlers: ConnectionHandlers) => Promise<Connection>;

/** What an adapter's socket does for {@link openConnection}. */
export interface SocketControl {
  /** Sends bytes on the open socket. */
  send(data: Uint8Array): void;
  /** Tears the socket down after a failure or an abort. */
  abort(): void;
  /** Closes the socket because the local side called `close()`. */
  close(): void;
}

/** What an adapter reports from its socket's events to {@link openConnection}. */
export interface SocketEvents {
  /** The socket connected. */
  opened(): void;
  /** The socket received bytes. */
  data(chunk: Uint8Array): void;
  /** Close the socket with this error; ignored once closing has started. */
  fail(error: TransportError): void;
  /** The socket reported an error; its close follows. */
  error(error: TransportError): void;
  /** The socket is released; the messages say why, before it opened and after, when no earlier error does. */
  closed(notOpened: string, peerClosed: string): void;
}

/**
 * The life cycle above, once for every adapter: `open` creates the socket
 * and wires its events to `SocketEvents`; this adds the connect timeout, the
 * abort signal, and the single `onClose` with the right error. `where` names
 * the peer in error messages.
 */
export function openConnection(
  where: string,
  options: ConnectOptions,
  handlers: ConnectionHandlers,
  open: (events: SocketEvents) => SocketControl,
): Promise<Connection> {
  if (options.signal?.aborted) {
    return Promise.reject(
      new TransportError(`connecting to ${where} was aborted`),
    );
  }
  return new Promise<Connection>((resolve, reject) => {
    let opened = false;
    let closed = false;
    let closedLocally = false;
    let failure: TransportError | undefined;

    const events: SocketEvents = {
      opened() {
        stopConnectWatch();
        if (closed) return;
        opened = true;
        resolve(connection);
      },
      data(chunk) {
        if (closed) return;
        try {
          handlers.onData(chunk);
        } catch (cause) {
          events.fail(new TransportError("the data handler threw", { cause }));
        }
      },
      fail(error) {
        if (closed) return;
        failure ??= error;
        closed = true;
        socket.abort();
      },
      error(error) {
        failure ??= error;
      },
      closed(notOpened, peerClosed) {
        stopConnectWatch();
        closed = true;
        if (!opened) {
          reject(failure ?? new TransportError(notOpened));
          return;
        }
        handlers.onClose(
          closedLocally && !failure
            ? undefined
            : failure ?? new TransportError(peerClosed),
        );
      },
    };
    const socket = open(events);

    const onAbort = () =>
      events.fail(new TransportError(`connecting to ${where} was aborted`));
    const timer = setTimeout(
      () => events.fail(new TransportError(`connecting to ${where} timed out`)),
      options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    );
    options.signal?.addEventListener("abort", onAbort, { once: true });
    function stopConnectWatch() {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
    }

    const connection: Connection = {
      write(data: Uint8Array) {
        if (closed) {
          throw new TransportError(`connection to ${where} is closed`);
        }
        socket.send(data);
      },
      close() {
        if (closed) return;
        closed = true;
        closedLocally = true;
        socket.close();
      },
      get closed() {
        return closed;
      },
    };
  });
}
