import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { startTestDc, type TestDc } from "../dc/mod.ts";
import { MemoryStorage } from "../../storage/memory_storage.ts";
import { SessionStore } from "../../storage/session_store.ts";
import { RpcError } from "../../client/rpc_error.ts";
import { LoginInputMissingError } from "../../client/login_prompt.ts";
import type { Client } from "../../client/client.ts";
import { testClient } from "./helpers.ts";

let nextNumber = 1000;
/** A fresh test number on `dcId` (`99966XYYYY`). */
const testNumber = (dcId: number) => `99966${dcId}${nextNumber++}`;

describe("user login against the local test DC", () => {
  let dc: TestDc;
  const clients: Client[] = [];
  const client = (storage = new MemoryStorage()) => {
    const made = testClient(dc, {}, { storage, updates: false });
    clients.push(made);
    return made;
  };
  before(async () => {
    dc = await startTestDc({ dcCount: 2 });
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.disconnect()));
    await dc.stop();
  });

  it("logs in with the code (the DC id five times), persisted", async () => {
    const phone = testNumber(1);
    const user = dc.auth.createUser({ phone, firstName: "Alice" });
    const storage = new MemoryStorage();
    const alice = client(storage);
    const asked: string[] = [];
    const me = await alice.start({
      phone: `+${phone}`,
      code: (info) => {
        asked.push(info.phone);
        assert.equal(info.type._, "auth.sentCodeTypeApp");
        return "11111";
      },
    });
    assert.equal(me.id, user.id);
    assert.equal(me.first_name, "Alice");
    assert.equal(me.is_bot, false);
    assert.deepEqual(asked, [`+${phone}`]);
    const store = await SessionStore.open(storage);
    assert.deepEqual(await store.getAccount(), {
      userId: BigInt(user.id),
      isBot: false,
    });
  });

  it("a wrong code asks the callback again with PHONE_CODE_INVALID; a plain wrong code throws it", async () => {
    const phone = testNumber(1);
    const user = dc.auth.createUser({ phone });
    const errors: (string | undefined)[] = [];
    const me = await client().start({
      phone,
      code: (info) => {
        errors.push(info.error?.message);
        return info.attempt === 0 ? "12345" : "11111";
      },
    });
    assert.equal(me.id, user.id);
    assert.deepEqual(errors, [undefined, "PHONE_CODE_INVALID"]);
    await assert.rejects(
      client().start({ phone, code: "54321" }),
      (error) =>
        error instanceof RpcError && error.message === "PHONE_CODE_INVALID",
    );
  });

  it("an expired code: a callback gets a new code; a plain value throws PHONE_CODE_EXPIRED", async () => {
    const phone = testNumber(1);
    const user = dc.auth.createUser({ phone });
    const sent = dc.auth.stats.codesSent;
    const errors: (string | undefined)[] = [];
    const me = await client().start({
      phone,
      code: (info) => {
        errors.push(info.error?.message);
        if (info.attempt === 0) dc.auth.expireCodes();
        return "11111";
      },
    });
    assert.equal(me.id, user.id);
    assert.deepEqual(errors, [undefined, "PHONE_CODE_EXPIRED"]);
    assert.equal(dc.auth.stats.codesSent, sent + 2);
  });

  it("2FA: the right password logs in (real SRP on both sides)", async () => {
    const phone = testNumber(1);
    const user = dc.auth.createUser({
      phone,
      password: "correct horse",
      passwordHint: "horse",
    });
    const hints: (string | undefined)[] = [];
    const me = await client().start({
      phone,
      code: "11111",
      password: (info) => {
        hints.push(info.hint);
        return "correct horse";
      },
    });
    assert.equal(me.id, user.id);
    assert.deepEqual(hints, ["horse"]);
  });

  it("2FA: a wrong password gives PASSWORD_HASH_INVALID, then the callback's right one logs in", async () => {
    const phone = testNumber(1);
    const user = dc.auth.createUser({ phone, password: "secret" });
    const checks = dc.auth.stats.passwordChecks;
    const errors: (string | undefined)[] = [];
    const me = await client().start({
      phone,
      code: "11111",
      password: (info) => {
        errors.push(info.error?.message);
        return info.attempt === 0 ? "wrong" : "secret";
      },
    });
    assert.equal(me.id, user.id);
    assert.deepEqual(errors, [undefined, "PASSWORD_HASH_INVALID"]);
    assert.equal(dc.auth.stats.passwordChecks, checks + 2);
    await assert.rejects(
      client().start({ phone, code: "11111", password: "wrong" }),
      (error) =>
        error instanceof RpcError && error.message === "PASSWORD_HASH_INVALID",
    );
    await assert.rejects(
      client().start({ phone, code: "11111" }),
      (error) =>
        error instanceof LoginInputMissingError && error.input === "password",
    );
  });

  it("signs up a new number (auth.authorizationSignUpRequired → auth.signUp)", async () => {
    const phone = testNumber(1);
    const signUps = dc.auth.stats.signUps;
    await assert.rejects(
      client().start({ phone, code: "11111" }),
      (error) =>
        error instanceof LoginInputMissingError && error.input === "firstName",
    );
    const me = await client().start({
      phone,
      code: () => "11111",
      firstName: () => "Newton",
      lastName: "Apple",
    });
    assert.equal(me.first_name, "Newton");
    assert.equal(me.last_name, "Apple");
    assert.equal(dc.auth.stats.signUps, signUps + 1);
    assert.equal(dc.auth.userByPhone(phone)?.id, me.id);
    assert.equal(dc.world.user(me.id)?.homeDc, 1);
  });

  it("a user living on DC 2 who first reaches DC 1 migrates (PHONE_MIGRATE_2), persisted", async () => {
    const phone = testNumber(2);
    const user = dc.auth.createUser({ phone });
    const storage = new MemoryStorage();
    const first = client(storage);
    const me = await first.start({ phone, code: "22222" });
    assert.equal(me.id, user.id);
    assert.equal(first.dcId, 2);
    const store = await SessionStore.open(storage);
    assert.equal(await store.getMainDc(), 2);
    await first.disconnect();
    // Back from the storage: straight to DC 2, no key exchange, no login.
    const logins = dc.auth.stats.userLogins;
    const second = client(storage);
    const again = await second.start({
      phone: () => assert.fail("asked for the phone"),
    });
    assert.equal(again.id, user.id);
    assert.equal(second.dcId, 2);
    assert.equal(second.keyExchangeCount, 0);
    assert.equal(dc.auth.stats.userLogins, logins);
  });

  it("exportSession() and new Client({ session }) resume without logging in", async () => {
    const phone = testNumber(2);
    const user = dc.auth.createUser({ phone });
    const first = client();
    await first.start({ phone, code: "22222" });
    const session = await first.exportSession();
    await first.disconnect();
    const logins = dc.auth.stats.userLogins;
    const restored = testClient(dc, {}, { session, updates: false });
    clients.push(restored);
    const me = await restored.start({ phone: () => assert.fail("asked") });
    assert.equal(me.id, user.id);
    assert.equal(restored.dcId, 2);
    assert.equal(restored.keyExchangeCount, 0);
    assert.equal(dc.auth.stats.userLogins, logins);
  });

  it("start() logs in again when the stored authorization was revoked", async () => {
    const phone = testNumber(1);
    dc.auth.createUser({ phone });
    const storage = new MemoryStorage();
    const first = client(storage);
    await first.start({ phone, code: "11111" });
    await first.invoke({ _: "auth.logOut" }); // as if logged out elsewhere
    await first.disconnect();
    const logins = dc.auth.stats.userLogins;
    const second = client(storage);
    await second.start({ phone, code: "11111" });
    assert.equal(dc.auth.stats.userLogins, logins + 1);
  });
});

