/**
 * Parse modes: Telegram HTML and MarkdownV2 to text and Bot-API-shaped entities and back, and
 * entities to and from TL.
 *
 * Offsets and lengths are UTF-16 code units, as Telegram counts them and as JavaScript indexes
 * strings: an emoji outside the BMP counts 2, a ZWJ family sequence counts every part.
 *
 * The parsers return what the markup says and nothing more: they do not trim white space, do
 * not detect URLs or mentions in the text, and do not enforce Telegram's nesting rules (bold
 * inside code, say). The server does all of that when the message is sent (it drops entities
 * it does not allow and trims the text's leading and trailing white space, moving entities
 * with it), so the entities of the sent message can differ from the parsed ones; read them
 * from the server's answer when they matter.
 *
 * @module
 */
export { escapeHtml, parseHtml, toHtml } from "./html.ts";
export {
  escapeMarkdown,
  escapeMarkdownCode,
  escapeMarkdownUrl,
  parseMarkdown,
  toMarkdown,
} from "./markdown.ts";
export {
  compareEntities,
  isAutoDetectedEntityType,
  isSplittableEntityType,
  isWritableEntity,
  normalizeEntities,
} from "./entities.ts";
export { ParseModeError, type ParseModeName } from "./parse_mode_error.ts";
export { MessageEntityError } from "./message_entity_error.ts";
export {
  type InputUserResolver,
  messageEntitiesFromTl,
  messageEntitiesToTl,
  messageEntityFromTl,
  messageEntityToTl,
} from "./tl_entities.ts";
export type * from "../types/message_entity.ts";
export { DATE_TIME_FORMAT_PATTERN } from "../types/message_entity.ts";
