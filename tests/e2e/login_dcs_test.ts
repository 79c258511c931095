import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { startTestDc, type TestDc } from "../dc/mod.ts";
import { MemoryStorage } from "../../storage/memory_storage.ts";
import { SessionStore } from "../../storage/session_store.ts";
import { FloodWait, RpcError } from "../../client/rpc_error.ts";
import { RequestAbortedError } from "../../client/session_errors.ts";
import type { Client, ClientOptions } from "../../client/client.ts";
import { testClient } from "./helpers.ts";

describe("flood waits and DC migration against the local test DC", () => {
  let dc: TestDc;
  const clients: Client[] = [];
  const client = (options: Partial<ClientOptions> = {}) => {
    const made = testClient(dc, {}, { updates: false, ...options });
    clients.push(made);
    return made;
  };
  before(async () => {
    dc = await startTestDc({ dcCount: 3 });
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.disconnect()));
    await dc.stop();
  });

  it("a flood wait under the threshold is slept through and the call repeated", async () => {
    const bot = dc.auth.createBot();
    const c = client();
    await c.start({ botToken: bot.token });
    const injected = dc.auth.stats.injectedErrors;
    dc.auth.floodWait(1, { method: "users.getUsers" });
    const started = Date.now();
    const [me] = await c.invoke({
      _: "users.getUsers",
      id: [{ _: "inputUserSelf" }],
    });
    assert.equal(Number(me.id), bot.user.id);
    assert.equal(dc.auth.stats.injectedErrors, injected + 1);
    // It did wait (a lower bound only: no timing upper bound is asserted).
    assert.ok(Date.now() - started >= 900);
  });

  it("a flood wait over the threshold throws FloodWait with its seconds", async () => {
    const bot = dc.auth.createBot();
    const c = client({ floodSleepThreshold: 10 });
    await c.start({ botToken: bot.token });
    dc.auth.floodWait(11, { method: "users.getUsers" });
    await assert.rejects(
      c.invoke({ _: "users.getUsers", id: [{ _: "inputUserSelf" }] }),
      (error) =>
        error instanceof FloodWait && error.seconds === 11 &&
        error.message === "FLOOD_WAIT_11",
    );
    dc.auth.injectError({
      method: "users.getUsers",
      code: 420,
      message: "FLOOD_PREMIUM_WAIT_30",
    });
    await assert.rejects(
      c.invoke({ _: "users.getUsers", id: [{ _: "inputUserSelf" }] }),
      (error) => error instanceof FloodWait && error.seconds === 30,
    );
  });

  it("a login flood-waited over the threshold throws FloodWait", async () => {
    const bot = dc.auth.createBot();
    dc.auth.floodWait(3600, { method: "auth.importBotAuthorization" });
    await assert.rejects(
      client().start({ botToken: bot.token }),
      (error) => error instanceof FloodWait && error.seconds === 3600,
    );
  });

  it("disconnect() cuts a flood-wait sleep short", async () => {
    const c = client();
    await c.connect();
    dc.auth.floodWait(30, { method: "help.getConfig" });
    const call = c.invoke({ _: "help.getConfig" });
    const rejected = assert.rejects(
      call,
      (error) => error instanceof RequestAbortedError,
    );
    while (dc.auth.stats.injectedErrors === 0) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    await c.disconnect();
    await rejected;
  });

  it("NETWORK_MIGRATE_2 moves the main DC and repeats the call there", async () => {
    const storage = new MemoryStorage();
    const c = client({ storage });
    await c.connect();
    dc.auth.injectError({
      method: "help.getConfig",
      dc: 1,
      code: 303,
      message: "NETWORK_MIGRATE_2",
    });
    const config = await c.invoke({ _: "help.getConfig" });
    assert.equal(config.this_dc, 2);
    assert.equal(c.dcId, 2);
    assert.equal(await (await SessionStore.open(storage)).getMainDc(), 2);
  });

  it("a migration to a DC that cannot be reached leaves the main DC as it was", async () => {
    const storage = new MemoryStorage();
    const reachable = Object.fromEntries(
      dc.dcs.map((d) => [d.id, { host: d.host, port: d.port }]),
    );
    const c = client({
      storage,
      // Nothing listens on port 1: connecting to DC 3 is refused at once.
      dcs: { ...reachable, 3: { host: "127.0.0.1", port: 1 } },
      connection: { reconnectDelayMs: 20, reconnectTimeoutMs: 300 },
    });
    await c.connect();
    dc.auth.injectError({
      method: "help.getConfig",
      dc: 1,
      code: 303,
      message: "NETWORK_MIGRATE_3",
    });
    await assert.rejects(c.invoke({ _: "help.getConfig" }));
    assert.equal(c.dcId, 1);
    assert.equal(await (await SessionStore.open(storage)).getMainDc(), 1);
    // The main connection still works.
    assert.equal((await c.invoke({ _: "help.getConfig" })).this_dc, 1);
  });

  it("concurrent calls told to migrate move the main DC once", async () => {
    const c = client();
    await c.connect();
    dc.auth.injectError({
      method: "help.getConfig",
      dc: 1,
      code: 303,
      message: "PHONE_MIGRATE_2",
      count: 3,
    });
    const configs = await Promise.all(
      [1, 2, 3].map(() => c.invoke({ _: "help.getConfig" })),
    );
    assert.deepEqual(configs.map((config) => config.this_dc), [2, 2, 2]);
    assert.equal(c.dcId, 2);
    // One key on DC 1, one on DC 2.
    assert.equal(c.keyExchangeCount, 2);
  });

  it("FILE_MIGRATE_3 exports the authorization to DC 3 once and repeats calls there", async () => {
    const bot = dc.auth.createBot();
    const storage = new MemoryStorage();
    const c = client({ storage });
    await c.start({ botToken: bot.token });
    const imports = dc.auth.stats.importedAuthorizations;
    for (let i = 0; i < 2; i++) {
      dc.auth.injectError({
        method: "users.getUsers",
        dc: 1,
        code: 303,
        message: "FILE_MIGRATE_3",
      });
      const [me] = await c.invoke({
        _: "users.getUsers",
        id: [{ _: "inputUserSelf" }],
      });
      assert.equal(Number(me.id), bot.user.id);
    }
    // One export/import for both calls; the main DC did not move.
    assert.equal(dc.auth.stats.importedAuthorizations, imports + 1);
    assert.equal(c.dcId, 1);
    const store = await SessionStore.open(storage);
    assert.equal(await store.getMainDc(), 1);
    assert.ok(await store.getAuthKey(3), "the DC 3 key is kept");
  });

  it("an import with the wrong bytes gives AUTH_BYTES_INVALID", async () => {
    const bot = dc.auth.createBot();
    const c = client();
    await c.start({ botToken: bot.token });
    const exported = await c.invoke({
      _: "auth.exportAuthorization",
      dc_id: 2,
    });
    // Importing on the wrong DC (the exporting one) is refused.
    await assert.rejects(
      c.invoke({
        _: "auth.importAuthorization",
        id: exported.id,
        bytes: exported.bytes,
      }),
      (error) =>
        error instanceof RpcError && error.message === "AUTH_BYTES_INVALID",
    );
  });
});
