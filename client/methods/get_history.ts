/**
 * `getHistory`: a chat's messages, newest first, as an async iterator.
 *
 * @module
 */
import type { ChatId } from "../types/chat_id.ts";
import { InvalidInputError } from "../types/invalid_input_error.ts";
import { type Message, messageFromTl } from "../types/message.ts";
import { PeerMap } from "../types/peer_map.ts";
import type { MethodClient } from "./method_client.ts";

/** Options of {@linkcode getHistory}. */
export interface GetHistoryOptions {
  /** The most messages to yield (default: all). */
  limit?: number;
  /** Start below this message id (exclusive; default: from the newest). */
  offset_id?: number;
  /** Start before this date (Unix seconds). */
  offset_date?: number;
  /** Stop at this message id (exclusive): only messages with a greater id. */
  min_id?: number;
  /** Messages fetched per request (1–100, default 100). */
  page_size?: number;
}

/**
 * Yields a chat's messages from the newest (or from `offset_id`/`offset_date`) back, one
 * `messages.getHistory` page at a time, until `limit` messages, `min_id`, or the start of the
 * chat.
 */
export async function* getHistory(
  client: MethodClient,
  chatId: ChatId,
  options: GetHistoryOptions = {},
): AsyncGenerator<Message, void, undefined> {
  const limit = options.limit ?? Infinity;
  const pageSize = options.page_size ?? 100;
  if (!(limit >= 0) || (limit !== Infinity && !Number.isInteger(limit))) {
    throw new InvalidInputError("limit", "must be a non-negative integer");
  }
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
    throw new InvalidInputError("page_size", "must be 1-100");
  }
  const peer = await client.peers.inputPeer(chatId);
  const selfId = await client.peers.loadSelfId();
  let offsetId = options.offset_id ?? 0;
  let offsetDate = options.offset_date ?? 0;
  let yielded = 0;
  while (yielded < limit) {
    const result = await client.invoke({
      _: "messages.getHistory",
      peer,
      offset_id: offsetId,
      offset_date: offsetDate,
      add_offset: 0,
      limit: Math.min(pageSize, limit - yielded),
      max_id: 0,
      min_id: options.min_id ?? 0,
      hash: 0n,
    });
    if (result._ === "messages.messagesNotModified") return;
    await client.peers.remember(result, result.messages);
    const peers = new PeerMap(result, client.peers.map);
    let lowest = Infinity;
    for (const tl of result.messages) {
      if (tl._ === "messageEmpty") continue;
      lowest = Math.min(lowest, tl.id);
      const message = messageFromTl(tl, peers, { selfId });
      if (!message) continue;
      yield message;
      if (++yielded >= limit) return;
    }
    // A page without a message older than the offset is the end of the history.
    if (lowest === Infinity || (offsetId !== 0 && lowest >= offsetId)) return;
    if (result._ === "messages.messages") return;
    offsetId = lowest;
    offsetDate = 0;
  }
}
