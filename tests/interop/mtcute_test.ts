/**
 * mtcute, a client written by others, against the local test DC: TCP
 * intermediate, padded intermediate, both obfuscated, and obfuscated
 * intermediate over WebSocket, through the key exchange, `initConnection`,
 * plain API calls (in mtcute's containers, next to its acks,
 * `get_future_salts` and state requests), its pings, and the answers a client
 * gets before login. mtcute numbers its acks as content-related; the DC must
 * not answer them with bad_msg_notification (as Telegram does not).
 */

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startTestDc, type TestDc } from "../dc/mod.ts";
import { createMtcute, MTCUTE_TRANSPORTS } from "./mtcute_client.ts";
import { badMsgLines, until, within } from "./helpers.ts";

describe("interop: mtcute 0.30 against the test DC", () => {
  let dc: TestDc;

  before(async () => {
    dc = await startTestDc({ dcCount: 2 });
  });

  after(async () => {
    await dc?.stop();
  });

  for (const transport of MTCUTE_TRANSPORTS) {
    it(`${transport}: key exchange, getConfig, getNearestDc, 401 before login`, async () => {
      const mt = createMtcute(dc, transport);
      const { client, log } = mt;
      try {
        await within("connect", client.connect(), log);
        const config = await within(
          "help.getConfig",
          client.call({ _: "help.getConfig" }),
          log,
        );
        assert.equal(config.thisDc, 1);
        assert.deepEqual(
          config.dcOptions.filter((o) => !o.mediaOnly).map((o) => [
            o.id,
            o.port,
          ]),
          dc.dcs.map((d) => [d.id, d.port]),
        );

        const nearest = await within(
          "help.getNearestDc",
          client.call({ _: "help.getNearestDc" }),
          log,
        );
        assert.equal(nearest.thisDc, 1);

        await assert.rejects(
          within(
            "updates.getState",
            client.call({ _: "updates.getState" }),
            log,
          ),
          (error: { code?: number; text?: string }) =>
            error.code === 401 && error.text === "AUTH_KEY_UNREGISTERED",
        );

        assert.deepEqual(badMsgLines(log), []);
      } finally {
        await mt.close();
      }
    });
  }

  it("mtcute's own ping_delay_disconnect, in a container with its acks, gets its pong", async () => {
    // mtcute pings an idle connection after the interval plus a random delay
    // of up to 5 s; one transport is enough for this.
    const mt = createMtcute(dc, "intermediate", { pingIntervalMs: 50 });
    const { client, log } = mt;
    try {
      await within(
        "help.getNearestDc",
        client.call({ _: "help.getNearestDc" }),
        log,
      );
      await until(
        "a pong for mtcute's ping",
        () => log.some((l) => l.includes("received pong: msg_id")),
        log,
      );
      assert.deepEqual(badMsgLines(log), []);
    } finally {
      await mt.close();
    }
  });
});
