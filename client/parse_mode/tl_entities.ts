/**
 * Conversions between Bot-API-shaped entities and TL `MessageEntity` objects.
 *
 * - `text_mention` ↔ `messageEntityMentionName` (from the server, `user_id` a `long`) and
 *   `inputMessageEntityMentionName` (to the server, which needs an `InputUser`);
 * - `custom_emoji` ↔ `messageEntityCustomEmoji` (`document_id` a `long`, here a decimal string);
 * - `pre` ↔ `messageEntityPre` (an empty `language` means none);
 * - `blockquote`/`expandable_blockquote` ↔ `messageEntityBlockquote` (`collapsed` flag);
 * - `date_time` ↔ `messageEntityFormattedDate` (its flags ↔ the `r` / `w?[dD]?[tT]?` format);
 * - `bank_card` ↔ `messageEntityBankCard`, which the Bot API does not show;
 * - `messageEntityUnknown` and the diff entities have no Bot API form and are skipped.
 *
 * @module
 */
import type { TypeInputUser, TypeMessageEntity } from "../../tl/mod.ts";
import {
  DATE_TIME_FORMAT_PATTERN,
  type MessageEntity,
} from "../types/message_entity.ts";
import { MessageEntityError } from "./message_entity_error.ts";
import { isPositiveInt64 } from "./tg_links.ts";

/** Finds the `InputUser` for a user id (from the peer cache, say), to mention that user. */
export type InputUserResolver = (
  userId: number,
) => TypeInputUser | Promise<TypeInputUser>;

function dateTimeFormat(
  flags: {
    relative?: true;
    short_time?: true;
    long_time?: true;
    short_date?: true;
    long_date?: true;
    day_of_week?: true;
  },
): string {
  if (flags.relative) return "r";
  return (flags.day_of_week ? "w" : "") +
    (flags.long_date ? "D" : flags.short_date ? "d" : "") +
    (flags.long_time ? "T" : flags.short_time ? "t" : "");
}

/**
 * The Bot API form of a TL entity, or `undefined` for entities it has no form for
 * (`messageEntityUnknown`, the diff entities, a mention of `inputUserSelf`/`inputUserEmpty`).
 */
export function messageEntityFromTl(
  entity: TypeMessageEntity,
): MessageEntity | undefined {
  const { offset, length } = entity;
  switch (entity._) {
    case "messageEntityMention":
      return { type: "mention", offset, length };
    case "messageEntityHashtag":
      return { type: "hashtag", offset, length };
    case "messageEntityCashtag":
      return { type: "cashtag", offset, length };
    case "messageEntityBotCommand":
      return { type: "bot_command", offset, length };
    case "messageEntityUrl":
      return { type: "url", offset, length };
    case "messageEntityEmail":
      return { type: "email", offset, length };
    case "messageEntityPhone":
      return { type: "phone_number", offset, length };
    case "messageEntityBankCard":
      return { type: "bank_card", offset, length };
    case "messageEntityBold":
      return { type: "bold", offset, length };
    case "messageEntityItalic":
      return { type: "italic", offset, length };
    case "messageEntityUnderline":
      return { type: "underline", offset, length };
    case "messageEntityStrike":
      return { type: "strikethrough", offset, length };
    case "messageEntitySpoiler":
      return { type: "spoiler", offset, length };
    case "messageEntityCode":
      return { type: "code", offset, length };
    case "messageEntityPre":
      return entity.language
        ? { type: "pre", offset, length, language: entity.language }
        : { type: "pre", offset, length };
    case "messageEntityBlockquote":
      return {
        type: entity.collapsed ? "expandable_blockquote" : "blockquote",
        offset,
        length,
      };
    case "messageEntityTextUrl":
      return { type: "text_link", offset, length, url: entity.url };
    case "messageEntityMentionName":
      return {
        type: "text_mention",
        offset,
        length,
        user: { id: Number(entity.user_id) },
      };
    case "inputMessageEntityMentionName": {
      const user = entity.user_id;
      if (user._ !== "inputUser" && user._ !== "inputUserFromMessage") {
        return undefined;
      }
      return {
        type: "text_mention",
        offset,
        length,
        user: { id: Number(user.user_id) },
      };
    }
    case "messageEntityCustomEmoji":
      return {
        type: "custom_emoji",
        offset,
        length,
        custom_emoji_id: entity.document_id.toString(),
      };
    case "messageEntityFormattedDate": {
      const format = dateTimeFormat(entity);
      return format === ""
        ? { type: "date_time", offset, length, unix_time: entity.date }
        : {
          type: "date_time",
          offset,
          length,
          unix_time: entity.date,
          date_time_format: format,
        };
    }
    default:
      return undefined;
  }
}

/** The Bot API forms of TL entities (absent means none), skipping those without one. */
export function messageEntitiesFromTl(
  entities: readonly TypeMessageEntity[] | undefined,
): MessageEntity[] {
  const result: MessageEntity[] = [];
  for (const entity of entities ?? []) {
    const converted = messageEntityFromTl(entity);
    if (converted !== undefined) result.push(converted);
  }
  return result;
}

/**
 * The TL form of an entity, to send. A `text_mention` becomes `inputMessageEntityMentionName`
 * and needs the user's `inputUser`.
 *
 * @throws {MessageEntityError} when the entity is invalid (see {@link MessageEntityError}).
 */
