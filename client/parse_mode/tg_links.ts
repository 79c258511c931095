/**
 * The `tg://` links the parse modes give meaning to: `tg://user?id=…` (a mention by id),
 * `tg://emoji?id=…` (a custom emoji) and `tg://time?unix=…&format=…` (a date and time).
 *
 * @module
 */
import { DATE_TIME_FORMAT_PATTERN } from "../types/message_entity.ts";

const TG_LINK = /^tg:(?:\/\/)?([a-z]+)\/?(?:\?([^#]*))?(?:#.*)?$/i;
const POSITIVE_DECIMAL = /^[1-9][0-9]*$/;
const MAX_INT64 = 9223372036854775807n;

/** The parts of a `tg:` link: its host, lower-cased, and its query parameters. */
interface TgLink {
  host: string;
  params: Map<string, string>;
}

function parseTgLink(url: string): TgLink | undefined {
  const match = TG_LINK.exec(url.trim());
  if (match === null) return undefined;
  const params = new Map<string, string>();
  for (const pair of (match[2] ?? "").split("&")) {
    const eq = pair.indexOf("=");
    if (eq <= 0) continue;
    const key = pair.slice(0, eq);
    // The first occurrence wins, so "id=1&id=2" cannot smuggle a second id past a check.
    if (!params.has(key)) params.set(key, pair.slice(eq + 1));
  }
  return { host: match[1].toLowerCase(), params };
}

/** Whether a decimal string is a positive integer that fits a signed 64-bit `long`. */
export function isPositiveInt64(value: string): boolean {
  return POSITIVE_DECIMAL.test(value) && value.length <= 19 &&
    BigInt(value) <= MAX_INT64;
}

/** The user id of a `tg://user?id=<id>` link, or `undefined` if `url` is not one. */
export function userIdFromTgLink(url: string): number | undefined {
  const link = parseTgLink(url);
  if (link === undefined || link.host !== "user") return undefined;
  const id = link.params.get("id");
  if (id === undefined || !POSITIVE_DECIMAL.test(id)) return undefined;
  const value = Number(id);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** The `tg://user?id=<id>` link for a user id. */
export function tgUserLink(userId: number): string {
  return `tg://user?id=${userId}`;
}

/** A `tg://emoji` or `tg://time` link read, or why it cannot be. */
export type TgMediaLink =
  | { kind: "emoji"; customEmojiId: string }
  | { kind: "time"; unixTime: number; format?: string }
  | { kind: "invalid"; reason: string };

/** Reads the link of a MarkdownV2 `![…](…)`: a `tg://emoji?id=` or a `tg://time?unix=` link. */
export function readTgMediaLink(url: string): TgMediaLink {
  const link = parseTgLink(url);
  if (link === undefined) {
    return {
      kind: "invalid",
      reason: "expected a tg://emoji?id=… or tg://time?unix=… link",
    };
  }
  if (link.host === "emoji") {
    const id = link.params.get("id");
    if (id === undefined) {
      return { kind: "invalid", reason: "the tg://emoji link has no id" };
    }
    if (!isPositiveInt64(id)) {
      return { kind: "invalid", reason: `invalid custom emoji id "${id}"` };
    }
    return { kind: "emoji", customEmojiId: id };
  }
  if (link.host === "time") {
    const unix = link.params.get("unix");
    const unixTime = unix === undefined ? undefined : parseUnixTime(unix);
    if (unixTime === undefined) {
      return {
        kind: "invalid",
        reason: "the tg://time link needs a unix=<seconds> parameter",
      };
    }
    const format = link.params.get("format");
    if (format !== undefined && !DATE_TIME_FORMAT_PATTERN.test(format)) {
      return {
        kind: "invalid",
        reason: `invalid date and time format "${format}"`,
      };
    }
    return format === undefined || format === ""
      ? { kind: "time", unixTime }
      : { kind: "time", unixTime, format };
  }
  return {
    kind: "invalid",
    reason: "expected a tg://emoji?id=… or tg://time?unix=… link",
  };
}

/** A Unix time in seconds from decimal text: a non-negative integer that fits a 32-bit `int`. */
export function parseUnixTime(text: string): number | undefined {
  if (!/^(?:0|[1-9][0-9]{0,9})$/.test(text)) return undefined;
  const value = Number(text);
  return value <= 0x7fffffff ? value : undefined;
}

/** The `tg://emoji?id=<id>` link for a custom emoji id. */
export function tgEmojiLink(customEmojiId: string): string {
  return `tg://emoji?id=${customEmojiId}`;
}

/** The `tg://time?unix=<time>[&format=<format>]` link for a date and time. */
export function tgTimeLink(unixTime: number, format?: string): string {
  return format
    ? `tg://time?unix=${unixTime}&format=${format}`
    : `tg://time?unix=${unixTime}`;
}
