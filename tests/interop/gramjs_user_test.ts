/**
 * GramJS, a client written by others, as a user of the local test DC: its own
 * login flow (auth.sendCode on DC 1 for a number that lives on DC 2, so
 * PHONE_MIGRATE_2 and GramJS's own DC switch; the code; then the 2FA
 * password, with SRP computed by GramJS against the DC's
 * account.getPassword / auth.checkPassword), then messages with a Sparrow
 * bot: GramJS writes to it, the bot's update handler answers, and the answer
 * reaches GramJS's own `NewMessage` event handler, pushed by the DC across
 * DCs in layer 198. GramJS 2.26 has no gap recovery (its `catchUp()` is
 * empty), so what was sent while it was away it fetches with an explicit
 * `updates.getDifference`, which must parse in its layer.
 */

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { NewMessage, type NewMessageEvent } from "telegram/events/index.js";
import { startTestDc, type TestDc } from "../dc/mod.ts";
import { Api, connectGramJs, type GramJsHandle } from "./gramjs_client.ts";
import { badMsgLines, until, within } from "./helpers.ts";
import { botReplyTo, type SparrowBot, startSparrowBot } from "./sparrow_bot.ts";

describe("interop: GramJS 2.26 as a user (phone login, PHONE_MIGRATE, 2FA, messages with a Sparrow bot)", () => {
  let dc: TestDc;
  let bot: SparrowBot;
  let gram: GramJsHandle | undefined;
  let userId: number;
  const PHONE = "9996621001";

  before(async () => {
    dc = await startTestDc({ dcCount: 2 });
    userId = dc.auth.createUser({
      phone: PHONE,
      firstName: "Gram",
      username: "gram_user",
      password: "correct horse",
      passwordHint: "horse",
    }).id;
    bot = await startSparrowBot(dc, "sparrow_for_gramjs_bot");
  });

  after(async () => {
    await gram?.close();
    await bot?.close();
    await dc?.stop();
  });

  it("start(): sendCode on DC 1 → PHONE_MIGRATE_2 → signIn on DC 2 → SESSION_PASSWORD_NEEDED → SRP (a wrong password first)", async () => {
    gram = await within("connect", connectGramJs(dc, "obfuscated"), []);
    const { client, log } = gram;
    const stats = { ...dc.auth.stats };
    const hints: (string | undefined)[] = [];
    const errors: string[] = [];
    const passwords = ["wrong horse", "correct horse"];
    await within(
      "start({ phoneNumber, phoneCode, password })",
      client.start({
        phoneNumber: `+${PHONE}`,
        phoneCode: () => Promise.resolve("22222"),
        password: (hint?: string) => {
          hints.push(hint);
          return Promise.resolve(passwords.shift() ?? "");
        },
        onError: (error: Error & { errorMessage?: string }) => {
          errors.push(error.errorMessage ?? error.message);
          // Go on (ask again) only after the expected wrong password.
          return Promise.resolve(errors.length > 1);
        },
      }),
      log,
    );
    assert.deepEqual(errors, ["PASSWORD_HASH_INVALID"]);
    assert.deepEqual(hints, ["horse", "horse"]);
    assert.ok(
      log.some((line) => line.includes("Phone migrated to 2")),
      "GramJS handled PHONE_MIGRATE_2 itself",
    );
    assert.equal(client.session.dcId, 2);
    const me = await within("getMe", client.getMe(), log);
    assert.equal(me.id.toString(), String(userId));
    assert.equal(me.phone, PHONE);
    assert.equal(dc.auth.stats.codesSent, stats.codesSent + 1);
    assert.equal(dc.auth.stats.passwordChecks, stats.passwordChecks + 2);
    assert.equal(dc.auth.stats.userLogins, stats.userLogins + 1);
    assert.deepEqual(badMsgLines(log), []);
  });

  it("writes to a Sparrow bot on DC 1; the bot's handler replies; GramJS's NewMessage handler gets the reply; getDifference after a reconnect", async () => {
    assert.ok(gram, "logged in by the previous test");
    const { client, log } = gram;
    const received: Api.Message[] = [];
    client.addEventHandler(
      (event: NewMessageEvent) => void received.push(event.message),
      new NewMessage({}),
    );

    const sent = await within(
      "sendMessage to the bot",
      client.sendMessage(bot.username, { message: "hello, Sparrow" }),
      log,
    );
    assert.equal(sent.message, "hello, Sparrow");
    await until(
      "the Sparrow bot's handler sees GramJS's message",
      () => bot.seen.some((m) => m.text === "hello, Sparrow"),
      log,
    );
    const seenByBot = bot.seen.find((m) => m.text === "hello, Sparrow")!;
    assert.equal(seenByBot.from?.id, userId);
    assert.equal(seenByBot.chat.id, userId);
    assert.equal(seenByBot.message_id, sent.id);

    await until(
      "GramJS's NewMessage handler gets the bot's reply",
      () => received.some((m) => m.message === botReplyTo("hello, Sparrow")),
      log,
    );
    const reply = received.find((m) =>
      m.message === botReplyTo("hello, Sparrow")
    )!;
    assert.equal(reply.out, false);
    assert.equal(reply.senderId?.toString(), String(bot.id));
    assert.equal(reply.id, sent.id + 1, "one message box per user");

    // A reply with entities and a keyboard comes as `updates` (layer 198's `message`).
    await bot.client.sendMessage(userId, "<b>pick</b> one", {
      parse_mode: "HTML",
      reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "a" }]] },
    });
    await until(
      "GramJS's NewMessage handler gets the message with a keyboard",
      () => received.some((m) => m.message === "pick one"),
      log,
    );
    const picked = received.find((m) => m.message === "pick one")!;
    assert.deepEqual(picked.entities?.map((e) => e.className), [
      "MessageEntityBold",
    ]);
    assert.ok(picked.replyMarkup instanceof Api.ReplyInlineMarkup);
    const [[button]] = picked.replyMarkup.rows.map((row) => row.buttons);
    assert.ok(button instanceof Api.KeyboardButtonCallback);
    assert.equal(button.text, "A");
    assert.equal(new TextDecoder().decode(button.data), "a");

    // History in layer 198's messages.messages.
    const history = await within(
      "getMessages (messages.getHistory)",
      client.getMessages(bot.username, { limit: 10 }),
      log,
    );
    assert.deepEqual([...history].map((m) => m.message), [
      "pick one",
      botReplyTo("hello, Sparrow"),
      "hello, Sparrow",
    ]);

    // Away: what the bot sends now, GramJS fetches with getDifference.
    const state = await within(
      "updates.getState",
      client.invoke(new Api.updates.GetState()),
      log,
    );
    await within("disconnect", client.disconnect(), log);
    await bot.client.sendMessage(userId, "sent while GramJS was away");
    await within("connect again", client.connect(), log);
    const difference = await within(
      "updates.getDifference",
      client.invoke(
        new Api.updates.GetDifference({
          pts: state.pts,
          date: state.date,
          qts: state.qts,
        }),
      ),
      log,
    );
    assert.ok(
      difference instanceof Api.updates.Difference,
      difference.className,
    );
    assert.deepEqual(
      difference.newMessages.map((m) =>
        m instanceof Api.Message ? [m.message, m.out] : m.className
      ),
      [["sent while GramJS was away", false]],
    );
    assert.equal(difference.state.pts, state.pts + 1);
    assert.ok(
      difference.users.some((u) => u.id.toString() === String(bot.id)),
      "the sender comes with the difference",
    );

    // And live again on the new connection.
    await bot.client.sendMessage(userId, "after the reconnect");
    await until(
      "GramJS's handler gets a message pushed after the reconnect",
      () => received.some((m) => m.message === "after the reconnect"),
      log,
    );
    assert.deepEqual(badMsgLines(log), []);
  });
});
