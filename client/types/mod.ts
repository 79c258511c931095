/**
 * High-level types shaped like the Bot API's, and their conversions from TL objects.
 *
 * @module
 */
export type * from "./bot_command.ts";
export { BOT_COMMAND_PATTERN } from "./bot_command.ts";
export { type CallbackQuery, callbackQueryFromTl } from "./callback_query.ts";
export {
  type Chat,
  chatFromTlChat,
  chatFromTlUser,
  type ChatType,
  peerToChatId,
} from "./chat.ts";
export type { ChatId } from "./chat_id.ts";
export * from "./chat_member.ts";
export {
  type ChosenInlineResult,
  chosenInlineResultFromTl,
  type InlineQuery,
  type InlineQueryChatType,
  inlineQueryFromTl,
} from "./inline_query.ts";
export {
  decodeInlineMessageId,
  encodeInlineMessageId,
} from "./inline_message_id.ts";
export type * from "./inline_query_result.ts";
export { InvalidInputError } from "./invalid_input_error.ts";
export type { LinkPreviewOptions } from "./link_preview_options.ts";
export type * from "./media.ts";
export { mediaSummaryFromTl } from "./media.ts";
export * from "./message.ts";
export type * from "./message_entity.ts";
export { PeerMap, type UsersAndChats } from "./peer_map.ts";
export * from "./reply_markup.ts";
export * from "./update.ts";
export { fullName, type User, userFromTl } from "./user.ts";
