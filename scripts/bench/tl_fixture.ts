/**
 * Bench fixtures: a ~30 KB `messages.messages` (100 messages with entities,
 * 5 users, 2 chats) and a `messages.sendMessage`, built deterministically.
 * `toMtcute` converts them to mtcute's shape (camelCase fields, Long).
 *
 * @module
 */
import type {
  RawMessagesMessages,
  RawMessagesSendMessageRequest,
  TypeMessageEntity,
} from "../../tl/mod.ts";

const WORDS = [
  "hello",
  "world",
  "привет",
  "sparrow",
  "telegram",
  "бенчмарк",
  "message",
  "entity",
  "☕",
  "again",
];

function text(seed: number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    out.push(WORDS[(seed * 7 + i * 3) % WORDS.length]);
  }
  return out.join(" ");
}

function entities(seed: number): TypeMessageEntity[] {
  return [
    { _: "messageEntityBold", offset: 0, length: 5 },
    { _: "messageEntityItalic", offset: 6, length: 5 + (seed % 3) },
    {
      _: "messageEntityTextUrl",
      offset: 12,
      length: 7,
      url: `https://example.com/p/${seed}`,
    },
  ];
}

/** A `messages.messages` of 100 messages, 5 users and 2 chats. */
export function bigMessages(): RawMessagesMessages {
  const users = [];
  for (let i = 0; i < 5; i++) {
    users.push({
      _: "user" as const,
      id: 1000000000n + BigInt(i),
      access_hash: -8000000000000000000n + BigInt(i * 12345),
      first_name: `User${i}`,
      last_name: i % 2 ? "Иванов" : "Smith",
      username: `user_${i}_name`,
      photo: {
        _: "userProfilePhoto" as const,
        photo_id: 5000000000000n + BigInt(i),
        dc_id: 2,
      },
      status: { _: "userStatusOnline" as const, expires: 1700000000 + i },
    });
  }
  const chats = [];
  for (let i = 0; i < 2; i++) {
    chats.push({
      _: "chat" as const,
      id: 700000n + BigInt(i),
      title: `Group chat number ${i}`,
      photo: { _: "chatPhotoEmpty" as const },
      participants_count: 42 + i,
      date: 1690000000 + i,
      version: 3,
    });
  }
  const messages = [];
  for (let i = 0; i < 100; i++) {
    messages.push({
      _: "message" as const,
      out: i % 3 === 0 ? true as const : undefined,
      id: 200000 + i,
      from_id: { _: "peerUser" as const, user_id: 1000000000n + BigInt(i % 5) },
      peer_id: { _: "peerChat" as const, chat_id: 700000n + BigInt(i % 2) },
      reply_to: i % 4 === 0
        ? { _: "messageReplyHeader" as const, reply_to_msg_id: 200000 + i - 1 }
        : undefined,
      date: 1700000000 + i * 60,
      message: text(i, 20 + (i % 10)),
      entities: entities(i),
      edit_date: i % 5 === 0 ? 1700000500 + i : undefined,
    });
  }
  // Drop undefined keys so the object equals what a reader produces.
  const clean = <T extends object>(o: T): T =>
    Object.fromEntries(
      Object.entries(o).filter(([, v]) => v !== undefined),
    ) as T;
  return {
    _: "messages.messages",
    messages: messages.map((m) => clean(m)),
    topics: [],
    chats,
    users,
  } as RawMessagesMessages;
}

/** A typical `messages.sendMessage`. */
export function sendMessage(): RawMessagesSendMessageRequest {
  return {
    _: "messages.sendMessage",
    silent: true,
    peer: {
      _: "inputPeerUser",
      user_id: 1000000001n,
      access_hash: -8000000000000012345n,
    },
    message:
      "Hello from Sparrow! Привет! This is a benchmark message with **bold** text.",
    random_id: 0x123456789abcdefn,
    entities: [
      { _: "messageEntityBold", offset: 50, length: 8 },
      {
        _: "messageEntityTextUrl",
        offset: 0,
        length: 5,
        url: "https://example.com/",
      },
    ],
  };
}

/** Converts an object to mtcute's shape: camelCase keys, `long` as Long. */
export function toMtcute(v: unknown, toLong: (b: bigint) => unknown): unknown {
  if (typeof v === "bigint") return toLong(v);
  if (Array.isArray(v)) return v.map((x) => toMtcute(x, toLong));
  if (v instanceof Uint8Array || v === null || typeof v !== "object") return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    out[
      k === "_"
        ? k
        : k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())
    ] = toMtcute(x, toLong);
  }
  return out;
}
