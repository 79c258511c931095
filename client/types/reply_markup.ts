/**
 * Keyboards shaped like the Bot API's (`InlineKeyboardMarkup`, `ReplyKeyboardMarkup`,
 * `ReplyKeyboardRemove`, `ForceReply`) and their conversions to and from TL `ReplyMarkup`.
 *
 * @module
 */
import type {
  TypeKeyboardButton,
  TypeKeyboardButtonRow,
  TypeReplyMarkup,
} from "../../tl/mod.ts";
import { InvalidInputError } from "./invalid_input_error.ts";

/** One button of an inline keyboard: exactly one of the optional fields says what it does. */
export interface InlineKeyboardButton {
  /** The label. */
  text: string;
  /** A URL opened on a tap (`tg://user?id=<id>` opens a profile). */
  url?: string;
  /** Data (1–64 bytes of UTF-8) sent back in a callback query on a tap. */
  callback_data?: string;
  /** Switches to inline mode in a chat the user picks, with this query. */
  switch_inline_query?: string;
  /** Switches to inline mode in the current chat, with this query. */
  switch_inline_query_current_chat?: string;
  /** Copies this text to the clipboard on a tap. */
  copy_text?: { text: string };
  /** Launches the bot's game (must be the first button of the first row). */
  callback_game?: Record<string, never>;
  /** A pay button (must be the first button of the first row). */
  pay?: boolean;
  /** Opens a Web App at this URL. */
  web_app?: { url: string };
}

/** An inline keyboard: rows of buttons shown under the message. */
export interface InlineKeyboardMarkup {
  /** The rows of buttons. */
  inline_keyboard: InlineKeyboardButton[][];
}

/** One button of a reply keyboard: its text, or the text with a special request. */
export type KeyboardButton = string | {
  /** The label, sent as a message on a tap when nothing else is requested. */
  text: string;
  /** Sends the user's phone number as a contact. */
  request_contact?: boolean;
  /** Sends the user's location. */
  request_location?: boolean;
  /** Asks the user to create a poll (`type` `"quiz"` or `"regular"`; absent: any). */
  request_poll?: { type?: "quiz" | "regular" };
  /** Opens a Web App at this URL. */
  web_app?: { url: string };
};

/** A custom keyboard that replaces the user's keyboard. */
export interface ReplyKeyboardMarkup {
  /** The rows of buttons. */
  keyboard: KeyboardButton[][];
  /** Keep the keyboard shown while the user's keyboard is hidden. */
  is_persistent?: boolean;
  /** Let clients shrink the keyboard to fit its buttons. */
  resize_keyboard?: boolean;
  /** Hide the keyboard after one use. */
  one_time_keyboard?: boolean;
  /** The input field's placeholder while the keyboard is shown (1–64 characters). */
  input_field_placeholder?: string;
  /** Show it only to the mentioned users and the author of the replied-to message. */
  selective?: boolean;
}

/** Removes a custom keyboard. */
export interface ReplyKeyboardRemove {
  /** Always true. */
  remove_keyboard: true;
  /** Remove it only for the mentioned users and the author of the replied-to message. */
  selective?: boolean;
}

/** Shows a reply interface to the user, as if they had chosen "Reply". */
export interface ForceReply {
  /** Always true. */
  force_reply: true;
  /** The input field's placeholder (1–64 characters). */
  input_field_placeholder?: string;
  /** Force a reply only from the mentioned users and the author of the replied-to message. */
  selective?: boolean;
}

/** Any reply markup a message can be sent with. */
export type ReplyMarkup =
  | InlineKeyboardMarkup
  | ReplyKeyboardMarkup
  | ReplyKeyboardRemove
  | ForceReply;

