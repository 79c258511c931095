/**
 * `updates.*` methods of the test DC.
 *
 * @module
 */

import type { MethodTable, RpcContext } from "../rpc.ts";

/** `updates.getState`: the caller's common update state (needs a logged-in account). */
function getState(_request: Record<string, unknown>, ctx: RpcContext): unknown {
  const state = ctx.world.updateState(ctx.requireUser());
  return {
    _: "updates.state",
    pts: state.pts,
    qts: state.qts,
    date: Math.max(state.date, Math.floor(ctx.now())),
    seq: state.seq,
    unread_count: state.unreadCount,
  };
}

/** The `updates.*` handlers. */
export const updatesMethods: MethodTable = {
  "updates.getState": getState,
};
