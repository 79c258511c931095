/**
 * A transport: a framing codec (optionally obfuscated) joined to a
 * connection, which is all the sender needs: `send(payload)` in, whole
 * payloads out through `onFrame`, and one `onClose` at the end.
 *
 * ```ts
 * const transport = await openTransport(
 *   { framing: "intermediate", obfuscated: true, dcId: 2, host: "149.154.167.51", port: 443 },
 *   { onFrame: (payload) => …, onClose: (error) => … },
 * );
 * transport.send(packet);
 * transport.close();
 * ```
 *
 * Over WebSocket the stream is always obfuscated (Telegram's `/apiws`
 * requires it) and the header goes out as the first message. An MTProxy
 * secret implies obfuscation; a `dd` secret selects padded intermediate.
 * Server error codes (−404, …) and malformed frames end the transport: the
 * connection is closed and `onClose` receives the `TransportError`
 * (`TransportServerError` with `code` for error codes).
 *
 * @module
 */

import {
  connect,
  type ConnectionKind,
  resolveConnectionKind,
} from "./connect.ts";
import type { Connection, Connector } from "./connection.ts";
import { createFrameCodec } from "./create_frame_codec.ts";
import { TransportError } from "./errors.ts";
import type { EncodeOptions, FrameCodec, Framing } from "./frame_codec.ts";
import { parseMtproxySecret } from "./mtproxy_secret.ts";
import { ObfuscatedCodec, obfuscationDcField } from "./obfuscation.ts";
import type { WebSocketConstructor } from "./websocket.ts";

/** Options of {@link openTransport}. */
export interface TransportOptions {
  /** Framing; default `"intermediate"` (`"paddedIntermediate"` with a `dd` secret). */
  framing?: Framing;
  /** Obfuscate the stream (default false over TCP; forced on over WebSocket and with a secret, whatever this says). */
  obfuscated?: boolean;
  /** The DC to reach, written in the obfuscation header (1..5 on Telegram). */
  dcId: number;
  /** Test-server DC (the header's DC id gets +10000). */
  testMode?: boolean;
  /** Media DC (the header's DC id is negated). */
  media?: boolean;
  /** TCP host. */
  host?: string;
  /** TCP port. */
  port?: number;
  /** WebSocket URL (`ws(s)://host/apiws`). */
  url?: string;
  /** Adapter choice; default `"auto"` (TCP where `node:net` loads, else WebSocket). */
  connection?: ConnectionKind;
  /** MTProxy secret (hex, base64 or bytes; plain or `dd`, see `mtproxy_secret.ts`); `host`/`port` are the proxy's. */
  secret?: string | Uint8Array;
  /** Largest accepted frame (default 16 MiB). */
  maxFrameLength?: number;
  /** Connect timeout in milliseconds (default 10 000). */
  connectTimeoutMs?: number;
  /** Abort connecting. */
  signal?: AbortSignal;
  /** WebSocket constructor to use instead of the global one. */
  WebSocket?: WebSocketConstructor;
  /** Use this instead of TCP/WebSocket (tests, custom runtimes). Counts as a byte stream like TCP. */
  connector?: Connector;
}

/** What a transport reports. */
export interface TransportHandlers {
  /** One whole MTProto packet from the server. */
  onFrame(payload: Uint8Array): void;
  /** A quick ack from the server (token with its top bit set). */
  onQuickAck?(token: number): void;
  /** Called exactly once at the end: no error after a local `close()`, else a `TransportError`. */
  onClose(error?: TransportError): void;
}

/** An open transport to one DC. */
export interface Transport {
  /** The framing in use. */
  readonly framing: Framing;
  /** Whether the stream is obfuscated. */
  readonly obfuscated: boolean;
  /** The connection adapter in use. */
  readonly connectionKind: "tcp" | "websocket" | "custom";
  /** Frames and sends one MTProto packet. Throws a `TransportError` once closed. */
  send(payload: Uint8Array, options?: EncodeOptions): void;
  /** Closes; `onClose()` follows once the connection is released. Idempotent. */
  close(): void;
  /** True once closing has started. */
  readonly closed: boolean;
}

