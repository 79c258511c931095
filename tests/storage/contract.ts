/**
 * The one contract every {@linkcode Storage} backend must meet, as a list of
 * cases independent of any test framework (no `node:` or `Deno` imports), so
 * that the Deno/Node tests and the browser tests run the very same checks.
 *
 * ```ts
 * for (const testCase of storageContract) {
 *   it(testCase.name, () => runContractCase(testCase, factory));
 * }
 * ```
 */
import type { Storage, StorageValue } from "../../storage/storage.ts";
import {
  assertEqual,
  assertRejectsWith,
  ContractFailure,
} from "./contract_assert.ts";

/** How the contract gets storages of one backend. */
export interface StorageFactory {
  /** A fresh, empty storage, not shared with any other `create()`. */
  create(): Promise<Storage>;
  /**
   * Closes `storage` and opens the same backing store again; only for
   * backends that persist.
   */
  reopen?(storage: Storage): Promise<Storage>;
}

/** One check of the contract. */
export interface ContractCase {
  /** What is checked. */
  name: string;
  /** Only run when the factory can reopen. */
  persistent?: boolean;
  /** Runs the check on a fresh storage; returns the storage to close. */
  run(storage: Storage, factory: StorageFactory): Promise<Storage>;
}

/** Runs one case: creates a storage, runs the check, closes the storage. */
export async function runContractCase(
  testCase: ContractCase,
  factory: StorageFactory,
): Promise<void> {
  let storage = await factory.create();
  try {
    storage = await testCase.run(storage, factory);
  } finally {
    await storage.close();
  }
}

function bytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** Values of every kind a storage must hold unchanged. */
export const sampleValues: [string, StorageValue][] = [
  ["null", null],
  ["true", true],
  ["false", false],
  ["zero", 0],
  ["negative float", -1.5],
  ["max safe integer", Number.MAX_SAFE_INTEGER],
  ["empty string", ""],
  ["unicode string", 'sparrow 🐦 é \u0000 \n "quoted"'],
  ["zero bigint", 0n],
  ["big negative bigint", -(2n ** 100n)],
  ["max uint64 bigint", 2n ** 64n - 1n],
  ["empty bytes", new Uint8Array(0)],
  ["auth key bytes", bytes(256, 7)],
  ["empty array", []],
  ["empty object", {}],
  ["nested", {
    list: [1, "two", [3n], { four: new Uint8Array([4]) }],
    flag: false,
    none: null,
  }],
  ["keys that look like tags", { $b: "not base64", $n: 1, plain: 2 }],
  ["a lone tag key", { $o: { $n: "x" } }],
  ["array of tags", [{ $b: "" }, { $n: "1" }]],
  ["__proto__ key", JSON.parse('{"__proto__": {"polluted": true}, "a": 1}')],
];

const keysInOrder = [
  "a",
  "a/",
  "a/b",
  "a/b/c",
  "a/c",
  "a0",
  "ab",
  "b",
  "é",
  "\u{1F426}",
  "\uffff",
];

