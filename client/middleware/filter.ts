/**
 * Filter queries in the style of grammY: `"message"`, `"message:text"`,
 * `"message:entities:url"`, `"callback_query:data"`, `":photo"` (any new message or channel
 * post), `"msg"`, `"edit"`, `"update"` (everything) and `"update:<TL name>"` (raw updates of
 * one TL constructor), each with the context type it narrows to.
 *
 * @module
 */
import type { TypeUpdate } from "../../tl/mod.ts";
import type { CallbackQuery } from "../types/callback_query.ts";
import type { Chat } from "../types/chat.ts";
import type { Message } from "../types/message.ts";
import type { MessageEntityType } from "../types/message_entity.ts";
import type { Update, UpdateKind } from "../types/update.ts";
import type { User } from "../types/user.ts";
import { InvalidInputError } from "../types/invalid_input_error.ts";

/** The update kinds that hold a message. */
export type MessageKind =
  | "message"
  | "edited_message"
  | "channel_post"
  | "edited_channel_post";

/** The keys of `T` whose values may be `undefined`. */
export type OptionalKeysOf<T> = {
  [K in keyof T]-?: undefined extends T[K] ? K : never;
}[keyof T];

/** The optional fields of a message a filter can require (`"message:text"`, `":photo"`, …). */
export type MessageField = OptionalKeysOf<Message>;

/** The fields of a callback query a filter can require. */
export type CallbackQueryField =
  | "data"
  | "game_short_name"
  | "inline_message_id"
  | "chat";

/** Shortcuts for several update kinds: `msg` and `""` (new messages and posts), `edit`. */
export type MessageKindAlias = "msg" | "edit" | "";

/** A filter query. */
export type FilterQuery =
  | "update"
  | `update:${TypeUpdate["_"]}`
  | UpdateKind
  | "msg"
  | "edit"
  | `${MessageKind | MessageKindAlias}:${MessageField}`
  | `${MessageKind | MessageKindAlias}:${
    | "entities"
    | "caption_entities"}:${MessageEntityType}`
  | `callback_query:${CallbackQueryField}`;

/** Every optional field of `Message` (checked against the type below). */
export const MESSAGE_FIELDS: readonly MessageField[] = [
  "message_thread_id",
  "from",
  "sender_chat",
  "forward_origin",
  "reply_to_message_id",
  "reply_to_chat_id",
  "quote",
  "via_bot",
  "edit_date",
  "has_protected_content",
  "media_group_id",
  "author_signature",
  "text",
  "entities",
  "caption",
  "caption_entities",
  "reply_markup",
  "views",
  "is_outgoing",
  "is_silent",
  "is_mentioned",
  "is_pinned",
  "photo",
  "document",
  "video",
  "animation",
  "video_note",
  "audio",
  "voice",
  "sticker",
  "contact",
  "location",
  "venue",
  "poll",
  "dice",
  "game",
  "other_media",
  "new_chat_members",
  "left_chat_member",
  "new_chat_title",
  "new_chat_photo",
  "delete_chat_photo",
  "group_chat_created",
  "supergroup_chat_created",
  "channel_chat_created",
  "migrate_to_chat_id",
  "migrate_from_chat_id",
  "pinned_message_id",
  "message_auto_delete_timer_changed",
  "forum_topic_created",
  "service_action",
];
// Fails to compile when MESSAGE_FIELDS misses a field of Message.
type MissingFields = Exclude<MessageField, (typeof MESSAGE_FIELDS)[number]>;
const _allFields: [MissingFields] extends [never] ? true : MissingFields = true;

const CALLBACK_QUERY_FIELDS: readonly CallbackQueryField[] = [
  "data",
  "game_short_name",
  "inline_message_id",
  "chat",
];

const UPDATE_KIND_LIST: readonly UpdateKind[] = [
  "message",
  "edited_message",
  "channel_post",
  "edited_channel_post",
  "callback_query",
  "inline_query",
  "chosen_inline_result",
  "deleted_messages",
  "chat_member",
  "my_chat_member",
];

const MESSAGE_KINDS: readonly MessageKind[] = [
  "message",
  "edited_message",
  "channel_post",
  "edited_channel_post",
];

/** The context shortcut (`ctx.message`, `ctx.callbackQuery`, …) of each update kind. */
export interface KindShortcuts {
  /** `ctx.message` */
  message: "message";
  /** `ctx.editedMessage` */
  edited_message: "editedMessage";
  /** `ctx.channelPost` */
  channel_post: "channelPost";
  /** `ctx.editedChannelPost` */
  edited_channel_post: "editedChannelPost";
  /** `ctx.callbackQuery` */
  callback_query: "callbackQuery";
  /** `ctx.inlineQuery` */
  inline_query: "inlineQuery";
  /** `ctx.chosenInlineResult` */
  chosen_inline_result: "chosenInlineResult";
  /** `ctx.deletedMessages` */
  deleted_messages: "deletedMessages";
  /** `ctx.chatMember` */
  chat_member: "chatMember";
  /** `ctx.myChatMember` */
  my_chat_member: "myChatMember";
}

/** The update kinds a filter query's first part names (`msg` and `""` stand for messages and channel posts, `edit` for their edits). */
export type FilterQueryKinds<S extends string> = S extends "msg" | ""
  ? "message" | "channel_post"
  : S extends "edit" ? "edited_message" | "edited_channel_post"
  : S extends UpdateKind ? S
  : never;

/** The first part of a filter query (`message` in `message:text`). */
export type FilterQueryKind<Q extends string> = Q extends `${infer A}:${string}`
  ? A
  : Q;
/** The second part of a filter query (`text` in `message:text`), if any. */
export type FilterQueryField<Q extends string> = Q extends
  `${string}:${infer B}` ? B extends `${infer X}:${string}` ? X : B
  : never;

