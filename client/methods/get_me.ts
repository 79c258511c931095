/**
 * `getMe`: the logged-in account.
 *
 * @module
 */
import { type User, userFromTl } from "../types/user.ts";
import type { MethodClient } from "./method_client.ts";
import { UnexpectedResultError } from "./unexpected_result_error.ts";

/** Fetches the logged-in account (`users.getUsers` with `inputUserSelf`) as a Bot API user. */
export async function getMe(client: MethodClient): Promise<User> {
  const [me] = await client.invoke({
    _: "users.getUsers",
    id: [{ _: "inputUserSelf" }],
  });
  if (me === undefined || me._ !== "user") {
    throw new UnexpectedResultError("getMe", "the answer holds no user");
  }
  client.peers.setSelfId(me.id);
  await client.peers.remember({ users: [me] });
  return userFromTl(me);
}
