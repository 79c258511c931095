/**
 * A Sparrow bot for the interop tests: logged in through the real login
 * path (`start({ botToken })` with a token the test DC issued), its update
 * loop running, answering every text message through its own update
 * handler. The other clients talk to it, so the DC's pushes and pts
 * sequences meet both Sparrow's update manager and theirs.
 *
 * @module
 */

import { Client } from "../../client/client.ts";
import type { Message } from "../../client/types/message.ts";
import { MemoryStorage } from "../../storage/memory_storage.ts";
import type { TestDc } from "../dc/mod.ts";

/** A running Sparrow bot and what it saw. */
export interface SparrowBot {
  /** The client (logged in, update loop running). */
  client: Client;
  /** The bot's user id. */
  id: number;
  /** The bot's username (without `@`). */
  username: string;
  /** Every message its handler received, in order. */
  seen: Message[];
  /** Disconnects; safe to call twice. */
  close(): Promise<void>;
}

/** The reply the bot sends to a text message `text`. */
export function botReplyTo(text: string): string {
  return `sparrow echo: ${text}`;
}

/**
 * Creates a bot account on the DC (home DC `homeDc`), logs a Sparrow client in
 * with its token on that DC and starts an echo handler: every text message
 * gets {@link botReplyTo} back in the same chat.
 */
export async function startSparrowBot(
  dc: TestDc,
  username: string,
  homeDc = 1,
): Promise<SparrowBot> {
  const bot = dc.auth.createBot({ username, homeDc });
  const client = new Client({
    apiId: 1,
    apiHash: "0123456789abcdef0123456789abcdef",
    initialDc: homeDc,
    dcs: Object.fromEntries(
      dc.dcs.map((d) => [d.id, { host: d.host, port: d.port }]),
    ),
    publicKeys: [dc.publicKey],
    storage: new MemoryStorage(),
    connection: {
      reconnectDelayMs: 50,
      maxReconnectDelayMs: 500,
      reconnectTimeoutMs: 10_000,
    },
  });
  const seen: Message[] = [];
  client.on("message:text", async (ctx) => {
    seen.push(ctx.msg);
    await ctx.reply(botReplyTo(ctx.msg.text));
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await client.disconnect();
  };
  try {
    await client.start({ botToken: bot.token });
  } catch (error) {
    await close();
    throw error;
  }
  return { client, id: bot.user.id, username, seen, close };
}
