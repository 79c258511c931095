/**
 * The client's rough edges against the local DC: the storage given by name
 * (a file here), per-call timeouts and signals, the time offset kept with
 * the auth key, and a quiet update loop after disconnect().
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { access, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTestDc, type TestDc } from "../dc/mod.ts";
import { MemoryStorage } from "../../storage/memory_storage.ts";
import { FileStorage } from "../../storage/file_storage_node.ts";
import { SessionStore } from "../../storage/session_store.ts";
import { StorageError } from "../../storage/storage_error.ts";
import type {
  Storage,
  StorageOp,
  StorageValue,
} from "../../storage/storage.ts";
import { RequestAbortedError } from "../../client/session_errors.ts";
import { testClient } from "./helpers.ts";

/** A MemoryStorage that counts the writes of keys matching a pattern. */
class CountingStorage implements Storage {
  readonly name = "counting";
  readonly inner = new MemoryStorage();
  writes = 0;
  constructor(readonly pattern: RegExp) {}
  get(key: string) {
    return this.inner.get(key);
  }
  set(key: string, value: StorageValue) {
    if (this.pattern.test(key)) this.writes++;
    return this.inner.set(key, value);
  }
  delete(key: string) {
    return this.inner.delete(key);
  }
  list(prefix: string) {
    return this.inner.list(prefix);
  }
  batch(ops: readonly StorageOp[]) {
    for (const op of ops) {
      if (op.type === "set" && this.pattern.test(op.key)) this.writes++;
    }
    return this.inner.batch(ops);
  }
  close() {
    return Promise.resolve();
  }
}

const exists = (path: string) => access(path).then(() => true, () => false);