/** The most bytes of callback data Telegram accepts. */
export const MAX_CALLBACK_DATA_BYTES = 64;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The TL form of a callback button's data: 1–64 bytes of UTF-8, else an {@linkcode InvalidInputError}. */
export function encodeCallbackData(data: string): Uint8Array {
  const bytes = encoder.encode(data);
  if (bytes.length === 0 || bytes.length > MAX_CALLBACK_DATA_BYTES) {
    throw new InvalidInputError(
      "callback_data",
      `must be 1-${MAX_CALLBACK_DATA_BYTES} bytes of UTF-8, got ${bytes.length}`,
    );
  }
  return bytes;
}

/** Callback data as text (invalid UTF-8 sequences become U+FFFD). */
export function decodeCallbackData(data: Uint8Array): string {
  return decoder.decode(data);
}

function inlineButtonToTl(button: InlineKeyboardButton): TypeKeyboardButton {
  const text = button.text;
  if (typeof text !== "string") {
    throw new InvalidInputError("inline_keyboard", "every button needs a text");
  }
  if (button.callback_data !== undefined) {
    return {
      _: "keyboardButtonCallback",
      text,
      data: encodeCallbackData(button.callback_data),
    };
  }
  if (button.url !== undefined) {
    return { _: "keyboardButtonUrl", text, url: button.url };
  }
  if (button.switch_inline_query !== undefined) {
    return {
      _: "keyboardButtonSwitchInline",
      text,
      query: button.switch_inline_query,
    };
  }
  if (button.switch_inline_query_current_chat !== undefined) {
    return {
      _: "keyboardButtonSwitchInline",
      same_peer: true,
      text,
      query: button.switch_inline_query_current_chat,
    };
  }
  if (button.copy_text !== undefined) {
    return { _: "keyboardButtonCopy", text, copy_text: button.copy_text.text };
  }
  if (button.callback_game !== undefined) {
    return { _: "keyboardButtonGame", text };
  }
  if (button.pay) return { _: "keyboardButtonBuy", text };
  if (button.web_app !== undefined) {
    return { _: "keyboardButtonWebView", text, url: button.web_app.url };
  }
  throw new InvalidInputError(
    "inline_keyboard",
    `button ${JSON.stringify(text)} has no action (callback_data, url, …)`,
  );
}

function keyboardButtonToTl(button: KeyboardButton): TypeKeyboardButton {
  if (typeof button === "string") return { _: "keyboardButton", text: button };
  const text = button.text;
  if (typeof text !== "string") {
    throw new InvalidInputError("keyboard", "every button needs a text");
  }
  if (button.request_contact) return { _: "keyboardButtonRequestPhone", text };
  if (button.request_location) {
    return { _: "keyboardButtonRequestGeoLocation", text };
  }
  if (button.request_poll) {
    const type = button.request_poll.type;
    return type === undefined ? { _: "keyboardButtonRequestPoll", text } : {
      _: "keyboardButtonRequestPoll",
      text,
      quiz: type === "quiz",
    };
  }
  if (button.web_app) {
    return { _: "keyboardButtonSimpleWebView", text, url: button.web_app.url };
  }
  return { _: "keyboardButton", text };
}

function rows<T>(
  argument: string,
  table: unknown,
  convert: (button: T) => TypeKeyboardButton,
): TypeKeyboardButtonRow[] {
  if (!Array.isArray(table) || !table.every(Array.isArray)) {
    throw new InvalidInputError(
      argument,
      "must be an array of rows of buttons",
    );
  }
  return table.map((row: T[]) => ({
    _: "keyboardButtonRow",
    buttons: row.map(convert),
  }));
}

