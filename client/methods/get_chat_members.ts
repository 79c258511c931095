/**
 * `getChatMembers`: members of a group, supergroup or channel.
 *
 * @module
 */
import type { TypeChannelParticipantsFilter } from "../../tl/mod.ts";
import {
  type ChatMember,
  chatMemberFromChannelParticipant,
  chatMemberFromChatParticipant,
} from "../types/chat_member.ts";
import type { ChatId } from "../types/chat_id.ts";
import { InvalidInputError } from "../types/invalid_input_error.ts";
import { PeerMap } from "../types/peer_map.ts";
import type { MethodClient } from "./method_client.ts";
import { toInputChannel } from "./peer_cache.ts";

/** Which members to list. */
export type ChatMembersFilter =
  | "recent"
  | "administrators"
  | "bots"
  | "banned"
  | "restricted"
  | "search";

/** Options of {@linkcode getChatMembers}. */
export interface GetChatMembersOptions {
  /** Which members (default `"recent"`). */
  filter?: ChatMembersFilter;
  /** Text to look for in names (for `"search"`, `"banned"` and `"restricted"`). */
  query?: string;
  /** How many to skip (supergroups and channels). */
  offset?: number;
  /** The most to return (default 200, the server's page size). */
  limit?: number;
}

function filterToTl(
  filter: ChatMembersFilter,
  q: string,
): TypeChannelParticipantsFilter {
  switch (filter) {
    case "recent":
      return { _: "channelParticipantsRecent" };
    case "administrators":
      return { _: "channelParticipantsAdmins" };
    case "bots":
      return { _: "channelParticipantsBots" };
    case "banned":
      return { _: "channelParticipantsKicked", q };
    case "restricted":
      return { _: "channelParticipantsBanned", q };
    case "search":
      return { _: "channelParticipantsSearch", q };
    default:
      throw new InvalidInputError(
        "filter",
        `unknown filter ${JSON.stringify(filter)}`,
      );
  }
}

/**
 * Lists members: `channels.getParticipants` in supergroups and channels (one page of up to
 * `limit`); in basic groups the participants of `messages.getFullChat`, filtered here.
 */
export async function getChatMembers(
  client: MethodClient,
  chatId: ChatId,
  options: GetChatMembersOptions = {},
): Promise<ChatMember[]> {
  const filter = options.filter ?? "recent";
  const query = options.query ?? "";
  const limit = options.limit ?? 200;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new InvalidInputError("limit", "must be a positive integer");
  }
  const peer = await client.peers.inputPeer(chatId);
  if (
    peer._ === "inputPeerChannel" || peer._ === "inputPeerChannelFromMessage"
  ) {
    const result = await client.invoke({
      _: "channels.getParticipants",
      channel: toInputChannel(peer, chatId),
      filter: filterToTl(filter, query),
      offset: options.offset ?? 0,
      limit,
      hash: 0n,
    });
    if (result._ === "channels.channelParticipantsNotModified") return [];
    await client.peers.remember(result);
    const peers = new PeerMap(result, client.peers.map);
    return result.participants.map((p) =>
      chatMemberFromChannelParticipant(p, peers)
    );
  }
  if (peer._ !== "inputPeerChat") {
    throw new InvalidInputError(
      "chat_id",
      `${chatId} is not a group or channel`,
    );
  }
  filterToTl(filter, query);
  const full = await client.invoke({
    _: "messages.getFullChat",
    chat_id: peer.chat_id,
  });
  await client.peers.remember(full);
  const peers = new PeerMap(full, client.peers.map);
  const participants = full.full_chat._ === "chatFull"
    ? full.full_chat.participants
    : undefined;
  const list = participants?._ === "chatParticipants"
    ? participants.participants
    : [];
  const members = list.map((p) => chatMemberFromChatParticipant(p, peers))
    .filter((m) => {
      switch (filter) {
        case "administrators":
          return m.status === "creator" || m.status === "administrator";
        case "bots":
          return m.user.is_bot;
        case "banned":
        case "restricted":
          return false; // Basic groups keep no ban list.
        case "search": {
          const needle = query.toLowerCase();
          const name = `${m.user.first_name} ${m.user.last_name ?? ""} ${
            m.user.username ?? ""
          }`;
          return name.toLowerCase().includes(needle);
        }
        default:
          return true;
      }
    });
  return members.slice(options.offset ?? 0, (options.offset ?? 0) + limit);
}
