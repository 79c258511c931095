/**
 * FileStorage costs: `deno bench -A tests/storage/file_storage_bench.ts`.
 * A write appends one fdatasynced line (compactions are amortized), so its
 * cost should stay near a bare append + fdatasync, whatever the file's size.
 */
import { appendFile, mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileStorage } from "../../storage/file_storage_node.ts";
import { MemoryStorage } from "../../storage/memory_storage.ts";
import { SessionStore } from "../../storage/session_store.ts";
import type { PeerRecord } from "../../storage/peer_record.ts";

const root = await mkdtemp(join(tmpdir(), "sparrow-bench-"));
globalThis.addEventListener(
  "unload",
  () => rm(root, { recursive: true, force: true }),
);

async function session(path: string, peers: number): Promise<FileStorage> {
  const storage = await FileStorage.open(path);
  const store = await SessionStore.open(storage);
  await store.setMainDc(2);
  await store.setAuthKey(2, new Uint8Array(256).fill(7));
  await store.setSalt(2, 123n);
  await store.setAccount({ userId: 42n, isBot: true });
  const records: PeerRecord[] = [];
  for (let i = 1; i <= peers; i++) {
    records.push({
      id: BigInt(i),
      kind: "user",
      accessHash: BigInt(i) * 7919n,
      username: `user${i}`,
    });
  }
  await store.putPeers(records);
  return storage;
}

const small = await session(join(root, "small.session"), 10);
const large = await session(join(root, "large.session"), 10_000);
await large.close();
const largeReopened = await FileStorage.open(join(root, "large.session"));
const memory = new MemoryStorage();
let pts = 0;

Deno.bench(
  "MemoryStorage: set the update state",
  { group: "set" },
  async () => {
    await memory.set("updates/state", { pts: ++pts, qts: 0, seq: 0, date: 0 });
  },
);

Deno.bench("FileStorage: set the update state, 10 peers (~3 kB file)", {
  group: "set",
  baseline: true,
}, async () => {
  await small.set("updates/state", { pts: ++pts, qts: 0, seq: 0, date: 0 });
});

Deno.bench("FileStorage: set the update state, 10 000 peers (~1 MB file)", {
  group: "set",
}, async () => {
  await largeReopened.set("updates/state", {
    pts: ++pts,
    qts: 0,
    seq: 0,
    date: 0,
  });
});

Deno.bench("FileStorage: 100 unawaited sets, 10 peers (coalesced)", {
  group: "burst",
}, async () => {
  const writes = [];
  for (let i = 0; i < 100; i++) {
    writes.push(small.set(`updates/channel/${i + 1}`, ++pts));
  }
  await Promise.all(writes);
});

Deno.bench(
  "FileStorage: open a 10 000-peer file",
  { group: "open" },
  async () => {
    const storage = new FileStorage(join(root, "large.session"), {
      lock: false,
    });
    await storage.get("main_dc");
    await storage.close();
  },
);

const log = await open(join(root, "append.log"), "a");
Deno.bench("(for comparison) append 60 bytes + fdatasync: a log's write", {
  group: "set",
}, async () => {
  await appendFile(log, `{"k":"updates/state","v":{"pts":${++pts}}}\n`);
  await log.datasync();
});
