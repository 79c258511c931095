import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileStorage } from "../../storage/file_storage_node.ts";
import { MemoryStorage } from "../../storage/memory_storage.ts";
import { migrateStorage } from "../../storage/migrate.ts";
import {
  markPeerId,
  type PeerRecord,
  unmarkPeerId,
} from "../../storage/peer_record.ts";
import {
  SESSION_STORE_VERSION,
  SessionStore,
} from "../../storage/session_store.ts";
import type { Storage, StorageValue } from "../../storage/storage.ts";
import { StorageError } from "../../storage/storage_error.ts";

const root = await mkdtemp(join(tmpdir(), "sparrow-session-store-"));
after(() => rm(root, { recursive: true, force: true }));
let counter = 0;

const backends: [string, () => Promise<Storage>][] = [
  ["MemoryStorage", () => Promise.resolve(new MemoryStorage())],
  ["FileStorage", () => FileStorage.open(join(root, `s${++counter}.session`))],
];

const key = (seed: number) =>
  new Uint8Array(256).map((_, i) => (i * 31 + seed) & 0xff);

function isStorageError(code: string, pattern?: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof StorageError, `not a StorageError: ${error}`);
    assert.equal(error.code, code, error.message);
    if (pattern) assert.match(error.message, pattern);
    return true;
  };
}

async function withStore(
  make: () => Promise<Storage>,
  body: (store: SessionStore, storage: Storage) => Promise<void>,
) {
  const storage = await make();
  try {
    await body(await SessionStore.open(storage), storage);
  } finally {
    await storage.close();
  }
}

