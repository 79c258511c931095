/**
 * Helpers of the update tests: clients logged in as world accounts (the
 * test DC's `assignAccount`, so no login flow is needed), and waiting for
 * conditions.
 *
 * @module
 */

import { authKeyId } from "../../crypto/mod.ts";
import type { Client, ClientOptions } from "../../client/client.ts";
import { MemoryStorage } from "../../storage/memory_storage.ts";
import { SessionStore } from "../../storage/session_store.ts";
import type { Storage } from "../../storage/storage.ts";
import type { TestDc, WorldUser } from "../dc/mod.ts";
import { testClient } from "./helpers.ts";

/**
 * A client whose auth key the DC treats as logged in as `userId`, with the
 * account in its storage; the update loop runs once it resolves.
 */
export async function clientAs(
  dc: TestDc,
  userId: number,
  options: Partial<ClientOptions> & { storage?: Storage } = {},
): Promise<Client> {
  const storage = options.storage ?? new MemoryStorage();
  const store = await SessionStore.open(storage);
  const user = dc.world.user(userId);
  if (!user) throw new Error(`no user ${userId}`);
  const client = testClient(dc, {}, { ...options, storage });
  await client.connect();
  let key = await store.getAuthKey(1);
  for (let i = 0; key === undefined && i < 200; i++) {
    await sleep(5);
    key = await store.getAuthKey(1);
  }
  if (!key) throw new Error("the client stored no auth key");
  if (!dc.chats.delivery.assignAccount(authKeyId(key), userId)) {
    throw new Error("the DC does not know the client's key");
  }
  // The account goes in after the key is logged in, so the loop's first
  // getState does not meet AUTH_KEY_UNREGISTERED.
  await store.setAccount({ userId: BigInt(userId), isBot: user.bot });
  await client.startUpdates();
  return client;
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `condition` every 10 ms; throws with `what` after `limitMs`. */
export async function waitFor(
  condition: () => boolean,
  what: string,
  limitMs = 30_000,
): Promise<void> {
  const end = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/**
 * A user (Alice) and a bot on DC 1 of `dc`, named after `tag` so that every
 * test gets accounts of its own; the bot's username is `usernamePrefix` + tag.
 */
export function aliceAndBot(
  dc: TestDc,
  tag: string,
  usernamePrefix = "bot_",
): { alice: WorldUser; bot: WorldUser } {
  const alice = dc.world.createUser({
    bot: false,
    firstName: `Alice ${tag}`,
    homeDc: 1,
  });
  const bot = dc.world.createUser({
    bot: true,
    firstName: `Bot ${tag}`,
    username: `${usernamePrefix}${tag}`,
    homeDc: 1,
  });
  return { alice, bot };
}