export function messageEntityToTl(
  entity: MessageEntity,
  inputUser?: TypeInputUser,
  index = 0,
): TypeMessageEntity {
  const { offset, length } = entity;
  if (!Number.isSafeInteger(offset) || offset < 0 || offset > 0x7fffffff) {
    throw new MessageEntityError(
      `offset ${offset} is not a non-negative 32-bit integer`,
      index,
    );
  }
  if (!Number.isSafeInteger(length) || length <= 0 || length > 0x7fffffff) {
    throw new MessageEntityError(
      `length ${length} is not a positive 32-bit integer`,
      index,
    );
  }
  switch (entity.type) {
    case "mention":
      return { _: "messageEntityMention", offset, length };
    case "hashtag":
      return { _: "messageEntityHashtag", offset, length };
    case "cashtag":
      return { _: "messageEntityCashtag", offset, length };
    case "bot_command":
      return { _: "messageEntityBotCommand", offset, length };
    case "url":
      return { _: "messageEntityUrl", offset, length };
    case "email":
      return { _: "messageEntityEmail", offset, length };
    case "phone_number":
      return { _: "messageEntityPhone", offset, length };
    case "bank_card":
      return { _: "messageEntityBankCard", offset, length };
    case "bold":
      return { _: "messageEntityBold", offset, length };
    case "italic":
      return { _: "messageEntityItalic", offset, length };
    case "underline":
      return { _: "messageEntityUnderline", offset, length };
    case "strikethrough":
      return { _: "messageEntityStrike", offset, length };
    case "spoiler":
      return { _: "messageEntitySpoiler", offset, length };
    case "code":
      return { _: "messageEntityCode", offset, length };
    case "pre":
      return {
        _: "messageEntityPre",
        offset,
        length,
        language: entity.language ?? "",
      };
    case "blockquote":
      return { _: "messageEntityBlockquote", offset, length };
    case "expandable_blockquote":
      return { _: "messageEntityBlockquote", collapsed: true, offset, length };
    case "text_link":
      if (typeof entity.url !== "string" || entity.url === "") {
        throw new MessageEntityError("a text_link needs a URL", index);
      }
      return { _: "messageEntityTextUrl", offset, length, url: entity.url };
    case "text_mention":
      if (inputUser === undefined) {
        throw new MessageEntityError(
          `no InputUser for the mentioned user ${entity.user?.id}`,
          index,
        );
      }
      return {
        _: "inputMessageEntityMentionName",
        offset,
        length,
        user_id: inputUser,
      };
    case "custom_emoji":
      if (
        typeof entity.custom_emoji_id !== "string" ||
        !isPositiveInt64(entity.custom_emoji_id)
      ) {
        throw new MessageEntityError(
          `invalid custom emoji id "${entity.custom_emoji_id}"`,
          index,
        );
      }
      return {
        _: "messageEntityCustomEmoji",
        offset,
        length,
        document_id: BigInt(entity.custom_emoji_id),
      };
    case "date_time": {
      const { unix_time: date, date_time_format: format = "" } = entity;
      if (!Number.isSafeInteger(date) || date < 0 || date > 0x7fffffff) {
        throw new MessageEntityError(`invalid Unix time ${date}`, index);
      }
      if (!DATE_TIME_FORMAT_PATTERN.test(format)) {
        throw new MessageEntityError(
          `invalid date and time format "${format}"`,
          index,
        );
      }
      const result: TypeMessageEntity = {
        _: "messageEntityFormattedDate",
        offset,
        length,
        date,
      };
      if (format === "r") result.relative = true;
      if (format.includes("w")) result.day_of_week = true;
      if (format.includes("d")) result.short_date = true;
      if (format.includes("D")) result.long_date = true;
      if (format.includes("t")) result.short_time = true;
      if (format.includes("T")) result.long_time = true;
      return result;
    }
    default:
      throw new MessageEntityError(
        `unknown entity type "${(entity as { type: unknown }).type}"`,
        index,
      );
  }
}

/**
 * The TL forms of entities, to send. Each mentioned user is resolved once through
 * `resolveUser` (the peer cache, typically).
 *
 * @throws {MessageEntityError} when an entity is invalid, or mentions a user and no resolver
 * is given; whatever the resolver throws passes through.
 */
export async function messageEntitiesToTl(
  entities: readonly MessageEntity[],
  resolveUser?: InputUserResolver,
): Promise<TypeMessageEntity[]> {
  const inputUsers = new Map<number, TypeInputUser>();
  const result: TypeMessageEntity[] = [];
  for (let index = 0; index < entities.length; index++) {
    const entity = entities[index];
    let inputUser: TypeInputUser | undefined;
    if (entity.type === "text_mention" && resolveUser !== undefined) {
      const id = entity.user?.id;
      if (!Number.isSafeInteger(id) || id <= 0) {
        throw new MessageEntityError(`invalid mentioned user id ${id}`, index);
      }
      inputUser = inputUsers.get(id);
      if (inputUser === undefined) {
        inputUsers.set(id, inputUser = await resolveUser(id));
      }
    }
    result.push(messageEntityToTl(entity, inputUser, index));
  }
  return result;
}