for (const [name, make] of backends) {
  describe(`SessionStore on ${name}`, () => {
    it("stamps an empty storage with the current version", async () => {
      await withStore(make, async (_, storage) => {
        assert.equal(await storage.get("version"), SESSION_STORE_VERSION);
      });
    });

    it("keeps DC authorization: main DC, auth keys, salts, temp keys", async () => {
      await withStore(make, async (store) => {
        assert.equal(await store.getMainDc(), undefined);
        assert.equal(await store.getAuthKey(2), undefined);
        await store.setMainDc(2);
        await store.setAuthKey(2, key(2));
        await store.setSalt(2, -5n);
        await store.setAuthKey(4, key(4));
        await store.setTempAuthKey(2, {
          key: key(9),
          expiresAt: 1_700_000_000,
        });
        assert.equal(await store.getMainDc(), 2);
        assert.deepEqual(await store.getAuthKey(2), key(2));
        assert.equal(await store.getSalt(2), -5n);
        assert.equal(await store.getSalt(4), undefined);
        assert.deepEqual(await store.getTempAuthKey(2), {
          key: key(9),
          expiresAt: 1_700_000_000,
        });
        assert.deepEqual(await store.listAuthorizedDcs(), [2, 4]);
        await store.setAuthKey(2, undefined);
        assert.equal(await store.getAuthKey(2), undefined);
        assert.equal(await store.getSalt(2), undefined);
        assert.equal(await store.getTempAuthKey(2), undefined);
        assert.deepEqual(await store.listAuthorizedDcs(), [4]);
      });
    });

    it("rejects bad input with code invalid", async () => {
      await withStore(make, async (store) => {
        await assert.rejects(store.setMainDc(0), isStorageError("invalid"));
        await assert.rejects(store.setMainDc(1.5), isStorageError("invalid"));
        await assert.rejects(
          () => store.setAuthKey(2, new Uint8Array(255)),
          isStorageError("invalid"),
        );
        await assert.rejects(
          () => store.setSalt(2, 5 as unknown as bigint),
          isStorageError("invalid"),
        );
        await assert.rejects(
          () =>
            store.putPeers([{
              id: 1n,
              kind: "robot" as "bot",
              accessHash: 1n,
            }]),
          isStorageError("invalid"),
        );
        await assert.rejects(
          () => store.setUpdateState({ pts: 1, qts: 1, seq: 1.5, date: 1 }),
          isStorageError("invalid"),
        );
        assert.equal(await store.getMainDc(), undefined);
      });
    });

    it("keeps the account and the update state", async () => {
      await withStore(make, async (store) => {
        await store.setAccount({ userId: 2n ** 40n, isBot: true });
        assert.deepEqual(await store.getAccount(), {
          userId: 2n ** 40n,
          isBot: true,
        });
        await store.setUpdateState({
          pts: 10,
          qts: 2,
          seq: 3,
          date: 1_700_000_001,
        });
        assert.deepEqual(await store.getUpdateState(), {
          pts: 10,
          qts: 2,
          seq: 3,
          date: 1_700_000_001,
        });
        await store.setChannelPts(1234567890123n, 55);
        await store.setChannelPts(7n, 1);
        assert.equal(await store.getChannelPts(7n), 1);
        assert.equal(await store.getChannelPts(8n), undefined);
        assert.deepEqual(
          await store.listChannelPts(),
          new Map([[1234567890123n, 55], [7n, 1]]),
        );
        await store.setChannelPts(7n, undefined);
        assert.deepEqual(
          await store.listChannelPts(),
          new Map([[1234567890123n, 55]]),
        );
        await store.setAccount(undefined);
        assert.equal(await store.getAccount(), undefined);
      });
    });

    it("caches peers with lookups by username and phone", async () => {
      await withStore(make, async (store) => {
        const alice: PeerRecord = {
          id: 101n,
          kind: "user",
          accessHash: -77n,
          username: "Alice_Bot",
          phone: "+1 (555) 010-2030",
        };
        const channel: PeerRecord = {
          id: markPeerId("channel", 555n),
          kind: "channel",
          accessHash: 2n ** 62n,
          username: "news",
        };
        await store.putPeers([alice, channel]);
        const storedAlice = { ...alice, phone: "15550102030" };
        assert.deepEqual(await store.getPeer(101n), storedAlice);
        assert.deepEqual(
          await store.getPeerByUsername("alice_bot"),
          storedAlice,
        );
        assert.deepEqual(
          await store.getPeerByUsername("@ALICE_BOT"),
          storedAlice,
        );
        assert.deepEqual(
          await store.getPeerByPhone("15550102030"),
          storedAlice,
        );
        assert.deepEqual(
          await store.getPeerByPhone("+1 555 010 2030"),
          storedAlice,
        );
        assert.deepEqual(await store.getPeer(-1000000000555n), channel);
        assert.deepEqual(await store.getPeerByUsername("news"), channel);
        assert.equal(await store.getPeerByUsername("nobody"), undefined);
        assert.equal(await store.getPeerByUsername("@"), undefined);
        assert.equal(await store.getPeerByPhone("+"), undefined);
      });
    });

    it("moves username and phone indexes when they change hands", async () => {
      await withStore(make, async (store) => {
        await store.putPeers([{
          id: 1n,
          kind: "user",
          accessHash: 1n,
          username: "taken",
        }]);
        // Peer 2 takes the username; peer 1's later update must not drop it.
        await store.putPeers([{
          id: 2n,
          kind: "user",
          accessHash: 2n,
          username: "Taken",
        }]);
        await store.putPeers([{
          id: 1n,
          kind: "user",
          accessHash: 1n,
          username: "other",
        }]);
        assert.equal((await store.getPeerByUsername("taken"))?.id, 2n);
        assert.equal((await store.getPeerByUsername("other"))?.id, 1n);
        // Dropping a username removes its index.
        await store.putPeers([{ id: 2n, kind: "user", accessHash: 2n }]);
        assert.equal(await store.getPeerByUsername("taken"), undefined);
        // The same happens within one batch.
        await store.putPeers([
          { id: 3n, kind: "user", accessHash: 3n, phone: "123" },
          { id: 4n, kind: "user", accessHash: 4n, phone: "123" },
          { id: 3n, kind: "user", accessHash: 3n, phone: "456" },
        ]);
        assert.equal((await store.getPeerByPhone("123"))?.id, 4n);
        assert.equal((await store.getPeerByPhone("456"))?.id, 3n);
        await store.deletePeer(4n);
        assert.equal(await store.getPeer(4n), undefined);
        assert.equal(await store.getPeerByPhone("123"), undefined);
        assert.equal((await store.getPeerByPhone("456"))?.id, 3n);
        await store.deletePeer(999n);
      });
    });

    it("never lets a min peer replace a full one", async () => {
      await withStore(make, async (store) => {
        const min = { peerId: markPeerId("supergroup", 9n), msgId: 42 };
        await store.putPeers([{ id: 5n, kind: "user", accessHash: 11n, min }]);
        assert.deepEqual(await store.getPeer(5n), {
          id: 5n,
          kind: "user",
          accessHash: 11n,
          min,
        });
        await store.putPeers([{ id: 5n, kind: "user", accessHash: 22n }]);
        await store.putPeers([{
          id: 5n,
          kind: "user",
          accessHash: 33n,
          min,
          username: "x",
        }]);
        assert.deepEqual(await store.getPeer(5n), {
          id: 5n,
          kind: "user",
          accessHash: 22n,
        });
        assert.equal(await store.getPeerByUsername("x"), undefined);
      });
    });

    it("writes many peers at once", async () => {
      await withStore(make, async (store) => {
        const peers: PeerRecord[] = [];
        for (let i = 1; i <= 250; i++) {
          peers.push({
            id: BigInt(i),
            kind: "bot",
            accessHash: BigInt(-i),
            username: `bot${i}`,
          });
        }
        await store.putPeers(peers);
        assert.equal(
          (await store.getPeerByUsername("bot250"))?.accessHash,
          -250n,
        );
        assert.equal((await store.getPeer(1n))?.username, "bot1");
      });
    });

    it("replaces the authorization, keeping peers only for the same account", async () => {
      await withStore(make, async (store) => {
        await store.setMainDc(1);
        await store.setAuthKey(1, key(1));
        await store.setTempAuthKey(1, { key: key(5), expiresAt: 1 });
        await store.setAccount({ userId: 7n, isBot: false });
        await store.putPeers([{ id: 8n, kind: "user", accessHash: 8n }]);
        await store.setUpdateState({ pts: 1, qts: 0, seq: 0, date: 0 });
        assert.deepEqual(await store.getAuthorization(), {
          mainDc: 1,
          dcs: [{ id: 1, authKey: key(1) }],
          account: { userId: 7n, isBot: false },
        });
        const sameAccount = {
          mainDc: 2,
          dcs: [{ id: 2, authKey: key(2), salt: 3n }],
          account: { userId: 7n, isBot: false },
        };
        await store.setAuthorization(sameAccount);
        assert.deepEqual(await store.getAuthorization(), sameAccount);
        assert.equal(await store.getAuthKey(1), undefined);
        assert.equal(await store.getTempAuthKey(1), undefined);
        assert.equal((await store.getPeer(8n))?.accessHash, 8n);
        assert.equal((await store.getUpdateState())?.pts, 1);
        await store.setAuthorization({
          mainDc: 2,
          dcs: [{ id: 2, authKey: key(3) }],
          account: { userId: 9n, isBot: true },
        });
        assert.equal(await store.getPeer(8n), undefined);
        assert.equal(await store.getUpdateState(), undefined);
        assert.equal(await store.getSalt(2), undefined);
        await assert.rejects(
          () =>
            store.setAuthorization({
              mainDc: 3,
              dcs: [{ id: 2, authKey: key(3) }],
            }),
          isStorageError("invalid", /main DC 3/),
        );
      });
    });

    it("clear() forgets everything but the version", async () => {
      await withStore(make, async (store, storage) => {
        await store.setMainDc(2);
        await store.setAuthKey(2, key(2));
        await store.setAccount({ userId: 1n, isBot: true });
        await store.putPeers([{
          id: 3n,
          kind: "user",
          accessHash: 3n,
          username: "u",
        }]);
        await store.setChannelPts(5n, 5);
        await store.clear();
        assert.deepEqual(await storage.list(""), [[
          "version",
          SESSION_STORE_VERSION,
        ]]);
        assert.equal(await store.getAuthorization(), undefined);
      });
    });

    describe("corrupt data gives a StorageError naming the store and key", () => {
      const corrupt: [
        string,
        string,
        StorageValue,
        (s: SessionStore) => Promise<unknown>,
      ][] = [
        ["main DC", "main_dc", "2", (s) => s.getMainDc()],
        [
          "short auth key",
          "dc/2/auth_key",
          new Uint8Array(255),
          (s) => s.getAuthKey(2),
        ],
        ["salt as number", "dc/2/salt", 5, (s) => s.getSalt(2)],
        [
          "temp key",
          "dc/2/temp_key",
          { key: new Uint8Array(256) },
          (s) => s.getTempAuthKey(2),
        ],
        ["account", "account", { userId: 1n }, (s) => s.getAccount()],
        [
          "peer kind",
          "peer/5",
          { kind: "alien", accessHash: 1n },
          (s) => s.getPeer(5n),
        ],
        [
          "peer hash",
          "peer/5",
          { kind: "user", accessHash: "1" },
          (s) => s.getPeer(5n),
        ],
        [
          "peer min",
          "peer/5",
          { kind: "user", accessHash: 1n, min: 3 },
          (s) => s.getPeer(5n),
        ],
        ["username index", "username/a", "5", (s) => s.getPeerByUsername("a")],
        [
          "update state",
          "updates/state",
          { pts: 1, qts: 1, seq: 1 },
          (s) => s.getUpdateState(),
        ],
        ["channel pts", "updates/channel/5", "1", (s) => s.getChannelPts(5n)],
        ["channel pts list", "updates/channel/x", 1, (s) => s.listChannelPts()],
      ];
      for (const [what, badKey, value, read] of corrupt) {
        it(what, async () => {
          await withStore(make, async (store, storage) => {
            await storage.set(badKey, value);
            await assert.rejects(read(store), (error) => {
              isStorageError("corrupt")(error);
              assert.equal((error as StorageError).key, badKey);
              assert.ok((error as Error).message.startsWith(storage.name));
              return true;
            });
            assert.deepEqual(
              await storage.get(badKey),
              value,
              "left untouched",
            );
          });
        });
      }
    });

    it("refuses foreign data, a newer version and a malformed version, untouched", async () => {
      const cases: [Record<string, StorageValue>, string, RegExp][] = [
        [{ hello: "world" }, "corrupt", /no "version" record/],
        [
          { version: SESSION_STORE_VERSION + 1, main_dc: 2 },
          "version",
          /newer/,
        ],
        [{ version: "1" }, "corrupt", /malformed version/],
        [{ version: 0 }, "corrupt", /malformed version/],
      ];
      for (const [contents, code, pattern] of cases) {
        const storage = await make();
        try {
          for (const [k, v] of Object.entries(contents)) {
            await storage.set(k, v);
          }
          await assert.rejects(SessionStore.open(storage), (error) => {
            isStorageError(code, pattern)(error);
            assert.ok((error as Error).message.includes(storage.name));
            return true;
          });
          assert.deepEqual(
            Object.fromEntries(await storage.list("")),
            contents,
          );
        } finally {
          await storage.close();
        }
      }
    });
  });
}

