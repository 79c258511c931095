/**
 * `updates.*` methods of the test DC: the state, the common difference and
 * the channel difference, from the chat world's boxes.
 *
 * @module
 */

import type { MethodTable, RpcContext } from "../rpc.ts";
import { RpcFailure } from "../rpc_error.ts";
import type { Tl } from "../updates/boxes.ts";
import { chatWorld } from "../updates/chat_world.ts";

/** `updates.getState`: the caller's common update state. */
function getState(_request: Record<string, unknown>, ctx: RpcContext): unknown {
  return chatWorld(ctx.world, ctx.now).state(ctx.requireUser());
}

/** `updates.getDifference`: what the caller missed since (pts, qts, date). */
function getDifference(
  request: Record<string, unknown>,
  ctx: RpcContext,
): unknown {
  const userId = ctx.requireUser();
  return chatWorld(ctx.world, ctx.now).difference(
    userId,
    request.pts as number,
    request.qts as number,
    request.date as number,
  );
}

/** `updates.getChannelDifference`: what the caller missed in a channel since `pts`. */
function getChannelDifference(
  request: Record<string, unknown>,
  ctx: RpcContext,
): unknown {
  const userId = ctx.requireUser();
  const chats = chatWorld(ctx.world, ctx.now);
  const channel = chats.resolveInputChannel(userId, request.channel as Tl);
  const limit = request.limit as number;
  const bot = ctx.world.user(userId)?.bot ?? false;
  if (limit <= 0 || limit > (bot ? 100_000 : 100_000)) {
    throw new RpcFailure(400, "LIMIT_INVALID");
  }
  return chats.channelDifference(userId, channel, request.pts as number, limit);
}

/** The `updates.*` handlers. */
export const updatesMethods: MethodTable = {
  "updates.getState": getState,
  "updates.getDifference": getDifference,
  "updates.getChannelDifference": getChannelDifference,
};
