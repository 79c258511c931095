import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { encodeBase64 } from "../../storage/base64.ts";
import { crc32 } from "../../storage/crc32.ts";
import { MemoryStorage } from "../../storage/memory_storage.ts";
import {
  type Authorization,
  SessionStore,
} from "../../storage/session_store.ts";
import {
  decodeSessionString,
  encodeSessionString,
  exportSession,
  importSession,
  SESSION_STRING_STORE,
} from "../../storage/session_string.ts";
import { StorageError } from "../../storage/storage_error.ts";

const key = (seed: number) =>
  new Uint8Array(256).map((_, i) => (i * 7 + seed) & 0xff);

const samples: [string, Authorization][] = [
  ["one DC, no account, no salt", {
    mainDc: 2,
    dcs: [{ id: 2, authKey: key(1) }],
  }],
  ["a bot", {
    mainDc: 1,
    dcs: [{ id: 1, authKey: key(2), salt: -(2n ** 63n) }],
    account: { userId: 2n ** 63n - 1n, isBot: true },
  }],
  ["a user on several DCs", {
    mainDc: 4,
    dcs: [
      { id: 2, authKey: key(3), salt: 1n },
      { id: 4, authKey: key(4), salt: -1n },
      { id: 10005, authKey: key(5) },
    ],
    account: { userId: 777000n, isBot: false },
  }],
];

function isSessionStringError(code: string, pattern?: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof StorageError, `not a StorageError: ${error}`);
    assert.equal(error.code, code, error.message);
    assert.equal(error.store, SESSION_STRING_STORE);
    if (pattern) assert.match(error.message, pattern);
    return true;
  };
}

/** A hand-made session string: `body` plus its CRC. */
function craft(body: number[]): string {
  const bytes = new Uint8Array(body.length + 4);
  bytes.set(body);
  new DataView(bytes.buffer).setUint32(
    body.length,
    crc32(bytes.subarray(0, body.length)),
    true,
  );
  return "1" + encodeBase64(bytes, true);
}

const i32 = (
  n: number,
) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
const dcEntry = (id: number, seed: number) => [...i32(id), 0, ...key(seed)];

describe("session strings", () => {
  for (const [name, auth] of samples) {
    it(`round-trip: ${name}`, () => {
      const text = encodeSessionString(auth);
      assert.match(text, /^1[A-Za-z0-9_-]+$/);
      assert.deepEqual(decodeSessionString(text), auth);
      assert.deepEqual(
        decodeSessionString(` ${text}\n`),
        auth,
        "surrounding whitespace",
      );
    });
  }

  it("is about 380 characters for one DC", () => {
    const text = encodeSessionString(samples[1][1]);
    assert.ok(text.length < 400, `length ${text.length}`);
  });

  it("exports from one store and imports into another", async () => {
    const source = await SessionStore.open(new MemoryStorage());
    await assert.rejects(
      exportSession(source),
      (e) => e instanceof StorageError && e.code === "invalid",
    );
    await source.setAuthorization(samples[2][1]);
    await source.putPeers([{ id: 5n, kind: "user", accessHash: 5n }]);
    const text = await exportSession(source);
    const target = await SessionStore.open(new MemoryStorage());
    await target.setAuthorization(samples[1][1]);
    await target.putPeers([{ id: 6n, kind: "user", accessHash: 6n }]);
    await importSession(target, text);
    assert.deepEqual(await target.getAuthorization(), samples[2][1]);
    assert.equal(
      await target.getPeer(6n),
      undefined,
      "another account's peers go",
    );
    assert.equal(await target.getPeer(5n), undefined, "peers are not exported");
    assert.equal(await target.getAuthKey(1), undefined, "old keys go");
  });

  it("a bad string leaves the store unchanged", async () => {
    const store = await SessionStore.open(new MemoryStorage());
    await store.setAuthorization(samples[1][1]);
    await assert.rejects(
      importSession(store, "1AAAA"),
      isSessionStringError("corrupt"),
    );
    assert.deepEqual(await store.getAuthorization(), samples[1][1]);
  });

  describe("bad strings give a StorageError", () => {
    const good = encodeSessionString(samples[2][1]);
    const flipped = good.slice(0, 100) + (good[100] === "A" ? "B" : "A") +
      good.slice(101);
    const cases: [string, string, string, RegExp][] = [
      ["empty", "", "corrupt", /empty/],
      ["another library's string", "AQIDBA", "corrupt", /not a Sparrow/],
      [
        "a newer format",
        "2" + good.slice(1),
        "version",
        /format 2 is not supported/,
      ],
      [
        "bad characters",
        good.slice(0, 50) + "+/=" + good.slice(53),
        "corrupt",
        /base64url/,
      ],
      [
        "truncated by one character",
        good.slice(0, -1),
        "corrupt",
        /checksum|base64url/,
      ],
      [
        "truncated by half",
        good.slice(0, good.length >> 1),
        "corrupt",
        /checksum|base64url/,
      ],
      ["too short", "1AAAA", "corrupt", /too short/],
      ["one character changed", flipped, "corrupt", /checksum/],
      [
        "main DC without a key",
        craft([0, ...i32(3), 1, ...dcEntry(2, 1)]),
        "corrupt",
        /main DC/,
      ],
      [
        "DC listed twice",
        craft([0, ...i32(2), 2, ...dcEntry(2, 1), ...dcEntry(2, 2)]),
        "corrupt",
        /twice/,
      ],
      [
        "trailing data",
        craft([0, ...i32(2), 1, ...dcEntry(2, 1), 9]),
        "corrupt",
        /trailing/,
      ],
      [
        "a DC cut short",
        craft([0, ...i32(2), 2, ...dcEntry(2, 1), 1, 0]),
        "corrupt",
        /truncated/,
      ],
      [
        "bad flags",
        craft([8, ...i32(2), 1, ...dcEntry(2, 1)]),
        "corrupt",
        /flags/,
      ],
      [
        "bot flag without account",
        craft([2, ...i32(2), 1, ...dcEntry(2, 1)]),
        "corrupt",
        /flags/,
      ],
      [
        "DC id zero",
        craft([0, ...i32(0), 1, ...dcEntry(0, 1)]),
        "corrupt",
        /bad DC/,
      ],
    ];
    for (const [name, text, code, pattern] of cases) {
      it(name, () => {
        assert.throws(
          () => decodeSessionString(text),
          isSessionStringError(code, pattern),
        );
      });
    }
    it("the crafted strings are valid when well-formed", () => {
      assert.deepEqual(
        decodeSessionString(craft([0, ...i32(2), 1, ...dcEntry(2, 1)])),
        {
          mainDc: 2,
          dcs: [{ id: 2, authKey: key(1) }],
        },
      );
    });
  });

  it("refuses to encode what it could not decode", () => {
    const bad: Authorization[] = [
      { mainDc: 2, dcs: [] },
      { mainDc: 2, dcs: [{ id: 3, authKey: key(1) }] },
      { mainDc: 2, dcs: [{ id: 2, authKey: new Uint8Array(10) }] },
      { mainDc: 2, dcs: [{ id: 2, authKey: key(1), salt: 2n ** 64n }] },
      {
        mainDc: 2,
        dcs: [{ id: 2, authKey: key(1) }, { id: 2, authKey: key(2) }],
      },
      {
        mainDc: 2,
        dcs: [{ id: 2, authKey: key(1) }],
        account: { userId: -(2n ** 64n), isBot: false },
      },
    ];
    for (const auth of bad) {
      assert.throws(
        () => encodeSessionString(auth),
        isSessionStringError("invalid"),
      );
    }
  });
});
