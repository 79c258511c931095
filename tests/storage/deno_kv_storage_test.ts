import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DenoKvStorage, type KvLike } from "../../storage/deno_kv_storage.ts";
import { StorageError } from "../../storage/storage_error.ts";
import type { Storage } from "../../storage/storage.ts";
import { runStorageContract } from "./run_contract.ts";

const openKv =
  (globalThis as { Deno?: { openKv?: (path?: string) => Promise<KvLike> } })
    .Deno?.openKv;

if (typeof openKv !== "function") {
  describe("DenoKvStorage", () => {
    it("needs Deno with --unstable-kv", {
      skip: "Deno.openKv is not available here",
    }, () => {});
  });
} else {
  const root = await mkdtemp(join(tmpdir(), "sparrow-kv-"));
  after(() => rm(root, { recursive: true, force: true }));
  let counter = 0;
  const paths = new WeakMap<Storage, string>();
  const openAt = async (path: string) => {
    const storage = await DenoKvStorage.open(path);
    paths.set(storage, path);
    return storage;
  };

  runStorageContract("DenoKvStorage", {
    create: () => openAt(join(root, `c${++counter}.kv`)),
    async reopen(storage) {
      await storage.close();
      return openAt(paths.get(storage)!);
    },
  });

  describe("DenoKvStorage", () => {
    it("keeps sessions apart by prefix in one database", async () => {
      const kv = await openKv(":memory:");
      try {
        const a = new DenoKvStorage(kv, { prefix: ["sparrow", "a"] });
        const b = new DenoKvStorage(kv, { prefix: ["sparrow", "b"] });
        await a.set("k", 1n);
        await b.set("k", new Uint8Array([2]));
        assert.deepEqual(await a.list(""), [["k", 1n]]);
        assert.deepEqual(await b.list(""), [["k", new Uint8Array([2])]]);
        await a.close();
        await b.close();
        // The caller's database stays open.
        assert.equal((await kv.get(["sparrow", "a", "k"])).value, 1n);
      } finally {
        kv.close();
      }
    });

    it("reports foreign data under its prefix as corrupt", async () => {
      const kv = await openKv(":memory:");
      try {
        const atomic = kv.atomic();
        atomic.set(["sparrow", "main_dc"], new Date(0));
        atomic.set(["sparrow", "nested", "key"], 1);
        await atomic.commit();
        const storage = new DenoKvStorage(kv);
        await assert.rejects(storage.get("main_dc"), (error) => {
          assert.ok(error instanceof StorageError);
          assert.equal(error.code, "corrupt");
          assert.equal(error.key, "main_dc");
          assert.match(error.message, /^Deno KV "\(given\)" \["sparrow"\]/);
          return true;
        });
        await assert.rejects(
          storage.list("nested"),
          (e) => e instanceof StorageError && e.code === "corrupt",
        );
        await storage.close();
      } finally {
        kv.close();
      }
    });

    it("rejects a batch beyond Deno KV's limits, writing nothing", async () => {
      const storage = await DenoKvStorage.open(":memory:");
      try {
        await assert.rejects(
          storage.set("big", new Uint8Array(70_000)),
          (e) => e instanceof StorageError && e.code === "invalid",
        );
        const ops = [];
        for (let i = 0; i < 1001; i++) {
          ops.push({ type: "set" as const, key: `k${i}`, value: i });
        }
        await assert.rejects(
          storage.batch(ops),
          (e) => e instanceof StorageError && e.code === "invalid",
        );
        assert.deepEqual(await storage.list(""), []);
      } finally {
        await storage.close();
      }
    });
  });
}
