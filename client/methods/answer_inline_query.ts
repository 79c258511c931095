/**
 * `answerInlineQuery`: the results of an inline query.
 *
 * @module
 */
import type {
  TypeInputBotInlineMessage,
  TypeInputBotInlineResult,
  TypeInputWebDocument,
} from "../../tl/mod.ts";
import type {
  InlineMediaCaption,
  InlineQueryResult,
  InlineQueryResultDocument,
  InlineQueryResultPhoto,
  InputTextMessageContent,
} from "../types/inline_query_result.ts";
import type { InlineKeyboardMarkup } from "../types/reply_markup.ts";
import { InvalidInputError } from "../types/invalid_input_error.ts";
import { replyMarkupToTl } from "../types/reply_markup.ts";
import { queryIdToTl } from "./answer_callback_query.ts";
import { formatText } from "./formatted_text.ts";
import type { MethodClient } from "./method_client.ts";

/** Options of {@linkcode answerInlineQuery}. */
export interface AnswerInlineQueryOptions {
  /** How long the server may cache the results, in seconds (default 300, as in the Bot API). */
  cache_time?: number;
  /** Cache the results for this user only. */
  is_personal?: boolean;
  /** The offset the client sends with the next query for more results; empty: no more. */
  next_offset?: string;
  /** A button above the results that opens a private chat with the bot with a start parameter. */
  button?: { text: string; start_parameter: string };
}

const MAX_CAPTION_LENGTH = 1024;
const DOCUMENT_MIME_TYPES: ReadonlySet<string> = new Set([
  "application/pdf",
  "application/zip",
]);

function checkUrl(url: unknown, field: string): string {
  if (typeof url !== "string" || !/^https?:\/\/[^\s]+$/i.test(url)) {
    throw new InvalidInputError(
      "results",
      `${field} must be an http(s) URL, not ${JSON.stringify(url)}`,
    );
  }
  return url;
}

function checkSize(value: unknown, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (
    typeof value !== "number" || !Number.isInteger(value) || value < 0 ||
    value > 0x7fffffff
  ) {
    throw new InvalidInputError("results", `${field} must be a whole number`);
  }
  return value;
}

/** An `inputWebDocument` for a file on the web (its size unknown: 0). */
function webDocument(
  url: string,
  mimeType: string,
  width?: number,
  height?: number,
): TypeInputWebDocument {
  return {
    _: "inputWebDocument",
    url,
    size: 0,
    mime_type: mimeType,
    attributes: width !== undefined && height !== undefined
      ? [{ _: "documentAttributeImageSize", w: width, h: height }]
      : [],
  };
}

/** The text message of an article, or the text that replaces a media result. */
async function textMessage(
  client: MethodClient,
  content: InputTextMessageContent,
  markup: InlineKeyboardMarkup | undefined,
): Promise<TypeInputBotInlineMessage> {
  if (content === null || typeof content !== "object") {
    throw new InvalidInputError(
      "results",
      "input_message_content must be an object",
    );
  }
  const text = await formatText(
    client,
    content.message_text,
    content,
    "message_text",
  );
  if (text.message.trim() === "" || text.message.length > 4096) {
    throw new InvalidInputError(
      "results",
      "message_text must have 1-4096 characters",
    );
  }
  return {
    _: "inputBotInlineMessageText",
    message: text.message,
    ...(text.entities ? { entities: text.entities } : {}),
    ...(content.link_preview_options?.is_disabled
      ? { no_webpage: true as const }
      : {}),
    ...(content.link_preview_options?.show_above_text
      ? { invert_media: true as const }
      : {}),
    ...(markup ? { reply_markup: replyMarkupToTl(markup) } : {}),
  };
}

/** What a media result sends: the media with its caption, or a text message instead. */
async function mediaMessage(
  client: MethodClient,
  result: InlineMediaCaption,
): Promise<TypeInputBotInlineMessage> {
  if (result.input_message_content !== undefined) {
    return await textMessage(
      client,
      result.input_message_content,
      result.reply_markup,
    );
  }
  const caption = await formatText(client, result.caption ?? "", {
    parse_mode: result.parse_mode,
    entities: result.caption_entities,
  }, "caption");
  if (caption.message.length > MAX_CAPTION_LENGTH) {
    throw new InvalidInputError(
      "results",
      `a caption has at most ${MAX_CAPTION_LENGTH} characters`,
    );
  }
  return {
    _: "inputBotInlineMessageMediaAuto",
    message: caption.message,
    ...(caption.entities ? { entities: caption.entities } : {}),
    ...(result.show_caption_above_media ? { invert_media: true as const } : {}),
    ...(result.reply_markup
      ? { reply_markup: replyMarkupToTl(result.reply_markup) }
      : {}),
  };
}

function optionalText(
  fields: { title?: string; description?: string },
): { title?: string; description?: string } {
  return {
    ...(fields.title !== undefined ? { title: fields.title } : {}),
    ...(fields.description !== undefined
      ? { description: fields.description }
      : {}),
  };
}

