/**
 * A fake `MethodClient` for unit tests of the high-level methods: it records
 * every request and answers from a handler the test gives; its peer cache is
 * real, over a memory storage, filled with the users and chats below.
 *
 * @module
 */
import type { MethodClient } from "../../../client/methods/method_client.ts";
import { PeerCache } from "../../../client/methods/peer_cache.ts";
import { MemoryStorage } from "../../../storage/memory_storage.ts";
import { SessionStore } from "../../../storage/session_store.ts";
import type { TLFunction, TypeChat, TypeUser } from "../../../tl/mod.ts";

/** The logged-in bot. */
export const SELF_ID = 100n;
/** A user the cache knows, with an access hash. */
export const ALICE_ID = 42n;
/** Alice's access hash. */
export const ALICE_HASH = 4242n;
/** A basic group (marked id −500). */
export const GROUP_ID = 500n;
/** A supergroup (marked id −1000000000777). */
export const SUPER_ID = 777n;
/** The supergroup's access hash. */
export const SUPER_HASH = 7777n;
/** Marked ids as the Bot API writes them. */
export const MARKED = {
  group: -500,
  supergroup: -1_000_000_000_777,
} as const;

/** The TL users of the fake world. */
export const USERS: TypeUser[] = [
  {
    _: "user",
    self: true,
    bot: true,
    id: SELF_ID,
    access_hash: 1n,
    first_name: "Bot",
    username: "the_bot",
  },
  {
    _: "user",
    id: ALICE_ID,
    access_hash: ALICE_HASH,
    first_name: "Alice",
    username: "alice",
  },
];

/** The TL chats of the fake world. */
export const CHATS: TypeChat[] = [
  {
    _: "chat",
    id: GROUP_ID,
    title: "Group",
    photo: { _: "chatPhotoEmpty" },
    participants_count: 2,
    date: 1,
    version: 1,
  },
  {
    _: "channel",
    id: SUPER_ID,
    access_hash: SUPER_HASH,
    megagroup: true,
    title: "Super",
    photo: { _: "chatPhotoEmpty" },
    date: 1,
  },
];

/** A fake client and what it was asked. */
export interface FakeClient {
  /** The client to give to the methods. */
  client: MethodClient;
  /** Every request, in order. */
  calls: TLFunction[];
}

/**
 * A fake client whose `invoke` records the request and answers with
 * `answer(request)` (a thrown error rejects the call).
 */
export async function fakeClient(
  answer: (request: TLFunction) => unknown = () => true,
): Promise<FakeClient> {
  const calls: TLFunction[] = [];
  const store = await SessionStore.open(new MemoryStorage());
  const invoke = (fn: TLFunction) => {
    calls.push(fn);
    try {
      return Promise.resolve(answer(fn));
    } catch (error) {
      return Promise.reject(error);
    }
  };
  const peers = new PeerCache({
    store: () => Promise.resolve(store),
    invoke: invoke as never,
  });
  peers.setSelfId(SELF_ID);
  await peers.remember({ users: USERS, chats: CHATS });
  return { client: { invoke: invoke as never, peers }, calls };
}
