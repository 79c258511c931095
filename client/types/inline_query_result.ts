/**
 * Inline query results a bot answers with, shaped like the Bot API's. Articles (a title that
 * sends a text message) are supported; results with media are not yet.
 *
 * @module
 */
import type { LinkPreviewOptions } from "./link_preview_options.ts";
import type { MessageEntity } from "./message_entity.ts";
import type { InlineKeyboardMarkup } from "./reply_markup.ts";

/** The text message an inline result sends. */
export interface InputTextMessageContent {
  /** The text (1–4096 characters after parsing). */
  message_text: string;
  /** How to parse `message_text`: `"HTML"` or `"MarkdownV2"`; absent for plain text. */
  parse_mode?: "HTML" | "MarkdownV2";
  /** Entities, instead of a parse mode. */
  entities?: MessageEntity[];
  /** The link preview's options. */
  link_preview_options?: LinkPreviewOptions;
}

/** An article: a title and description in the results, a text message once chosen. */
export interface InlineQueryResultArticle {
  /** Always `"article"`. */
  type: "article";
  /** The result's id (1–64 bytes), reported back when chosen. */
  id: string;
  /** The title shown in the results. */
  title: string;
  /** The message sent when chosen. */
  input_message_content: InputTextMessageContent;
  /** Buttons under the sent message. */
  reply_markup?: InlineKeyboardMarkup;
  /** A URL for the result. */
  url?: string;
  /** A short description shown under the title. */
  description?: string;
  /** A thumbnail's URL. */
  thumbnail_url?: string;
}

/** Any inline query result. */
export type InlineQueryResult = InlineQueryResultArticle;
