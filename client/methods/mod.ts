/**
 * High-level methods, one per file, each a function of a {@linkcode MethodClient}; `Client`
 * exposes every one as a method of the same name.
 *
 * @module
 */
export {
  answerCallbackQuery,
  type AnswerCallbackQueryOptions,
} from "./answer_callback_query.ts";
export {
  answerInlineQuery,
  type AnswerInlineQueryOptions,
} from "./answer_inline_query.ts";
export { banChatMember, type BanChatMemberOptions } from "./ban_chat_member.ts";
export { copyMessage, type CopyMessageOptions } from "./copy_message.ts";
export {
  deleteMessages,
  type DeleteMessagesOptions,
} from "./delete_messages.ts";
export { editMessageReplyMarkup } from "./edit_message_reply_markup.ts";
export {
  editInlineMessageText,
  editMessageText,
  type EditMessageTextOptions,
} from "./edit_message_text.ts";
export {
  formatText,
  type ParseMode,
  type TextFormatting,
} from "./formatted_text.ts";
export {
  forwardMessages,
  type ForwardMessagesOptions,
} from "./forward_messages.ts";
export { getChat } from "./get_chat.ts";
export { getChatMember } from "./get_chat_member.ts";
export {
  type ChatMembersFilter,
  getChatMembers,
  type GetChatMembersOptions,
} from "./get_chat_members.ts";
export { getHistory, type GetHistoryOptions } from "./get_history.ts";
export { getMe } from "./get_me.ts";
export { getMessages, getTlMessages } from "./get_messages.ts";
export { type MethodClient, randomId } from "./method_client.ts";
export {
  parseChatId,
  type ParsedChatId,
  PEER_MEMORY_LIMIT,
  PeerCache,
  type PeerCacheBackend,
  toInputChannel,
} from "./peer_cache.ts";
export { PeerNotFoundError } from "./peer_not_found_error.ts";
export { pinMessage, type PinMessageOptions } from "./pin_message.ts";
export { readHistory } from "./read_history.ts";
export type { ReplyParameters } from "./reply_parameters.ts";
export { resolveUsername } from "./resolve_username.ts";
export {
  type ChatAction,
  sendChatAction,
  type SendChatActionOptions,
} from "./send_chat_action.ts";
export {
  MAX_MESSAGE_LENGTH,
  sendMessage,
  type SendMessageOptions,
} from "./send_message.ts";
export { setMyCommands, type SetMyCommandsOptions } from "./set_my_commands.ts";
export {
  unbanChatMember,
  type UnbanChatMemberOptions,
} from "./unban_chat_member.ts";
export { unpinMessage } from "./unpin_message.ts";
export { UnexpectedResultError } from "./unexpected_result_error.ts";
export type { TlText } from "./formatted_text.ts";
export {
  HandlerError,
  HighLevelClient,
  type UpdateBatch,
} from "./high_level_client.ts";
