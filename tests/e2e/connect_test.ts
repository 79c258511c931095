import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startTestDc, type TestDc } from "../dc/mod.ts";
import { MemoryStorage } from "../../storage/memory_storage.ts";
import type { ClientTransportOptions } from "../../client/client.ts";
import { RequestAbortedError } from "../../client/session_errors.ts";
import { pipelinedPings, testClient } from "./helpers.ts";

const COMBINATIONS: [string, ClientTransportOptions][] = [
  ["TCP abridged", { framing: "abridged" }],
  ["TCP intermediate", { framing: "intermediate" }],
  ["TCP padded intermediate", { framing: "paddedIntermediate" }],
  ["TCP full", { framing: "full" }],
  ["TCP obfuscated abridged", { framing: "abridged", obfuscated: true }],
  ["TCP obfuscated intermediate", {
    framing: "intermediate",
    obfuscated: true,
  }],
  ["TCP obfuscated padded intermediate", {
    framing: "paddedIntermediate",
    obfuscated: true,
  }],
  ["WebSocket abridged", { framing: "abridged", connection: "websocket" }],
  ["WebSocket intermediate", {
    framing: "intermediate",
    connection: "websocket",
  }],
  ["WebSocket padded intermediate", {
    framing: "paddedIntermediate",
    connection: "websocket",
  }],
];

describe("connect, help.getConfig and 1,000 pipelined pings", () => {
  let dc: TestDc;
  before(async () => {
    dc = await startTestDc({ dcCount: 2 });
  });
  after(async () => {
    await dc.stop();
  });

  for (const [name, transport] of COMBINATIONS) {
    it(name, async () => {
      const client = testClient(dc, transport);
      try {
        await client.connect();
        assert.ok(client.connected);
        const config = await client.invoke({ _: "help.getConfig" });
        assert.equal(config._, "config");
        assert.equal(config.this_dc, 1);
        assert.ok(
          config.dc_options.some((o) =>
            o.id === 2 && o.port === dc.dcs[1].port
          ),
        );
        const order = await pipelinedPings(client, 1000);
        assert.deepEqual(
          order,
          Array.from({ length: 1000 }, (_, i) => i),
          "answered in the order of their ids",
        );
      } finally {
        await client.disconnect();
      }
    });
  }
});

describe("stored auth keys", () => {
  let dc: TestDc;
  before(async () => {
    dc = await startTestDc({ dcCount: 1 });
  });
  after(async () => {
    await dc.stop();
  });

  it("a second client on the same storage connects without a new key exchange", async () => {
    const storage = new MemoryStorage();
    const first = testClient(dc, {}, { storage });
    try {
      await first.connect();
      assert.equal(first.keyExchangeCount, 1);
      assert.equal(
        (await first.invoke({ _: "ping", ping_id: 1n })).ping_id,
        1n,
      );
    } finally {
      await first.disconnect();
    }
    const key = await storage.get("dc/1/auth_key");
    assert.ok(
      key instanceof Uint8Array && key.length === 256,
      "the key was stored",
    );
    assert.equal(
      typeof (await storage.get("dc/1/salt")),
      "bigint",
      "the salt was stored",
    );
    assert.equal(await storage.get("main_dc"), 1);

    const second = testClient(dc, { framing: "abridged", obfuscated: true }, {
      storage,
    });
    try {
      await second.connect();
      assert.equal(second.keyExchangeCount, 0);
      const config = await second.invoke({ _: "help.getConfig" });
      assert.equal(config.this_dc, 1);
    } finally {
      await second.disconnect();
    }
    assert.deepEqual(await storage.get("dc/1/auth_key"), key, "the same key");
  });

  it("a key the server does not know (transport error -404) is dropped and a new one created", async () => {
    const other = await startTestDc({ dcCount: 1 });
    const storage = new MemoryStorage();
    try {
      const first = testClient(other, {}, { storage });
      try {
        await first.connect();
      } finally {
        await first.disconnect();
      }
    } finally {
      await other.stop();
    }
    const unknownKey = await storage.get("dc/1/auth_key");
    assert.ok(unknownKey instanceof Uint8Array);
    const client = testClient(dc, {}, { storage });
    try {
      assert.equal(
        (await client.invoke({ _: "ping", ping_id: 7n })).ping_id,
        7n,
      );
      assert.equal(client.keyExchangeCount, 1, "a new key was made");
      const stored = await storage.get("dc/1/auth_key");
      assert.ok(stored instanceof Uint8Array && stored.length === 256);
      assert.notDeepEqual(
        stored,
        unknownKey,
        "and stored in place of the unknown one",
      );
    } finally {
      await client.disconnect();
    }
  });

  it("invoke() connects on its own, and disconnect() rejects what is in flight", async () => {
    const client = testClient(dc);
    try {
      assert.equal(
        (await client.invoke({ _: "help.getNearestDc" }))._,
        "nearestDc",
      );
      dc.knobs.delayResponses(2000);
      const late = client.invoke({ _: "ping", ping_id: 5n }).then(
        () => undefined,
        (e: Error) => e,
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      await client.disconnect();
      const error = await late;
      assert.ok(
        error instanceof RequestAbortedError && error.reason === "disconnected",
      );
    } finally {
      dc.knobs.reset();
      await client.disconnect();
    }
  });
});