describe("QR login against the local test DC", () => {
  let dc: TestDc;
  const clients: Client[] = [];
  const client = (storage = new MemoryStorage()) => {
    const made = testClient(dc, {}, { storage, updates: false });
    clients.push(made);
    return made;
  };
  before(async () => {
    dc = await startTestDc({ dcCount: 2 });
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.disconnect()));
    await dc.stop();
  });

  /** A logged-in client of a new user on `homeDc` (the "phone" that scans the code). */
  async function scanner(homeDc: number, password?: string) {
    const phone = testNumber(homeDc);
    const user = dc.auth.createUser({ phone, password });
    const scanning = client();
    await scanning.start({
      phone,
      code: String(homeDc).repeat(5),
      password,
    });
    return { user, scanning };
  }

  const tokenOf = (url: string) => {
    const match = /^tg:\/\/login\?token=([A-Za-z0-9_-]+)$/.exec(url);
    assert.ok(match, `not a login URL: ${url}`);
    const base64 = match[1].replace(/-/g, "+").replace(/_/g, "/");
    return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  };

  it("a second, logged-in client accepts the token; updateLoginToken completes the login", async () => {
    const { user, scanning } = await scanner(1);
    const urls: string[] = [];
    const me = await client().start({
      qr: async ({ url, token, expires }) => {
        urls.push(url);
        assert.deepEqual(tokenOf(url), token);
        assert.ok(expires.getTime() > Date.now() - 60_000);
        await scanning.invoke({ _: "auth.acceptLoginToken", token });
      },
    });
    assert.equal(me.id, user.id);
    assert.equal(urls.length, 1);
  });

  it("an account on another DC: auth.loginTokenMigrateTo, then auth.importLoginToken there", async () => {
    const { user, scanning } = await scanner(2);
    const storage = new MemoryStorage();
    const scanned = client(storage);
    const me = await scanned.start({
      qr: ({ token }) => {
        void scanning.invoke({ _: "auth.acceptLoginToken", token });
      },
    });
    assert.equal(me.id, user.id);
    assert.equal(scanned.dcId, 2);
    assert.equal(await (await SessionStore.open(storage)).getMainDc(), 2);
  });

  it("2FA after the QR step", async () => {
    const { user, scanning } = await scanner(1, "qr-pass");
    const me = await client().start({
      qr: ({ token }) => {
        void scanning.invoke({ _: "auth.acceptLoginToken", token });
      },
      password: "qr-pass",
    });
    assert.equal(me.id, user.id);
  });

  it("an expired token gives the callback a new URL", async () => {
    const { user, scanning } = await scanner(1);
    dc.auth.loginTokenLifetimeSeconds = 1;
    after(() => {
      dc.auth.loginTokenLifetimeSeconds = 30;
    });
    const urls: string[] = [];
    const me = await client().start({
      qr: async ({ url, token }) => {
        urls.push(url);
        if (urls.length === 2) {
          await scanning.invoke({ _: "auth.acceptLoginToken", token });
        } else {
          // The first token is never scanned: it runs out.
          dc.auth.loginTokenLifetimeSeconds = 30;
          await new Promise((resolve) => setTimeout(resolve, 2100));
          await assert.rejects(
            scanning.invoke({ _: "auth.acceptLoginToken", token }),
            (error) =>
              error instanceof RpcError &&
              error.message === "AUTH_TOKEN_EXPIRED",
          );
        }
      },
    });
    assert.equal(me.id, user.id);
    assert.equal(urls.length, 2);
    assert.notEqual(urls[0], urls[1]);
  });

  it("an abort signal ends the wait", async () => {
    const controller = new AbortController();
    await assert.rejects(
      client().start({
        qr: () => controller.abort(new Error("user gave up")),
        signal: controller.signal,
      }),
      /user gave up/,
    );
  });
});
