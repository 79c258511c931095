/**
 * `InlineQuery` and `ChosenInlineResult`, shaped like the Bot API's.
 *
 * @module
 */
import type {
  RawUpdateBotInlineQuery,
  RawUpdateBotInlineSend,
  TypeGeoPoint,
  TypeInlineQueryPeerType,
} from "../../tl/mod.ts";
import { encodeInlineMessageId } from "./inline_message_id.ts";
import type { Location } from "./media.ts";
import type { PeerMap } from "./peer_map.ts";
import type { User } from "./user.ts";

/** The kind of chat an inline query was typed in, as the Bot API names them. */
export type InlineQueryChatType =
  | "sender"
  | "private"
  | "group"
  | "supergroup"
  | "channel";

/** A query typed after the bot's username in inline mode. Answer it with `answerInlineQuery`. */
export interface InlineQuery {
  /** The query's id (a TL `long`, in decimal). */
  id: string;
  /** Who typed it. */
  from: User;
  /** The text of the query. */
  query: string;
  /** The offset of the results to return, as the bot set it in its previous answer. */
  offset: string;
  /** Where the query was typed. */
  chat_type?: InlineQueryChatType;
  /** The user's location, for bots that ask for it. */
  location?: Location;
}

/** An inline result the user chose and sent. */
export interface ChosenInlineResult {
  /** The result's id, as the bot gave it. */
  result_id: string;
  /** Who chose it. */
  from: User;
  /** The query that gave the result. */
  query: string;
  /** The sent message's id, when the result had an inline keyboard. */
  inline_message_id?: string;
  /** The user's location, for bots that ask for it. */
  location?: Location;
}

function chatType(type: TypeInlineQueryPeerType): InlineQueryChatType {
  switch (type._) {
    case "inlineQueryPeerTypeSameBotPM":
      return "sender";
    case "inlineQueryPeerTypePM":
    case "inlineQueryPeerTypeBotPM":
      return "private";
    case "inlineQueryPeerTypeChat":
      return "group";
    case "inlineQueryPeerTypeMegagroup":
      return "supergroup";
    case "inlineQueryPeerTypeBroadcast":
      return "channel";
  }
}

function location(geo: TypeGeoPoint | undefined): Location | undefined {
  return geo?._ === "geoPoint"
    ? { latitude: geo.lat, longitude: geo.long }
    : undefined;
}

/** The Bot API form of a TL inline query update. */
export function inlineQueryFromTl(
  update: RawUpdateBotInlineQuery,
  peers: PeerMap,
): InlineQuery {
  const query: InlineQuery = {
    id: update.query_id.toString(),
    from: peers.botApiUser(update.user_id),
    query: update.query,
    offset: update.offset,
  };
  if (update.peer_type) query.chat_type = chatType(update.peer_type);
  const where = location(update.geo);
  if (where) query.location = where;
  return query;
}

/** The Bot API form of a TL chosen-inline-result update. */
export function chosenInlineResultFromTl(
  update: RawUpdateBotInlineSend,
  peers: PeerMap,
): ChosenInlineResult {
  const result: ChosenInlineResult = {
    result_id: update.id,
    from: peers.botApiUser(update.user_id),
    query: update.query,
  };
  if (update.msg_id) {
    result.inline_message_id = encodeInlineMessageId(update.msg_id);
  }
  const where = location(update.geo);
  if (where) result.location = where;
  return result;
}
