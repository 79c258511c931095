/**
 * `messages.*` methods of the test DC about messages: send, edit, delete,
 * read, and callback-query answers, on the chat world (`updates/chat_world.ts`).
 *
 * @module
 */

import type { MethodTable, RpcContext } from "../rpc.ts";
import { RpcFailure } from "../rpc_error.ts";
import type { Tl } from "../updates/boxes.ts";
import { chatWorld, type PeerRef } from "../updates/chat_world.ts";

function origin(ctx: RpcContext) {
  return { authKeyId: ctx.authKey.id, sessionId: ctx.sessionId };
}

function replyToMsgId(request: Record<string, unknown>): number | undefined {
  const replyTo = request.reply_to as Tl | undefined;
  return replyTo?._ === "inputReplyToMessage"
    ? replyTo.reply_to_msg_id as number
    : undefined;
}

/** `messages.sendMessage`: `updateShortSentMessage` in private chats, `updates` elsewhere, as Telegram answers. */
function sendMessage(
  request: Record<string, unknown>,
  ctx: RpcContext,
): unknown {
  const userId = ctx.requireUser();
  const chats = chatWorld(ctx.world, ctx.now);
  const peer = chats.resolveInputPeer(userId, request.peer as Tl);
  // Only bots attach keyboards; Telegram ignores a user's markup.
  const markup = request.reply_markup as Tl | undefined;
  return chats.sendMessage(userId, peer, request.message as string, {
    entities: request.entities as Tl[] | undefined,
    replyMarkup: ctx.world.user(userId)?.bot ? markup : undefined,
    replyToMsgId: replyToMsgId(request),
    silent: request.silent === true,
    randomId: request.random_id as bigint,
  }, origin(ctx)).result;
}

/** `messages.editMessage` (text, entities, reply markup). */
function editMessage(
  request: Record<string, unknown>,
  ctx: RpcContext,
): unknown {
  const userId = ctx.requireUser();
  const chats = chatWorld(ctx.world, ctx.now);
  const peer = chats.resolveInputPeer(userId, request.peer as Tl);
  if (request.message === undefined && request.reply_markup === undefined) {
    throw new RpcFailure(400, "MESSAGE_NOT_MODIFIED");
  }
  const markup = request.reply_markup as Tl | undefined;
  return chats.editMessage(userId, peer, request.id as number, {
    text: request.message as string | undefined,
    entities: request.entities as Tl[] | undefined,
    // An edit that sends text without markup removes the keyboard, as on Telegram.
    replyMarkup: markup ?? (request.message !== undefined ? null : undefined),
  }, origin(ctx));
}

/** `messages.deleteMessages` (private chats and basic groups). */
function deleteMessages(
  request: Record<string, unknown>,
  ctx: RpcContext,
): unknown {
  const userId = ctx.requireUser();
  return chatWorld(ctx.world, ctx.now).deleteMessages(
    userId,
    request.id as number[],
    request.revoke === true,
    origin(ctx),
  );
}

/** `messages.getMessages` by id (private chats and basic groups); missing ones as `messageEmpty`. */
function getMessages(
  request: Record<string, unknown>,
  ctx: RpcContext,
): unknown {
  const userId = ctx.requireUser();
  const chats = chatWorld(ctx.world, ctx.now);
  const box = chats.box(userId);
  const messages = (request.id as Tl[]).map((input) => {
    const id = input._ === "inputMessageID" ? input.id as number : 0;
    const stored = box.messages.get(id);
    return stored ? stored.object : { _: "messageEmpty", id };
  });
  return chats.messagesResult(userId, messages);
}

/** `messages.getHistory` (users only: bots get `BOT_METHOD_INVALID`, as on Telegram). */
function getHistory(
  request: Record<string, unknown>,
  ctx: RpcContext,
): unknown {
  const userId = ctx.requireUser();
  if (ctx.world.user(userId)?.bot) {
    throw new RpcFailure(400, "BOT_METHOD_INVALID");
  }
  const chats = chatWorld(ctx.world, ctx.now);
  const peer: PeerRef = chats.resolveInputPeer(userId, request.peer as Tl);
  const page = chats.history(userId, peer, {
    offsetId: request.offset_id as number,
    addOffset: request.add_offset as number,
    limit: request.limit as number,
    maxId: request.max_id as number,
    minId: request.min_id as number,
  });
  return chats.messagesResult(
    userId,
    page.messages,
    peer.type === "channel" ? chats.channel(peer.id) : undefined,
    page.count,
  );
}

