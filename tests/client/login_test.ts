import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { LoginHost } from "../../client/login_host.ts";
import {
  askInput,
  LoginInputMissingError,
  MAX_LOGIN_ATTEMPTS,
} from "../../client/login_prompt.ts";
import { hasLoginTokenUpdate, loginTokenUrl } from "../../client/login_qr.ts";
import { loginBot } from "../../client/login_bot.ts";
import { loginUser } from "../../client/login_user.ts";
import { login } from "../../client/start.ts";
import { UnexpectedLoginResultError } from "../../client/login_result.ts";
import { RpcError } from "../../client/rpc_error.ts";
import type { RawUser, TLFunction } from "../../tl/mod.ts";

const USER: RawUser = {
  _: "user",
  id: 42n,
  access_hash: 1n,
  first_name: "Ann",
} as RawUser;

/** A host answering each method from `answers` (a function of the request, or a value); logs the calls. */
function fakeHost(
  answers: Record<string, (fn: Record<string, unknown>) => unknown>,
) {
  const calls: Record<string, unknown>[] = [];
  const completed: RawUser[] = [];
  const host: LoginHost = {
    apiId: 7,
    apiHash: "hash",
    invoke: (fn: TLFunction) => {
      const request = fn as unknown as Record<string, unknown>;
      calls.push(request);
      const answer = answers[request._ as string];
      if (!answer) return Promise.reject(new Error(`unexpected ${fn._}`));
      try {
        return Promise.resolve(answer(request));
      } catch (error) {
        return Promise.reject(error);
      }
    },
    moveMainDc: () => Promise.resolve(),
    onServerUpdate: () => () => {},
    completeLogin: (user) => {
      completed.push(user);
      return Promise.resolve();
    },
  };
  return { host, calls, completed };
}

const sentCode = () => ({
  _: "auth.sentCode",
  type: { _: "auth.sentCodeTypeSms", length: 5 },
  phone_code_hash: "h",
});

describe("login inputs", () => {
  it("a plain value is used once; after an error it throws that error", async () => {
    assert.equal(await askInput("v", "x", "", { attempt: 0 }), "v");
    const error = new RpcError(400, "PHONE_CODE_INVALID");
    await assert.rejects(
      askInput("v", "x", "", { attempt: 1, error }),
      (e) => e === error,
    );
  });

  it("a missing input is a LoginInputMissingError naming it", async () => {
    await assert.rejects(
      askInput(undefined, "password", "2FA", { attempt: 0 }),
      (e) => e instanceof LoginInputMissingError && e.input === "password",
    );
  });

  it("a callback is asked at most MAX_LOGIN_ATTEMPTS times after errors", async () => {
    const error = new RpcError(400, "PASSWORD_HASH_INVALID");
    assert.equal(
      await askInput(() => "again", "x", "", {
        attempt: MAX_LOGIN_ATTEMPTS - 1,
        error,
      }),
      "again",
    );
    await assert.rejects(
      askInput(() => "again", "x", "", { attempt: MAX_LOGIN_ATTEMPTS, error }),
      (e) => e === error,
    );
  });
});

describe("QR helpers", () => {
  it("loginTokenUrl is tg://login?token= with unpadded base64url", () => {
    assert.equal(
      loginTokenUrl(new Uint8Array([0xfb, 0xff, 0xfe, 0x01])),
      "tg://login?token=-__-AQ",
    );
  });

  it("finds updateLoginToken in every envelope", () => {
    const update = { _: "updateLoginToken" };
    assert.ok(hasLoginTokenUpdate(update as never));
    assert.ok(
      hasLoginTokenUpdate({ _: "updateShort", update, date: 0 } as never),
    );
    assert.ok(
      hasLoginTokenUpdate(
        {
          _: "updates",
          updates: [{ _: "updateConfig" }, update],
          users: [],
          chats: [],
          date: 0,
          seq: 0,
        } as never,
      ),
    );
    assert.ok(
      !hasLoginTokenUpdate(
        { _: "updateShort", update: { _: "updateConfig" }, date: 0 } as never,
      ),
    );
  });
});

describe("login flows with a scripted server", () => {
  it("start() needs exactly one of botToken, phone, qr", () => {
    const { host } = fakeHost({});
    assert.throws(() => login(host, {}), TypeError);
    assert.throws(
      () => login(host, { botToken: "1:a", phone: "1" }),
      TypeError,
    );
  });

  it("a malformed bot token fails before anything is sent", async () => {
    const { host, calls } = fakeHost({});
    await assert.rejects(loginBot(host, "not a token"), TypeError);
    assert.equal(calls.length, 0);
  });

  it("sends api_id/api_hash and completes the login with the user", async () => {
    const { host, calls, completed } = fakeHost({
      "auth.importBotAuthorization": () => ({
        _: "auth.authorization",
        user: USER,
      }),
    });
    assert.equal(await loginBot(host, "42:secret"), USER);
    assert.equal(calls[0].api_id, 7);
    assert.equal(calls[0].api_hash, "hash");
    assert.equal(calls[0].bot_auth_token, "42:secret");
    assert.deepEqual(completed, [USER]);
  });

  it("an answer the flow cannot use is an UnexpectedLoginResultError", async () => {
    const { host } = fakeHost({
      "auth.importBotAuthorization": () => ({
        _: "auth.authorizationSignUpRequired",
      }),
    });
    await assert.rejects(
      loginBot(host, "42:secret"),
      UnexpectedLoginResultError,
    );
  });

  it("a PHONE_NUMBER_INVALID asks the phone callback again", async () => {
    const { host, calls } = fakeHost({
      "auth.sendCode": (fn) => {
        if (fn.phone_number === "bad") {
          throw new RpcError(400, "PHONE_NUMBER_INVALID");
        }
        return sentCode();
      },
      "auth.signIn": () => ({ _: "auth.authorization", user: USER }),
    });
    const phones = ["bad", "+1 555"];
    const user = await loginUser(host, {
      phone: () => phones.shift()!,
      code: "1",
    });
    assert.equal(user, USER);
    assert.deepEqual(
      calls.map((c) => c._),
      ["auth.sendCode", "auth.sendCode", "auth.signIn"],
    );
  });

  it("the older PHONE_NUMBER_UNOCCUPIED also leads to sign-up", async () => {
    const { host, calls } = fakeHost({
      "auth.sendCode": sentCode,
      "auth.signIn": () => {
        throw new RpcError(400, "PHONE_NUMBER_UNOCCUPIED");
      },
      "auth.signUp": () => ({ _: "auth.authorization", user: USER }),
    });
    await loginUser(host, { phone: "1", code: "1", firstName: "Ann" });
    const signUp = calls.at(-1)!;
    assert.equal(signUp._, "auth.signUp");
    assert.equal(signUp.first_name, "Ann");
    assert.equal(signUp.last_name, "");
    assert.equal(signUp.phone_code_hash, "h");
  });

  it("auth.sentCodeSuccess logs in without asking for a code", async () => {
    const { host, completed } = fakeHost({
      "auth.sendCode": () => ({
        _: "auth.sentCodeSuccess",
        authorization: { _: "auth.authorization", user: USER },
      }),
    });
    await loginUser(host, { phone: "1", code: () => assert.fail("asked") });
    assert.deepEqual(completed, [USER]);
  });
});
