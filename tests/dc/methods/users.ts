/**
 * `users.*` methods of the test DC.
 *
 * @module
 */

import type { MethodTable, RpcContext } from "../rpc.ts";
import type { Tl } from "../updates/boxes.ts";
import { chatWorld } from "../updates/chat_world.ts";

/**
 * `users.getUsers`: `inputUserSelf` and `inputUser` with the right access
 * hash give the `user`; unknown users are left out, as on Telegram.
 */
function getUsers(request: Record<string, unknown>, ctx: RpcContext): unknown {
  const viewer = ctx.requireUser();
  const chats = chatWorld(ctx.world, ctx.now);
  const out: Tl[] = [];
  for (const input of request.id as Tl[]) {
    let id: number | undefined;
    if (input._ === "inputUserSelf") id = viewer;
    else if (input._ === "inputUser") {
      const user = ctx.world.user(Number(input.user_id));
      if (
        user && (user.id === viewer || user.accessHash === input.access_hash)
      ) {
        id = user.id;
      }
    }
    if (id !== undefined) out.push(chats.userObject(id, viewer));
  }
  return out;
}

/** The `users.*` handlers. */
export const usersMethods: MethodTable = {
  "users.getUsers": getUsers,
};
