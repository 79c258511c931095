/**
 * `BotCommand` and `BotCommandScope`, shaped like the Bot API's.
 *
 * @module
 */
import type { ChatId } from "./chat_id.ts";

/** A command in the bot's menu. */
export interface BotCommand {
  /** The command without `/`: 1–32 of `a-z`, `0-9` and `_`. */
  command: string;
  /** What it does: 1–256 characters. */
  description: string;
}

/** Which users see a list of commands. */
export type BotCommandScope =
  | {
    /** Everyone, unless a narrower scope applies. */
    type: "default";
  }
  | {
    /** Every private chat. */
    type: "all_private_chats";
  }
  | {
    /** Every group and supergroup. */
    type: "all_group_chats";
  }
  | {
    /** The administrators of every group and supergroup. */
    type: "all_chat_administrators";
  }
  | {
    /** One chat. */
    type: "chat";
    /** The chat. */
    chat_id: ChatId;
  }
  | {
    /** The administrators of one chat. */
    type: "chat_administrators";
    /** The chat. */
    chat_id: ChatId;
  }
  | {
    /** One member of one group or supergroup. */
    type: "chat_member";
    /** The chat. */
    chat_id: ChatId;
    /** The member. */
    user_id: ChatId;
  };

/** A valid command name (the Bot API's rule). */
export const BOT_COMMAND_PATTERN: RegExp = /^[a-z0-9_]{1,32}$/;
