/**
 * Sparrow: a cross-runtime MTProto client library for the Telegram API.
 *
 * @module
 */
export * from "./tl/mod.ts";
