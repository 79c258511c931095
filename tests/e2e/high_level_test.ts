import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { startTestDc, type TestDc } from "../dc/mod.ts";
import type { Client } from "../../client/client.ts";
import type { Message } from "../../client/types/message.ts";
import { PeerNotFoundError } from "../../client/methods/peer_not_found_error.ts";
import { clientAs, waitFor } from "./updates_helpers.ts";

describe("high-level methods against the local DC", () => {
  let dc: TestDc;
  let bot: Client;
  let user: Client;
  let botId: number;
  let aliceId: number;
  let bobId: number;
  let groupId: number;
  let superId: number;
  const botSees: Message[] = [];
  const aliceSees: Message[] = [];

  before(async () => {
    dc = await startTestDc({ dcCount: 1 });
    const alice = dc.world.createUser({
      bot: false,
      firstName: "Alice",
      username: "alice_hl",
      homeDc: 1,
    });
    const bob = dc.world.createUser({
      bot: false,
      firstName: "Bob",
      username: "bob_hl",
      homeDc: 1,
    });
    const botUser = dc.world.createUser({
      bot: true,
      firstName: "Echo",
      username: "echo_hl_bot",
      homeDc: 1,
    });
    aliceId = alice.id;
    bobId = bob.id;
    botId = botUser.id;
    const group = dc.chats.createChat(alice.id, "Basic", [botId]);
    groupId = group.id;
    const supergroup = dc.chats.createChannel(alice.id, "Super", {
      megagroup: true,
      username: "super_hl",
      memberIds: [botId, bobId],
    });
    dc.chats.promote(supergroup.id, botId);
    superId = supergroup.id;
    bot = await clientAs(dc, botId);
    user = await clientAs(dc, aliceId);
    bot.on("message", (ctx) => void botSees.push(ctx.msg));
    user.on("message", (ctx) => void aliceSees.push(ctx.msg));
  });

  after(async () => {
    await bot?.disconnect();
    await user?.disconnect();
    await dc.stop();
  });

  it("getMe and resolveUsername", async () => {
    const me = await bot.getMe();
    assert.equal(me.id, botId);
    assert.equal(me.is_bot, true);
    assert.equal(me.username, "echo_hl_bot");
    const chat = await user.resolveUsername("@echo_hl_bot");
    assert.deepEqual(chat, {
      id: botId,
      type: "private",
      first_name: "Echo",
      username: "echo_hl_bot",
    });
    const group = await user.resolveUsername("super_hl");
    assert.equal(group.type, "supergroup");
    assert.equal(group.id, -1_000_000_000_000 - superId);
    await assert.rejects(
      user.resolveUsername("nobody_here"),
      /USERNAME_NOT_OCCUPIED/,
    );
  });

  it("sendMessage with HTML, a reply, an inline keyboard; the bot receives it", async () => {
    const sent = await user.sendMessage(botId, "<b>Hello</b> bot", {
      parse_mode: "HTML",
    });
    assert.equal(sent.text, "Hello bot");
    assert.deepEqual(sent.entities, [{ type: "bold", offset: 0, length: 5 }]);
    assert.equal(sent.chat.id, botId);
    assert.equal(sent.is_outgoing, true);
    await waitFor(
      () => botSees.some((m) => m.text === "Hello bot"),
      "the bot's update",
    );
    const incoming = botSees.find((m) => m.text === "Hello bot")!;
    assert.equal(incoming.from?.id, aliceId);
    assert.equal(incoming.chat.id, aliceId);
    assert.deepEqual(incoming.entities, [{
      type: "bold",
      offset: 0,
      length: 5,
    }]);

    const answer = await bot.sendMessage(aliceId, "Pick *one*", {
      parse_mode: "MarkdownV2",
      reply_parameters: { message_id: incoming.message_id },
      reply_markup: {
        inline_keyboard: [[{ text: "A", callback_data: "pick:a" }, {
          text: "Site",
          url: "https://example.org",
        }]],
      },
      disable_notification: true,
    });
    assert.equal(answer.text, "Pick one");
    assert.deepEqual(answer.entities, [{ type: "bold", offset: 5, length: 3 }]);
    assert.equal(answer.reply_to_message_id, incoming.message_id);
    assert.equal(answer.is_silent, true);
    assert.deepEqual(answer.reply_markup, {
      inline_keyboard: [[{ text: "A", callback_data: "pick:a" }, {
        text: "Site",
        url: "https://example.org",
      }]],
    });
    await waitFor(
      () => aliceSees.some((m) => m.text === "Pick one"),
      "alice's update",
    );
    const seen = aliceSees.find((m) => m.text === "Pick one")!;
    assert.equal(seen.reply_to_message_id, sent.message_id);
    assert.deepEqual(seen.reply_markup, answer.reply_markup);
  });

  it("editMessageText and editMessageReplyMarkup", async () => {
    const sent = await bot.sendMessage(aliceId, "draft", {
      reply_markup: { inline_keyboard: [[{ text: "x", callback_data: "x" }]] },
    });
    const edited = await bot.editMessageText(
      aliceId,
      sent.message_id,
      "<i>final</i>",
      {
        parse_mode: "HTML",
        reply_markup: {
          inline_keyboard: [[{ text: "y", callback_data: "y" }]],
        },
      },
    );
    assert.equal(edited.message_id, sent.message_id);
    assert.equal(edited.text, "final");
    assert.deepEqual(edited.entities, [{
      type: "italic",
      offset: 0,
      length: 5,
    }]);
    assert.ok(edited.edit_date !== undefined);
    const noKeyboard = await bot.editMessageReplyMarkup(
      aliceId,
      sent.message_id,
    );
    assert.equal(noKeyboard.text, "final");
    assert.ok(
      noKeyboard.reply_markup === undefined ||
        JSON.stringify(noKeyboard.reply_markup) === '{"inline_keyboard":[]}',
    );
  });

  it("getMessages, forwardMessages, copyMessage, deleteMessages", async () => {
    const first = await user.sendMessage(botId, "forward me");
    const [fetched, missing] = await user.getMessages(botId, [
      first.message_id,
      999_999,
    ]);
    assert.equal(fetched?.text, "forward me");
    assert.equal(missing, undefined);

    const [forwarded] = await user.forwardMessages("me", botId, [
      first.message_id,
    ]);
    assert.equal(forwarded.text, "forward me");
    assert.equal(forwarded.chat.id, aliceId);
    assert.equal(forwarded.forward_origin?.type, "user");
    assert.equal(
      forwarded.forward_origin?.type === "user" &&
        forwarded.forward_origin.sender_user.id,
      aliceId,
    );

    const copy = await user.copyMessage("me", botId, first.message_id, {
      caption: "copied <b>text</b>",
      parse_mode: "HTML",
    });
    assert.equal(copy.text, "copied text");
    assert.equal(copy.forward_origin, undefined);

    const deleted = await user.deleteMessages(aliceId, [
      forwarded.message_id,
      copy.message_id,
    ]);
    assert.equal(deleted, 2);
    const after = await user.getMessages("me", [forwarded.message_id]);
    assert.deepEqual(after, [undefined]);
  });

  it("getHistory iterates newest first across pages", async () => {
    const texts: string[] = [];
    for (let i = 0; i < 7; i++) {
      texts.push((await user.sendMessage("me", `history ${i}`)).text!);
    }
    const seen: string[] = [];
    for await (
      const message of user.getHistory("me", { limit: 7, page_size: 3 })
    ) {
      seen.push(message.text ?? "");
    }
    assert.deepEqual(seen, [...texts].reverse());
    // Bots may not read histories, as on Telegram.
    await assert.rejects(async () => {
      for await (const _ of bot.getHistory(aliceId)) break;
    }, /BOT_METHOD_INVALID/);
  });

  it("pinMessage, unpinMessage, sendChatAction, readHistory", async () => {
    const sent = await user.sendMessage(botId, "pin me");
    await user.pinMessage(botId, sent.message_id);
    let [pinned] = await user.getMessages(botId, [sent.message_id]);
    assert.equal(pinned?.is_pinned, true);
    await user.unpinMessage(botId, sent.message_id);
    [pinned] = await user.getMessages(botId, [sent.message_id]);
    assert.equal(pinned?.is_pinned, undefined);
    await user.pinMessage(botId, sent.message_id);
    await user.unpinMessage(botId);
    [pinned] = await user.getMessages(botId, [sent.message_id]);
    assert.equal(pinned?.is_pinned, undefined);

    const typing: unknown[] = [];
    bot.on(
      "update:updateUserTyping",
      (ctx) => void typing.push(ctx.raw.user_id),
    );
    await user.sendChatAction(botId, "typing");
    await waitFor(() => typing.length === 1, "the typing notice");
    assert.deepEqual(typing, [BigInt(aliceId)]);
    await user.readHistory(botId);
  });

  it("getChat for users, basic groups and supergroups", async () => {
    assert.deepEqual(await user.getChat(botId), {
      id: botId,
      type: "private",
      first_name: "Echo",
      username: "echo_hl_bot",
    });
    assert.deepEqual(await user.getChat(-groupId), {
      id: -groupId,
      type: "group",
      title: "Basic",
    });
    const supergroup = await user.getChat(-1_000_000_000_000 - superId);
    assert.equal(supergroup.type, "supergroup");
    assert.equal(supergroup.title, "Super");
    assert.equal(supergroup.username, "super_hl");
  });

  it("getChatMember(s), banChatMember, unbanChatMember", async () => {
    const superChat = -1_000_000_000_000 - superId;
    // The bot has seen nothing of the supergroup yet: it cannot address it.
    await assert.rejects(
      bot.getChatMember(superChat, aliceId),
      PeerNotFoundError,
    );
    await bot.resolveUsername("super_hl");
    const owner = await bot.getChatMember(superChat, aliceId);
    assert.equal(owner.status, "creator");
    const self = await bot.getChatMember(superChat, botId);
    assert.equal(self.status, "administrator");
    const members = await bot.getChatMembers(superChat);
    assert.deepEqual(
      members.map((m) => m.user.id).sort(),
      [aliceId, bobId, botId].sort(),
    );
    const admins = await bot.getChatMembers(superChat, {
      filter: "administrators",
    });
    assert.deepEqual(admins.map((m) => m.status).sort(), [
      "administrator",
      "creator",
    ]);

    await bot.banChatMember(superChat, bobId);
    const banned = await bot.getChatMember(superChat, bobId);
    assert.equal(banned.status, "kicked");
    const kicked = await bot.getChatMembers(superChat, { filter: "banned" });
    assert.deepEqual(kicked.map((m) => m.user.id), [bobId]);
    await bot.unbanChatMember(superChat, bobId, { only_if_banned: true });
    await assert.rejects(
      bot.getChatMember(superChat, bobId),
      /USER_NOT_PARTICIPANT/,
    );

    const groupMembers = await user.getChatMembers(-groupId);
    assert.deepEqual(
      groupMembers.map((m) => [m.user.id, m.status]).sort(),
      [[aliceId, "creator"], [botId, "member"]].sort(),
    );
    assert.equal((await user.getChatMember(-groupId, botId)).status, "member");
    await user.banChatMember(-groupId, botId);
    assert.equal((await user.getChatMember(-groupId, botId)).status, "left");
  });

  it("setMyCommands validates and stores the menu", async () => {
    await bot.setMyCommands([{ command: "start", description: "Start" }, {
      command: "help",
      description: "Help",
    }]);
    const stored = await bot.invoke({
      _: "bots.getBotCommands",
      scope: { _: "botCommandScopeDefault" },
      lang_code: "",
    });
    assert.deepEqual(stored.map((c) => c.command), ["start", "help"]);
    await assert.rejects(
      bot.setMyCommands([{ command: "Bad Command", description: "x" }]),
      /a command is/,
    );
    await assert.rejects(
      user.setMyCommands([{ command: "start", description: "x" }]),
      /USER_BOT_REQUIRED/,
    );
  });

  it("callback queries: the bot answers through the middleware", async () => {
    bot.callbackQuery(/^pick:(\w)$/, async (ctx) => {
      await ctx.editMessageText(`You picked ${ctx.match[1]}`);
      await ctx.answerCallbackQuery({ text: `picked ${ctx.match[1]}` });
    });
    const prompt = await bot.sendMessage(aliceId, "choose", {
      reply_markup: {
        inline_keyboard: [[{ text: "B", callback_data: "pick:b" }]],
      },
    });
    await waitFor(
      () => aliceSees.some((m) => m.message_id === prompt.message_id),
      "prompt",
    );
    const copy = aliceSees.find((m) => m.text === "choose")!;
    const peer = await user.peers.inputPeer(botId);
    const answer = await user.invoke({
      _: "messages.getBotCallbackAnswer",
      peer,
      msg_id: copy.message_id,
      data: new TextEncoder().encode("pick:b"),
    });
    assert.equal(answer.message, "picked b");
    const [edited] = await bot.getMessages(aliceId, [prompt.message_id]);
    assert.equal(edited?.text, "You picked b");
  });

  it("inline queries: the bot answers with an article", async () => {
    bot.inlineQuery(/^say (.+)$/, (ctx) =>
      ctx.answerInlineQuery([{
        type: "article",
        id: "1",
        title: `Say ${ctx.match[1]}`,
        input_message_content: {
          message_text: `<b>${ctx.match[1]}</b>`,
          parse_mode: "HTML",
        },
      }], { cache_time: 0 }));
    const results = await user.invoke({
      _: "messages.getInlineBotResults",
      bot: await user.peers.inputUser(botId),
      peer: { _: "inputPeerSelf" },
      query: "say hi",
      offset: "",
    });
    assert.equal(results.results.length, 1);
    const result = results.results[0];
    assert.equal(result._ === "botInlineResult" && result.title, "Say hi");
    assert.deepEqual(
      result.send_message._ === "botInlineMessageText" &&
        [result.send_message.message, result.send_message.entities?.[0]?._],
      ["hi", "messageEntityBold"],
    );
  });

  it("unknown peers give a typed error", async () => {
    await assert.rejects(bot.sendMessage(123_456_789, "x"), PeerNotFoundError);
  });
});
