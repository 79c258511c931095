/**
 * The high-level half of `Client`: Bot-API-shaped methods (each delegating to its function in
 * this folder) and grammY-style middleware fed by the update loop. `Client` extends it and
 * supplies `invoke` (which the methods call), the peer cache and the updates.
 *
 * @module
 */
import type { TypeUpdate } from "../../tl/mod.ts";
import {
  type CommandContext,
  Composer,
  type MatchedContext,
  type Middleware,
  run,
  type Trigger,
} from "../middleware/composer.ts";
import { Context } from "../middleware/context.ts";
import type { Filter, FilterQuery } from "../middleware/filter.ts";
import type { BotCommand } from "../types/bot_command.ts";
import type { Chat } from "../types/chat.ts";
import type { ChatId } from "../types/chat_id.ts";
import type { ChatMember } from "../types/chat_member.ts";
import type { InlineQueryResult } from "../types/inline_query_result.ts";
import type { Message } from "../types/message.ts";
import { PeerMap, type UsersAndChats } from "../types/peer_map.ts";
import type { InlineKeyboardMarkup } from "../types/reply_markup.ts";
import { updateFromTl } from "../types/update.ts";
import type { User } from "../types/user.ts";
import {
  answerCallbackQuery,
  type AnswerCallbackQueryOptions,
} from "./answer_callback_query.ts";
import {
  answerInlineQuery,
  type AnswerInlineQueryOptions,
} from "./answer_inline_query.ts";
import { banChatMember, type BanChatMemberOptions } from "./ban_chat_member.ts";
import { copyMessage, type CopyMessageOptions } from "./copy_message.ts";
import {
  deleteMessages,
  type DeleteMessagesOptions,
} from "./delete_messages.ts";
import { editMessageReplyMarkup } from "./edit_message_reply_markup.ts";
import {
  editInlineMessageText,
  editMessageText,
  type EditMessageTextOptions,
} from "./edit_message_text.ts";
import {
  forwardMessages,
  type ForwardMessagesOptions,
} from "./forward_messages.ts";
import { getChat } from "./get_chat.ts";
import { getChatMember } from "./get_chat_member.ts";
import {
  getChatMembers,
  type GetChatMembersOptions,
} from "./get_chat_members.ts";
import { getHistory, type GetHistoryOptions } from "./get_history.ts";
import { getMe } from "./get_me.ts";
import { getMessages } from "./get_messages.ts";
import type { MethodClient } from "./method_client.ts";
import type { PeerCache } from "./peer_cache.ts";
import { pinMessage, type PinMessageOptions } from "./pin_message.ts";
import { readHistory } from "./read_history.ts";
import { resolveUsername } from "./resolve_username.ts";
import {
  type ChatAction,
  sendChatAction,
  type SendChatActionOptions,
} from "./send_chat_action.ts";
import { sendMessage, type SendMessageOptions } from "./send_message.ts";
import { setMyCommands, type SetMyCommandsOptions } from "./set_my_commands.ts";
import {
  unbanChatMember,
  type UnbanChatMemberOptions,
} from "./unban_chat_member.ts";
import { unpinMessage } from "./unpin_message.ts";

/** What a handler threw (or rejected with), and the context of the update it was handling. */
export class HandlerError extends Error {
  /** What the handler threw. */
  readonly error: unknown;
  /** The update's context. */
  readonly ctx: Context;

  /**
   * Wraps what a handler threw.
   *
   * @param error what the handler threw
   * @param ctx the update's context
   */
  constructor(error: unknown, ctx: Context) {
    super(
      `a handler of update ${ctx.update.update_id} (${ctx.raw._}) failed: ${
        error instanceof Error ? error.message : String(error)
      }`,
      { cause: error },
    );
    this.name = "HandlerError";
    this.error = error;
    this.ctx = ctx;
  }
}

/** The users and chats that came with an update (`DispatchedUpdate` has them). */
export type UpdateBatch = UsersAndChats;

/** Bot-API-shaped methods and middleware, on top of `invoke` and a peer cache. */
export abstract class HighLevelClient {
  /** The peer cache. */
  abstract readonly peers: PeerCache;

  readonly #composer = new Composer<Context<this>>();
  #hasMiddleware = false;
  #onError: (error: HandlerError) => unknown = (error) => console.error(error);
  #updateCount = 0;
  #me: Promise<User | undefined> | undefined;

  // ---- middleware ----------------------------------------------------------------------

  /** Adds middleware that runs for every update. */
  use(...middleware: Middleware<Context<this>>[]): Composer<Context<this>> {
    this.#hasMiddleware = true;
    return this.#composer.use(...middleware);
  }

  /**
   * Adds handlers for updates matching a filter query: `"message"`, `"message:text"`,
   * `"message:photo"`, `"edited_message"`, `"callback_query:data"`, `"inline_query"`,
   * `"deleted_messages"`, `"chat_member"`, `":text"` (messages and channel posts),
   * `"update"` (every update; `ctx.raw` is the TL object) or `"update:<TL name>"`.
   */
  on<Q extends FilterQuery>(
    filter: Q | Q[],
    ...middleware: Middleware<Filter<Context<this>, Q>>[]
  ): Composer<Filter<Context<this>, Q>> {
    this.#hasMiddleware = true;
    return this.#composer.on(filter, ...middleware);
  }

