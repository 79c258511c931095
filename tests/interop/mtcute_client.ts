/**
 * mtcute (`@mtcute/core` 0.30.3) pointed at the local test DC, for the
 * interop tests: the platform pieces of `mtcute_platform.ts`, the DC's key
 * in mtcute's key table, the test world's DC 1 as the default DC.
 *
 * @module
 */

import { MemoryStorage } from "@mtcute/core";
import { BaseTelegramClient } from "@mtcute/core/client.js";
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

/** Builds an mtcute client for DC 1 of the test world over `transport`. */
export function createMtcute(
  dc: TestDc,
  transport: MtcuteTransport,
  options: { pingIntervalMs?: number } = {},
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
    // Updates would start their own getState/getDifference traffic; these
    // tests call what they check.
    updates: false,
    logLevel: 4,
    network: options.pingIntervalMs === undefined
      ? undefined
      : { pingInterval: options.pingIntervalMs },
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
