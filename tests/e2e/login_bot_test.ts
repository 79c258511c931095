import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { startTestDc, type TestDc } from "../dc/mod.ts";
import { MemoryStorage } from "../../storage/memory_storage.ts";
import { SessionStore } from "../../storage/session_store.ts";
import { RpcError } from "../../client/rpc_error.ts";
import { AccountMismatchError } from "../../client/account_mismatch_error.ts";
import { testClient } from "./helpers.ts";

describe("bot login against the local test DC", () => {
  let dc: TestDc;
  before(async () => {
    dc = await startTestDc({ dcCount: 2 });
  });
  after(() => dc.stop());

  it("start({ botToken }) logs in, persists the account, and getMe works", async () => {
    const { user, token } = dc.auth.createBot({ username: "echo_bot" });
    const storage = new MemoryStorage();
    const client = testClient(dc, {}, { storage, updates: false });
    try {
      const logins = dc.auth.stats.botLogins;
      const me = await client.start({ botToken: token });
      assert.equal(me.id, user.id);
      assert.equal(me.is_bot, true);
      assert.equal(me.username, "echo_bot");
      assert.equal(dc.auth.stats.botLogins, logins + 1);
      const store = await SessionStore.open(storage);
      assert.deepEqual(await store.getAccount(), {
        userId: BigInt(user.id),
        isBot: true,
      });
      assert.equal(await store.getMainDc(), 1);
      const again = await client.getMe();
      assert.equal(again.id, user.id);
    } finally {
      await client.disconnect();
    }
  });

  it("a second start() from the same storage asks nothing and exchanges no key", async () => {
    const { user, token } = dc.auth.createBot();
    const storage = new MemoryStorage();
    const first = testClient(dc, {}, { storage, updates: false });
    await first.start({ botToken: token });
    await first.disconnect();
    const keys = dc.auth.permanentKeyCount();
    const logins = dc.auth.stats.botLogins;
    const second = testClient(dc, {}, { storage, updates: false });
    try {
      const me = await second.start({ botToken: token });
      assert.equal(me.id, user.id);
      assert.equal(second.keyExchangeCount, 0);
      assert.equal(dc.auth.permanentKeyCount(), keys);
      assert.equal(dc.auth.stats.botLogins, logins);
    } finally {
      await second.disconnect();
    }
  });

  it("start() with another bot's token on a logged-in storage rejects with AccountMismatchError", async () => {
    const first = dc.auth.createBot();
    const other = dc.auth.createBot();
    const storage = new MemoryStorage();
    const client = testClient(dc, {}, { storage, updates: false });
    try {
      await client.start({ botToken: first.token });
      const logins = dc.auth.stats.botLogins;
      const error = await client.start({ botToken: other.token }).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(error instanceof AccountMismatchError, String(error));
      assert.equal(error.storedUserId, BigInt(first.user.id));
      assert.equal(error.tokenBotId, BigInt(other.user.id));
      assert.equal(dc.auth.stats.botLogins, logins, "no login was tried");
    } finally {
      await client.disconnect();
    }
  });

  it("a wrong token gives ACCESS_TOKEN_INVALID", async () => {
    const { user } = dc.auth.createBot();
    const client = testClient(dc, {}, { updates: false });
    try {
      await assert.rejects(
        client.start({
          botToken: `${user.id}:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`,
        }),
        (error) =>
          error instanceof RpcError && error.message === "ACCESS_TOKEN_INVALID",
      );
    } finally {
      await client.disconnect();
    }
  });

  it("a bot living on DC 2 reached through DC 1 migrates (USER_MIGRATE_2), persisted", async () => {
    const { user, token } = dc.auth.createBot({ homeDc: 2 });
    const storage = new MemoryStorage();
    const client = testClient(dc, {}, { storage, updates: false });
    try {
      const me = await client.start({ botToken: token });
      assert.equal(me.id, user.id);
      assert.equal(client.dcId, 2);
      const store = await SessionStore.open(storage);
      assert.equal(await store.getMainDc(), 2);
      assert.ok(await store.getAuthKey(2));
    } finally {
      await client.disconnect();
    }
    const keys = dc.auth.permanentKeyCount();
    const again = testClient(dc, {}, { storage, updates: false });
    try {
      const me = await again.start({ botToken: token });
      assert.equal(me.id, user.id);
      assert.equal(again.dcId, 2);
      assert.equal(dc.auth.permanentKeyCount(), keys);
    } finally {
      await again.disconnect();
    }
  });

  it("methods needing a login answer 401 AUTH_KEY_UNREGISTERED before it", async () => {
    const client = testClient(dc, {}, { updates: false });
    try {
      await assert.rejects(
        client.invoke({ _: "users.getUsers", id: [{ _: "inputUserSelf" }] }),
        (error) =>
          error instanceof RpcError && error.code === 401 &&
          error.message === "AUTH_KEY_UNREGISTERED",
      );
    } finally {
      await client.disconnect();
    }
  });

  it("after start() the update loop runs: a message to the bot arrives as an update", async () => {
    const { user, token } = dc.auth.createBot();
    const alice = dc.auth.createUser({ phone: "9996619999" });
    const storage = new MemoryStorage();
    const client = testClient(dc, {}, { storage });
    const texts: string[] = [];
    let arrived!: () => void;
    const received = new Promise<void>((resolve) => (arrived = resolve));
    client.onUpdate((update) => {
      if (update._ === "updateNewMessage" && update.message._ === "message") {
        texts.push(update.message.message);
        arrived();
      }
    });
    try {
      await client.start({ botToken: token });
      await client.updates.idle();
      dc.chats.sendMessage(alice.id, { type: "user", id: user.id }, "hello");
      await received;
      assert.deepEqual(texts, ["hello"]);
      const store = await SessionStore.open(storage);
      assert.ok(await store.getUpdateState(), "the update state is stored");
      assert.ok(
        await store.getPeer(BigInt(user.id)),
        "the bot itself is in the peer cache",
      );
    } finally {
      await client.disconnect();
    }
  });

  it("logOut() logs out on the server and clears the storage", async () => {
    const { token } = dc.auth.createBot();
    const storage = new MemoryStorage();
    const client = testClient(dc, {}, { storage, updates: false });
    await client.start({ botToken: token });
    await client.logOut();
    const store = await SessionStore.open(storage);
    assert.equal(await store.getAccount(), undefined);
    assert.equal(await store.getAuthKey(1), undefined);
    // start() again logs in anew, with a new key.
    const logins = dc.auth.stats.botLogins;
    try {
      await client.start({ botToken: token });
      assert.equal(dc.auth.stats.botLogins, logins + 1);
      assert.equal(client.keyExchangeCount, 1);
    } finally {
      await client.disconnect();
    }
  });
});
