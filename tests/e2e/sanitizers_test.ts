/**
 * Deno's op and resource sanitizers around a whole client lifetime: the
 * `node:test` suites elsewhere run without them, so these tests use
 * `Deno.test`, whose sanitizers fail a test that leaves a timer, a socket or
 * a pending promise behind after `disconnect()` and `dc.stop()`.
 *
 * @module
 */

import assert from "node:assert/strict";
import { startTestDc } from "../dc/mod.ts";
import type { ClientTransportOptions } from "../../client/client.ts";
import { RequestAbortedError } from "../../client/session_errors.ts";
import { pipelinedPings, testClient } from "./helpers.ts";

const LIFETIMES: [string, ClientTransportOptions][] = [
  ["TCP intermediate", { framing: "intermediate" }],
  ["TCP obfuscated abridged", { framing: "abridged", obfuscated: true }],
  ["WebSocket intermediate", {
    framing: "intermediate",
    connection: "websocket",
  }],
];

for (const [name, transport] of LIFETIMES) {
  Deno.test({
    name:
      `${name}: connect, bot login, pings, disconnect leave no timer or socket behind`,
    sanitizeOps: true,
    sanitizeResources: true,
    fn: async () => {
      const dc = await startTestDc({ dcCount: 2 });
      try {
        const { user, token } = dc.auth.createBot({ username: "tidy_bot" });
        const client = testClient(dc, transport);
        const me = await client.start({ botToken: token });
        assert.equal(me.id, Number(user.id));
        assert.equal((await pipelinedPings(client, 50)).length, 50);
        await client.disconnect();
        // A second lifetime on the same storage: no key exchange, no login.
        await client.connect();
        assert.equal((await pipelinedPings(client, 5, 100n)).length, 5);
        await client.disconnect();
      } finally {
        await dc.stop();
      }
    },
  });
}

Deno.test({
  name:
    "a disconnect while requests are in flight settles them and leaves nothing behind",
  sanitizeOps: true,
  sanitizeResources: true,
  fn: async () => {
    const dc = await startTestDc({ dcCount: 1 });
    try {
      const client = testClient(dc, { framing: "intermediate" });
      await client.connect();
      dc.knobs.delayResponses(10_000);
      const inFlight = Array.from(
        { length: 10 },
        () => client.invoke({ _: "help.getNearestDc" }),
      );
      const settled = Promise.allSettled(inFlight);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await client.disconnect();
      const outcomes = await settled;
      for (const outcome of outcomes) {
        assert.equal(outcome.status, "rejected");
        assert.ok(outcome.reason instanceof RequestAbortedError);
      }
    } finally {
      dc.knobs.reset();
      await dc.stop();
    }
  },
});