describe("SessionStore on FileStorage across restarts", () => {
  it("reopens with the same session", async () => {
    const path = join(root, "restart.session");
    let storage = await FileStorage.open(path);
    let store = await SessionStore.open(storage);
    await store.setMainDc(2);
    await store.setAuthKey(2, key(2));
    await store.setAccount({ userId: 42n, isBot: true });
    await store.putPeers([{
      id: 3n,
      kind: "user",
      accessHash: 3n,
      username: "u",
    }]);
    await storage.close();
    storage = await FileStorage.open(path);
    store = await SessionStore.open(storage);
    assert.deepEqual(await store.getAuthorization(), {
      mainDc: 2,
      dcs: [{ id: 2, authKey: key(2) }],
      account: { userId: 42n, isBot: true },
    });
    assert.equal((await store.getPeerByUsername("u"))?.id, 3n);
    await storage.close();
  });
});

describe("migrateStorage", () => {
  it("runs each step with its version bump atomically", async () => {
    const storage = new MemoryStorage();
    await storage.batch([
      { type: "set", key: "version", value: 1 },
      { type: "set", key: "old_name", value: "x" },
    ]);
    const seen: number[] = [];
    await migrateStorage(storage, {
      current: 3,
      migrations: {
        1: async (s) => {
          seen.push(1);
          return [
            { type: "delete", key: "old_name" },
            { type: "set", key: "new_name", value: (await s.get("old_name"))! },
          ];
        },
        2: () => {
          seen.push(2);
          return Promise.resolve([{
            type: "set",
            key: "added_in_3",
            value: true,
          }]);
        },
      },
    });
    assert.deepEqual(seen, [1, 2]);
    assert.deepEqual(await storage.list(""), [
      ["added_in_3", true],
      ["new_name", "x"],
      ["version", 3],
    ]);
  });

  it("stops at a missing or failing step, leaving the last good version", async () => {
    const storage = new MemoryStorage();
    await storage.set("version", 1);
    await assert.rejects(
      migrateStorage(storage, {
        current: 3,
        migrations: { 1: () => Promise.resolve([]) },
      }),
      isStorageError("version", /no migration from format 2 to 3/),
    );
    assert.equal(await storage.get("version"), 2);
    await assert.rejects(
      migrateStorage(storage, {
        current: 3,
        migrations: { 2: () => Promise.reject(new Error("boom")) },
      }),
      /boom/,
    );
    assert.equal(await storage.get("version"), 2);
  });
});

describe("markPeerId", () => {
  it("marks and unmarks ids as the Bot API does", () => {
    assert.equal(markPeerId("user", 5n), 5n);
    assert.equal(markPeerId("bot", 5n), 5n);
    assert.equal(markPeerId("group", 5n), -5n);
    assert.equal(markPeerId("channel", 5n), -1000000000005n);
    assert.equal(markPeerId("supergroup", 1234567890n), -1001234567890n);
    assert.deepEqual(unmarkPeerId(5n), { type: "user", id: 5n });
    assert.deepEqual(unmarkPeerId(-5n), { type: "chat", id: 5n });
    assert.deepEqual(unmarkPeerId(-1001234567890n), {
      type: "channel",
      id: 1234567890n,
    });
  });
});
