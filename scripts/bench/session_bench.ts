/**
 * The MTProto session against the local test DC, over TCP intermediate:
 * creating an auth key (client CPU and wall time, median of 20) and
 * pipelined pings per second.
 *
 * Run: `node_modules/.bin/deno bench -A scripts/bench/session_bench.ts`.
 * The DC runs in a child process, so the CPU time measured here is the
 * client's alone. A summary table is printed first, then `deno bench`'s own.
 *
 * @module
 */

import process from "node:process";
import { Client } from "../../client/client.ts";
import { MemoryStorage } from "../../storage/memory_storage.ts";

const ROOT = new URL("../..", import.meta.url).pathname;
const KEY_EXCHANGES = 20;
const PING_ROUNDS = 10;
const PINGS_PER_ROUND = 1000;

interface RunningDc {
  host: string;
  port: number;
  pem: string;
  stop(): Promise<void>;
}

async function startDcProcess(): Promise<RunningDc> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "tests/dc/main.ts", "--dcs", "1"],
    cwd: ROOT,
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!text.includes("Press Ctrl+C")) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the test DC exited early:\n${text}`);
    text += value;
  }
  const address = /DC 1: tcp ([\d.]+):(\d+)/.exec(text);
  const pem =
    /-----BEGIN RSA PUBLIC KEY-----[\s\S]+?-----END RSA PUBLIC KEY-----/.exec(
      text,
    );
  if (address === null || pem === null) {
    throw new Error(`cannot read the DC's address and key:\n${text}`);
  }
  // Keep draining stdout so the child never blocks on a full pipe.
  (async () => {
    while (!(await reader.read()).done) { /* discard */ }
  })();
  return {
    host: address[1],
    port: Number(address[2]),
    pem: pem[0],
    async stop() {
      child.kill("SIGTERM");
      await child.status;
    },
  };
}

function newClient(dc: RunningDc): Client {
  return new Client({
    apiId: 1,
    apiHash: "0123456789abcdef0123456789abcdef",
    initialDc: 1,
    dcs: { 1: { host: dc.host, port: dc.port } },
    publicKeys: [dc.pem],
    storage: new MemoryStorage(),
    transport: { framing: "intermediate", connection: "tcp" },
  });
}

async function pipelinedPings(client: Client, count: number): Promise<void> {
  await Promise.all(
    Array.from(
      { length: count },
      (_, i) => client.invoke({ _: "ping", ping_id: BigInt(i) }),
    ),
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? sorted[mid]
    : (sorted[mid - 1] + sorted[mid]) / 2;
}

const dc = await startDcProcess();

// ----- summary: medians measured by hand -----
{
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < KEY_EXCHANGES; i++) {
    const client = newClient(dc);
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    await client.connect();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
    if (client.keyExchangeCount !== 1) {
      throw new Error("expected a key exchange");
    }
    await client.disconnect();
  }
  const client = newClient(dc);
  await client.connect();
  await pipelinedPings(client, PINGS_PER_ROUND); // warm-up
  const rates: number[] = [];
  for (let round = 0; round < PING_ROUNDS; round++) {
    const start = performance.now();
    await pipelinedPings(client, PINGS_PER_ROUND);
    rates.push(PINGS_PER_ROUND / ((performance.now() - start) / 1000));
  }
  await client.disconnect();
  console.log(
    "session_bench (TCP intermediate, local test DC in a child process)",
  );
  console.log(
    `  key exchange (incl. TCP connect), median of ${KEY_EXCHANGES}: wall ${
      median(wall).toFixed(1)
    } ms, client CPU ${median(cpu).toFixed(1)} ms`,
  );
  console.log(
    `  pipelined pings, median of ${PING_ROUNDS} rounds of ${PINGS_PER_ROUND}: ${
      Math.round(median(rates))
    } pings/s`,
  );
}

// ----- deno bench's own statistics -----
const shared = newClient(dc);
globalThis.addEventListener("unload", () => {
  void shared.disconnect();
  void dc.stop();
});

Deno.bench(
  "key exchange + TCP connect (new auth key)",
  { group: "session" },
  async () => {
    const client = newClient(dc);
    await client.connect();
    await client.disconnect();
  },
);

Deno.bench(
  `${PINGS_PER_ROUND} pipelined pings`,
  { group: "session" },
  async () => {
    await pipelinedPings(shared, PINGS_PER_ROUND);
  },
);
