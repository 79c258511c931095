/**
 * User login with a phone number ("User Authorization"): `auth.sendCode`,
 * `auth.signIn`, `auth.signUp` for a new number, and the 2FA step when the
 * server answers `SESSION_PASSWORD_NEEDED`. A `PHONE_MIGRATE_X` on the way is
 * handled by the client (the main DC moves).
 *
 * @module
 */

import type {
  RawUser,
  TypeAuthAuthorization,
  TypeAuthSentCode,
  TypeAuthSentCodeType,
} from "../tl/mod.ts";
import { loggedInUser } from "./login_bot.ts";
import type { LoginHost } from "./login_host.ts";
import { checkPassword, type PasswordInfo } from "./login_password.ts";
import { askInput, type LoginInput } from "./login_prompt.ts";
import { UnexpectedLoginResultError } from "./login_result.ts";
import { RpcError } from "./rpc_error.ts";

/** What the code callback is told. */
export interface CodeInfo {
  /** The phone number the code was sent for. */
  phone: string;
  /** How it was sent (`auth.sentCodeTypeApp`: in another Telegram session; `auth.sentCodeTypeSms`, ...). */
  type: TypeAuthSentCodeType;
}

/** The inputs of a user login (each a value or a callback). */
export interface UserLoginOptions {
  /** The phone number in international format. */
  phone: LoginInput<string>;
  /** The login code Telegram sent. */
  code?: LoginInput<string, CodeInfo>;
  /** The 2FA password, if the account has one. */
  password?: LoginInput<string, PasswordInfo>;
  /** The first name, to sign up a number that has no account yet. */
  firstName?: LoginInput<string>;
  /** The last name for a sign-up (default empty). */
  lastName?: LoginInput<string>;
}

const CODE_WRONG = new Set(["PHONE_CODE_INVALID", "PHONE_CODE_EMPTY"]);

/** Logs a user in with a phone number; resolves with the account's `user`. */
export async function loginUser(
  host: LoginHost,
  options: UserLoginOptions,
): Promise<RawUser> {
  const { phone, sent } = await sendCode(host, options);
  let user: RawUser;
  if (sent._ === "auth.sentCodeSuccess") {
    user = loggedInUser(sent.authorization, "auth.sendCode");
  } else if (sent._ !== "auth.sentCode") {
    throw new UnexpectedLoginResultError("auth.sendCode", sent._);
  } else {
    user = await enterCode(host, options, phone, sent);
  }
  await host.completeLogin(user);
  return user;
}

async function sendCode(
  host: LoginHost,
  options: UserLoginOptions,
): Promise<{ phone: string; sent: TypeAuthSentCode }> {
  let error: RpcError | undefined;
  for (let attempt = 0;; attempt++) {
    const phone = (await askInput(
      options.phone,
      "phone",
      "a user login needs the phone number",
      { attempt, error },
    )).trim();
    try {
      return { phone, sent: await requestCode(host, phone) };
    } catch (caught) {
      if (
        !(caught instanceof RpcError) ||
        caught.message !== "PHONE_NUMBER_INVALID"
      ) throw caught;
      error = caught;
    }
  }
}

/** `auth.sendCode`: asks Telegram to send a login code to `phone`. */
function requestCode(
  host: LoginHost,
  phone: string,
): Promise<TypeAuthSentCode> {
  return host.invoke({
    _: "auth.sendCode",
    phone_number: phone,
    api_id: host.apiId,
    api_hash: host.apiHash,
    settings: { _: "codeSettings" },
  }) as Promise<TypeAuthSentCode>;
}

async function enterCode(
  host: LoginHost,
  options: UserLoginOptions,
  phone: string,
  firstSent: Extract<TypeAuthSentCode, { _: "auth.sentCode" }>,
): Promise<RawUser> {
  let sent = firstSent;
  let error: RpcError | undefined;
  for (let attempt = 0;; attempt++) {
    const code = (await askInput(
      options.code,
      "code",
      "a user login needs the code Telegram sent",
      { phone, type: sent.type, attempt, error },
    )).trim();
    let result: TypeAuthAuthorization;
    try {
      result = await host.invoke({
        _: "auth.signIn",
        phone_number: phone,
        phone_code_hash: sent.phone_code_hash,
        phone_code: code,
      }) as TypeAuthAuthorization;
    } catch (caught) {
      if (!(caught instanceof RpcError)) throw caught;
      if (caught.message === "SESSION_PASSWORD_NEEDED") {
        return await checkPassword(host, options.password);
      }
      if (caught.message === "PHONE_NUMBER_UNOCCUPIED") {
        return await signUp(host, options, phone, sent.phone_code_hash);
      }
      if (
        caught.message === "PHONE_CODE_EXPIRED" &&
        typeof options.code === "function"
      ) {
        // A new code, and the callback asked for it.
        const again = await requestCode(host, phone);
        if (again._ !== "auth.sentCode") {
          throw new UnexpectedLoginResultError("auth.sendCode", again._);
        }
        sent = again;
        error = caught;
        continue;
      }
      if (!CODE_WRONG.has(caught.message)) throw caught;
      error = caught;
      continue;
    }
    if (result._ === "auth.authorizationSignUpRequired") {
      return await signUp(host, options, phone, sent.phone_code_hash);
    }
    return loggedInUser(result, "auth.signIn");
  }
}

async function signUp(
  host: LoginHost,
  options: UserLoginOptions,
  phone: string,
  phoneCodeHash: string,
): Promise<RawUser> {
  let error: RpcError | undefined;
  for (let attempt = 0;; attempt++) {
    const firstName = await askInput(
      options.firstName,
      "firstName",
      `${phone} has no account yet; signing up needs a first name`,
      { attempt, error },
    );
    const lastName = options.lastName === undefined ? "" : await askInput(
      options.lastName,
      "lastName",
      "",
      { attempt, error },
    );
    try {
      const result = await host.invoke({
        _: "auth.signUp",
        phone_number: phone,
        phone_code_hash: phoneCodeHash,
        first_name: firstName,
        last_name: lastName,
      }) as TypeAuthAuthorization;
      return loggedInUser(result, "auth.signUp");
    } catch (caught) {
      if (
        !(caught instanceof RpcError) ||
        (caught.message !== "FIRSTNAME_INVALID" &&
          caught.message !== "LASTNAME_INVALID")
      ) throw caught;
      error = caught;
    }
  }
}
