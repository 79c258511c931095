/**
 * `Context`: what a handler gets for one update: the Bot-API-shaped update and its raw TL
 * form, shortcuts to its parts (`ctx.msg`, `ctx.chat`, `ctx.from`, …), and methods that act on
 * it (`ctx.reply`, `ctx.answerCallbackQuery`, …).
 *
 * @module
 */
import type { TypeUpdate } from "../../tl/mod.ts";
import type { AnswerCallbackQueryOptions } from "../methods/answer_callback_query.ts";
import type { AnswerInlineQueryOptions } from "../methods/answer_inline_query.ts";
import type { CopyMessageOptions } from "../methods/copy_message.ts";
import type { DeleteMessagesOptions } from "../methods/delete_messages.ts";
import type { EditMessageTextOptions } from "../methods/edit_message_text.ts";
import type { ForwardMessagesOptions } from "../methods/forward_messages.ts";
import type { PinMessageOptions } from "../methods/pin_message.ts";
import type { ChatAction } from "../methods/send_chat_action.ts";
import type { SendMessageOptions } from "../methods/send_message.ts";
import type { CallbackQuery } from "../types/callback_query.ts";
import type { Chat } from "../types/chat.ts";
import type { ChatId } from "../types/chat_id.ts";
import type { ChatMemberUpdated } from "../types/chat_member.ts";
import type { ChosenInlineResult, InlineQuery } from "../types/inline_query.ts";
import type { InlineQueryResult } from "../types/inline_query_result.ts";
import type { Message } from "../types/message.ts";
import type { InlineKeyboardMarkup } from "../types/reply_markup.ts";
import type { DeletedMessages, Update } from "../types/update.ts";
import type { User } from "../types/user.ts";
import { compileFilters, type Filter, type FilterQuery } from "./filter.ts";

/** The client methods a context's shortcuts call (`Client` has them all). */
export interface ContextApi {
  /** See `Client.sendMessage`. */
  sendMessage(
    chatId: ChatId,
    text: string,
    options?: SendMessageOptions,
  ): Promise<Message>;
  /** See `Client.editMessageText`. */
  editMessageText(
    chatId: ChatId,
    messageId: number,
    text: string,
    options?: EditMessageTextOptions,
  ): Promise<Message>;
  /** See `Client.editInlineMessageText`. */
  editInlineMessageText(
    inlineMessageId: string,
    text: string,
    options?: EditMessageTextOptions,
  ): Promise<void>;
  /** See `Client.editMessageReplyMarkup`. */
  editMessageReplyMarkup(
    chatId: ChatId,
    messageId: number,
    replyMarkup?: InlineKeyboardMarkup,
  ): Promise<Message>;
  /** See `Client.deleteMessages`. */
  deleteMessages(
    chatId: ChatId,
    messageIds: readonly number[],
    options?: DeleteMessagesOptions,
  ): Promise<number>;
  /** See `Client.forwardMessages`. */
  forwardMessages(
    chatId: ChatId,
    fromChatId: ChatId,
    messageIds: readonly number[],
    options?: ForwardMessagesOptions,
  ): Promise<Message[]>;
  /** See `Client.copyMessage`. */
  copyMessage(
    chatId: ChatId,
    fromChatId: ChatId,
    messageId: number,
    options?: CopyMessageOptions,
  ): Promise<Message>;
  /** See `Client.pinMessage`. */
  pinMessage(
    chatId: ChatId,
    messageId: number,
    options?: PinMessageOptions,
  ): Promise<void>;
  /** See `Client.sendChatAction`. */
  sendChatAction(chatId: ChatId, action: ChatAction): Promise<void>;
  /** See `Client.answerCallbackQuery`. */
  answerCallbackQuery(
    callbackQueryId: string,
    options?: AnswerCallbackQueryOptions,
  ): Promise<void>;
  /** See `Client.answerInlineQuery`. */
  answerInlineQuery(
    inlineQueryId: string,
    results: readonly InlineQueryResult[],
    options?: AnswerInlineQueryOptions,
  ): Promise<void>;
}

/** The error a context method throws when its update has nothing to act on (no chat to reply in, say). */
export class ContextError extends Error {
  /** The context method that was called. */
  readonly method: string;

  /**
   * Creates an instance.
   *
   * @param method the context method that was called
   * @param detail why it cannot act
   */
  constructor(method: string, detail: string) {
    super(`ctx.${method}: ${detail}`);
    this.name = "ContextError";
    this.method = method;
  }
}

