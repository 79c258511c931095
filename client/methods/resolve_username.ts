/**
 * `resolveUsername`: the chat a username belongs to.
 *
 * @module
 */
import { type Chat, chatFromTlChat, chatFromTlUser } from "../types/chat.ts";
import { InvalidInputError } from "../types/invalid_input_error.ts";
import type { MethodClient } from "./method_client.ts";
import { UnexpectedResultError } from "./unexpected_result_error.ts";

/**
 * Resolves a username (with or without `@`) on the server (`contacts.resolveUsername`, even when
 * the peer cache knows it, so that a changed username is noticed) and remembers the peer.
 */
export async function resolveUsername(
  client: MethodClient,
  username: string,
): Promise<Chat> {
  const name = typeof username === "string"
    ? username.trim().replace(/^@/, "")
    : "";
  if (!/^[A-Za-z][A-Za-z0-9_]{2,}$/.test(name)) {
    throw new InvalidInputError(
      "username",
      `${JSON.stringify(username)} is not a username`,
    );
  }
  const resolved = await client.invoke({
    _: "contacts.resolveUsername",
    username: name,
  });
  await client.peers.remember(resolved);
  const peer = resolved.peer;
  if (peer._ === "peerUser") {
    const user = resolved.users.find((u) => u.id === peer.user_id);
    if (user) return chatFromTlUser(user);
  } else {
    const id = peer._ === "peerChat" ? peer.chat_id : peer.channel_id;
    const chat = resolved.chats.find((c) => c.id === id);
    if (chat) return chatFromTlChat(chat);
  }
  throw new UnexpectedResultError(
    "resolveUsername",
    "the answer lacks the resolved peer",
  );
}