/** `T` with the field `F` (if any) made required and non-null. */
export type WithRequiredField<T, F> = [F] extends [never] ? T
  : T & { [P in F & keyof T]-?: NonNullable<T[P]> };

/** The value of update kind `K`, with the field `F` required. */
export type FilteredValue<K extends UpdateKind, F> = WithRequiredField<
  NonNullable<Update[K]>,
  F
>;

/** The context shortcuts (`ctx.msg`, `ctx.chat`, `ctx.from`, …) that an update of kind `K` guarantees. */
export type KindShortcutContext<K extends UpdateKind, V> =
  & { update: { [P in K]: V } }
  & { [P in KindShortcuts[K]]: V }
  & (K extends MessageKind ? { msg: V; chat: Chat }
    : K extends "callback_query" ? { from: User; callbackQuery: CallbackQuery }
    : K extends "inline_query" | "chosen_inline_result" ? { from: User }
    : K extends "chat_member" | "my_chat_member" ? { from: User; chat: Chat }
    : unknown);

/** The context `C` narrowed to updates of kinds `K` whose value has the field `F`. */
export type FilteredContextOf<C, K, F> = K extends UpdateKind
  ? C & KindShortcutContext<K, FilteredValue<K, F>>
  : never;

/** The context type a filter query narrows `C` to. */
export type Filter<C, Q extends string> = Q extends "update" ? C
  : Q extends `update:${infer N}` ? C & { raw: Extract<TypeUpdate, { _: N }> }
  : FilteredContextOf<
    C,
    FilterQueryKinds<FilterQueryKind<Q>>,
    FilterQueryField<Q>
  >;

/** What a compiled filter looks at: the Bot API update and the raw TL one. */
export interface Filterable {
  /** The Bot API update. */
  update: Update;
  /** The TL update. */
  raw: TypeUpdate;
}

function kindsOf(first: string, query: string): readonly UpdateKind[] {
  if (first === "msg" || first === "") return ["message", "channel_post"];
  if (first === "edit") return ["edited_message", "edited_channel_post"];
  if ((UPDATE_KIND_LIST as readonly string[]).includes(first)) {
    return [first as UpdateKind];
  }
  throw new InvalidInputError(
    "filter",
    `unknown update kind in ${JSON.stringify(query)}`,
  );
}

/**
 * Compiles one filter query into a predicate. Unknown kinds and fields are refused at once with
 * an {@linkcode InvalidInputError}, so that a typo never silently matches nothing.
 */
export function compileFilter(query: string): (ctx: Filterable) => boolean {
  if (typeof query !== "string") {
    throw new InvalidInputError("filter", "must be a string");
  }
  const parts = query.split(":");
  if (parts[0] === "update") {
    if (parts.length === 1) return () => true;
    if (parts.length === 2 && /^update[A-Za-z0-9]+$/.test(parts[1])) {
      const name = parts[1];
      return (ctx) => ctx.raw._ === name;
    }
    throw new InvalidInputError(
      "filter",
      `${JSON.stringify(query)}: expected update:<TL update name>`,
    );
  }
  if (parts.length > 3) {
    throw new InvalidInputError(
      "filter",
      `${JSON.stringify(query)} has too many parts`,
    );
  }
  const [first, field, sub] = parts;
  if (parts.length === 1 && first === "") {
    throw new InvalidInputError("filter", "empty filter query");
  }
  const kinds = kindsOf(first, query);
  if (field === undefined) {
    return (ctx) => kinds.some((kind) => ctx.update[kind] !== undefined);
  }
  const allMessages = kinds.every((kind) =>
    (MESSAGE_KINDS as readonly string[]).includes(kind)
  );
  if (allMessages) {
    if (!(MESSAGE_FIELDS as readonly string[]).includes(field)) {
      throw new InvalidInputError(
        "filter",
        `${JSON.stringify(query)}: messages have no ${field}`,
      );
    }
    if (sub !== undefined) {
      if (field !== "entities" && field !== "caption_entities") {
        throw new InvalidInputError(
          "filter",
          `${
            JSON.stringify(query)
          }: only entities and caption_entities take a third part`,
        );
      }
      return (ctx) =>
        kinds.some((kind) => {
          const message = ctx.update[kind] as Message | undefined;
          return message?.[field]?.some((entity) => entity.type === sub) ??
            false;
        });
    }
    return (ctx) =>
      kinds.some((kind) => {
        const message = ctx.update[kind] as Message | undefined;
        return message !== undefined &&
          message[field as MessageField] !== undefined;
      });
  }
  if (
    kinds.length === 1 && kinds[0] === "callback_query" && sub === undefined
  ) {
    if (!(CALLBACK_QUERY_FIELDS as readonly string[]).includes(field)) {
      throw new InvalidInputError(
        "filter",
        `${JSON.stringify(query)}: callback queries have no ${field}`,
      );
    }
    return (ctx) =>
      ctx.update.callback_query !== undefined &&
      ctx.update.callback_query[field as CallbackQueryField] !== undefined;
  }
  throw new InvalidInputError(
    "filter",
    `${JSON.stringify(query)}: ${first} takes no field filter`,
  );
}

/** Compiles several queries into one predicate that matches when any of them does. */
export function compileFilters(
  queries: string | readonly string[],
): (ctx: Filterable) => boolean {
  const list = typeof queries === "string" ? [queries] : queries;
  if (!Array.isArray(list) || list.length === 0) {
    throw new InvalidInputError("filter", "give at least one filter query");
  }
  const predicates = list.map(compileFilter);
  return (ctx) => predicates.some((predicate) => predicate(ctx));
}
