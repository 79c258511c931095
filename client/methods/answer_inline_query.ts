/**
 * `answerInlineQuery`: the results of an inline query.
 *
 * @module
 */
import type { TypeInputBotInlineResult } from "../../tl/mod.ts";
import type { InlineQueryResult } from "../types/inline_query_result.ts";
import { InvalidInputError } from "../types/invalid_input_error.ts";
import { replyMarkupToTl } from "../types/reply_markup.ts";
import { queryIdToTl } from "./answer_callback_query.ts";
import { formatText } from "./formatted_text.ts";
import type { MethodClient } from "./method_client.ts";

/** Options of {@linkcode answerInlineQuery}. */
export interface AnswerInlineQueryOptions {
  /** How long the server may cache the results, in seconds (default 300, as in the Bot API). */
  cache_time?: number;
  /** Cache the results for this user only. */
  is_personal?: boolean;
  /** The offset the client sends with the next query for more results; empty: no more. */
  next_offset?: string;
  /** A button above the results that opens a private chat with the bot with a start parameter. */
  button?: { text: string; start_parameter: string };
}

async function resultToTl(
  client: MethodClient,
  result: InlineQueryResult,
): Promise<TypeInputBotInlineResult> {
  if (result?.type !== "article") {
    throw new InvalidInputError(
      "results",
      `result type ${
        JSON.stringify(result?.type)
      } is not supported (only "article")`,
    );
  }
  if (
    typeof result.id !== "string" || result.id.length === 0 ||
    result.id.length > 64
  ) {
    throw new InvalidInputError("results", "a result id is 1-64 characters");
  }
  const content = result.input_message_content;
  const text = await formatText(
    client,
    content.message_text,
    content,
    "message_text",
  );
  return {
    _: "inputBotInlineResult",
    id: result.id,
    type: "article",
    title: result.title,
    ...(result.description !== undefined
      ? { description: result.description }
      : {}),
    ...(result.url !== undefined ? { url: result.url } : {}),
    ...(result.thumbnail_url !== undefined
      ? {
        thumb: {
          _: "inputWebDocument",
          url: result.thumbnail_url,
          size: 0,
          mime_type: "image/jpeg",
          attributes: [],
        },
      }
      : {}),
    send_message: {
      _: "inputBotInlineMessageText",
      message: text.message,
      ...(text.entities ? { entities: text.entities } : {}),
      ...(content.link_preview_options?.is_disabled
        ? { no_webpage: true as const }
        : {}),
      ...(result.reply_markup
        ? { reply_markup: replyMarkupToTl(result.reply_markup) }
        : {}),
    },
  };
}

/** Answers an inline query with up to 50 results (`messages.setInlineBotResults`). */
export async function answerInlineQuery(
  client: MethodClient,
  inlineQueryId: string,
  results: readonly InlineQueryResult[],
  options: AnswerInlineQueryOptions = {},
): Promise<void> {
  if (!Array.isArray(results) || results.length > 50) {
    throw new InvalidInputError("results", "at most 50 results");
  }
  const ids = new Set(results.map((r) => r.id));
  if (ids.size !== results.length) {
    throw new InvalidInputError("results", "result ids must be unique");
  }
  const tlResults: TypeInputBotInlineResult[] = [];
  for (const result of results) {
    tlResults.push(await resultToTl(client, result));
  }
  await client.invoke({
    _: "messages.setInlineBotResults",
    query_id: queryIdToTl(inlineQueryId, "inline_query_id"),
    results: tlResults,
    cache_time: options.cache_time ?? 300,
    ...(options.is_personal ? { private: true as const } : {}),
    ...(options.next_offset ? { next_offset: options.next_offset } : {}),
    ...(options.button
      ? {
        switch_pm: {
          _: "inlineBotSwitchPM",
          text: options.button.text,
          start_param: options.button.start_parameter,
        },
      }
      : {}),
  });
}
