/**
 * The test DC's server-side SRP against an independent client implementation
 * (GramJS's `computeCheck`, a devDependency), so the DC is not only checked
 * against our own client code.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { createRequire } from "node:module";
import { startTestDc, type TestDc } from "../dc/mod.ts";
import { RpcError } from "../../client/rpc_error.ts";
import type { RawAccountPassword } from "../../tl/mod.ts";
import { testClient } from "./helpers.ts";

const require = createRequire(import.meta.url);
const { Api } = require("telegram");
const { computeCheck } = require("telegram/Password.js");

/** GramJS's answer for our `account.password`. */
async function gramJsCheck(settings: RawAccountPassword, password: string) {
  const algo = settings.current_algo;
  assert.ok(
    algo?._ ===
      "passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow",
  );
  const request = new Api.account.Password({
    hasPassword: true,
    currentAlgo: new Api
      .PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow({
      salt1: Buffer.from(algo.salt1),
      salt2: Buffer.from(algo.salt2),
      g: algo.g,
      p: Buffer.from(algo.p),
    }),
    srp_B: Buffer.from(settings.srp_B!),
    srpId: settings.srp_id,
  });
  const check = await computeCheck(request, password);
  return {
    _: "inputCheckPasswordSRP" as const,
    srp_id: settings.srp_id!,
    A: new Uint8Array(check.A),
    M1: new Uint8Array(check.M1),
  };
}

describe("test DC SRP against GramJS", () => {
  let dc: TestDc;
  before(async () => {
    dc = await startTestDc({ dcCount: 1 });
  });
  after(() => dc.stop());

  it("accepts GramJS's proof of the right password and refuses a wrong one", async () => {
    const phone = "9996617777";
    const user = dc.auth.createUser({ phone, password: "interop" });
    const client = testClient(dc, {}, { updates: false });
    try {
      const sent = await client.invoke({
        _: "auth.sendCode",
        phone_number: phone,
        api_id: 1,
        api_hash: "x",
        settings: { _: "codeSettings" },
      });
      assert.equal(sent._, "auth.sentCode");
      await assert.rejects(
        client.invoke({
          _: "auth.signIn",
          phone_number: phone,
          phone_code_hash: sent._ === "auth.sentCode"
            ? sent.phone_code_hash
            : "",
          phone_code: "11111",
        }),
        (error) =>
          error instanceof RpcError &&
          error.message === "SESSION_PASSWORD_NEEDED",
      );
      const wrong = await gramJsCheck(
        await client.invoke({ _: "account.getPassword" }),
        "not it",
      );
      await assert.rejects(
        client.invoke({ _: "auth.checkPassword", password: wrong }),
        (error) =>
          error instanceof RpcError &&
          error.message === "PASSWORD_HASH_INVALID",
      );
      const right = await gramJsCheck(
        await client.invoke({ _: "account.getPassword" }),
        "interop",
      );
      const result = await client.invoke({
        _: "auth.checkPassword",
        password: right,
      });
      assert.equal(result._, "auth.authorization");
      assert.equal(
        result._ === "auth.authorization" ? Number(result.user.id) : 0,
        user.id,
      );
      // A replayed proof is refused.
      await assert.rejects(
        client.invoke({ _: "auth.checkPassword", password: right }),
        (error) => error instanceof RpcError,
      );
    } finally {
      await client.disconnect();
    }
  });
});