describe("client options against the local DC", () => {
  let dc: TestDc;
  let root: string;
  before(async () => {
    dc = await startTestDc({ dcCount: 2 });
    root = await mkdtemp(join(tmpdir(), "sparrow-client-options-"));
  });
  after(async () => {
    await dc.stop();
    await rm(root, { recursive: true, force: true });
  });

  describe("storage given as a path", () => {
    it("is a FileStorage there: a second client reuses it with no key exchange and no login", async () => {
      const path = join(root, "bot.session");
      const { user, token } = dc.auth.createBot({ homeDc: 2 });
      const first = testClient(dc, {}, { storage: path });
      assert.equal(await exists(path), false, "nothing opened before use");
      const me = await first.start({ botToken: token });
      assert.equal(me.id, user.id);
      assert.equal(await exists(`${path}.lock`), true, "locked while in use");
      await first.disconnect();
      assert.equal(await exists(`${path}.lock`), false, "released");

      // The file holds the session a FileStorage reads back.
      const file = await FileStorage.open(path);
      const stored = await (await SessionStore.open(file)).getAccount();
      await file.close();
      assert.equal(stored?.userId, BigInt(user.id));

      const keys = dc.auth.permanentKeyCount();
      const logins = dc.auth.stats.botLogins;
      const second = testClient(dc, {}, { storage: path });
      try {
        const again = await second.start({ botToken: token });
        assert.equal(again.id, user.id);
        assert.equal(second.dcId, 2);
        assert.equal(second.keyExchangeCount, 0);
        assert.equal(dc.auth.permanentKeyCount(), keys);
        assert.equal(dc.auth.stats.botLogins, logins);
      } finally {
        await second.disconnect();
      }
      // Connecting again after a disconnect opens the file again.
      try {
        await second.connect();
        assert.equal(second.keyExchangeCount, 0);
        const pong = await second.invoke({ _: "ping", ping_id: 3n });
        assert.equal(pong.ping_id, 3n);
      } finally {
        await second.disconnect();
      }
    });

    it("a file in use elsewhere or corrupt rejects connect() with a StorageError, and a later try can succeed", async () => {
      const path = join(root, "shared.session");
      const holder = testClient(dc, {}, { storage: path, updates: false });
      await holder.connect();
      const other = testClient(dc, {}, { storage: path, updates: false });
      try {
        const error = await other.connect().then(() => undefined, (e) => e);
        assert.ok(error instanceof StorageError, String(error));
        assert.equal(error.code, "locked");
        await holder.disconnect();
        await other.connect();
        assert.equal(other.keyExchangeCount, 0, "the holder's key, reused");
      } finally {
        await holder.disconnect();
        await other.disconnect();
      }

      const corrupt = join(root, "corrupt.session");
      await writeFile(corrupt, "this is not a session\n");
      const broken = testClient(dc, {}, { storage: corrupt, updates: false });
      try {
        const error = await broken.start().then(() => undefined, (e) => e);
        assert.ok(error instanceof StorageError, String(error));
        assert.equal(error.code, "corrupt");
      } finally {
        await broken.disconnect();
      }
    });
  });

  describe("invoke with timeoutMs and signal", () => {
    it("a timeout rejects with RequestAbortedError(timeout) while the answer is held back, and the client stays usable", async () => {
      const client = testClient(dc, {}, { updates: false });
      try {
        await client.connect();
        dc.knobs.delayResponses(5000);
        const error = await client.invoke({ _: "help.getConfig" }, {
          timeoutMs: 150,
        }).then(() => undefined, (e: unknown) => e);
        dc.knobs.delayResponses(0);
        assert.ok(error instanceof RequestAbortedError, String(error));
        assert.equal(error.reason, "timeout");
        // Usable at once: the next calls are answered (one with a deadline it meets).
        const pong = await client.invoke({ _: "ping", ping_id: 7n }, {
          timeoutMs: 10_000,
        });
        assert.equal(pong.ping_id, 7n);
        const config = await client.invoke({ _: "help.getConfig" });
        assert.equal(config._, "config");
        assert.ok(client.connected);
      } finally {
        dc.knobs.delayResponses(0);
        await client.disconnect();
      }
    });

    it("an AbortSignal gives up on a sent call (aborted, with the signal's reason) and on one not sent yet", async () => {
      const client = testClient(dc, {}, { updates: false });
      try {
        await client.connect();
        dc.knobs.delayResponses(5000);
        const controller = new AbortController();
        const call = client.invoke({ _: "help.getNearestDc" }, {
          signal: controller.signal,
        }).then(() => undefined, (e: unknown) => e);
        // Let it go out (pongs are not held back: a ping proves it was sent).
        await client.invoke({ _: "ping", ping_id: 1n });
        const why = new Error("user navigated away");
        controller.abort(why);
        const error = await call;
        assert.ok(error instanceof RequestAbortedError, String(error));
        assert.equal(error.reason, "aborted");
        assert.equal(error.cause, why);
        dc.knobs.delayResponses(0);

        const early = new AbortController();
        early.abort();
        const never = await client.invoke({ _: "help.getConfig" }, {
          signal: early.signal,
        }).then(() => undefined, (e: unknown) => e);
        assert.ok(never instanceof RequestAbortedError);
        assert.equal(never.reason, "aborted");
        const config = await client.invoke({ _: "help.getConfig" });
        assert.equal(config._, "config");
      } finally {
        dc.knobs.delayResponses(0);
        await client.disconnect();
      }
    });

    it("a timeout cuts a flood wait short", async () => {
      const { token } = dc.auth.createBot();
      const client = testClient(dc, {}, {
        updates: false,
        floodSleepThreshold: 60,
      });
      try {
        await client.start({ botToken: token });
        dc.auth.floodWait(30, { method: "help.getConfig" });
        const error = await client.invoke({ _: "help.getConfig" }, {
          timeoutMs: 200,
        }).then(() => undefined, (e: unknown) => e);
        assert.ok(error instanceof RequestAbortedError, String(error));
        assert.equal(error.reason, "timeout");
      } finally {
        await client.disconnect();
      }
    });
  });

  describe("time offset", () => {
    it("a reused key starts with the stored offset: no bad_msg_notification 16/17 on its first message", async () => {
      const storage = new CountingStorage(/\/time_offset$/);
      try {
        dc.knobs.skewClock(1000);
        const first = testClient(dc, {}, { storage, updates: false });
        await first.connect();
        await first.invoke({ _: "ping", ping_id: 1n });
        await first.disconnect();
        assert.equal(first.keyExchangeCount, 1);
        const store = await SessionStore.open(storage);
        const offset = await store.getTimeOffset(1);
        assert.ok(
          offset !== undefined && Math.abs(offset - 1000) <= 2,
          `stored offset ${offset}`,
        );
        const written = storage.writes;

        // Each resync (a 16/17 notice) is written down: none happens now.
        const second = testClient(dc, {}, { storage, updates: false });
        await second.connect();
        const pong = await second.invoke({ _: "ping", ping_id: 2n });
        await second.disconnect();
        assert.equal(pong.ping_id, 2n);
        assert.equal(second.keyExchangeCount, 0);
        assert.equal(storage.writes, written, "no resync");

        // Without the stored offset the same key starts 1000 s behind: the
        // server refuses (16), the client resyncs and writes the offset.
        await store.setTimeOffset(1, undefined);
        const third = testClient(dc, {}, { storage, updates: false });
        await third.connect();
        const pong3 = await third.invoke({ _: "ping", ping_id: 3n });
        await third.disconnect();
        assert.equal(pong3.ping_id, 3n);
        assert.equal(storage.writes, written + 1, "one resync");
        const learnt = await store.getTimeOffset(1);
        assert.ok(learnt !== undefined && Math.abs(learnt - 1000) <= 2);
      } finally {
        dc.knobs.skewClock(0);
      }
    });
  });

  describe("update loop started by connect()", () => {
    it("a stored update state it cannot read is reported to onLoopError, not kept as a storage error", async () => {
      const { token } = dc.auth.createBot();
      const storage = new MemoryStorage();
      const first = testClient(dc, {}, { storage });
      await first.start({ botToken: token });
      await first.disconnect();
      await storage.set("updates/state", "not an update state");

      let report!: (error: unknown) => void;
      const reported = new Promise<unknown>((resolve) => (report = resolve));
      const second = testClient(dc, {}, {
        storage,
        updates: { onLoopError: (error) => report(error) },
      });
      let bound: ReturnType<typeof setTimeout> | undefined;
      try {
        await second.connect();
        // A bound on the wait, so that a missing report fails instead of hanging.
        const error = await Promise.race([
          reported,
          new Promise((resolve) => bound = setTimeout(resolve, 5000, "none")),
        ]);
        assert.ok(error instanceof StorageError, String(error));
        assert.equal(second.storageError, undefined);
      } finally {
        clearTimeout(bound);
        await second.disconnect();
      }
    });
  });

  describe("update loop after disconnect()", () => {
    it("disconnect() right after connect() on a stored account reports no loop error", async () => {
      const { token } = dc.auth.createBot();
      const storage = new MemoryStorage();
      const errors: unknown[] = [];
      const options = {
        storage,
        updates: { onLoopError: (error: unknown) => errors.push(error) },
      };
      const first = testClient(dc, {}, options);
      await first.start({ botToken: token });
      await first.disconnect();
      assert.deepEqual(errors, []);

      // At once: the loop is still reading its state or has its getState in flight.
      const second = testClient(dc, {}, options);
      await second.connect();
      await second.disconnect();

      // Starting afresh (updates.getState) with the answer held back: the
      // call is certainly in flight when disconnect() comes.
      const third = testClient(dc, {}, {
        storage,
        updates: { ...options.updates, dropPendingUpdates: true },
      });
      try {
        dc.knobs.delayResponses(2000);
        await third.connect();
        await new Promise((resolve) => setTimeout(resolve, 100));
        assert.equal(third.updates.running, true);
        await third.disconnect();
      } finally {
        dc.knobs.delayResponses(0);
      }
      assert.deepEqual(errors, []);
      assert.equal(third.connected, false);
      assert.equal(second.connected, false);
    });
  });
});
