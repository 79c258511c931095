/**
 * The cross-runtime scenario on Deno (from the sources, through `mod.ts`
 * as users import it), over TCP and over WebSocket: a fresh session, then the
 * same storage again without a new key exchange or login. Node.js and
 * Chromium run the same scenario in `tests/node/` and `tests/browser/`.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as sparrow from "../../mod.ts";
import {
  type RuntimeHarness,
  startRuntimeHarness,
} from "./runtimes_harness.ts";
import { runScenario, type ScenarioResult } from "./runtimes_scenario.ts";

for (const connection of ["tcp", "websocket"] as const) {
  describe(`runtime scenario on Deno over ${connection}`, () => {
    let harness: RuntimeHarness;
    const storage = new sparrow.MemoryStorage();
    let first: ScenarioResult;
    before(async () => {
      harness = await startRuntimeHarness();
    });
    after(async () => {
      await harness.stop();
    });

    it("fresh session: key exchange, 100 pings (and login, getMe, message once the DC has them)", async () => {
      first = await runScenario(sparrow, {
        config: harness.config,
        connection,
        storage,
        sendToBot: harness.sendToBot,
        botLogins: harness.botLogins,
      });
      assert.equal(first.keyExchanges, 1);
      assert.equal(first.pings, 100);
      if (first.skipped.length === 0) {
        assert.ok(first.meId !== undefined);
        assert.equal(typeof first.replyId, "number");
      }
    });

    it("the same storage again: no key exchange", async () => {
      const again = await runScenario(sparrow, {
        config: harness.config,
        connection,
        storage,
        resumed: true,
        sendToBot: harness.sendToBot,
        botLogins: harness.botLogins,
      });
      assert.equal(again.keyExchanges, 0);
      assert.equal(again.pings, 100);
      assert.equal(again.meId, first.meId, "the same account");
    });

    it("bot login, getMe, a message and its update", {
      skip: !("start" in sparrow.Client.prototype) &&
        "Client.start() (bot login) is not there yet",
    }, () => {
      assert.deepEqual(first.skipped, []);
      assert.ok(first.received?.startsWith("hello from the"));
    });
  });
}
