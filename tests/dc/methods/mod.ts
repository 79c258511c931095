/**
 * Every API method the test DC implements, merged from one table per area.
 * A later area (auth, messages, ...) adds its file and one line here.
 *
 * @module
 */

import type { MethodTable, RpcContext } from "../rpc.ts";
import { accountMethods } from "./account.ts";
import { authMethods } from "./auth.ts";
import { botsMethods } from "./bots.ts";
import { channelsMethods } from "./channels.ts";
import { channelsAdminMethods } from "./channels_admin.ts";
import { contactsMethods } from "./contacts.ts";
import { helpMethods } from "./help.ts";
import { messagesMethods } from "./messages.ts";
import { messagesActionsMethods } from "./messages_actions.ts";
import { updatesMethods } from "./updates.ts";
import { usersMethods } from "./users.ts";

/** `ping` called as an API method (wrapped in `invokeWithLayer`, say): answered with `pong` inside `rpc_result`. */
function ping(request: Record<string, unknown>, ctx: RpcContext): unknown {
  return { _: "pong", msg_id: ctx.msgId, ping_id: request.ping_id };
}

/** All handlers by method name. */
export const ALL_METHODS: MethodTable = {
  ping,
  ...helpMethods,
  ...updatesMethods,
  ...messagesMethods,
  ...channelsMethods,
  ...channelsAdminMethods,
  ...messagesActionsMethods,
  ...botsMethods,
  ...contactsMethods,
  ...authMethods,
  ...accountMethods,
  ...usersMethods,
};
