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
import { Long, type mtp } from "@mtcute/core";
import type { BaseTelegramClient } from "@mtcute/core/client.js";
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

/** `mt_ping` through mtcute's `call()` (typed for API methods only, it takes service ones the same way). */
function callMtPing(
  client: BaseTelegramClient,
  pingId: number,
  abortSignal?: AbortSignal,
): Promise<mtp.RawMt_pong> {
  const request = { _: "mt_ping", pingId: Long.fromInt(pingId) };
  return client.call(
    request as unknown as Parameters<BaseTelegramClient["call"]>[0],
    { abortSignal },
  ) as unknown as Promise<mtp.RawMt_pong>;
}

describe("interop: mtcute 0.30 calls mt_ping itself", () => {
  let dc: TestDc;

  before(async () => {
    dc = await startTestDc({ dcCount: 1 });
  });

  after(async () => {
    await dc?.stop();
  });

  it("as its first call (inside invokeWithLayer + initConnection) the pong comes in rpc_result and call() resolves", async () => {
    const mt = createMtcute(dc, "intermediate");
    const { client, log } = mt;
    try {
      const pong = await within(
        "call(mt_ping) as the first call",
        callMtPing(client, 77),
        log,
      );
      assert.equal(pong._, "mt_pong");
      assert.equal(pong.pingId.toString(), "77");
      assert.deepEqual(badMsgLines(log), []);
    } finally {
      await mt.close();
    }
  });

  it("bare, later: a bare pong (not content-related), and msgs_state_info reports the ping received, needing no ack, with no answer generated (4 + 16), so mtcute does not resend it", async () => {
    const mt = createMtcute(dc, "intermediate");
    const { client, log } = mt;
    const abort = new AbortController();
    try {
      await within(
        "help.getNearestDc",
        client.call({ _: "help.getNearestDc" }),
        log,
      );
      // mtcute resolves calls only from rpc_result; a bare pong to a call it
      // logs and ignores, then asks msgs_state_req about the call (after
      // 1.5 s). With +64 ("content-related response generated") it would
      // resend the ping, forever.
      const call = callMtPing(client, 78, abort.signal);
      call.catch(() => {});
      await until(
        "mtcute's state request about its ping is answered",
        () =>
          log.some((line) =>
            line.includes("message is still pending (status = %d)")
          ),
        log,
      );
      assert.ok(
        log.some((line) =>
          /received pong to %s query, not ping .*rpc$/.test(line)
        ),
        "the DC answered with a bare pong",
      );
      const status = log.find((line) =>
        line.includes("message is still pending (status = %d)")
      )!.split(" ").pop();
      assert.equal(status, String(4 + 16));
      assert.deepEqual(
        log.filter((line) => line.includes("response not received")),
        [],
      );
      assert.deepEqual(badMsgLines(log), []);
    } finally {
      abort.abort();
      await mt.close();
    }
  });
});

describe("interop: mtcute 0.30 logs in as a bot (layer 227 answers)", () => {
  let dc: TestDc;

  before(async () => {
    dc = await startTestDc({ dcCount: 1 });
  });

  after(async () => {
    await dc?.stop();
  });

  it("importBotAuthorization, getUsers(self), resolveUsername, sendMessage, getState", async () => {
    const bot = dc.auth.createBot({ username: "mtcute_interop_bot" });
    const alice = dc.auth.createUser({
      phone: "9996612346",
      firstName: "Alice",
      username: "alice_mtcute",
    });
    dc.chats.sendMessage(alice.id, { type: "user", id: bot.user.id }, "/start");
    const mt = createMtcute(dc, "obfuscated-intermediate");
    const { client, log } = mt;
    try {
      const auth = await within(
        "auth.importBotAuthorization",
        client.call({
          _: "auth.importBotAuthorization",
          flags: 0,
          apiId: 12345,
          apiHash: "0123456789abcdef0123456789abcdef",
          botAuthToken: bot.token,
        }),
        log,
      );
      assert.equal(auth._, "auth.authorization");
      const [me] = await within(
        "users.getUsers([inputUserSelf])",
        client.call({ _: "users.getUsers", id: [{ _: "inputUserSelf" }] }),
        log,
      );
      assert.equal(me._, "user");
      assert.equal(me.id, bot.user.id);
      assert.equal(me._ === "user" && me.bot, true);

      const resolved = await within(
        "contacts.resolveUsername",
        client.call({
          _: "contacts.resolveUsername",
          username: "alice_mtcute",
        }),
        log,
      );
      const [user] = resolved.users;
      assert.equal(user._, "user");
      assert.equal(user.id, alice.id);

      const sent = await within(
        "messages.sendMessage",
        client.call({
          _: "messages.sendMessage",
          peer: {
            _: "inputPeerUser",
            userId: alice.id,
            accessHash: user._ === "user" ? user.accessHash! : Long.ZERO,
          },
          message: "hello from mtcute",
          randomId: Long.fromInt(42),
        }),
        log,
      );
      assert.ok(
        ["updateShortSentMessage", "updates"].includes(sent._),
        sent._,
      );

      const state = await within(
        "updates.getState",
        client.call({ _: "updates.getState" }),
        log,
      );
      assert.ok(state.pts >= 1);
      assert.deepEqual(badMsgLines(log), []);
    } finally {
      await mt.close();
    }
  });
});