/** The TL form of a reply markup; an {@linkcode InvalidInputError} when it is malformed. */
export function replyMarkupToTl(markup: ReplyMarkup): TypeReplyMarkup {
  if ("inline_keyboard" in markup) {
    return {
      _: "replyInlineMarkup",
      rows: rows("inline_keyboard", markup.inline_keyboard, inlineButtonToTl),
    };
  }
  if ("keyboard" in markup) {
    const tl: TypeReplyMarkup = {
      _: "replyKeyboardMarkup",
      rows: rows("keyboard", markup.keyboard, keyboardButtonToTl),
    };
    if (markup.resize_keyboard) tl.resize = true;
    if (markup.one_time_keyboard) tl.single_use = true;
    if (markup.selective) tl.selective = true;
    if (markup.is_persistent) tl.persistent = true;
    if (markup.input_field_placeholder !== undefined) {
      tl.placeholder = markup.input_field_placeholder;
    }
    return tl;
  }
  if ("remove_keyboard" in markup) {
    return markup.selective
      ? { _: "replyKeyboardHide", selective: true }
      : { _: "replyKeyboardHide" };
  }
  if ("force_reply" in markup) {
    const tl: TypeReplyMarkup = { _: "replyKeyboardForceReply" };
    if (markup.selective) tl.selective = true;
    if (markup.input_field_placeholder !== undefined) {
      tl.placeholder = markup.input_field_placeholder;
    }
    return tl;
  }
  throw new InvalidInputError(
    "reply_markup",
    "expected inline_keyboard, keyboard, remove_keyboard or force_reply",
  );
}

function inlineButtonFromTl(button: TypeKeyboardButton): InlineKeyboardButton {
  const text = button.text;
  switch (button._) {
    case "keyboardButtonCallback":
      return { text, callback_data: decodeCallbackData(button.data) };
    case "keyboardButtonUrl":
    case "keyboardButtonUrlAuth":
    case "inputKeyboardButtonUrlAuth":
      return { text, url: button.url };
    case "keyboardButtonSwitchInline":
      return button.same_peer
        ? { text, switch_inline_query_current_chat: button.query }
        : { text, switch_inline_query: button.query };
    case "keyboardButtonCopy":
      return { text, copy_text: { text: button.copy_text } };
    case "keyboardButtonGame":
      return { text, callback_game: {} };
    case "keyboardButtonBuy":
      return { text, pay: true };
    case "keyboardButtonWebView":
    case "keyboardButtonSimpleWebView":
      return { text, web_app: { url: button.url } };
    case "keyboardButtonUserProfile":
      return { text, url: `tg://user?id=${button.user_id}` };
    default:
      return { text };
  }
}

function keyboardButtonFromTl(button: TypeKeyboardButton): KeyboardButton {
  const text = button.text;
  switch (button._) {
    case "keyboardButtonRequestPhone":
      return { text, request_contact: true };
    case "keyboardButtonRequestGeoLocation":
      return { text, request_location: true };
    case "keyboardButtonRequestPoll":
      return {
        text,
        request_poll: button.quiz === undefined
          ? {}
          : { type: button.quiz ? "quiz" : "regular" },
      };
    case "keyboardButtonWebView":
    case "keyboardButtonSimpleWebView":
      return { text, web_app: { url: button.url } };
    default:
      return text;
  }
}

/** The Bot API form of a TL reply markup. */
export function replyMarkupFromTl(markup: TypeReplyMarkup): ReplyMarkup {
  switch (markup._) {
    case "replyInlineMarkup":
      return {
        inline_keyboard: markup.rows.map((row) =>
          row.buttons.map(inlineButtonFromTl)
        ),
      };
    case "replyKeyboardMarkup": {
      const result: ReplyKeyboardMarkup = {
        keyboard: markup.rows.map((row) =>
          row.buttons.map(keyboardButtonFromTl)
        ),
      };
      if (markup.resize) result.resize_keyboard = true;
      if (markup.single_use) result.one_time_keyboard = true;
      if (markup.selective) result.selective = true;
      if (markup.persistent) result.is_persistent = true;
      if (markup.placeholder !== undefined) {
        result.input_field_placeholder = markup.placeholder;
      }
      return result;
    }
    case "replyKeyboardHide":
      return markup.selective
        ? { remove_keyboard: true, selective: true }
        : { remove_keyboard: true };
    case "replyKeyboardForceReply": {
      const result: ForceReply = { force_reply: true };
      if (markup.selective) result.selective = true;
      if (markup.placeholder !== undefined) {
        result.input_field_placeholder = markup.placeholder;
      }
      return result;
    }
  }
}
