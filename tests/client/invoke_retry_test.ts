import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  invokeWithRetries,
  MAX_FLOOD_RETRIES,
  MAX_MIGRATIONS,
  type RetryHost,
} from "../../client/invoke_retry.ts";
import { rpcErrorFrom } from "../../client/rpc_error.ts";
import type { TLFunction } from "../../tl/mod.ts";

const PING: TLFunction = { _: "help.getConfig" };

/** A host whose calls answer from a script of errors (then "ok"), recording what happened. */
function scripted(errors: [number, string][], threshold = 60) {
  const log: string[] = [];
  let main = 2;
  const next = (where: string) => {
    log.push(where);
    const error = errors.shift();
    if (error) throw rpcErrorFrom(error[0], error[1], "help.getConfig");
    return "ok";
  };
  const host: RetryHost = {
    invokeMain: () => Promise.resolve().then(() => next(`main:${main}`)),
    invokeOn: (dc) => Promise.resolve().then(() => next(`on:${dc}`)),
    moveMainDc: (dc) => {
      log.push(`move:${dc}`);
      main = dc;
      return Promise.resolve();
    },
    floodSleepThreshold: threshold,
    sleep: (ms) => {
      log.push(`sleep:${ms}`);
      return Promise.resolve();
    },
  };
  return { host, log };
}

describe("invokeWithRetries", () => {
  it("PHONE/USER/NETWORK_MIGRATE move the main DC and repeat there", async () => {
    for (const kind of ["PHONE", "USER", "NETWORK"]) {
      const { host, log } = scripted([[303, `${kind}_MIGRATE_4`]]);
      assert.equal(await invokeWithRetries(host, PING), "ok");
      assert.deepEqual(log, ["main:2", "move:4", "main:4"]);
    }
  });

  it("FILE/STATS_MIGRATE repeat on that DC without moving the main DC", async () => {
    for (const kind of ["FILE", "STATS"]) {
      const { host, log } = scripted([[303, `${kind}_MIGRATE_5`]]);
      assert.equal(await invokeWithRetries(host, PING), "ok");
      assert.deepEqual(log, ["main:2", "on:5"]);
    }
  });

  it("sleeps through flood waits up to the threshold, inclusive", async () => {
    const { host, log } = scripted([[420, "FLOOD_WAIT_3"], [
      420,
      "FLOOD_PREMIUM_WAIT_10",
    ]], 10);
    assert.equal(await invokeWithRetries(host, PING), "ok");
    assert.deepEqual(log, [
      "main:2",
      "sleep:3000",
      "main:2",
      "sleep:10000",
      "main:2",
    ]);
  });

  it("throws a flood wait over the threshold, and SLOWMODE_WAIT always", async () => {
    const over = scripted([[420, "FLOOD_WAIT_11"]], 10);
    await assert.rejects(
      invokeWithRetries(over.host, PING),
      (error: Error & { seconds?: number }) => error.seconds === 11,
    );
    assert.deepEqual(over.log, ["main:2"]);
    const slow = scripted([[420, "SLOWMODE_WAIT_1"]], 60);
    await assert.rejects(
      invokeWithRetries(slow.host, PING),
      /SLOWMODE_WAIT_1/,
    );
    const zero = scripted([[420, "FLOOD_WAIT_1"]], 0);
    await assert.rejects(invokeWithRetries(zero.host, PING), /FLOOD_WAIT_1/);
  });

  it("gives up after a bounded number of migrations and flood waits", async () => {
    const loop = scripted(
      Array.from(
        { length: MAX_MIGRATIONS + 1 },
        (_, i) => [303, `USER_MIGRATE_${i % 2 + 1}`] as [number, string],
      ),
    );
    await assert.rejects(invokeWithRetries(loop.host, PING), /USER_MIGRATE/);
    const floods = scripted(
      Array.from(
        { length: MAX_FLOOD_RETRIES + 1 },
        () => [420, "FLOOD_WAIT_0"] as [number, string],
      ),
    );
    await assert.rejects(invokeWithRetries(floods.host, PING), /FLOOD_WAIT_0/);
    assert.equal(
      floods.log.filter((entry) => entry.startsWith("sleep")).length,
      MAX_FLOOD_RETRIES,
    );
  });

  it("passes other errors through untouched", async () => {
    const { host, log } = scripted([[400, "PEER_ID_INVALID"]]);
    await assert.rejects(invokeWithRetries(host, PING), /PEER_ID_INVALID/);
    assert.deepEqual(log, ["main:2"]);
  });
});
