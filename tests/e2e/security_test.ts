import assert from "node:assert/strict";
import { after, afterEach, before, describe, it } from "node:test";
import { type MaliciousMode, startTestDc, type TestDc } from "../dc/mod.ts";
import { SecurityError } from "../../crypto/mod.ts";
import { MemoryStorage } from "../../storage/memory_storage.ts";
import type { Client } from "../../client/client.ts";
import { testClient } from "./helpers.ts";

const isSecurityError = (check: string) => (error: unknown) => {
  assert.ok(error instanceof SecurityError, `a SecurityError, got ${error}`);
  assert.equal(error.check, check);
  return true;
};

describe("security: the client refuses a lying server and names the failed check", () => {
  let dc: TestDc;
  let client: Client | undefined;
  before(async () => {
    dc = await startTestDc({ dcCount: 1 });
  });
  after(async () => {
    await dc.stop();
  });
  afterEach(async () => {
    dc.knobs.reset();
    await client?.disconnect();
    client = undefined;
  });

  const exchangeCases: [MaliciousMode, string][] = [
    ["wrong_nonce", "nonce"],
    ["bad_dh_prime", "dh_prime"],
    ["g_a_out_of_range", "g_a"],
  ];
  for (const [mode, check] of exchangeCases) {
    it(`key exchange: ${mode}`, async () => {
      dc.knobs.setMalicious(mode);
      const storage = new MemoryStorage();
      client = testClient(dc, {}, { storage });
      await assert.rejects(client.connect(), isSecurityError(check));
      assert.equal(
        await storage.get("dc/1/auth_key"),
        undefined,
        "no key is stored",
      );
      // The same check fails again on the next attempt; nothing loops in the background.
      await assert.rejects(
        client.invoke({ _: "ping", ping_id: 1n }),
        isSecurityError(check),
      );
      assert.equal(client.connected, false);
    });
  }

  const sessionCases: [MaliciousMode, string][] = [
    ["wrong_msg_key", "msg_key"],
    ["wrong_session_id", "session_id"],
  ];
  for (const [mode, check] of sessionCases) {
    it(`encrypted session: ${mode}`, async () => {
      client = testClient(dc);
      await client.connect();
      dc.knobs.setMalicious(mode);
      const pings = [1n, 2n, 3n].map((id) =>
        client!.invoke({ _: "ping", ping_id: id })
      );
      for (const ping of pings) {
        await assert.rejects(ping, isSecurityError(check));
      }
      dc.knobs.setMalicious(undefined);
      assert.equal(
        (await client.invoke({ _: "ping", ping_id: 4n })).ping_id,
        4n,
        "a later call reconnects",
      );
    });
  }

  it("encrypted session: replay (every packet twice) is ignored, each call answered once", async () => {
    const warnings: SecurityError[] = [];
    client = testClient(dc, {}, {
      onSecurityWarning: (error) => warnings.push(error),
    });
    await client.connect();
    dc.knobs.setMalicious("replay");
    let answers = 0;
    const pings = Array.from(
      { length: 20 },
      (_, i) =>
        client!.invoke({ _: "ping", ping_id: BigInt(i) }).then((pong) => {
          answers++;
          assert.equal(pong.ping_id, BigInt(i));
        }),
    );
    await Promise.all(pings);
    assert.equal(answers, 20);
    assert.ok(warnings.length > 0, "the replays were noticed");
    assert.ok(
      warnings.every((w) => w.check === "msg_id_duplicate"),
      warnings.map((w) => w.check).join(),
    );
  });
});