/** The contract's cases. */
export const storageContract: ContractCase[] = [
  {
    name: "a missing key reads as undefined",
    async run(storage) {
      assertEqual(await storage.get("missing"), undefined, "get(missing)");
      assertEqual(await storage.list(""), [], "list of an empty store");
      return storage;
    },
  },
  {
    name: "every kind of value round-trips unchanged",
    async run(storage) {
      for (const [name, value] of sampleValues) {
        await storage.set(`v/${name}`, value);
      }
      for (const [name, value] of sampleValues) {
        assertEqual(await storage.get(`v/${name}`), value, name);
      }
      const got = await storage.get("v/__proto__ key");
      if (({} as Record<string, unknown>).polluted !== undefined) {
        throw new ContractFailure("a __proto__ key polluted Object.prototype");
      }
      assertEqual(Object.getPrototypeOf(got), Object.prototype, "prototype");
      return storage;
    },
  },
  {
    name: "set overwrites and delete removes",
    async run(storage) {
      await storage.set("k", 1);
      await storage.set("k", { now: "an object" });
      assertEqual(await storage.get("k"), { now: "an object" }, "overwritten");
      await storage.delete("k");
      assertEqual(await storage.get("k"), undefined, "deleted");
      await storage.delete("k");
      await storage.delete("never-there");
      return storage;
    },
  },
  {
    name: "list returns the keys under a prefix, in key order",
    async run(storage) {
      for (const key of [...keysInOrder].reverse()) await storage.set(key, key);
      const all = await storage.list("");
      assertEqual(all.map(([k]) => k), keysInOrder, "list('') keys");
      assertEqual(all.every(([k, v]) => k === v), true, "values match keys");
      assertEqual((await storage.list("a/")).map(([k]) => k), [
        "a/",
        "a/b",
        "a/b/c",
        "a/c",
      ], "a/");
      assertEqual(
        (await storage.list("a/b")).map(([k]) => k),
        ["a/b", "a/b/c"],
        "a/b",
      );
      assertEqual((await storage.list("a")).length, 7, "a");
      assertEqual(await storage.list("c"), [], "no match");
      assertEqual((await storage.list("\u{1F426}")).map(([k]) => k), [
        "\u{1F426}",
      ], "astral");
      return storage;
    },
  },
  {
    name: "values are copied in and out",
    async run(storage) {
      const value = { bytes: new Uint8Array([1, 2, 3]), list: [1] };
      await storage.set("copy", value);
      value.bytes[0] = 99;
      value.list.push(2);
      const first = await storage.get("copy") as {
        bytes: Uint8Array;
        list: number[];
      };
      assertEqual(
        first,
        { bytes: new Uint8Array([1, 2, 3]), list: [1] },
        "after mutating input",
      );
      first.bytes[1] = 99;
      first.list.push(3);
      assertEqual(
        await storage.get("copy"),
        { bytes: new Uint8Array([1, 2, 3]), list: [1] },
        "after mutating output",
      );
      return storage;
    },
  },
  {
    name: "undefined properties are dropped, other unsupported values rejected",
    async run(storage) {
      await storage.set("u", { a: 1, b: undefined } as unknown as StorageValue);
      assertEqual(await storage.get("u"), { a: 1 }, "undefined property");
      const bad: [string, unknown][] = [
        ["undefined", undefined],
        ["NaN", NaN],
        ["Infinity", Infinity],
        ["function", () => 1],
        ["symbol", Symbol("s")],
        ["Date", new Date(0)],
        ["Map", new Map()],
        ["Int16Array", new Int16Array(2)],
        ["nested NaN", { a: [1, NaN] }],
      ];
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      bad.push(["cycle", cyclic]);
      let deep: unknown = 1;
      for (let i = 0; i < 1000; i++) deep = [deep];
      bad.push(["1000 levels deep", deep]);
      for (const [name, value] of bad) {
        await assertRejectsWith(
          storage.set("bad", value as StorageValue),
          "invalid",
          name,
        );
      }
      assertEqual(await storage.get("bad"), undefined, "nothing written");
      return storage;
    },
  },
  {
    name: "bad keys are rejected",
    async run(storage) {
      const badKeys: [string, unknown][] = [
        ["empty", ""],
        ["too long", "k".repeat(513)],
        ["lone surrogate", "a\ud800b"],
        ["number", 5],
      ];
      for (const [name, key] of badKeys) {
        await assertRejectsWith(
          storage.set(key as string, 1),
          "invalid",
          `set ${name}`,
        );
        await assertRejectsWith(
          storage.get(key as string),
          "invalid",
          `get ${name}`,
        );
      }
      await storage.set("k".repeat(512), "longest");
      assertEqual(
        await storage.get("k".repeat(512)),
        "longest",
        "512-character key",
      );
      return storage;
    },
  },
  {
    name: "a batch applies its ops in order",
    async run(storage) {
      await storage.set("gone", 1);
      await storage.batch([
        { type: "set", key: "x", value: 1 },
        { type: "set", key: "y", value: 2n },
        { type: "delete", key: "gone" },
        { type: "set", key: "x", value: 3 },
        { type: "delete", key: "y" },
        { type: "set", key: "y", value: new Uint8Array([5]) },
      ]);
      assertEqual(await storage.list(""), [["x", 3], [
        "y",
        new Uint8Array([5]),
      ]], "after batch");
      await storage.batch([]);
      return storage;
    },
  },
  {
    name: "a batch with a bad op writes nothing",
    async run(storage) {
      await storage.set("x", "before");
      await assertRejectsWith(
        storage.batch([
          { type: "set", key: "x", value: "after" },
          { type: "set", key: "z", value: 1 },
          { type: "set", key: "w", value: NaN },
        ]),
        "invalid",
        "batch with NaN",
      );
      await assertRejectsWith(
        storage.batch([
          { type: "delete", key: "x" },
          { type: "rename", key: "z" } as never,
        ]),
        "invalid",
        "batch with unknown op",
      );
      assertEqual(await storage.list(""), [["x", "before"]], "unchanged");
      return storage;
    },
  },
  {
    name: "calls without awaiting apply in call order",
    async run(storage) {
      const pending = [
        storage.set("c", 1),
        storage.set("c", 2),
        storage.set("d", 1),
        storage.batch([{ type: "delete", key: "d" }, {
          type: "set",
          key: "c",
          value: 3,
        }]),
      ];
      const read = storage.get("c");
      await Promise.all(pending);
      assertEqual(await read, 3, "read after unawaited writes");
      assertEqual(await storage.list(""), [["c", 3]], "final state");
      return storage;
    },
  },
  {
    name: "many keys and a large value",
    async run(storage) {
      const ops: { type: "set"; key: string; value: number }[] = [];
      for (let i = 0; i < 500; i++) {
        ops.push({
          type: "set" as const,
          key: `peer/${String(i).padStart(4, "0")}`,
          value: i,
        });
      }
      await storage.batch(ops);
      const listed = await storage.list("peer/");
      assertEqual(listed.length, 500, "count");
      assertEqual(
        listed.every(([k, v], i) => k === ops[i].key && v === i),
        true,
        "order",
      );
      const large = bytes(30_000, 3);
      await storage.set("large", large);
      assertEqual(await storage.get("large"), large, "30 kB value");
      return storage;
    },
  },
  {
    name: "a closed storage rejects every call",
    async run(storage) {
      await storage.set("k", 1);
      await storage.close();
      await assertRejectsWith(storage.get("k"), "closed", "get");
      await assertRejectsWith(storage.set("k", 2), "closed", "set");
      await assertRejectsWith(storage.delete("k"), "closed", "delete");
      await assertRejectsWith(storage.list(""), "closed", "list");
      await assertRejectsWith(storage.batch([]), "closed", "batch");
      return storage;
    },
  },
  {
    name: "calls made before close complete",
    async run(storage) {
      const write = storage.set("k", 1);
      const read = storage.get("k");
      await storage.close();
      await write;
      assertEqual(await read, 1, "read made before close");
      return storage;
    },
  },
  {
    name: "data survives closing and reopening",
    persistent: true,
    async run(storage, factory) {
      for (const [name, value] of sampleValues) {
        await storage.set(`v/${name}`, value);
      }
      await storage.set("deleted", 1);
      await storage.batch([
        { type: "delete", key: "deleted" },
        { type: "set", key: "batched", value: { at: 1n } },
      ]);
      const reopened = await factory.reopen!(storage);
      for (const [name, value] of sampleValues) {
        assertEqual(await reopened.get(`v/${name}`), value, `reopened ${name}`);
      }
      assertEqual(
        await reopened.get("deleted"),
        undefined,
        "deleted stays deleted",
      );
      assertEqual(await reopened.get("batched"), { at: 1n }, "batched");
      await reopened.set("after", true);
      const again = await factory.reopen!(reopened);
      assertEqual(await again.get("after"), true, "second reopen");
      return again;
    },
  },
];
