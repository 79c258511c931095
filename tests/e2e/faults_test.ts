import assert from "node:assert/strict";
import { after, afterEach, before, describe, it } from "node:test";
import { startTestDc, type TestDc } from "../dc/mod.ts";
import { RpcError } from "../../client/rpc_error.ts";
import {
  BadMessageError,
  RequestAbortedError,
} from "../../client/session_errors.ts";
import { SecurityError } from "../../crypto/mod.ts";
import { TLError } from "../../tl/mod.ts";
import { TransportError } from "../../transport/mod.ts";
import type { Client } from "../../client/client.ts";
import { testClient } from "./helpers.ts";

const TYPED_ERRORS = [
  RpcError,
  BadMessageError,
  RequestAbortedError,
  SecurityError,
  TLError,
  TransportError,
];

/**
 * Sends `count` pings (in several packets, `perTick` per event-loop turn)
 * and waits until every one has settled. Checks that each fulfilled ping got
 * its own pong and each rejected one a typed error. Returns the counts.
 */
async function pingsInFlight(
  client: Client,
  count: number,
  options: {
    perTick?: number;
    during?: () => Promise<void> | void;
    firstId?: bigint;
  } = {},
): Promise<{ resolved: number; rejected: Error[] }> {
  const perTick = options.perTick ?? 5;
  const firstId = options.firstId ?? 1000n;
  const settled: Promise<{ ok: true } | { ok: false; error: Error }>[] = [];
  let settledCount = 0;
  for (let i = 0; i < count; i++) {
    if (i > 0 && i % perTick === 0) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    if (i === Math.floor(count / 2)) await options.during?.();
    const pingId = firstId + BigInt(i);
    settled.push(
      client.invoke({ _: "ping", ping_id: pingId }).then(
        (pong) => {
          settledCount++;
          assert.equal(pong.ping_id, pingId, "each ping gets its own pong");
          return { ok: true as const };
        },
        (error: Error) => {
          settledCount++;
          return { ok: false as const, error };
        },
      ),
    );
  }
  const outcomes = await Promise.all(settled);
  assert.equal(settledCount, count, "every invoke settled exactly once");
  const rejected = outcomes.flatMap((o) => (o.ok ? [] : [o.error]));
  for (const error of rejected) {
    assert.ok(
      TYPED_ERRORS.some((type) => error instanceof type),
      `a typed error, got ${error}`,
    );
  }
  return { resolved: count - rejected.length, rejected };
}

describe("faults: every invoke in flight settles, none twice", () => {
  let dc: TestDc;
  let client: Client;
  before(async () => {
    dc = await startTestDc({ dcCount: 1, saltLifetimeSeconds: 5 });
  });
  after(async () => {
    await dc.stop();
  });
  afterEach(async () => {
    dc.knobs.reset();
    await client?.disconnect();
  });

  it("a connection dropped mid-flight", async () => {
    client = testClient(dc);
    await client.connect();
    const { resolved } = await pingsInFlight(client, 60, {
      during: () => dc.knobs.dropConnectionsAfter(2),
    });
    assert.equal(resolved, 60, "the session recovers every request");
    assert.equal((await client.invoke({ _: "ping", ping_id: 1n })).ping_id, 1n);
  });

  it("responses delayed while the connection drops", async () => {
    client = testClient(dc);
    await client.connect();
    dc.knobs.delayResponses(300);
    const { resolved } = await pingsInFlight(client, 40, {
      during: () => dc.knobs.dropConnectionsAfter(1),
    });
    assert.equal(resolved, 40);
  });

  it("a bad salt", async () => {
    client = testClient(dc);
    await client.connect();
    const { resolved } = await pingsInFlight(client, 30, {
      during: () => dc.knobs.forceBadSalt(),
    });
    assert.equal(resolved, 30);
    dc.knobs.forceBadSalt();
    assert.equal((await client.invoke({ _: "help.getConfig" }))._, "config");
  });

  for (const skew of [3600, -3600]) {
    it(`a server clock skewed by ${skew > 0 ? "+" : ""}${skew} s`, async () => {
      client = testClient(dc);
      await client.connect();
      const { resolved } = await pingsInFlight(client, 30, {
        during: () => dc.knobs.skewClock(skew),
      });
      assert.equal(resolved, 30);
      assert.equal((await client.invoke({ _: "help.getConfig" }))._, "config");
      // A client that starts against the skewed clock learns the offset from the key exchange.
      const late = testClient(dc);
      try {
        assert.equal(
          (await late.invoke({ _: "help.getNearestDc" }))._,
          "nearestDc",
        );
      } finally {
        await late.disconnect();
      }
    });
  }

  it("a server restart", async () => {
    client = testClient(dc);
    await client.connect();
    dc.knobs.delayResponses(200);
    const { resolved } = await pingsInFlight(client, 40, {
      during: () => dc.knobs.restart(),
    });
    assert.equal(resolved, 40);
    dc.knobs.delayResponses(0);
    assert.equal((await client.invoke({ _: "help.getConfig" }))._, "config");
    assert.equal(
      client.keyExchangeCount,
      1,
      "the permanent key survived the restart",
    );
  });

  it("connections refused for 5 seconds", async () => {
    client = testClient(dc);
    await client.connect();
    dc.knobs.delayResponses(100);
    const { resolved } = await pingsInFlight(client, 30, {
      during: () => dc.knobs.refuseConnectionsFor(5000),
    });
    assert.equal(resolved, 30);
    assert.ok(client.connected);
  });

  it("salts of 5 seconds are rotated over a longer session", async () => {
    client = testClient(dc);
    await client.connect();
    for (let round = 0; round < 4; round++) {
      assert.equal(
        (await client.invoke({ _: "ping", ping_id: BigInt(round) })).ping_id,
        BigInt(round),
      );
      await new Promise((resolve) => setTimeout(resolve, 2500));
    }
  });
});
