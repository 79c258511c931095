/**
 * GramJS, a client written by others, against the local test DC: every
 * transport GramJS has (TCP full, abridged, obfuscated abridged, and
 * obfuscated abridged over WebSocket) through the key exchange, the first
 * `initConnection`, plain API calls, pings and the answers a client gets
 * before login.
 *
 * GramJS keeps an update loop and socket tasks running; each test destroys
 * its client in `finally`, and every step is bounded by `within()`.
 */

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import bigInt from "big-integer";
import { startTestDc, type TestDc } from "../dc/mod.ts";
import { Api, connectGramJs, GRAMJS_TRANSPORTS } from "./gramjs_client.ts";
import { badMsgLines, within } from "./helpers.ts";

describe("interop: GramJS 2.26 against the test DC", () => {
  let dc: TestDc;

  before(async () => {
    dc = await startTestDc({ dcCount: 2 });
  });

  after(async () => {
    await dc?.stop();
  });

  for (const transport of GRAMJS_TRANSPORTS) {
    it(`${transport}: key exchange, getConfig, getNearestDc, pings, 401 before login`, async () => {
      const gram = await within(
        `${transport}: connect`,
        connectGramJs(dc, transport),
        [],
      );
      const { client, log } = gram;
      try {
        const config = await within(
          "help.getConfig",
          client.invoke(new Api.help.GetConfig()),
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
          client.invoke(new Api.help.GetNearestDc()),
          log,
        );
        assert.equal(nearest.thisDc, 1);

        const pingId = bigInt(0x1234_5678);
        const pong = await within(
          "ping",
          client.invoke(new Api.Ping({ pingId })),
          log,
        );
        assert.ok(pong instanceof Api.Pong);
        assert.equal(pong.pingId.toString(), pingId.toString());
        const delayed = await within(
          "ping_delay_disconnect",
          client.invoke(
            new Api.PingDelayDisconnect({
              pingId: bigInt(99),
              disconnectDelay: 75,
            }),
          ),
          log,
        );
        assert.equal(delayed.pingId.toString(), "99");

        await assert.rejects(
          within(
            "updates.getState",
            client.invoke(new Api.updates.GetState()),
            log,
          ),
          (error: { code?: number; errorMessage?: string }) =>
            error.code === 401 &&
            error.errorMessage === "AUTH_KEY_UNREGISTERED",
        );
        assert.deepEqual(badMsgLines(log), []);
      } finally {
        await gram.close();
      }
    });
  }
});

describe("interop: GramJS 2.26 logs in as a bot (layer 198 answers)", () => {
  let dc: TestDc;

  before(async () => {
    dc = await startTestDc({ dcCount: 1 });
  });

  after(async () => {
    await dc?.stop();
  });

  it("importBotAuthorization, getUsers(self), resolveUsername, sendMessage, getState", async () => {
    const bot = dc.auth.createBot({ username: "gramjs_interop_bot" });
    const alice = dc.auth.createUser({
      phone: "9996612345",
      firstName: "Alice",
      username: "alice_gramjs",
    });
    // A bot may only write to users who wrote to it first.
    dc.chats.sendMessage(alice.id, { type: "user", id: bot.user.id }, "/start");
    const gram = await within(
      "connect",
      connectGramJs(dc, "abridged"),
      [],
    );
    const { client, log } = gram;
    try {
      await within(
        "start({ botAuthToken })",
        client.start({ botAuthToken: bot.token }),
        log,
      );
      const [me] = await within(
        "users.getUsers([inputUserSelf])",
        client.invoke(
          new Api.users.GetUsers({ id: [new Api.InputUserSelf()] }),
        ),
        log,
      );
      assert.ok(me instanceof Api.User);
      assert.equal(me.id.toString(), String(bot.user.id));
      assert.equal(me.bot, true);
      assert.equal(me.username, "gramjs_interop_bot");

      const resolved = await within(
        "contacts.resolveUsername",
        client.invoke(
          new Api.contacts.ResolveUsername({ username: "alice_gramjs" }),
        ),
        log,
      );
      assert.deepEqual(
        resolved.users.map((u) => u.id.toString()),
        [String(alice.id)],
      );

      const sent = await within(
        "sendMessage",
        client.sendMessage("alice_gramjs", { message: "hello from GramJS" }),
        log,
      );
      assert.equal(sent.message, "hello from GramJS");
      assert.ok(sent.id > 0);

      const state = await within(
        "updates.getState",
        client.invoke(new Api.updates.GetState()),
        log,
      );
      assert.ok(state.pts >= 1);
      assert.deepEqual(badMsgLines(log), []);
    } finally {
      await gram.close();
    }
  });
});
