/**
 * Bot login: `auth.importBotAuthorization` with the token from @BotFather.
 *
 * @module
 */

import type { RawUser, TypeAuthAuthorization } from "../tl/mod.ts";
import type { LoginHost } from "./login_host.ts";
import { UnexpectedLoginResultError } from "./login_result.ts";

/** Logs in as the bot with `token` (`<bot id>:<secret>`); resolves with its `user`. */
export async function loginBot(
  host: LoginHost,
  token: string,
): Promise<RawUser> {
  if (typeof token !== "string" || !/^[0-9]+:[A-Za-z0-9_-]+$/.test(token)) {
    throw new TypeError(
      "botToken must look like <bot id>:<secret> (as @BotFather gives it)",
    );
  }
  const result = await host.invoke({
    _: "auth.importBotAuthorization",
    flags: 0,
    api_id: host.apiId,
    api_hash: host.apiHash,
    bot_auth_token: token,
  }) as TypeAuthAuthorization;
  const user = loggedInUser(result, "auth.importBotAuthorization");
  await host.completeLogin(user);
  return user;
}

/** The `user` of an `auth.authorization`; anything else is an {@linkcode UnexpectedLoginResultError}. */
export function loggedInUser(
  result: TypeAuthAuthorization,
  method: string,
): RawUser {
  if (result._ !== "auth.authorization" || result.user._ !== "user") {
    throw new UnexpectedLoginResultError(method, result._);
  }
  return result.user;
}