/** `messages.getBotCallbackAnswer`: presses an inline button and waits for the bot's answer. */
function getBotCallbackAnswer(
  request: Record<string, unknown>,
  ctx: RpcContext,
): unknown {
  const userId = ctx.requireUser();
  const chats = chatWorld(ctx.world, ctx.now);
  const peer = chats.resolveInputPeer(userId, request.peer as Tl);
  return chats.callbackQuery(
    userId,
    peer,
    request.msg_id as number,
    request.data as Uint8Array | undefined,
  );
}

/** `messages.setBotCallbackAnswer`: the bot's answer to a callback query. */
function setBotCallbackAnswer(
  request: Record<string, unknown>,
  ctx: RpcContext,
): unknown {
  const userId = ctx.requireUser();
  if (!ctx.world.user(userId)?.bot) {
    throw new RpcFailure(400, "USER_BOT_REQUIRED");
  }
  chatWorld(ctx.world, ctx.now).answerCallbackQuery(
    userId,
    request.query_id as bigint,
    {
      message: request.message as string | undefined,
      alert: request.alert === true,
      url: request.url as string | undefined,
      cacheTime: request.cache_time as number,
    },
  );
  return true;
}

/** `messages.getInlineBotResults`: asks the bot and waits for its results. */
function getInlineBotResults(
  request: Record<string, unknown>,
  ctx: RpcContext,
): unknown {
  const userId = ctx.requireUser();
  const chats = chatWorld(ctx.world, ctx.now);
  const bot = chats.resolveInputUser(userId, request.bot as Tl);
  const peer = chats.resolveInputPeer(userId, request.peer as Tl);
  return chats.inlineQuery(
    userId,
    bot.id,
    peer,
    request.query as string,
    request.offset as string,
  ).then((answer) => ({
    ...answer,
    users: [chats.userObject(bot.id, userId)],
  }));
}

/** `messages.setInlineBotResults`: the bot's answer to an inline query. */
function setInlineBotResults(
  request: Record<string, unknown>,
  ctx: RpcContext,
): unknown {
  const userId = ctx.requireUser();
  if (!ctx.world.user(userId)?.bot) {
    throw new RpcFailure(400, "USER_BOT_REQUIRED");
  }
  chatWorld(ctx.world, ctx.now).answerInlineQuery(
    userId,
    request.query_id as bigint,
    request.results as Tl[],
    {
      cacheTime: request.cache_time as number,
      nextOffset: request.next_offset as string | undefined,
      gallery: request.gallery === true,
      switchPm: request.switch_pm as Tl | undefined,
    },
  );
  return true;
}

/** `messages.sendInlineBotResult`: sends a chosen inline result `via` its bot. */
function sendInlineBotResult(
  request: Record<string, unknown>,
  ctx: RpcContext,
): unknown {
  const userId = ctx.requireUser();
  const chats = chatWorld(ctx.world, ctx.now);
  const peer = chats.resolveInputPeer(userId, request.peer as Tl);
  return chats.sendInlineResult(
    userId,
    peer,
    request.query_id as bigint,
    request.id as string,
    {
      replyToMsgId: replyToMsgId(request),
      silent: request.silent === true,
      randomId: request.random_id as bigint,
    },
    origin(ctx),
  ).result;
}

/** The message `messages.*` handlers. */
export const messagesMethods: MethodTable = {
  "messages.sendMessage": sendMessage,
  "messages.editMessage": editMessage,
  "messages.deleteMessages": deleteMessages,
  "messages.getMessages": getMessages,
  "messages.getHistory": getHistory,
  "messages.getBotCallbackAnswer": getBotCallbackAnswer,
  "messages.setBotCallbackAnswer": setBotCallbackAnswer,
  "messages.getInlineBotResults": getInlineBotResults,
  "messages.setInlineBotResults": setInlineBotResults,
  "messages.sendInlineBotResult": sendInlineBotResult,
};
