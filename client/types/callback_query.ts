/**
 * `CallbackQuery`, shaped like the Bot API's: a tap on an inline keyboard's callback button.
 *
 * @module
 */
import type {
  RawUpdateBotCallbackQuery,
  RawUpdateInlineBotCallbackQuery,
} from "../../tl/mod.ts";
import type { Chat } from "./chat.ts";
import { encodeInlineMessageId } from "./inline_message_id.ts";
import type { PeerMap } from "./peer_map.ts";
import { decodeCallbackData } from "./reply_markup.ts";
import type { User } from "./user.ts";

/** A tap on a callback button. Answer it with `answerCallbackQuery`. */
export interface CallbackQuery {
  /** The query's id (a TL `long`, in decimal). */
  id: string;
  /** Who tapped. */
  from: User;
  /**
   * The chat of the message with the button (the Bot API gives the whole message; MTProto
   * gives its chat and id).
   */
  chat?: Chat;
  /** The id of the message with the button, in `chat`. */
  message_id?: number;
  /** The id of the inline-mode message with the button. */
  inline_message_id?: string;
  /** Identifies the chat the button was in (for games' high scores). */
  chat_instance: string;
  /** The button's callback data, as text (invalid UTF-8 becomes U+FFFD). */
  data?: string;
  /** The button's callback data, as sent. */
  data_bytes?: Uint8Array;
  /** The short name of the game whose button was tapped. */
  game_short_name?: string;
}

/** The Bot API form of a TL callback query update. */
export function callbackQueryFromTl(
  update: RawUpdateBotCallbackQuery | RawUpdateInlineBotCallbackQuery,
  peers: PeerMap,
): CallbackQuery {
  const query: CallbackQuery = {
    id: update.query_id.toString(),
    from: peers.botApiUser(update.user_id),
    chat_instance: update.chat_instance.toString(),
  };
  if (update._ === "updateBotCallbackQuery") {
    query.chat = peers.botApiChat(update.peer);
    query.message_id = update.msg_id;
  } else {
    query.inline_message_id = encodeInlineMessageId(update.msg_id);
  }
  if (update.data !== undefined) {
    query.data = decodeCallbackData(update.data);
    query.data_bytes = update.data;
  }
  if (update.game_short_name !== undefined) {
    query.game_short_name = update.game_short_name;
  }
  return query;
}
