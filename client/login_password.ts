/**
 * The 2FA step of a login ("Two-factor authentication"): `account.getPassword`,
 * SRP, `auth.checkPassword`; a wrong password asks the callback again.
 *
 * @module
 */

import { computeSrpCheck } from "../crypto/mod.ts";
import type {
  RawAccountPassword,
  RawUser,
  TypeAuthAuthorization,
} from "../tl/mod.ts";
import { loggedInUser } from "./login_bot.ts";
import type { LoginHost } from "./login_host.ts";
import {
  askInput,
  type LoginInput,
  type LoginRetryInfo,
} from "./login_prompt.ts";
import { RpcError } from "./rpc_error.ts";

/** What the password callback is told. */
export interface PasswordInfo {
  /** The hint the user set with the password, if any. */
  hint?: string;
}

/** Passes the 2FA step; resolves with the logged-in `user` (not yet persisted). */
export async function checkPassword(
  host: LoginHost,
  password: LoginInput<string, PasswordInfo> | undefined,
): Promise<RawUser> {
  let error: RpcError | undefined;
  let attempt = 0;
  let staleRounds = 0;
  let text: string | undefined;
  for (;;) {
    const settings = await host.invoke({
      _: "account.getPassword",
    }) as RawAccountPassword;
    const info: PasswordInfo & LoginRetryInfo = { attempt, error };
    if (settings.hint !== undefined) info.hint = settings.hint;
    text ??= await askInput(
      password,
      "password",
      "the account has two-step verification (SESSION_PASSWORD_NEEDED)",
      info,
    );
    const check = computeSrpCheck(text, settings);
    try {
      const result = await host.invoke({
        _: "auth.checkPassword",
        password: check,
      }) as TypeAuthAuthorization;
      return loggedInUser(result, "auth.checkPassword");
    } catch (caught) {
      if (!(caught instanceof RpcError)) throw caught;
      if (
        (caught.message === "SRP_ID_INVALID" ||
          caught.message === "SRP_PASSWORD_CHANGED") && staleRounds++ < 3
      ) {
        continue; // the round expired: a fresh one, the same password
      }
      if (caught.message !== "PASSWORD_HASH_INVALID") throw caught;
      text = undefined;
      error = caught;
      attempt++;
    }
  }
}