/** One update, as handlers see it. */
export class Context<A extends ContextApi = ContextApi> {
  /** The update, shaped like the Bot API's. */
  readonly update: Update;
  /** The TL update it came from. */
  readonly raw: TypeUpdate;
  /** The client that received it. */
  readonly client: A;
  /** The logged-in account, when known. */
  readonly me: User | undefined;
  /**
   * What the trigger of `command`, `hears`, `callbackQuery` or `inlineQuery` matched: the
   * command's arguments, the whole string, or the regular expression's match.
   */
  match: string | RegExpMatchArray | undefined;

  /**
   * Creates an instance.
   *
   * @param update the Bot API update
   * @param raw the TL update
   * @param client the client, whose methods the shortcuts call
   * @param me the logged-in account
   */
  constructor(update: Update, raw: TypeUpdate, client: A, me?: User) {
    this.update = update;
    this.raw = raw;
    this.client = client;
    this.me = me;
  }

  /** A new message, in a private chat, group or supergroup. */
  get message(): Message | undefined {
    return this.update.message;
  }

  /** An edited message. */
  get editedMessage(): Message | undefined {
    return this.update.edited_message;
  }

  /** A new channel post. */
  get channelPost(): Message | undefined {
    return this.update.channel_post;
  }

  /** An edited channel post. */
  get editedChannelPost(): Message | undefined {
    return this.update.edited_channel_post;
  }

  /** A callback button tap. */
  get callbackQuery(): CallbackQuery | undefined {
    return this.update.callback_query;
  }

  /** An inline query. */
  get inlineQuery(): InlineQuery | undefined {
    return this.update.inline_query;
  }

  /** A chosen inline result. */
  get chosenInlineResult(): ChosenInlineResult | undefined {
    return this.update.chosen_inline_result;
  }

  /** Deleted messages. */
  get deletedMessages(): DeletedMessages | undefined {
    return this.update.deleted_messages;
  }

  /** Another member's status change. */
  get chatMember(): ChatMemberUpdated | undefined {
    return this.update.chat_member;
  }

  /** The logged-in account's own status change. */
  get myChatMember(): ChatMemberUpdated | undefined {
    return this.update.my_chat_member;
  }

  /** The message of the update: new or edited, message or channel post. */
  get msg(): Message | undefined {
    const u = this.update;
    return u.message ?? u.edited_message ?? u.channel_post ??
      u.edited_channel_post;
  }

  /** The chat the update happened in, when there is one. */
  get chat(): Chat | undefined {
    const u = this.update;
    return this.msg?.chat ?? u.callback_query?.chat ?? u.chat_member?.chat ??
      u.my_chat_member?.chat ?? u.deleted_messages?.chat;
  }

  /** The user who caused the update, when there is one. */
  get from(): User | undefined {
    const u = this.update;
    return u.callback_query?.from ?? u.inline_query?.from ??
      u.chosen_inline_result?.from ??
      u.chat_member?.from ?? u.my_chat_member?.from ?? this.msg?.from;
  }

  /** The chat a message was sent on behalf of (channel posts, anonymous admins). */
  get senderChat(): Chat | undefined {
    return this.msg?.sender_chat;
  }

  /** Whether the update matches a filter query (narrowing the context's type). */
  has<Q extends FilterQuery>(filter: Q | Q[]): this is Filter<this, Q> {
    return compileFilters(filter)(this);
  }

