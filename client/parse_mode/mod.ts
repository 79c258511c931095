/**
 * Parse modes: Telegram HTML and MarkdownV2 to text and Bot-API-shaped entities and back, and
 * entities to and from TL.
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
