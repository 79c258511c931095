import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ContextError } from "../../../client/middleware/context.ts";
import { contextOf, dummyMessage } from "./helpers.ts";

const ann = { id: 7, is_bot: false, first_name: "Ann" };

describe("Context", () => {
  it("exposes the parts of a message update", () => {
    const message = dummyMessage({ text: "hi" });
    const ctx = contextOf({ message });
    assert.equal(ctx.message, message);
    assert.equal(ctx.msg, message);
    assert.deepEqual(ctx.chat, message.chat);
    assert.deepEqual(ctx.from, message.from);
    assert.equal(ctx.callbackQuery, undefined);
    assert.equal(ctx.has("message:text"), true);
    assert.equal(ctx.has("message:photo"), false);
  });

  it("takes msg from edits and channel posts too", () => {
    const edited = dummyMessage({ text: "e" });
    assert.equal(contextOf({ edited_message: edited }).msg, edited);
    const post = dummyMessage({
      text: "p",
      chat: { id: -1002, type: "channel" },
      from: undefined,
    });
    const ctx = contextOf({ channel_post: post });
    assert.equal(ctx.msg, post);
    assert.equal(ctx.from, undefined);
    assert.equal(ctx.chat?.id, -1002);
  });

  it("reply sends to the update's chat", async () => {
    const ctx = contextOf({ message: dummyMessage({ text: "hi" }) });
    await ctx.reply("hello", { parse_mode: "HTML" });
    assert.deepEqual(ctx.client.calls, [
      { method: "sendMessage", args: [7, "hello", { parse_mode: "HTML" }] },
    ]);
  });

  it("replyToMessage quotes the update's message", async () => {
    const ctx = contextOf({
      message: dummyMessage({ text: "hi", message_id: 33 }),
    });
    await ctx.replyToMessage("re");
    assert.deepEqual(ctx.client.calls[0].args, [7, "re", {
      reply_parameters: { message_id: 33 },
    }]);
  });

  it("callback queries: answer, edit the button's message", async () => {
    const ctx = contextOf({
      callback_query: {
        id: "123",
        from: ann,
        chat: { id: -1003, type: "supergroup", title: "S" },
        message_id: 44,
        chat_instance: "9",
        data: "x",
      },
    });
    assert.equal(ctx.from, ann);
    assert.equal(ctx.chat?.id, -1003);
    await ctx.answerCallbackQuery("done");
    await ctx.editMessageText("edited");
    await ctx.editMessageReplyMarkup();
    assert.deepEqual(ctx.client.calls, [
      { method: "answerCallbackQuery", args: ["123", { text: "done" }] },
      { method: "editMessageText", args: [-1003, 44, "edited", undefined] },
      { method: "editMessageReplyMarkup", args: [-1003, 44, undefined] },
    ]);
  });

  it("inline callback queries edit the inline message", async () => {
    const ctx = contextOf({
      callback_query: {
        id: "1",
        from: ann,
        inline_message_id: "AAAA",
        chat_instance: "9",
      },
    });
    assert.equal(await ctx.editMessageText("t"), undefined);
    assert.deepEqual(ctx.client.calls, [
      { method: "editInlineMessageText", args: ["AAAA", "t", undefined] },
    ]);
  });

  it("inline queries: answer", async () => {
    const ctx = contextOf({
      inline_query: { id: "77", from: ann, query: "q", offset: "" },
    });
    await ctx.answerInlineQuery([]);
    assert.deepEqual(ctx.client.calls, [
      { method: "answerInlineQuery", args: ["77", [], undefined] },
    ]);
  });

  it("refuses shortcuts the update cannot serve, with a typed error", async () => {
    const ctx = contextOf({ deleted_messages: { message_ids: [1] } });
    await assert.rejects(ctx.reply("x"), ContextError);
    await assert.rejects(ctx.answerCallbackQuery(), ContextError);
    await assert.rejects(ctx.answerInlineQuery([]), ContextError);
    await assert.rejects(ctx.editMessageText("x"), ContextError);
    await assert.rejects(ctx.deleteMessage(), ContextError);
    assert.equal(ctx.client.calls.length, 0);
  });

  it("message shortcuts: delete, forward, copy, pin, chat action", async () => {
    const ctx = contextOf({
      message: dummyMessage({ text: "x", message_id: 5 }),
    });
    await ctx.deleteMessage();
    await ctx.forwardMessage(8);
    await ctx.copyMessage(9);
    await ctx.pinMessage();
    await ctx.replyWithChatAction("typing");
    assert.deepEqual(ctx.client.calls.map((c) => [c.method, ...c.args]), [
      ["deleteMessages", 7, [5], undefined],
      ["forwardMessages", 8, 7, [5], undefined],
      ["copyMessage", 9, 7, 5, undefined],
      ["pinMessage", 7, 5, undefined],
      ["sendChatAction", 7, "typing"],
    ]);
  });
});
