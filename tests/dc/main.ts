/**
 * Runs the local test DC standalone: `deno run -A tests/dc/main.ts`
 * (or `npm run dc`). Prints each DC's addresses and the server's public key,
 * then serves until interrupted.
 *
 * Options: `--dcs N` (default 2), `--salt-lifetime SECONDS` (default 1800),
 * `--port BASE` (DC n on TCP BASE+2(n−1) and WebSocket BASE+2(n−1)+1;
 * default: ephemeral ports).
 *
 * @module
 */

import process from "node:process";
import { startTestDc } from "./mod.ts";

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const dc = await startTestDc({
  dcCount: Number(option("--dcs") ?? 2),
  saltLifetimeSeconds: Number(option("--salt-lifetime") ?? 1800),
  basePort: option("--port") === undefined
    ? undefined
    : Number(option("--port")),
});

console.log("Sparrow local test DC (test mode, layer 228)");
for (const { id, host, port, wsUrl } of dc.dcs) {
  console.log(`  DC ${id}: tcp ${host}:${port}  websocket ${wsUrl}`);
}
console.log(
  `RSA key fingerprint: ${
    BigInt.asUintN(64, dc.publicKey.fingerprint).toString(16).padStart(16, "0")
  }`,
);
console.log(dc.publicKey.pem.trim());
console.log("Press Ctrl+C to stop.");

const shutdown = async () => {
  await dc.stop();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