async function resultToTl(
  client: MethodClient,
  result: InlineQueryResult,
): Promise<TypeInputBotInlineResult> {
  if (result === null || typeof result !== "object") {
    throw new InvalidInputError("results", "a result must be an object");
  }
  if (
    typeof result.id !== "string" || result.id.length === 0 ||
    new TextEncoder().encode(result.id).length > 64
  ) {
    throw new InvalidInputError("results", "a result id is 1-64 bytes");
  }
  switch (result.type) {
    case "article": {
      if (typeof result.title !== "string" || result.title === "") {
        throw new InvalidInputError("results", "an article needs a title");
      }
      return {
        _: "inputBotInlineResult",
        id: result.id,
        type: "article",
        ...optionalText(result),
        ...(result.url !== undefined
          ? { url: checkUrl(result.url, "url") }
          : {}),
        ...(result.thumbnail_url !== undefined
          ? {
            thumb: webDocument(
              checkUrl(result.thumbnail_url, "thumbnail_url"),
              "image/jpeg",
            ),
          }
          : {}),
        send_message: await textMessage(
          client,
          result.input_message_content,
          result.reply_markup,
        ),
      };
    }
    case "photo": {
      if ("input_photo" in result && result.input_photo !== undefined) {
        if (result.input_photo?._ !== "inputPhoto") {
          throw new InvalidInputError(
            "results",
            "input_photo must be an inputPhoto",
          );
        }
        return {
          _: "inputBotInlineResultPhoto",
          id: result.id,
          type: "photo",
          photo: result.input_photo,
          send_message: await mediaMessage(client, result),
        };
      }
      const photo = result as InlineQueryResultPhoto;
      const width = checkSize(photo.photo_width, "photo_width");
      const height = checkSize(photo.photo_height, "photo_height");
      return {
        _: "inputBotInlineResult",
        id: photo.id,
        type: "photo",
        ...optionalText(photo),
        thumb: webDocument(
          checkUrl(photo.thumbnail_url, "thumbnail_url"),
          "image/jpeg",
        ),
        content: webDocument(
          checkUrl(photo.photo_url, "photo_url"),
          "image/jpeg",
          width,
          height,
        ),
        send_message: await mediaMessage(client, photo),
      };
    }
    case "document": {
      if (typeof result.title !== "string" || result.title === "") {
        throw new InvalidInputError("results", "a document needs a title");
      }
      if ("input_document" in result && result.input_document !== undefined) {
        if (result.input_document?._ !== "inputDocument") {
          throw new InvalidInputError(
            "results",
            "input_document must be an inputDocument",
          );
        }
        return {
          _: "inputBotInlineResultDocument",
          id: result.id,
          type: "file",
          ...optionalText(result),
          document: result.input_document,
          send_message: await mediaMessage(client, result),
        };
      }
      const document = result as InlineQueryResultDocument;
      if (!DOCUMENT_MIME_TYPES.has(document.mime_type)) {
        throw new InvalidInputError(
          "results",
          `a document by URL is application/pdf or application/zip, not ${
            JSON.stringify(document.mime_type)
          }`,
        );
      }
      const thumbWidth = checkSize(document.thumbnail_width, "thumbnail_width");
      const thumbHeight = checkSize(
        document.thumbnail_height,
        "thumbnail_height",
      );
      return {
        _: "inputBotInlineResult",
        id: document.id,
        type: "file",
        ...optionalText(document),
        ...(document.thumbnail_url !== undefined
          ? {
            thumb: webDocument(
              checkUrl(document.thumbnail_url, "thumbnail_url"),
              "image/jpeg",
              thumbWidth,
              thumbHeight,
            ),
          }
          : {}),
        content: webDocument(
          checkUrl(document.document_url, "document_url"),
          document.mime_type,
        ),
        send_message: await mediaMessage(client, document),
      };
    }
    default:
      throw new InvalidInputError(
        "results",
        `result type ${
          JSON.stringify((result as { type?: unknown }).type)
        } is not supported ("article", "photo" or "document")`,
      );
  }
}

/** Answers an inline query with up to 50 results (`messages.setInlineBotResults`). */
export async function answerInlineQuery(
  client: MethodClient,
  inlineQueryId: string,
  results: readonly InlineQueryResult[],
  options: AnswerInlineQueryOptions = {},
): Promise<void> {
  if (!Array.isArray(results) || results.length > 50) {
    throw new InvalidInputError("results", "at most 50 results");
  }
  const tlResults: TypeInputBotInlineResult[] = [];
  for (const result of results) {
    tlResults.push(await resultToTl(client, result));
  }
  if (new Set(tlResults.map((r) => r.id)).size !== tlResults.length) {
    throw new InvalidInputError("results", "result ids must be unique");
  }
  await client.invoke({
    _: "messages.setInlineBotResults",
    query_id: queryIdToTl(inlineQueryId, "inline_query_id"),
    results: tlResults,
    cache_time: options.cache_time ?? 300,
    ...(options.is_personal ? { private: true as const } : {}),
    ...(options.next_offset ? { next_offset: options.next_offset } : {}),
    ...(options.button
      ? {
        switch_pm: {
          _: "inlineBotSwitchPM",
          text: options.button.text,
          start_param: options.button.start_parameter,
        },
      }
      : {}),
  });
}
