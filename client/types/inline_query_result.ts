/**
 * Inline query results a bot answers with, shaped like the Bot API's: articles (a title that
 * sends a text message), photos and documents by URL, and photos and documents Telegram already
 * holds ("cached" results, named by their TL `InputPhoto`/`InputDocument`, since Sparrow has no
 * Bot API `file_id`s).
 *
 * @module
 */
import type { TypeInputDocument, TypeInputPhoto } from "../../tl/mod.ts";
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

/** The caption of a media result, and what replaces the media when chosen. */
export interface InlineMediaCaption {
  /** The caption (0–1024 characters after parsing). */
  caption?: string;
  /** How to parse `caption`. */
  parse_mode?: "HTML" | "MarkdownV2";
  /** The caption's entities, instead of a parse mode. */
  caption_entities?: MessageEntity[];
  /** Show the caption above the media. */
  show_caption_above_media?: boolean;
  /** Buttons under the sent message. */
  reply_markup?: InlineKeyboardMarkup;
  /** A text message to send instead of the media. */
  input_message_content?: InputTextMessageContent;
}

/** A photo by URL (a JPEG), sent as a photo once chosen. */
export interface InlineQueryResultPhoto extends InlineMediaCaption {
  /** Always `"photo"`. */
  type: "photo";
  /** The result's id (1–64 bytes). */
  id: string;
  /** The photo's URL (http or https; a JPEG of at most 5 MB). */
  photo_url: string;
  /** Its thumbnail's URL. */
  thumbnail_url: string;
  /** Width in pixels. */
  photo_width?: number;
  /** Height in pixels. */
  photo_height?: number;
  /** A title shown in the results. */
  title?: string;
  /** A short description shown in the results. */
  description?: string;
}

/** A document by URL (a PDF or a ZIP file), sent as a document once chosen. */
export interface InlineQueryResultDocument extends InlineMediaCaption {
  /** Always `"document"`. */
  type: "document";
  /** The result's id (1–64 bytes). */
  id: string;
  /** The title shown in the results. */
  title: string;
  /** The file's URL (http or https). */
  document_url: string;
  /** Its MIME type: only these two are allowed. */
  mime_type: "application/pdf" | "application/zip";
  /** A short description shown in the results. */
  description?: string;
  /** A thumbnail's URL (a JPEG). */
  thumbnail_url?: string;
  /** Thumbnail width in pixels. */
  thumbnail_width?: number;
  /** Thumbnail height in pixels. */
  thumbnail_height?: number;
}

/** A photo Telegram already holds, named by its TL `InputPhoto`. */
export interface InlineQueryResultCachedPhoto extends InlineMediaCaption {
  /** Always `"photo"`. */
  type: "photo";
  /** The result's id (1–64 bytes). */
  id: string;
  /** The photo (`inputPhoto` with its id, access hash and file reference). */
  input_photo: TypeInputPhoto;
  /** A title shown in the results. */
  title?: string;
  /** A short description shown in the results. */
  description?: string;
}

/** A document Telegram already holds, named by its TL `InputDocument`. */
export interface InlineQueryResultCachedDocument extends InlineMediaCaption {
  /** Always `"document"`. */
  type: "document";
  /** The result's id (1–64 bytes). */
  id: string;
  /** The title shown in the results. */
  title: string;
  /** The document (`inputDocument` with its id, access hash and file reference). */
  input_document: TypeInputDocument;
  /** A short description shown in the results. */
  description?: string;
}

/** Any inline query result. */
export type InlineQueryResult =
  | InlineQueryResultArticle
  | InlineQueryResultPhoto
  | InlineQueryResultDocument
  | InlineQueryResultCachedPhoto
  | InlineQueryResultCachedDocument;