  /** Adds handlers for a command (`/start`); `ctx.match` holds its arguments. */
  command(
    command: string | readonly string[],
    ...middleware: Middleware<CommandContext<Context<this>>>[]
  ): Composer<CommandContext<Context<this>>> {
    this.#hasMiddleware = true;
    return this.#composer.command(command, ...middleware);
  }

  /** Adds handlers for new messages whose text or caption matches a trigger. */
  hears<T extends Trigger>(
    trigger: T | readonly T[],
    ...middleware: Middleware<MatchedContext<Context<this>, T>>[]
  ): Composer<MatchedContext<Context<this>, T>> {
    this.#hasMiddleware = true;
    return this.#composer.hears(trigger, ...middleware);
  }

  /** Adds handlers for callback queries whose data matches a trigger (`ctx.match`). */
  callbackQuery<T extends Trigger>(
    trigger: T | readonly T[],
    ...middleware: Middleware<
      & MatchedContext<Context<this>, T>
      & Filter<Context<this>, "callback_query:data">
    >[]
  ): Composer<
    & MatchedContext<Context<this>, T>
    & Filter<Context<this>, "callback_query:data">
  > {
    this.#hasMiddleware = true;
    return this.#composer.callbackQuery(trigger, ...middleware);
  }

  /** Adds handlers for inline queries whose text matches a trigger (`ctx.match`). */
  inlineQuery<T extends Trigger>(
    trigger: T | readonly T[],
    ...middleware: Middleware<
      MatchedContext<Context<this>, T> & Filter<Context<this>, "inline_query">
    >[]
  ): Composer<
    MatchedContext<Context<this>, T> & Filter<Context<this>, "inline_query">
  > {
    this.#hasMiddleware = true;
    return this.#composer.inlineQuery(trigger, ...middleware);
  }

  /** Adds handlers for the updates a predicate accepts. */
  filter(
    predicate: (ctx: Context<this>) => boolean | Promise<boolean>,
    ...middleware: Middleware<Context<this>>[]
  ): Composer<Context<this>> {
    this.#hasMiddleware = true;
    return this.#composer.filter(predicate, ...middleware);
  }

  /**
   * Sets where handler errors go (default: `console.error`). An error never stops the update
   * loop: the next update is handled as usual.
   */
  catch(handler: (error: HandlerError) => unknown): void {
    this.#onError = handler;
  }

  /**
   * Runs the middleware for one TL update, with the users and chats it came with; the update
   * loop calls it for every update. Handler errors go to the `catch` handler.
   */
  protected async handleUpdate(
    update: TypeUpdate,
    batch: UpdateBatch,
  ): Promise<void> {
    if (!this.#hasMiddleware) return;
    const peers = new PeerMap(batch, this.peers.map);
    const selfId = await this.peers.loadSelfId().catch(() => undefined);
    const me = await this.#cachedMe();
    let fields = updateFromTl(update, peers, { selfId });
    // Bots never see their own messages in the Bot API (MTProto sends them back as updates):
    // leave only the raw update, which "update" filters still see.
    const own = fields.message ?? fields.edited_message ??
      fields.channel_post ??
      fields.edited_channel_post;
    if (me?.is_bot && own?.is_outgoing) fields = {};
    const ctx = new Context(
      { update_id: ++this.#updateCount, ...fields },
      update,
      this,
      me,
    );
    try {
      await run(this.#composer.middleware(), ctx);
    } catch (error) {
      try {
        await this.#onError(new HandlerError(error, ctx as Context));
      } catch (inner) {
        console.error("the catch handler failed:", inner);
      }
    }
  }

  #cachedMe(): Promise<User | undefined> {
    this.#me ??= this.getMe().catch(() => {
      this.#me = undefined;
      return undefined;
    });
    return this.#me;
  }

  // ---- methods -------------------------------------------------------------------------

