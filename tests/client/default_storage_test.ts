import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  isBrowserRuntime,
  resolveStorage,
} from "../../client/default_storage.ts";
import { Client } from "../../client/client.ts";
import { FileStorage } from "../../storage/file_storage_node.ts";
import { MemoryStorage } from "../../storage/memory_storage.ts";
import { SessionStore } from "../../storage/session_store.ts";
import { StorageError } from "../../storage/storage_error.ts";

describe("resolveStorage (outside a browser)", () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), "sparrow-default-storage-"));
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("is not a browser here", () => {
    assert.equal(isBrowserRuntime(), false);
  });

  it("keeps a Storage as it is, not owned", async () => {
    const memory = new MemoryStorage();
    const resolved = await resolveStorage(memory);
    assert.equal(resolved.storage, memory);
    assert.equal(resolved.owned, false);
  });

  it("gives a MemoryStorage when nothing is given", async () => {
    const resolved = await resolveStorage(undefined);
    assert.ok(resolved.storage instanceof MemoryStorage);
    assert.equal(resolved.owned, false, "closing it would lose the session");
  });

  it("opens a name as a FileStorage at that path, owned", async () => {
    const path = join(root, "a.session");
    const resolved = await resolveStorage(path);
    try {
      assert.ok(resolved.storage instanceof FileStorage);
      assert.equal((resolved.storage as FileStorage).path, path);
      assert.equal(resolved.owned, true);
    } finally {
      await resolved.storage.close();
    }
  });

  it("refuses an empty name with StorageError(invalid)", async () => {
    await assert.rejects(
      resolveStorage(""),
      (e) => e instanceof StorageError && e.code === "invalid",
    );
  });

  it("a Client accepts a name without touching the file until used", async () => {
    const path = join(root, "lazy.session");
    const client = new Client({ apiId: 1, apiHash: "x", storage: path });
    // exportSession opens the storage: the file is stamped with the format version.
    await assert.rejects(client.exportSession());
    await client.disconnect();
    const file = await FileStorage.open(path);
    try {
      assert.ok(await file.get("version") !== undefined);
    } finally {
      await file.close();
    }
  });

  it("a Client refuses a storage option that is neither a Storage nor a name", () => {
    assert.throws(
      () => new Client({ apiId: 1, apiHash: "x", storage: 5 as never }),
      TypeError,
    );
  });
});

describe("SessionStore time offset", () => {
  it("stores, reads and forgets an offset per DC, and forgets it with the auth key", async () => {
    const store = await SessionStore.open(new MemoryStorage());
    assert.equal(await store.getTimeOffset(2), undefined);
    await store.setTimeOffset(2, -12.5);
    await store.setTimeOffset(4, 30);
    assert.equal(await store.getTimeOffset(2), -12.5);
    assert.equal(await store.getTimeOffset(4), 30);
    await store.setTimeOffset(4, undefined);
    assert.equal(await store.getTimeOffset(4), undefined);
    await store.setAuthKey(2, new Uint8Array(256).fill(1));
    await store.setAuthKey(2, undefined);
    assert.equal(await store.getTimeOffset(2), undefined);
  });

  it("refuses what is not an offset, and reports a corrupt one", async () => {
    const storage = new MemoryStorage();
    const store = await SessionStore.open(storage);
    for (const bad of [NaN, Infinity, 1e15, "5" as unknown as number]) {
      await assert.rejects(
        store.setTimeOffset(1, bad),
        (e) => e instanceof StorageError && e.code === "invalid",
      );
    }
    await assert.rejects(
      store.setTimeOffset(0, 1),
      (e) => e instanceof StorageError && e.code === "invalid",
    );
    await storage.set("dc/1/time_offset", "soon");
    await assert.rejects(
      store.getTimeOffset(1),
      (e) =>
        e instanceof StorageError && e.code === "corrupt" &&
        e.key === "dc/1/time_offset",
    );
  });

  it("a store written without offsets (the format before them) reads as unknown", async () => {
    const storage = new MemoryStorage();
    await storage.set("version", 1);
    await storage.set("main_dc", 2);
    await storage.set("dc/2/auth_key", new Uint8Array(256).fill(7));
    const store = await SessionStore.open(storage);
    assert.equal(await store.getTimeOffset(2), undefined);
    assert.equal((await store.getAuthorization())?.mainDc, 2);
  });
});
