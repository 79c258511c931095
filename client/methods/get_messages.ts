/**
 * `getMessages`: fetches messages of a chat by id.
 *
 * @module
 */
import type { TypeMessage, TypeMessagesMessages } from "../../tl/mod.ts";
import type { ChatId } from "../types/chat_id.ts";
import { InvalidInputError } from "../types/invalid_input_error.ts";
import { type Message, messageFromTl } from "../types/message.ts";
import { PeerMap } from "../types/peer_map.ts";
import type { MethodClient } from "./method_client.ts";
import { toInputChannel } from "./peer_cache.ts";

/** The most ids one `messages.getMessages` takes. */
export const MAX_GET_MESSAGES_BATCH = 100;

/**
 * The TL messages with these ids (a `messageEmpty` for an id that does not exist), with their
 * peers remembered. Channels and supergroups go through `channels.getMessages`.
 */
export async function getTlMessages(
  client: MethodClient,
  chatId: ChatId,
  messageIds: readonly number[],
): Promise<{ messages: TypeMessage[]; peers: PeerMap }> {
  if (!Array.isArray(messageIds) || !messageIds.every(Number.isInteger)) {
    throw new InvalidInputError(
      "message_ids",
      "must be an array of message ids",
    );
  }
  const peer = await client.peers.inputPeer(chatId);
  const isChannel = peer._ === "inputPeerChannel" ||
    peer._ === "inputPeerChannelFromMessage";
  const peers = new PeerMap({}, client.peers.map);
  const messages: TypeMessage[] = [];
  for (let i = 0; i < messageIds.length; i += MAX_GET_MESSAGES_BATCH) {
    const id = messageIds.slice(i, i + MAX_GET_MESSAGES_BATCH).map((id) => ({
      _: "inputMessageID" as const,
      id,
    }));
    const result: TypeMessagesMessages = isChannel
      ? await client.invoke({
        _: "channels.getMessages",
        channel: toInputChannel(peer, chatId),
        id,
      })
      : await client.invoke({ _: "messages.getMessages", id });
    if (result._ === "messages.messagesNotModified") continue;
    await client.peers.remember(result, result.messages);
    peers.add(result);
    messages.push(...result.messages);
  }
  return { messages, peers };
}

/**
 * Fetches messages by id, in the order asked; `undefined` stands for an id with no message
 * (never sent, or deleted).
 */
export async function getMessages(
  client: MethodClient,
  chatId: ChatId,
  messageIds: readonly number[],
): Promise<(Message | undefined)[]> {
  const { messages, peers } = await getTlMessages(client, chatId, messageIds);
  const selfId = await client.peers.loadSelfId();
  const byId = new Map<number, Message>();
  for (const tl of messages) {
    const message = messageFromTl(tl, peers, { selfId });
    if (message) byId.set(message.message_id, message);
  }
  return messageIds.map((id) => byId.get(id));
}
