/**
 * `ChatId`: how callers name a chat: a Bot-API-style id, or a username.
 *
 * @module
 */

/**
 * A chat: its Bot-API-style id (`number` or `bigint`: users positive, basic groups negative,
 * channels and supergroups `-100…`), a `@username` (the `@` is optional), or `"me"`/`"self"`
 * for the logged-in account's own chat (Saved Messages).
 */
export type ChatId = number | bigint | string;
