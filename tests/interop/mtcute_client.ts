/**
 * mtcute (`@mtcute/core` 0.30.3) pointed at the local test DC, for the
 * interop tests: the platform pieces of `mtcute_platform.ts`, the DC's key
 * in mtcute's key table, the test world's DC 1 as the default DC.
 *
 * @module
 */

import { MemoryStorage } from "@mtcute/core";
import { BaseTelegramClient, TelegramClient } from "@mtcute/core/client.js";
import type { TestDc } from "../dc/mod.ts";
import {
  InteropCryptoProvider,
  interopPlatform,
  type MtcuteFraming,
  tcpTransport,
  trustServerKey,
  webSocketTransport,
} from "./mtcute_platform.ts";

/** The transports the tests run mtcute over. */
export type MtcuteTransport = MtcuteFraming | "websocket";

/** Every mtcute transport, in test order. */
export const MTCUTE_TRANSPORTS: readonly MtcuteTransport[] = [
  "intermediate",
  "padded",
  "obfuscated-intermediate",
  "obfuscated-padded",
  "websocket",
];

/** An mtcute client and what it logged (printed when a test fails). */
export interface MtcuteHandle {
  /** The client (not yet connected: the first call connects). */
  client: BaseTelegramClient;
  /** mtcute's log lines (level, tag, message). */
  log: string[];
  /** Destroys the client (connections, timers); safe to call twice. */
  close(): Promise<void>;
}

/** Options of {@link createMtcute}. */
export interface MtcuteOptions {
  /** mtcute's ping interval (default: its own, 60 s). */
  pingIntervalMs?: number;
  /** Run mtcute's update manager (pts/qts/seq, gaps, getDifference); off by default. */
  updates?: boolean;
}

/** Builds an mtcute client for DC 1 of the test world over `transport`. */
export function createMtcute(
  dc: TestDc,
  transport: MtcuteTransport,
  options: MtcuteOptions = {},
): MtcuteHandle {
  const crypto = new InteropCryptoProvider();
  crypto.initialize();
  trustServerKey(crypto, dc.publicKey.pem);
  const ports = {
    tcp: (id: number) => dc.dcs[id - 1]?.port ?? 1,
    ws: (id: number) => dc.dcs[id - 1]?.wsUrl ?? "ws://127.0.0.1:1/apiws",
  };
  const log: string[] = [];
  const main = { id: 1, ipAddress: "127.0.0.1", port: ports.tcp(1) };
  const client = new BaseTelegramClient({
    apiId: 12345,
    apiHash: "0123456789abcdef0123456789abcdef",
    storage: new MemoryStorage(),
    crypto,
    platform: interopPlatform(log),
    transport: transport === "websocket"
      ? webSocketTransport(ports)
      : tcpTransport(ports, transport),
    defaultDcs: { main, media: main },
    // Updates start their own getState/getDifference traffic; the tests that
    // do not check updates call what they check.
    // catchUp: after a restart of the loop, getDifference from the stored
    // state (mtcute's default fetches a fresh state and skips what was missed).
    updates: options.updates ? { catchUp: true } : false,
    logLevel: 4,
    network: {
      pingInterval: options.pingIntervalMs,
      // After a migration mtcute arms a 60 s idle timer on the former
      // primary DC's connection that destroy() leaves running, which keeps a
      // Node test process alive for a minute; a short one expires harmlessly.
      inactivityTimeout: 1000,
    },
  });
  let closed = false;
  return {
    client,
    log,
    async close() {
      if (closed) return;
      closed = true;
      await client.destroy();
    },
  };
}

/** mtcute's high-level client (login flow, parsed updates) and what it logged. */
export interface MtcuteUserHandle {
  /** The high-level client, its update manager on. */
  client: TelegramClient;
  /** mtcute's log lines. */
  log: string[];
  /** Destroys the client; safe to call twice. */
  close(): Promise<void>;
}

/**
 * mtcute's high-level `TelegramClient` (its own `start()` login flow, PHONE_MIGRATE
 * handling, SRP, and update manager) over `transport`, starting on DC 1.
 */
export function createMtcuteUser(
  dc: TestDc,
  transport: MtcuteTransport,
): MtcuteUserHandle {
  const base = createMtcute(dc, transport, { updates: true });
  const client = new TelegramClient({ client: base.client });
  return { client, log: base.log, close: base.close };
}