/** Builds the client codec that {@link openTransport} would use (exposed for tests and custom shells). */
export function createClientCodec(
  options: Pick<
    TransportOptions,
    | "framing"
    | "obfuscated"
    | "dcId"
    | "testMode"
    | "media"
    | "secret"
    | "maxFrameLength"
  >,
  forceObfuscation = false,
): FrameCodec {
  const secret = options.secret === undefined
    ? undefined
    : parseMtproxySecret(options.secret);
  if (
    secret?.paddedOnly && options.framing !== undefined &&
    options.framing !== "paddedIntermediate"
  ) {
    throw new TransportError(
      `a dd MTProxy secret requires paddedIntermediate, not ${options.framing}`,
    );
  }
  const framing = options.framing ??
    (secret?.paddedOnly ? "paddedIntermediate" : "intermediate");
  const obfuscated = forceObfuscation || secret !== undefined ||
    (options.obfuscated ?? false);
  const inner = createFrameCodec(framing, {
    role: "client",
    maxFrameLength: options.maxFrameLength,
  });
  if (!obfuscated) return inner;
  const dcField = obfuscationDcField(options.dcId, {
    testMode: options.testMode,
    media: options.media,
  });
  return ObfuscatedCodec.client(inner, { dcField, secret: secret?.key });
}

/** Connects and returns a {@link Transport}; rejects with a `TransportError` if the connection fails. */
export async function openTransport(
  options: TransportOptions,
  handlers: TransportHandlers,
): Promise<Transport> {
  const connectionKind = options.connector
    ? "custom"
    : await resolveConnectionKind({
      host: options.host,
      port: options.port,
      url: options.url,
      kind: options.connection,
    });
  const codec = createClientCodec(options, connectionKind === "websocket");

  // Filled in once connected; frames can only arrive after that.
  const link: { connection?: Connection } = {};
  let failure: TransportError | undefined;
  let closing = false;

  const failWith = (error: TransportError) => {
    failure ??= error;
    closing = true;
    link.connection?.close();
  };
  const connectionHandlers = {
    onData(chunk: Uint8Array) {
      if (failure) return;
      codec.feed(chunk);
      try {
        for (
          let frame = codec.nextFrame();
          frame !== undefined;
          frame = codec.nextFrame()
        ) {
          if (frame.type === "payload") handlers.onFrame(frame.payload);
          else handlers.onQuickAck?.(frame.token);
          if (closing) return;
        }
      } catch (error) {
        failWith(
          error instanceof TransportError
            ? error
            : new TransportError("frame handler threw", { cause: error }),
        );
      }
    },
    onClose(error?: TransportError) {
      closing = true;
      handlers.onClose(failure ?? error);
    },
  };

  const connector: Connector = options.connector ??
    ((connectionHandlers) =>
      connect({
        host: options.host,
        port: options.port,
        url: options.url,
        kind: connectionKind as "tcp" | "websocket",
        connectTimeoutMs: options.connectTimeoutMs,
        signal: options.signal,
        WebSocket: options.WebSocket,
      }, connectionHandlers));
  const open = await connector(connectionHandlers);
  link.connection = open;
  // A connection that died already has reported through onClose; don't throw on top of that.
  if (codec.preamble.length > 0 && !open.closed) open.write(codec.preamble);

  return {
    framing: codec.framing,
    obfuscated: codec instanceof ObfuscatedCodec,
    connectionKind,
    send(payload: Uint8Array, sendOptions?: EncodeOptions) {
      if (closing || open.closed) {
        throw failure ?? new TransportError("the transport is closed");
      }
      open.write(codec.encode(payload, sendOptions));
    },
    close() {
      closing = true;
      open.close();
    },
    get closed() {
      return closing || open.closed;
    },
  };
}
