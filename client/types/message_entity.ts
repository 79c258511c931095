/**
 * Message entities shaped like the Bot API's `MessageEntity`: one special span of a message's
 * text (bold, a link, a mention, …). Offsets and lengths count UTF-16 code units, exactly as
 * Telegram counts them, which is also how JavaScript indexes strings: `text.slice(e.offset,
 * e.offset + e.length)` is the entity's text.
 *
 * @module
 */

/** Entity types that carry nothing but their position. */
export type PlainMessageEntityType =
  | "mention"
  | "hashtag"
  | "cashtag"
  | "bot_command"
  | "url"
  | "email"
  | "phone_number"
  | "bank_card"
  | "bold"
  | "italic"
  | "underline"
  | "strikethrough"
  | "spoiler"
  | "blockquote"
  | "expandable_blockquote"
  | "code";

/** Every entity type, as the Bot API names them (plus `bank_card`, which MTProto has and the Bot API hides). */
export type MessageEntityType =
  | PlainMessageEntityType
  | "pre"
  | "text_link"
  | "text_mention"
  | "custom_emoji"
  | "date_time";

/** The user a `text_mention` points at. Any richer user object with an `id` fits. */
export interface MentionedUser {
  /** The user's identifier. */
  id: number;
}

/** An entity that carries nothing but its type and position. */
export interface PlainMessageEntity {
  /** What the span is. */
  type: PlainMessageEntityType;
  /** Where the span starts, in UTF-16 code units. */
  offset: number;
  /** How long the span is, in UTF-16 code units. */
  length: number;
}

/** A block of pre-formatted (monospace) text, optionally in a programming language. */
export interface PreMessageEntity {
  /** Always `"pre"`. */
  type: "pre";
  /** Where the span starts, in UTF-16 code units. */
  offset: number;
  /** How long the span is, in UTF-16 code units. */
  length: number;
  /** The programming language of the block, for syntax highlighting; absent when none. */
  language?: string;
}

/** Text that opens a URL when tapped. */
export interface TextLinkMessageEntity {
  /** Always `"text_link"`. */
  type: "text_link";
  /** Where the span starts, in UTF-16 code units. */
  offset: number;
  /** How long the span is, in UTF-16 code units. */
  length: number;
  /** The URL opened on a tap. */
  url: string;
}

/** A mention of a user by identifier, for users without a username (`tg://user?id=` links). */
export interface TextMentionMessageEntity {
  /** Always `"text_mention"`. */
  type: "text_mention";
  /** Where the span starts, in UTF-16 code units. */
  offset: number;
  /** How long the span is, in UTF-16 code units. */
  length: number;
  /** The mentioned user. */
  user: MentionedUser;
}

/** A custom emoji drawn over the span (whose text is the fallback emoji). */
export interface CustomEmojiMessageEntity {
  /** Always `"custom_emoji"`. */
  type: "custom_emoji";
  /** Where the span starts, in UTF-16 code units. */
  offset: number;
  /** How long the span is, in UTF-16 code units. */
  length: number;
  /** The custom emoji's identifier: a positive 64-bit integer, in decimal. */
  custom_emoji_id: string;
}

/**
 * A point in time that clients render in the reader's time zone and locale.
 *
 * `date_time_format` is `"r"` (relative, like "in 5 minutes") or a template matching
 * `w?[dD]?[tT]?`: `w` adds the day of the week, `d`/`D` the short/long date, `t`/`T` the
 * short/long time. Absent or empty: the text is shown as it is.
 */
export interface DateTimeMessageEntity {
  /** Always `"date_time"`. */
  type: "date_time";
  /** Where the span starts, in UTF-16 code units. */
  offset: number;
  /** How long the span is, in UTF-16 code units. */
  length: number;
  /** The point in time, as a Unix timestamp in seconds. */
  unix_time: number;
  /** How to render it: `"r"` or a `w?[dD]?[tT]?` template; absent to keep the text. */
  date_time_format?: string;
}

/** One special span of a message's text, in the Bot API's shape. */
export type MessageEntity =
  | PlainMessageEntity
  | PreMessageEntity
  | TextLinkMessageEntity
  | TextMentionMessageEntity
  | CustomEmojiMessageEntity
  | DateTimeMessageEntity;

/** A text and the entities that format it: what the parse modes produce and consume. */
export interface FormattedText {
  /** The plain text. */
  text: string;
  /** The entities, sorted by offset (then longest first). */
  entities: MessageEntity[];
}

/** A valid `date_time_format`: `"r"`, or day of week / date / time letters in that order. */
export const DATE_TIME_FORMAT_PATTERN: RegExp = /^(?:r|w?[dD]?[tT]?)$/;
