/**
 * `getChat`: a chat's current information.
 *
 * @module
 */
import { type Chat, chatFromTlChat, chatFromTlUser } from "../types/chat.ts";
import type { ChatId } from "../types/chat_id.ts";
import type { MethodClient } from "./method_client.ts";
import { toInputChannel } from "./peer_cache.ts";
import { UnexpectedResultError } from "./unexpected_result_error.ts";

/**
 * Fetches a chat (`users.getUsers`, `messages.getChats` or `channels.getChannels`) and resolves
 * with it; the peer cache is refreshed on the way.
 */
export async function getChat(
  client: MethodClient,
  chatId: ChatId,
): Promise<Chat> {
  const peer = await client.peers.inputPeer(chatId);
  switch (peer._) {
    case "inputPeerSelf":
    case "inputPeerUser":
    case "inputPeerUserFromMessage": {
      const users = await client.invoke({
        _: "users.getUsers",
        id: [await client.peers.inputUser(chatId)],
      });
      await client.peers.remember({ users });
      const user = users[0];
      if (user === undefined || user._ === "userEmpty") {
        throw new UnexpectedResultError("getChat", `no user ${chatId}`);
      }
      return chatFromTlUser(user);
    }
    case "inputPeerChat": {
      const result = await client.invoke({
        _: "messages.getChats",
        id: [peer.chat_id],
      });
      await client.peers.remember(result);
      const chat = result.chats.find((c) => c.id === peer.chat_id);
      if (chat === undefined) {
        throw new UnexpectedResultError("getChat", `no chat ${chatId}`);
      }
      return chatFromTlChat(chat);
    }
    case "inputPeerChannel":
    case "inputPeerChannelFromMessage": {
      const result = await client.invoke({
        _: "channels.getChannels",
        id: [toInputChannel(peer, chatId)],
      });
      await client.peers.remember(result);
      const chat = result.chats.find((c) => c.id === peer.channel_id);
      if (chat === undefined) {
        throw new UnexpectedResultError("getChat", `no channel ${chatId}`);
      }
      return chatFromTlChat(chat);
    }
    default:
      throw new UnexpectedResultError("getChat", `cannot fetch ${peer._}`);
  }
}
