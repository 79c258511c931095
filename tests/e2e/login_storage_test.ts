/**
 * Client-level persistence in every storage backend this runtime has: a bot
 * logs in (migrating to its DC), the storage is closed and opened again, and
 * a new client starts from it with no key exchange and no login.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTestDc, type TestDc } from "../dc/mod.ts";
import { MemoryStorage } from "../../storage/memory_storage.ts";
import { FileStorage } from "../../storage/file_storage_node.ts";
import {
  LocalStorageStorage,
  type WebStorageLike,
} from "../../storage/local_storage_storage.ts";
import { DenoKvStorage, type KvLike } from "../../storage/deno_kv_storage.ts";
import type { Storage } from "../../storage/storage.ts";
import { decodeSessionString } from "../../storage/session_string.ts";
import { testClient } from "./helpers.ts";

class MapWebStorage implements WebStorageLike {
  items = new Map<string, string>();
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
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

interface Backend {
  name: string;
  /** Opens the storage (again, for the second run). */
  open(): Promise<Storage>;
  /** Whether closing it and opening it again keeps the data. */
  closes: boolean;
}

const openKv =
  (globalThis as { Deno?: { openKv?: (path?: string) => Promise<KvLike> } })
    .Deno?.openKv;

describe("client persistence in every storage backend", () => {
  let dc: TestDc;
  let root: string;
  before(async () => {
    dc = await startTestDc({ dcCount: 2 });
    root = await mkdtemp(join(tmpdir(), "sparrow-login-storage-"));
  });
  after(async () => {
    await dc.stop();
    await rm(root, { recursive: true, force: true });
  });

  const memory = new MemoryStorage();
  const web = new MapWebStorage();
  const backends: Backend[] = [
    {
      name: "MemoryStorage",
      open: () => Promise.resolve(memory),
      closes: false,
    },
    {
      name: "FileStorage",
      open: () => FileStorage.open(join(root, "bot.session")),
      closes: true,
    },
    {
      name: "LocalStorageStorage",
      open: () =>
        Promise.resolve(new LocalStorageStorage("bot", { storage: web })),
      closes: true,
    },
  ];
  if (typeof openKv === "function") {
    backends.push({
      name: "DenoKvStorage",
      open: () => DenoKvStorage.open(join(root, "bot.kv")),
      closes: true,
    });
  }

  for (const backend of backends) {
    it(`${backend.name}: login, close, reopen, start again: same account, no key exchange, no login`, async () => {
      const { user, token } = dc.auth.createBot({ homeDc: 2 });
      const first = await backend.open();
      const client = testClient(dc, {}, { storage: first });
      const me = await client.start({ botToken: token });
      assert.equal(me.id, user.id);
      const session = await client.exportSession();
      await client.disconnect();
      if (backend.closes) await first.close();

      const keys = dc.auth.permanentKeyCount();
      const logins = dc.auth.stats.botLogins;
      const second = await backend.open();
      const again = testClient(dc, {}, { storage: second });
      try {
        const me2 = await again.start({ botToken: token });
        assert.equal(me2.id, user.id);
        assert.equal(again.dcId, 2);
        assert.equal(again.keyExchangeCount, 0);
        assert.equal(dc.auth.permanentKeyCount(), keys);
        assert.equal(dc.auth.stats.botLogins, logins);
        // The same authorization (salts may have moved on).
        const before = decodeSessionString(session);
        const now = decodeSessionString(await again.exportSession());
        assert.equal(now.mainDc, 2);
        assert.deepEqual(now.account, before.account);
        assert.deepEqual(
          now.dcs.map((d) => [d.id, d.authKey]),
          before.dcs.map((d) => [d.id, d.authKey]),
        );
      } finally {
        await again.disconnect();
        if (backend.closes) await second.close();
      }
    });
  }
});
