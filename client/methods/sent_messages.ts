/**
 * The messages an `Updates` result (of `messages.sendMessage`, `editMessage`,
 * `forwardMessages`, …) carries, in the order they were sent.
 *
 * @module
 */
import type {
  TypeChat,
  TypeMessage,
  TypeUpdates,
  TypeUser,
} from "../../tl/mod.ts";
import {
  expandShortChatMessage,
  expandShortMessage,
  expandShortSentMessage,
  type SentMessageContext,
} from "../updates/short_updates.ts";
import { type Message, messageFromTl } from "../types/message.ts";
import { PeerMap } from "../types/peer_map.ts";
import type { MethodClient } from "./method_client.ts";

/** The TL messages of a result, with the users and chats it carried. */
export interface SentMessages {
  /** The messages, ordered by `randomIds` when given. */
  messages: TypeMessage[];
  /** Users of the result. */
  users: readonly TypeUser[];
  /** Chats of the result. */
  chats: readonly TypeChat[];
}

/**
 * Picks the new or edited messages out of an `Updates` result. `randomIds` orders them (and
 * leaves out messages of other requests that rode along); `context` fills in
 * `updateShortSentMessage`, which carries only the id, date and server-side entities.
 */
export function sentMessagesOf(
  updates: TypeUpdates,
  options: {
    randomIds?: readonly bigint[];
    context?: SentMessageContext;
    selfId?: bigint;
  } = {},
): SentMessages {
  switch (updates._) {
    case "updateShortSentMessage":
      if (options.context === undefined) {
        return { messages: [], users: [], chats: [] };
      }
      return {
        messages: [
          expandShortSentMessage(updates, options.context, options.selfId)
            .message,
        ],
        users: [],
        chats: [],
      };
    case "updateShortMessage":
      return {
        messages: [expandShortMessage(updates, options.selfId).message],
        users: [],
        chats: [],
      };
    case "updateShortChatMessage":
      return {
        messages: [expandShortChatMessage(updates).message],
        users: [],
        chats: [],
      };
    case "updatesTooLong":
      return { messages: [], users: [], chats: [] };
  }
  const list = updates._ === "updateShort" ? [updates.update] : updates.updates;
  const users = updates._ === "updateShort" ? [] : updates.users;
  const chats = updates._ === "updateShort" ? [] : updates.chats;
  const idByRandom = new Map<bigint, number>();
  const byId = new Map<string, TypeMessage>();
  const order: TypeMessage[] = [];
  for (const update of list) {
    switch (update._) {
      case "updateMessageID":
        idByRandom.set(update.random_id, update.id);
        break;
      case "updateNewMessage":
      case "updateNewChannelMessage":
      case "updateEditMessage":
      case "updateEditChannelMessage":
      case "updateNewScheduledMessage": {
        const message = update.message;
        order.push(message);
        if (message._ !== "messageEmpty") byId.set(String(message.id), message);
        break;
      }
    }
  }
  if (options.randomIds === undefined || idByRandom.size === 0) {
    return { messages: order, users, chats };
  }
  const messages: TypeMessage[] = [];
  for (const random of options.randomIds) {
    const id = idByRandom.get(random);
    const message = id === undefined ? undefined : byId.get(String(id));
    if (message) messages.push(message);
  }
  return { messages, users, chats };
}

/** Remembers the result's peers and converts its messages to the Bot API form. */
export async function botApiMessages(
  client: MethodClient,
  sent: SentMessages,
): Promise<Message[]> {
  await client.peers.remember(sent, sent.messages);
  const peers = new PeerMap(sent, client.peers.map);
  const selfId = await client.peers.loadSelfId();
  const result: Message[] = [];
  for (const message of sent.messages) {
    const converted = messageFromTl(message, peers, { selfId });
    if (converted) result.push(converted);
  }
  return result;
}
