/**
 * `User`, shaped like the Bot API's, and its conversion from a TL `User`.
 *
 * @module
 */
import type { TypeUser } from "../../tl/mod.ts";

/** A Telegram user or bot. */
export interface User {
  /** The user's identifier (the TL id; below 2^53, so a `number` holds it exactly). */
  id: number;
  /** Whether the user is a bot. */
  is_bot: boolean;
  /** First name (empty for a deleted account). */
  first_name: string;
  /** Last name. */
  last_name?: string;
  /** Username, without `@`. */
  username?: string;
  /** IETF language tag of the user's language, when the server tells. */
  language_code?: string;
  /** Phone number, when visible to the caller. */
  phone_number?: string;
  /** Set when the user has Telegram Premium. */
  is_premium?: true;
  /** Set when Telegram verified the account. */
  is_verified?: true;
  /** Set for a deleted account. */
  is_deleted?: true;
  /** Set when this user is the logged-in account. */
  is_self?: true;
}

/** The Bot API form of a TL user (a `userEmpty` becomes a nameless user). */
export function userFromTl(user: TypeUser): User {
  const result: User = {
    id: Number(user.id),
    is_bot: false,
    first_name: "",
  };
  if (user._ === "userEmpty") return result;
  if (user.bot) result.is_bot = true;
  result.first_name = user.first_name ?? "";
  if (user.last_name) result.last_name = user.last_name;
  const username = user.username ??
    user.usernames?.find((u) => u.active)?.username;
  if (username) result.username = username;
  if (user.lang_code) result.language_code = user.lang_code;
  if (user.phone) result.phone_number = user.phone;
  if (user.premium) result.is_premium = true;
  if (user.verified) result.is_verified = true;
  if (user.deleted) result.is_deleted = true;
  if (user.self) result.is_self = true;
  return result;
}

/** A user's display name: first and last name joined by a space. */
export function fullName(user: Pick<User, "first_name" | "last_name">): string {
  return user.last_name
    ? `${user.first_name} ${user.last_name}`
    : user.first_name;
}
