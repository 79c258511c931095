/**
 * Shared rules about entities: which ones Telegram lets overlap freely, the order they nest in
 * when they cover the same span, and a canonical form (sorted, splittable runs merged) that the
 * parsers return and that round trips are compared in.
 *
 * @module
 */
import type {
  MessageEntity,
  MessageEntityType,
} from "../types/message_entity.ts";
import { DATE_TIME_FORMAT_PATTERN } from "../types/message_entity.ts";
import { isPositiveInt64 } from "./tg_links.ts";

/**
 * Formatting that Telegram lets overlap anything: such an entity may be cut in pieces and the
 * pieces mean the same as the whole, so adjacent or overlapping runs of one type merge.
 */
const SPLITTABLE_TYPES: ReadonlySet<MessageEntityType> = new Set<
  MessageEntityType
>([
  "bold",
  "italic",
  "underline",
  "strikethrough",
  "spoiler",
]);

/** Entities the server finds by itself in the text; no markup writes them. */
const AUTO_DETECTED_TYPES: ReadonlySet<MessageEntityType> = new Set<
  MessageEntityType
>([
  "mention",
  "hashtag",
  "cashtag",
  "bot_command",
  "url",
  "email",
  "phone_number",
  "bank_card",
]);

/**
 * Nesting order for entities covering exactly the same span, outermost first. Code and pre
 * come last because nothing can be written inside them in MarkdownV2.
 */
const NESTING_RANK: Readonly<Record<MessageEntityType, number>> = {
  blockquote: 0,
  expandable_blockquote: 0,
  text_link: 1,
  text_mention: 1,
  custom_emoji: 2,
  date_time: 2,
  bold: 3,
  italic: 4,
  underline: 5,
  strikethrough: 6,
  spoiler: 7,
  pre: 8,
  code: 9,
  mention: 10,
  hashtag: 10,
  cashtag: 10,
  bot_command: 10,
  url: 10,
  email: 10,
  phone_number: 10,
  bank_card: 10,
};

/** Whether entities of this type may be split in pieces (and merged back) without changing meaning. */
export function isSplittableEntityType(type: MessageEntityType): boolean {
  return SPLITTABLE_TYPES.has(type);
}

/** Whether the server detects this type in plain text by itself (mentions, URLs, hashtags, …). */
export function isAutoDetectedEntityType(type: MessageEntityType): boolean {
  return AUTO_DETECTED_TYPES.has(type);
}

/** Whether the type is a block quotation (plain or expandable). */
export function isBlockquoteType(type: MessageEntityType): boolean {
  return type === "blockquote" || type === "expandable_blockquote";
}

/** The nesting rank of a type: lower nests outside higher when two entities cover the same span. */
export function entityNestingRank(type: MessageEntityType): number {
  return NESTING_RANK[type] ?? 11;
}

/**
 * Orders entities by offset, then longest first, then outermost type first; ties between
 * different entities over one span are broken by their type and fields, so the order is total
 * and the canonical form does not depend on the input's order.
 */
export function compareEntities(a: MessageEntity, b: MessageEntity): number {
  const order = a.offset - b.offset || b.length - a.length ||
    entityNestingRank(a.type) - entityNestingRank(b.type);
  if (order !== 0) return order;
  const keyA = JSON.stringify(a);
  const keyB = JSON.stringify(b);
  return keyA < keyB ? -1 : keyA > keyB ? 1 : 0;
}

/**
 * The canonical form of a list of entities:
 * - entities with a non-integer or negative offset, or a length that is not a positive
 *   integer, are dropped; with `textLength`, spans are clipped to the text and dropped if empty;
 * - overlapping or touching entities of one splittable type (bold, italic, underline,
 *   strikethrough, spoiler) are merged into one;
 * - the result is sorted by {@link compareEntities}.
 *
 * The input is not modified; entities in the result are copies.
 */
export function normalizeEntities(
  entities: readonly MessageEntity[],
  textLength?: number,
): MessageEntity[] {
  const kept: MessageEntity[] = [];
  const runs = new Map<MessageEntityType, { start: number; end: number }[]>();
  for (const entity of entities) {
    let start = entity.offset;
    let end = entity.offset + entity.length;
    if (
      !Number.isSafeInteger(start) || !Number.isSafeInteger(entity.length) ||
      start < 0
    ) continue;
    if (textLength !== undefined) end = Math.min(end, textLength);
    if (end <= start) continue;
    if (isSplittableEntityType(entity.type)) {
      let list = runs.get(entity.type);
      if (list === undefined) runs.set(entity.type, list = []);
      list.push({ start, end });
      continue;
    }
    start = Math.max(start, 0);
    kept.push(
      { ...entity, offset: start, length: end - start } as MessageEntity,
    );
  }
  for (const [type, list] of runs) {
    list.sort((a, b) => a.start - b.start);
    let current = list[0];
    for (let i = 1; i <= list.length; i++) {
      const next = list[i];
      if (next !== undefined && next.start <= current.end) {
        current.end = Math.max(current.end, next.end);
        continue;
      }
      kept.push(
        {
          type,
          offset: current.start,
          length: current.end - current.start,
        } as MessageEntity,
      );
      if (next !== undefined) current = next;
    }
  }
  return kept.sort(compareEntities);
}

/**
 * Whether markup can carry this entity as it is: auto-detected entities (mentions, URLs, …)
 * need none, and a custom emoji id, a time or a format Telegram would reject cannot be written.
 */
export function isWritableEntity(entity: MessageEntity): boolean {
  if (isAutoDetectedEntityType(entity.type)) return false;
  switch (entity.type) {
    case "custom_emoji":
      return typeof entity.custom_emoji_id === "string" &&
        isPositiveInt64(entity.custom_emoji_id);
    case "text_mention":
      return Number.isSafeInteger(entity.user?.id) && entity.user.id > 0;
    case "text_link":
      return typeof entity.url === "string";
    case "date_time":
      return Number.isSafeInteger(entity.unix_time) && entity.unix_time >= 0 &&
        entity.unix_time <= 0x7fffffff &&
        (entity.date_time_format === undefined ||
          DATE_TIME_FORMAT_PATTERN.test(entity.date_time_format));
    default:
      return true;
  }
}
