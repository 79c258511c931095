/**
 * GramJS (`telegram` 2.26) pointed at the local test DC, for the interop
 * tests: the DC's RSA key goes into GramJS's server-key table, and each
 * connection class is wrapped so that it dials the test DC's port for the
 * DC id it is asked for (GramJS itself always dials port 80, or 443 with
 * `useWSS`, whatever the session or `help.getConfig` say).
 *
 * @module
 */

import { Api, TelegramClient } from "telegram";
import { Logger, LogLevel } from "telegram/extensions/Logger.js";
import { PromisedWebSockets } from "telegram/extensions/PromisedWebSockets.js";
import {
  ConnectionTCPAbridged,
  ConnectionTCPFull,
  ConnectionTCPObfuscated,
} from "telegram/network/connection/index.js";
import { _serverKeys } from "telegram/crypto/RSA.js";
import { StringSession } from "telegram/sessions/index.js";
import bigInt from "big-integer";
import type { TestDc } from "../dc/mod.ts";

/** The transports GramJS 2.26 offers (it has no intermediate framing). */
export type GramJsTransport = "full" | "abridged" | "obfuscated" | "websocket";

/** Every GramJS transport, in test order. */
export const GRAMJS_TRANSPORTS: readonly GramJsTransport[] = [
  "full",
  "abridged",
  "obfuscated",
  "websocket",
];

/** A GramJS client and what it logged (printed when a test fails). */
export interface GramJsHandle {
  /** The client (connected). */
  client: TelegramClient;
  /** GramJS's log lines. */
  log: string[];
  /** Destroys the client (update loop, senders, sockets); safe to call twice. */
  close(): Promise<void>;
}

/** Keeps GramJS's log in memory instead of on the console. */
class MemoryLogger extends Logger {
  constructor(readonly lines: string[]) {
    super(LogLevel.DEBUG);
  }
  override log(level: LogLevel, message: string, _color: string): void {
    if (this.canSend(level)) this.lines.push(`${level} ${message}`);
  }
}

/** Adds the test DC's key to GramJS's table (keyed by the signed decimal fingerprint). */
export function trustDcKeyInGramJs(dc: TestDc): void {
  const fingerprint = BigInt.asIntN(64, dc.publicKey.fingerprint).toString();
  _serverKeys.set(fingerprint, {
    n: bigInt(dc.publicKey.n.toString()),
    e: Number(dc.publicKey.e),
  });
}

// deno-lint-ignore no-explicit-any
type ConnectionOptions = any;

function connectionClass(dc: TestDc, transport: GramJsTransport) {
  const tcpPort = (id: number) => dc.dcs[id - 1]?.port ?? 1;
  const wsPort = (id: number) =>
    Number(new URL(dc.dcs[id - 1]?.wsUrl ?? "ws://127.0.0.1:1").port);
  switch (transport) {
    case "full":
      return class extends ConnectionTCPFull {
        constructor(o: ConnectionOptions) {
          super({ ...o, ip: "127.0.0.1", port: tcpPort(o.dcId) });
        }
      };
    case "abridged":
      return class extends ConnectionTCPAbridged {
        constructor(o: ConnectionOptions) {
          super({ ...o, ip: "127.0.0.1", port: tcpPort(o.dcId) });
        }
      };
    case "obfuscated":
      return class extends ConnectionTCPObfuscated {
        constructor(o: ConnectionOptions) {
          super({ ...o, ip: "127.0.0.1", port: tcpPort(o.dcId) });
        }
      };
    case "websocket":
      // GramJS speaks obfuscated abridged over WebSocket, to ws://ip:port/apiws.
      return class extends ConnectionTCPObfuscated {
        constructor(o: ConnectionOptions) {
          super({
            ...o,
            ip: "127.0.0.1",
            port: wsPort(o.dcId),
            socket: PromisedWebSockets,
          });
        }
      };
  }
}

/**
 * Connects a GramJS client to DC `dcId` of the test world over `transport`
 * (key exchange included), optionally resuming `session` (a StringSession
 * string). No automatic reconnection, so a DC fault fails the test instead of
 * looping.
 */
export async function connectGramJs(
  dc: TestDc,
  transport: GramJsTransport,
  options: { dcId?: number; session?: string } = {},
): Promise<GramJsHandle> {
  trustDcKeyInGramJs(dc);
  const log: string[] = [];
  const session = new StringSession(options.session ?? "");
  if (!options.session) {
    // The port is only recorded (StringSession stores it in 16 signed bits);
    // the connection class picks the real one.
    session.setDC(options.dcId ?? 1, "127.0.0.1", 443);
  }
  const client = new TelegramClient(
    session,
    12345,
    "0123456789abcdef0123456789abcdef",
    {
      connection: connectionClass(dc, transport),
      networkSocket: transport === "websocket" ? PromisedWebSockets : undefined,
      connectionRetries: 1,
      retryDelay: 100,
      autoReconnect: false,
      baseLogger: new MemoryLogger(log),
      deviceModel: "sparrow-interop",
      systemVersion: "1",
      appVersion: "1",
    },
  );
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await client.destroy();
  };
  try {
    const connected = await client.connect();
    if (connected === false) {
      throw new Error(`GramJS did not connect:\n${log.join("\n")}`);
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { client, log, close };
}

export { Api };
