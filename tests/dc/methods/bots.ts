/**
 * `bots.*` methods of the test DC, and the inline-mode pair `messages.getInlineBotResults` /
 * `messages.setInlineBotResults`.
 *
 * @module
 */
import type { MethodTable, RpcContext } from "../rpc.ts";
import { RpcFailure } from "../rpc_error.ts";
import type { Tl } from "../updates/boxes.ts";
import { chatWorld } from "../updates/chat_world.ts";
import { highLevelExtras } from "../high_level/extras.ts";

function requireBot(ctx: RpcContext): number {
  const userId = ctx.requireUser();
  if (!ctx.world.user(userId)?.bot) {
    throw new RpcFailure(400, "USER_BOT_REQUIRED");
  }
  return userId;
}

function scopeKey(scope: Tl, lang: string): string {
  const peer = scope.peer as Tl | undefined;
  const peerId = peer
    ? String(peer.user_id ?? peer.chat_id ?? peer.channel_id ?? peer._)
    : "";
  const user = scope.user_id as Tl | undefined;
  return `${scope._}:${peerId}:${
    user ? String(user.user_id ?? user._) : ""
  }/${lang}`;
}

/**
 * `bots.setBotCommands`: stores the commands of a scope and language. Each command is 1–32 of
 * `a-z0-9_` (`BOT_COMMAND_INVALID`), each description 1–256 characters
 * (`BOT_COMMAND_DESCRIPTION_INVALID`), at most 100 of them (`BOTS_TOO_MUCH`).
 */
function setBotCommands(
  request: Record<string, unknown>,
  ctx: RpcContext,
): unknown {
  const botId = requireBot(ctx);
  const commands = request.commands as Tl[];
  if (commands.length > 100) throw new RpcFailure(400, "BOTS_TOO_MUCH");
  for (const command of commands) {
    if (!/^[a-z0-9_]{1,32}$/.test(String(command.command))) {
      throw new RpcFailure(400, "BOT_COMMAND_INVALID");
    }
    const description = String(command.description);
    if (description.length < 1 || description.length > 256) {
      throw new RpcFailure(400, "BOT_COMMAND_DESCRIPTION_INVALID");
    }
  }
  const extras = highLevelExtras(ctx.world);
  let byScope = extras.commands.get(botId);
  if (!byScope) extras.commands.set(botId, byScope = new Map());
  const key = scopeKey(request.scope as Tl, String(request.lang_code ?? ""));
  if (commands.length === 0) byScope.delete(key);
  else byScope.set(key, commands);
  return true;
}

/** `bots.getBotCommands`: the commands of exactly this scope and language. */
function getBotCommands(
  request: Record<string, unknown>,
  ctx: RpcContext,
): unknown {
  const botId = requireBot(ctx);
  const key = scopeKey(request.scope as Tl, String(request.lang_code ?? ""));
  return highLevelExtras(ctx.world).commands.get(botId)?.get(key) ?? [];
}

/** `bots.resetBotCommands`: forgets the commands of a scope and language. */
function resetBotCommands(
  request: Record<string, unknown>,
  ctx: RpcContext,
): unknown {
  const botId = requireBot(ctx);
  const key = scopeKey(request.scope as Tl, String(request.lang_code ?? ""));
  highLevelExtras(ctx.world).commands.get(botId)?.delete(key);
  return true;
}

/**
 * `messages.getInlineBotResults`: a user types `@bot query`; the bot gets
 * `updateBotInlineQuery` and the call resolves with its answer (`messages.botResults`), or
 * fails with `BOT_RESPONSE_TIMEOUT`. `BOT_INLINE_DISABLED` for accounts that are no bots.
 * The chat world keeps the answer for `messages.sendInlineBotResult`.
 */
function getInlineBotResults(
  request: Record<string, unknown>,
  ctx: RpcContext,
): unknown {
  const userId = ctx.requireUser();
  const chats = chatWorld(ctx.world, ctx.now);
  const input = request.bot as Tl;
  const bot = input._ === "inputUser"
    ? ctx.world.user(Number(input.user_id))
    : undefined;
  if (!bot || bot.accessHash !== input.access_hash) {
    throw new RpcFailure(400, "BOT_INVALID");
  }
  if (!bot.bot) throw new RpcFailure(400, "BOT_INLINE_DISABLED");
  const peer = chats.resolveInputPeer(userId, request.peer as Tl);
  return chats.inlineQuery(
    userId,
    bot.id,
    peer,
    String(request.query ?? ""),
    String(request.offset ?? ""),
  ).then((answer) => ({
    ...answer,
    users: [chats.userObject(bot.id, userId)],
  }));
}

/**
 * `messages.setInlineBotResults`: the bot's answer (articles, photos and files by URL, cached
 * photos and documents); `QUERY_ID_INVALID` for an unknown query.
 */
function setInlineBotResults(
  request: Record<string, unknown>,
  ctx: RpcContext,
): unknown {
  const botId = requireBot(ctx);
  const results = request.results as Tl[];
  if (results.length > 50) throw new RpcFailure(400, "RESULTS_TOO_MUCH");
  chatWorld(ctx.world, ctx.now).answerInlineQuery(
    botId,
    request.query_id as bigint,
    results,
    {
      cacheTime: request.cache_time as number,
      nextOffset: request.next_offset as string | undefined,
      gallery: request.gallery === true,
      switchPm: request.switch_pm as Tl | undefined,
    },
  );
  return true;
}

/** The `bots.*` and inline-mode handlers. */
export const botsMethods: MethodTable = {
  "bots.setBotCommands": setBotCommands,
  "bots.getBotCommands": getBotCommands,
  "bots.resetBotCommands": resetBotCommands,
  "messages.getInlineBotResults": getInlineBotResults,
  "messages.setInlineBotResults": setInlineBotResults,
};
