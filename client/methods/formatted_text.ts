/**
 * Text with a parse mode or entities, to the `message` and TL `entities` of a request.
 *
 * @module
 */
import type { TypeMessageEntity } from "../../tl/mod.ts";
import { parseHtml } from "../parse_mode/html.ts";
import { parseMarkdown } from "../parse_mode/markdown.ts";
import { messageEntitiesToTl } from "../parse_mode/tl_entities.ts";
import { InvalidInputError } from "../types/invalid_input_error.ts";
import type { MessageEntity } from "../types/message_entity.ts";
import type { MethodClient } from "./method_client.ts";

/** How a text is parsed: Telegram HTML or MarkdownV2 (absent: plain text, or `entities`). */
export type ParseMode = "HTML" | "MarkdownV2";

/** A text's formatting options, as in the Bot API. */
export interface TextFormatting {
  /** Parse the text as `"HTML"` or `"MarkdownV2"`. */
  parse_mode?: ParseMode;
  /** Entities, instead of a parse mode. */
  entities?: MessageEntity[];
}

/** The text and TL entities a request carries. */
export interface TlText {
  /** The plain text. */
  message: string;
  /** Its TL entities (mentions by id resolved through the peer cache). */
  entities?: TypeMessageEntity[];
}

/**
 * Parses `text` as its options say and converts the entities to TL. A malformed markup throws
 * the parser's `ParseModeError`; a parse mode and entities together an {@linkcode InvalidInputError}.
 */
export async function formatText(
  client: MethodClient,
  text: string,
  options: TextFormatting = {},
  argument = "text",
): Promise<TlText> {
  if (typeof text !== "string") {
    throw new InvalidInputError(argument, "must be a string");
  }
  const { parse_mode: parseMode, entities } = options;
  if (parseMode !== undefined && entities !== undefined) {
    throw new InvalidInputError(
      "parse_mode",
      "give a parse mode or entities, not both",
    );
  }
  let formatted: { text: string; entities: MessageEntity[] };
  switch (parseMode) {
    case undefined:
      formatted = { text, entities: entities ?? [] };
      break;
    case "HTML":
      formatted = parseHtml(text);
      break;
    case "MarkdownV2":
      formatted = parseMarkdown(text);
      break;
    default:
      throw new InvalidInputError(
        "parse_mode",
        `${JSON.stringify(parseMode)} is not "HTML" or "MarkdownV2"`,
      );
  }
  if (formatted.entities.length === 0) return { message: formatted.text };
  return {
    message: formatted.text,
    entities: await messageEntitiesToTl(
      formatted.entities,
      (userId) => client.peers.inputUser(userId),
    ),
  };
}
