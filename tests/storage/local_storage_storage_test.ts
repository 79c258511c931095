import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  LocalStorageStorage,
  type WebStorageLike,
} from "../../storage/local_storage_storage.ts";
import { StorageError } from "../../storage/storage_error.ts";
import type { Storage } from "../../storage/storage.ts";
import { runStorageContract } from "./run_contract.ts";

/** An in-memory Web Storage with a quota counted in characters, as browsers do. */
class MapWebStorage implements WebStorageLike {
  items = new Map<string, string>();
  constructor(readonly quota = Infinity) {}
  get length() {
    return this.items.size;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    let used = key.length + value.length;
    for (const [k, v] of this.items) if (k !== key) used += k.length + v.length;
    if (used > this.quota) {
      throw new DOMException("quota exceeded", "QuotaExceededError");
    }
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

const run = Math.random().toString(36).slice(2);
let counter = 0;
const reopen = (storage: Storage, options = {}) =>
  storage.close().then(() =>
    new LocalStorageStorage(
      (storage as LocalStorageStorage).prefix.slice(8, -1),
      options,
    )
  );

const fake = new MapWebStorage();
runStorageContract("LocalStorageStorage (in-memory Web Storage)", {
  create: () =>
    Promise.resolve(
      new LocalStorageStorage(`c${++counter}`, { storage: fake }),
    ),
  reopen: (storage) => reopen(storage, { storage: fake }),
});

const real = (globalThis as { localStorage?: WebStorageLike }).localStorage;
if (real) {
  // Deno has a persistent localStorage: use unique names and clean up.
  after(() => {
    for (let i = real.length - 1; i >= 0; i--) {
      const key = real.key(i);
      if (key?.startsWith(`sparrow:test-${run}-`)) real.removeItem(key);
    }
  });
  runStorageContract("LocalStorageStorage (runtime localStorage)", {
    create: () =>
      Promise.resolve(new LocalStorageStorage(`test-${run}-${++counter}`)),
    reopen: (storage) => reopen(storage),
  });
}

describe("LocalStorageStorage", () => {
  it("keeps sessions apart by name and ignores foreign items", async () => {
    const web = new MapWebStorage();
    web.setItem("unrelated", "not json");
    const a = new LocalStorageStorage("a", { storage: web });
    const b = new LocalStorageStorage("ab", { storage: web });
    await a.set("k", 1);
    await b.set("k", 2);
    assert.deepEqual(await a.list(""), [["k", 1]]);
    assert.deepEqual(await b.list(""), [["k", 2]]);
    assert.deepEqual([...web.items.keys()].sort(), [
      "sparrow:a:k",
      "sparrow:ab:k",
      "unrelated",
    ]);
  });

  it("undoes a batch that exceeds the quota", async () => {
    const web = new MapWebStorage(200);
    const storage = new LocalStorageStorage("q", { storage: web });
    await storage.batch([{ type: "set", key: "a", value: "old" }, {
      type: "set",
      key: "b",
      value: 1,
    }]);
    await assert.rejects(
      storage.batch([
        { type: "set", key: "a", value: "new" },
        { type: "delete", key: "b" },
        { type: "set", key: "big", value: "x".repeat(300) },
      ]),
      (error) =>
        error instanceof StorageError && error.code === "io" &&
        error.message.includes('"sparrow:q:"'),
    );
    assert.deepEqual(await storage.list(""), [["a", "old"], ["b", 1]]);
  });

  it("reports corrupt items naming the prefix and the key", async () => {
    const web = new MapWebStorage();
    web.setItem("sparrow:s:dc/2/auth_key", '{"$b":"%%%"}');
    web.setItem("sparrow:s:main_dc", "{truncated");
    const storage = new LocalStorageStorage("s", { storage: web });
    for (
      const [key, pattern] of [["dc/2/auth_key", /base64/], [
        "main_dc",
        /JSON/,
      ]] as const
    ) {
      await assert.rejects(storage.get(key), (error) => {
        assert.ok(error instanceof StorageError);
        assert.equal(error.code, "corrupt");
        assert.equal(error.key, key);
        assert.match(error.message, /^localStorage "sparrow:s:"/);
        assert.match(error.message, pattern);
        return true;
      });
    }
    await assert.rejects(
      storage.list(""),
      (e) => e instanceof StorageError && e.code === "corrupt",
    );
    assert.equal(
      web.getItem("sparrow:s:main_dc"),
      "{truncated",
      "left untouched",
    );
  });

  it("fails clearly when the page may not use localStorage", async () => {
    const storage = new LocalStorageStorage("x", {
      get storage(): WebStorageLike {
        throw new DOMException("access denied", "SecurityError");
      },
    });
    await assert.rejects(
      storage.get("k"),
      (e) => e instanceof StorageError && e.code === "io",
    );
  });
});
