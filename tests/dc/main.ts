/**
 * Runs the local test DC standalone: `deno run -A tests/dc/main.ts`
 * (or `npm run dc`). Prints each DC's addresses and the server's public key,
 * then serves until interrupted.
 *
 * Options: `--dcs N` (default 2), `--salt-lifetime SECONDS` (default 1800),
 * `--port BASE` (DC n on TCP BASE+2(n−1) and WebSocket BASE+2(n−1)+1;
 * default: ephemeral ports), `--bot USERNAME` (creates a bot on DC 1 and
 * prints its token; repeatable). Users log in with test numbers
 * `99966XYYYY` (X: the DC) and the code X five times.
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
process.argv.forEach((arg, i) => {
  if (arg !== "--bot") return;
  const username = process.argv[i + 1]?.replace(/^@/, "");
  if (!username) throw new Error("--bot needs a username");
  const { token } = dc.auth.createBot({ username });
  console.log(`Bot @${username}: ${token}`);
});
console.log(
  "Users: phone 99966XYYYY (X = DC id), code X five times (22222 on DC 2).",
);
console.log("Press Ctrl+C to stop.");

const shutdown = async () => {
  await dc.stop();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