  /**
   * This client as the methods see it: the subclass has `invoke` (not declared here: checking
   * its generic `ResultOf` signature against another is too deep for tsc).
   */
  get #api(): MethodClient {
    return this as never;
  }

  /** The logged-in account. */
  async getMe(): Promise<User> {
    const me = await getMe(this.#api);
    this.#me = Promise.resolve(me);
    return me;
  }

  /** Sends a text message (see {@linkcode SendMessageOptions}); resolves with it as sent. */
  sendMessage(
    chatId: ChatId,
    text: string,
    options?: SendMessageOptions,
  ): Promise<Message> {
    return sendMessage(this.#api, chatId, text, options);
  }

  /** Changes a message's text; resolves with the edited message. */
  editMessageText(
    chatId: ChatId,
    messageId: number,
    text: string,
    options?: EditMessageTextOptions,
  ): Promise<Message> {
    return editMessageText(this.#api, chatId, messageId, text, options);
  }

  /** Changes the text of a message sent through inline mode. */
  editInlineMessageText(
    inlineMessageId: string,
    text: string,
    options?: EditMessageTextOptions,
  ): Promise<void> {
    return editInlineMessageText(this.#api, inlineMessageId, text, options);
  }

  /** Sets (or without `replyMarkup` removes) a message's inline keyboard. */
  editMessageReplyMarkup(
    chatId: ChatId,
    messageId: number,
    replyMarkup?: InlineKeyboardMarkup,
  ): Promise<Message> {
    return editMessageReplyMarkup(this.#api, chatId, messageId, replyMarkup);
  }

  /** Deletes messages; resolves with how many the server deleted. */
  deleteMessages(
    chatId: ChatId,
    messageIds: readonly number[],
    options?: DeleteMessagesOptions,
  ): Promise<number> {
    return deleteMessages(this.#api, chatId, messageIds, options);
  }

  /** Forwards messages; resolves with the forwarded copies. */
  forwardMessages(
    chatId: ChatId,
    fromChatId: ChatId,
    messageIds: readonly number[],
    options?: ForwardMessagesOptions,
  ): Promise<Message[]> {
    return forwardMessages(this.#api, chatId, fromChatId, messageIds, options);
  }

  /** Copies a message without the "Forwarded from" header; resolves with the copy. */
  copyMessage(
    chatId: ChatId,
    fromChatId: ChatId,
    messageId: number,
    options?: CopyMessageOptions,
  ): Promise<Message> {
    return copyMessage(this.#api, chatId, fromChatId, messageId, options);
  }

  /** Fetches messages by id (`undefined` for ids without a message). */
  getMessages(
    chatId: ChatId,
    messageIds: readonly number[],
  ): Promise<(Message | undefined)[]> {
    return getMessages(this.#api, chatId, messageIds);
  }

  /** Iterates over a chat's messages, newest first. */
  getHistory(
    chatId: ChatId,
    options?: GetHistoryOptions,
  ): AsyncGenerator<Message, void, undefined> {
    return getHistory(this.#api, chatId, options);
  }

  /** Pins a message. */
  pinMessage(
    chatId: ChatId,
    messageId: number,
    options?: PinMessageOptions,
  ): Promise<void> {
    return pinMessage(this.#api, chatId, messageId, options);
  }

  /** Unpins a message, or every pinned message of the chat when `messageId` is absent. */
  unpinMessage(chatId: ChatId, messageId?: number): Promise<void> {
    return unpinMessage(this.#api, chatId, messageId);
  }

  /** Shows an activity ("typing…", …) in a chat for about 5 seconds. */
  sendChatAction(
    chatId: ChatId,
    action: ChatAction,
    options?: SendChatActionOptions,
  ): Promise<void> {
    return sendChatAction(this.#api, chatId, action, options);
  }

  /** Marks a chat's messages up to `maxId` (default: all) as read. */
  readHistory(chatId: ChatId, maxId?: number): Promise<void> {
    return readHistory(this.#api, chatId, maxId);
  }

  /** Fetches a chat. */
  getChat(chatId: ChatId): Promise<Chat> {
    return getChat(this.#api, chatId);
  }

  /** A member's status in a group, supergroup or channel. */
  getChatMember(chatId: ChatId, userId: ChatId): Promise<ChatMember> {
    return getChatMember(this.#api, chatId, userId);
  }

  /** Members of a group, supergroup or channel. */
  getChatMembers(
    chatId: ChatId,
    options?: GetChatMembersOptions,
  ): Promise<ChatMember[]> {
    return getChatMembers(this.#api, chatId, options);
  }

  /** Bans (supergroups, channels) or removes (basic groups) a member. */
  banChatMember(
    chatId: ChatId,
    userId: ChatId,
    options?: BanChatMemberOptions,
  ): Promise<void> {
    return banChatMember(this.#api, chatId, userId, options);
  }

  /** Lifts a ban in a supergroup or channel. */
  unbanChatMember(
    chatId: ChatId,
    userId: ChatId,
    options?: UnbanChatMemberOptions,
  ): Promise<void> {
    return unbanChatMember(this.#api, chatId, userId, options);
  }

  /** Sets the bot's command menu. */
  setMyCommands(
    commands: readonly BotCommand[],
    options?: SetMyCommandsOptions,
  ): Promise<void> {
    return setMyCommands(this.#api, commands, options);
  }

  /** Answers a callback query. */
  answerCallbackQuery(
    callbackQueryId: string,
    options?: AnswerCallbackQueryOptions,
  ): Promise<void> {
    return answerCallbackQuery(this.#api, callbackQueryId, options);
  }

  /** Answers an inline query. */
  answerInlineQuery(
    inlineQueryId: string,
    results: readonly InlineQueryResult[],
    options?: AnswerInlineQueryOptions,
  ): Promise<void> {
    return answerInlineQuery(this.#api, inlineQueryId, results, options);
  }

  /** Resolves a username to its chat (on the server), remembering the peer. */
  resolveUsername(username: string): Promise<Chat> {
    return resolveUsername(this.#api, username);
  }
}
