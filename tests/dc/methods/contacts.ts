/**
 * `contacts.*` methods of the test DC: username resolution.
 *
 * @module
 */
import type { MethodTable, RpcContext } from "../rpc.ts";
import { RpcFailure } from "../rpc_error.ts";
import type { Tl } from "../updates/boxes.ts";
import { chatWorld, peerObject, type PeerRef } from "../updates/chat_world.ts";

/**
 * `contacts.resolveUsername`: the user, bot, channel or supergroup with this username
 * (case-insensitive), with its access hash; `USERNAME_INVALID` for a malformed name and
 * `USERNAME_NOT_OCCUPIED` for a free one, as on Telegram.
 */
function resolveUsername(
  request: Record<string, unknown>,
  ctx: RpcContext,
): unknown {
  const viewer = ctx.requireUser();
  const chats = chatWorld(ctx.world, ctx.now);
  const name = String(request.username ?? "");
  if (!/^[A-Za-z][A-Za-z0-9_]{3,31}$/.test(name)) {
    throw new RpcFailure(400, "USERNAME_INVALID");
  }
  const wanted = name.toLowerCase();
  let peer: PeerRef | undefined;
  for (const user of ctx.world.users()) {
    if (user.username?.toLowerCase() === wanted) {
      peer = { type: "user", id: user.id };
    }
  }
  // Channel ids are handed out in sequence from 7 000 000 (see ChatWorld).
  for (let id = 7_000_000; peer === undefined && chats.channel(id); id++) {
    if (chats.channel(id)!.username?.toLowerCase() === wanted) {
      peer = { type: "channel", id };
    }
  }
  if (peer === undefined) throw new RpcFailure(400, "USERNAME_NOT_OCCUPIED");
  const peerTl = peerObject(peer);
  const { users, chats: chatObjects } = chats.entitiesFor(viewer, [
    peerTl as Tl,
  ]);
  return {
    _: "contacts.resolvedPeer",
    peer: peerTl,
    users,
    chats: chatObjects,
  };
}

/** The `contacts.*` handlers. */
export const contactsMethods: MethodTable = {
  "contacts.resolveUsername": resolveUsername,
};
