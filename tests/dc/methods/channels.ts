/**
 * `channels.*` methods of the test DC about channel messages.
 *
 * @module
 */

import type { MethodTable, RpcContext } from "../rpc.ts";
import type { Tl } from "../updates/boxes.ts";
import { chatWorld } from "../updates/chat_world.ts";

/** `channels.deleteMessages`: `messages.affectedMessages` of the channel's pts box. */
function deleteMessages(
  request: Record<string, unknown>,
  ctx: RpcContext,
): unknown {
  const userId = ctx.requireUser();
  const chats = chatWorld(ctx.world, ctx.now);
  const channel = chats.resolveInputChannel(userId, request.channel as Tl);
  return chats.deleteChannelMessages(
    userId,
    channel.id,
    request.id as number[],
    {
      authKeyId: ctx.authKey.id,
      sessionId: ctx.sessionId,
    },
  );
}

/** `channels.getMessages` by id; missing ones as `messageEmpty`. */
function getMessages(
  request: Record<string, unknown>,
  ctx: RpcContext,
): unknown {
  const userId = ctx.requireUser();
  const chats = chatWorld(ctx.world, ctx.now);
  const channel = chats.resolveInputChannel(userId, request.channel as Tl);
  const messages = (request.id as Tl[]).map((input) => {
    const id = input._ === "inputMessageID" ? input.id as number : 0;
    const stored = channel.box.messages.get(id);
    return stored
      ? chats.channelView(stored.object, userId)
      : { _: "messageEmpty", id };
  });
  return chats.messagesResult(userId, messages, channel);
}

/** The message `channels.*` handlers. */
export const channelsMethods: MethodTable = {
  "channels.deleteMessages": deleteMessages,
  "channels.getMessages": getMessages,
};