  #chatId(method: string): number {
    const chat = this.chat;
    if (chat === undefined) {
      throw new ContextError(method, "the update has no chat");
    }
    return chat.id;
  }

  /** Sends a text message to the update's chat (a plain message, not a reply: pass `reply_parameters`). */
  async reply(text: string, options?: SendMessageOptions): Promise<Message> {
    return await this.client.sendMessage(this.#chatId("reply"), text, options);
  }

  /** Sends a text message replying to the update's message. */
  replyToMessage(
    text: string,
    options: SendMessageOptions = {},
  ): Promise<Message> {
    const msg = this.msg;
    if (msg === undefined) {
      return Promise.reject(
        new ContextError("replyToMessage", "the update has no message"),
      );
    }
    return this.client.sendMessage(msg.chat.id, text, {
      ...options,
      reply_parameters: { message_id: msg.message_id },
    });
  }

  /** Answers the update's callback query (a string is the notification's text). */
  answerCallbackQuery(
    options?: string | AnswerCallbackQueryOptions,
  ): Promise<void> {
    const query = this.callbackQuery;
    if (query === undefined) {
      return Promise.reject(
        new ContextError(
          "answerCallbackQuery",
          "the update is no callback query",
        ),
      );
    }
    return this.client.answerCallbackQuery(
      query.id,
      typeof options === "string" ? { text: options } : options,
    );
  }

  /** Answers the update's inline query. */
  answerInlineQuery(
    results: readonly InlineQueryResult[],
    options?: AnswerInlineQueryOptions,
  ): Promise<void> {
    const query = this.inlineQuery;
    if (query === undefined) {
      return Promise.reject(
        new ContextError("answerInlineQuery", "the update is no inline query"),
      );
    }
    return this.client.answerInlineQuery(query.id, results, options);
  }

  /** The chat and message id the edit shortcuts act on: a callback query's message, else `ctx.msg`. */
  #target(
    method: string,
  ): { chatId: number; messageId: number } | { inline: string } {
    const query = this.callbackQuery;
    if (query?.inline_message_id !== undefined) {
      return { inline: query.inline_message_id };
    }
    if (query?.chat !== undefined && query.message_id !== undefined) {
      return { chatId: query.chat.id, messageId: query.message_id };
    }
    const msg = this.msg;
    if (msg !== undefined) {
      return { chatId: msg.chat.id, messageId: msg.message_id };
    }
    throw new ContextError(method, "the update has no message");
  }

  /**
   * Edits the text of the callback query's message (inline ones too), else of `ctx.msg`.
   * Resolves with the edited message, or `undefined` for an inline message.
   */
  async editMessageText(
    text: string,
    options?: EditMessageTextOptions,
  ): Promise<Message | undefined> {
    const target = this.#target("editMessageText");
    if ("inline" in target) {
      await this.client.editInlineMessageText(target.inline, text, options);
      return undefined;
    }
    return await this.client.editMessageText(
      target.chatId,
      target.messageId,
      text,
      options,
    );
  }

  /** Sets (or without an argument removes) the inline keyboard of the callback query's message, else of `ctx.msg`. */
  async editMessageReplyMarkup(
    replyMarkup?: InlineKeyboardMarkup,
  ): Promise<Message> {
    const target = this.#target("editMessageReplyMarkup");
    if ("inline" in target) {
      throw new ContextError(
        "editMessageReplyMarkup",
        "inline messages are not supported yet",
      );
    }
    return await this.client.editMessageReplyMarkup(
      target.chatId,
      target.messageId,
      replyMarkup,
    );
  }

  /** Deletes the update's message (or the callback query's). */
  async deleteMessage(options?: DeleteMessagesOptions): Promise<void> {
    const target = this.#target("deleteMessage");
    if ("inline" in target) {
      throw new ContextError(
        "deleteMessage",
        "inline messages cannot be deleted",
      );
    }
    await this.client.deleteMessages(
      target.chatId,
      [target.messageId],
      options,
    );
  }

  /** Forwards the update's message to a chat. */
  async forwardMessage(
    chatId: ChatId,
    options?: ForwardMessagesOptions,
  ): Promise<Message> {
    const msg = this.msg;
    if (msg === undefined) {
      throw new ContextError("forwardMessage", "the update has no message");
    }
    const [forwarded] = await this.client.forwardMessages(
      chatId,
      msg.chat.id,
      [msg.message_id],
      options,
    );
    return forwarded;
  }

  /** Copies the update's message to a chat. */
  copyMessage(chatId: ChatId, options?: CopyMessageOptions): Promise<Message> {
    const msg = this.msg;
    if (msg === undefined) {
      return Promise.reject(
        new ContextError("copyMessage", "the update has no message"),
      );
    }
    return this.client.copyMessage(
      chatId,
      msg.chat.id,
      msg.message_id,
      options,
    );
  }

  /** Pins the update's message. */
  pinMessage(options?: PinMessageOptions): Promise<void> {
    const msg = this.msg;
    if (msg === undefined) {
      return Promise.reject(
        new ContextError("pinMessage", "the update has no message"),
      );
    }
    return this.client.pinMessage(msg.chat.id, msg.message_id, options);
  }

  /** Shows an activity ("typing…", …) in the update's chat. */
  async replyWithChatAction(action: ChatAction): Promise<void> {
    return await this.client.sendChatAction(
      this.#chatId("replyWithChatAction"),
      action,
    );
  }
}
