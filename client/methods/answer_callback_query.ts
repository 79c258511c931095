/**
 * `answerCallbackQuery`: ends the loading animation of a tapped callback button, optionally
 * with a notification or an alert.
 *
 * @module
 */
import { InvalidInputError } from "../types/invalid_input_error.ts";
import type { MethodClient } from "./method_client.ts";

/** Options of {@linkcode answerCallbackQuery}. */
export interface AnswerCallbackQueryOptions {
  /** A notification to show (0–200 characters). */
  text?: string;
  /** Show `text` as an alert with an OK button instead of a passing notification. */
  show_alert?: boolean;
  /** A URL to open (a game, or `t.me/<bot>?start=…`). */
  url?: string;
  /** How long clients may cache the answer, in seconds (default 0). */
  cache_time?: number;
}

/** The decimal query id as the TL `long` it is; an {@linkcode InvalidInputError} otherwise. */
export function queryIdToTl(queryId: string, argument: string): bigint {
  if (typeof queryId !== "string" || !/^-?[0-9]{1,20}$/.test(queryId)) {
    throw new InvalidInputError(argument, "not a query id");
  }
  const id = BigInt(queryId);
  if (BigInt.asIntN(64, id) !== id) {
    throw new InvalidInputError(argument, "not a query id");
  }
  return id;
}

/** Answers a callback query (`messages.setBotCallbackAnswer`). */
export async function answerCallbackQuery(
  client: MethodClient,
  callbackQueryId: string,
  options: AnswerCallbackQueryOptions = {},
): Promise<void> {
  if (options.text !== undefined && options.text.length > 200) {
    throw new InvalidInputError("text", "at most 200 characters");
  }
  await client.invoke({
    _: "messages.setBotCallbackAnswer",
    query_id: queryIdToTl(callbackQueryId, "callback_query_id"),
    cache_time: options.cache_time ?? 0,
    ...(options.text !== undefined ? { message: options.text } : {}),
    ...(options.show_alert ? { alert: true as const } : {}),
    ...(options.url !== undefined ? { url: options.url } : {}),
  });
}
