import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { World } from "../world.ts";
import { ChatWorld } from "./chat_world.ts";
import { RpcFailure } from "../rpc_error.ts";
import type { Tl } from "./boxes.ts";

function setup() {
  const now = () => 1_800_000_000;
  const world = new World(now);
  const chats = new ChatWorld(world, now);
  const alice = world.createUser({ bot: false, firstName: "Alice", homeDc: 1 });
  const bob = world.createUser({ bot: false, firstName: "Bob", homeDc: 1 });
  const bot = world.createUser({
    bot: true,
    firstName: "Bot",
    username: "a_bot",
    homeDc: 1,
  });
  return { world, chats, alice, bob, bot };
}

function rpcError(fn: () => unknown, message: string) {
  assert.throws(
    fn,
    (error) => error instanceof RpcFailure && error.errorMessage === message,
  );
}

describe("ChatWorld: counting", () => {
  it("a private message takes one pts in each box, with per-account message ids", () => {
    const { chats, alice, bob } = setup();
    chats.sendMessage(bob.id, { type: "user", id: bob.id }, "note to self");
    const sent = chats.sendMessage(
      alice.id,
      { type: "user", id: bob.id },
      "hi",
    );
    assert.equal(sent.id, 1);
    assert.deepEqual(
      { ...sent.result },
      {
        _: "updateShortSentMessage",
        out: true,
        id: 1,
        pts: 1,
        pts_count: 1,
        date: 1_800_000_000,
      },
    );
    assert.equal(chats.box(alice.id).pts, 1);
    assert.equal(chats.box(bob.id).pts, 2);
    const bobCopy = chats.box(bob.id).messages.get(2)!.object;
    assert.deepEqual(bobCopy.peer_id, {
      _: "peerUser",
      user_id: BigInt(alice.id),
    });
    assert.equal(bobCopy.out, undefined);
    // First contact goes in `updates` containers (with the users, so seq moves);
    // later messages between known users in short forms (seq stays).
    assert.equal(chats.box(alice.id).seq, 1);
    assert.equal(chats.box(bob.id).seq, 2);
    chats.sendMessage(alice.id, { type: "user", id: bob.id }, "again");
    assert.equal(chats.box(alice.id).seq, 1);
    assert.equal(chats.box(bob.id).seq, 2);
    assert.equal(chats.box(bob.id).pts, 3);
  });

  it("a basic group message: a pts per member, the sender's result is an updates container with seq", () => {
    const { chats, alice, bob, bot } = setup();
    const group = chats.createChat(alice.id, "G", [bob.id, bot.id]);
    const sent = chats.sendMessage(
      alice.id,
      { type: "chat", id: group.id },
      "hello",
      {
        randomId: 99n,
      },
    );
    const result = sent.result;
    assert.equal(result._, "updates");
    assert.equal(result.seq, 1);
    const updates = result.updates as Tl[];
    assert.deepEqual(updates.map((u) => u._), [
      "updateMessageID",
      "updateNewMessage",
    ]);
    assert.equal(updates[0].random_id, 99n);
    for (const member of [alice.id, bob.id, bot.id]) {
      assert.equal(chats.box(member).pts, 1);
    }
    rpcError(
      () =>
        chats.sendMessage(alice.id, { type: "chat", id: group.id }, "again", {
          randomId: 99n,
        }),
      "RANDOM_ID_DUPLICATE",
    );
  });

  it("a channel message counts once in the channel box", () => {
    const { chats, alice, bob } = setup();
    const channel = chats.createChannel(alice.id, "C", { memberIds: [bob.id] });
    chats.sendMessage(alice.id, { type: "channel", id: channel.id }, "post");
    assert.equal(channel.box.pts, 2);
    assert.equal(chats.box(alice.id).pts, 0);
    rpcError(
      () =>
        chats.sendMessage(
          bob.id,
          { type: "channel", id: channel.id },
          "not an admin",
        ),
      "CHAT_ADMIN_REQUIRED",
    );
    const message = channel.box.messages.get(1)!.object;
    assert.equal(message.post, true);
  });

  it("edits and deletions count in every box that holds a copy", () => {
    const { chats, alice, bob } = setup();
    const { id } = chats.sendMessage(
      alice.id,
      { type: "user", id: bob.id },
      "v1",
    );
    rpcError(
      () =>
        chats.editMessage(bob.id, { type: "user", id: alice.id }, 1, {
          text: "x",
        }),
      "MESSAGE_AUTHOR_REQUIRED",
    );
    rpcError(
      () =>
        chats.editMessage(alice.id, { type: "user", id: bob.id }, id, {
          text: "v1",
        }),
      "MESSAGE_NOT_MODIFIED",
    );
    chats.editMessage(alice.id, { type: "user", id: bob.id }, id, {
      text: "v2",
    });
    assert.equal(chats.box(bob.id).messages.get(1)!.object.message, "v2");
    assert.equal(chats.box(bob.id).pts, 2);
    const affected = chats.deleteMessages(alice.id, [id, 12345], true);
    assert.deepEqual(affected, {
      _: "messages.affectedMessages",
      pts: 3,
      pts_count: 1,
    });
    assert.equal(chats.box(bob.id).messages.size, 0);
    assert.equal(chats.box(bob.id).pts, 3);
  });

  it("checks access hashes of input peers", () => {
    const { chats, alice, bob } = setup();
    const peer = chats.resolveInputPeer(alice.id, {
      _: "inputPeerUser",
      user_id: BigInt(bob.id),
      access_hash: chats.world.user(bob.id)!.accessHash,
    });
    assert.deepEqual(peer, { type: "user", id: bob.id });
    rpcError(
      () =>
        chats.resolveInputPeer(alice.id, {
          _: "inputPeerUser",
          user_id: BigInt(bob.id),
          access_hash: 1n,
        }),
      "PEER_ID_INVALID",
    );
  });
});

describe("ChatWorld: differences", () => {
  it("slices a long difference and says differenceTooLong when very far behind", () => {
    const { chats, alice, bob } = setup();
    chats.limits.sliceSize = 10;
    chats.limits.tooLongAfter = 50;
    for (let i = 0; i < 25; i++) {
      chats.sendMessage(alice.id, { type: "user", id: bob.id }, `m${i}`);
    }
    const first = chats.difference(bob.id, 0, 0, 0);
    assert.equal(first._, "updates.differenceSlice");
    assert.equal((first.new_messages as Tl[]).length, 10);
    assert.equal((first.intermediate_state as Tl).pts, 10);
    assert.equal(
      (first.users as Tl[]).length,
      1,
      "the sender, with its access hash",
    );
    const last = chats.difference(bob.id, 20, 0, 0);
    assert.equal(last._, "updates.difference");
    assert.deepEqual((last.new_messages as Tl[]).map((m) => m.message), [
      "m20",
      "m21",
      "m22",
      "m23",
      "m24",
    ]);
    assert.equal((last.state as Tl).pts, 25);
    assert.equal(
      chats.difference(bob.id, 25, 0, 0)._,
      "updates.differenceEmpty",
    );
    for (let i = 0; i < 40; i++) {
      chats.sendMessage(alice.id, { type: "user", id: bob.id }, "more");
    }
    assert.deepEqual(chats.difference(bob.id, 0, 0, 0), {
      _: "updates.differenceTooLong",
      pts: 65,
    });
  });

  it("channel differences: slices until final, too long past the limit", () => {
    const { chats, alice, bob } = setup();
    chats.limits.channelSliceSize = 4;
    const channel = chats.createChannel(alice.id, "S", {
      megagroup: true,
      memberIds: [bob.id],
    });
    for (let i = 0; i < 10; i++) {
      chats.sendMessage(alice.id, { type: "channel", id: channel.id }, `c${i}`);
    }
    const first = chats.channelDifference(bob.id, channel, 1, 100);
    assert.equal(first._, "updates.channelDifference");
    assert.equal(first.final, undefined);
    assert.equal(first.pts, 5);
    const last = chats.channelDifference(bob.id, channel, 9, 100);
    assert.equal(last.final, true);
    assert.equal(last.pts, 11);
    const tooLong = chats.channelDifference(bob.id, channel, 1, 5);
    assert.equal(tooLong._, "updates.channelDifferenceTooLong");
    assert.equal((tooLong.dialog as Tl).pts, 11);
    assert.equal(
      chats.channelDifference(bob.id, channel, 11, 100)._,
      "updates.channelDifferenceEmpty",
    );
    // The common difference tells a member about the channel's news.
    const common = chats.difference(bob.id, 0, 0, 0);
    assert.deepEqual((common.other_updates as Tl[]).map((u) => u._), [
      "updateChannelTooLong",
    ]);
  });

  it("a callback query reaches the bot and its answer comes back", async () => {
    const { chats, alice, bot } = setup();
    // A bot writes only to people who wrote to it first.
    chats.sendMessage(alice.id, { type: "user", id: bot.id }, "/start");
    const { id } = chats.sendMessage(
      bot.id,
      { type: "user", id: alice.id },
      "press",
      {
        replyMarkup: { _: "replyInlineMarkup", rows: [] },
      },
    );
    const aliceCopy = chats.box(alice.id).messages.size;
    assert.equal(aliceCopy, 2);
    const answer = chats.callbackQuery(
      alice.id,
      { type: "user", id: bot.id },
      2,
      new Uint8Array([1]),
      1000,
    );
    chats.answerCallbackQuery(bot.id, 1n, { message: "done", cacheTime: 0 });
    assert.deepEqual(await answer, {
      _: "messages.botCallbackAnswer",
      cache_time: 0,
      message: "done",
    });
    assert.equal(id, 2);
    rpcError(
      () => chats.answerCallbackQuery(bot.id, 1n, { cacheTime: 0 }),
      "QUERY_ID_INVALID",
    );
  });

  it("an inline query reaches the bot; its text results come back and can be sent via it", async () => {
    const { chats, alice, bob, bot } = setup();
    const pending = chats.inlineQuery(
      alice.id,
      bot.id,
      { type: "user", id: bob.id },
      "cats",
      "",
      1000,
    );
    rpcError(
      () =>
        chats.answerInlineQuery(bot.id, 1n, [{
          _: "inputBotInlineResultPhoto",
          id: "p",
          type: "photo",
          photo: { _: "inputPhotoEmpty" },
          send_message: { _: "inputBotInlineMessageMediaAuto", message: "" },
        }], { cacheTime: 0 }),
      "PHOTO_INVALID",
    );
    rpcError(
      () =>
        chats.answerInlineQuery(bot.id, 1n, [{
          _: "inputBotInlineResult",
          id: "h",
          type: "hologram",
          send_message: { _: "inputBotInlineMessageText", message: "x" },
        }], { cacheTime: 0 }),
      "RESULT_TYPE_INVALID",
    );
    rpcError(
      () =>
        chats.answerInlineQuery(bot.id, 1n, [{
          _: "inputBotInlineResult",
          id: "u",
          type: "photo",
          content: {
            _: "inputWebDocument",
            url: "file:///etc/passwd",
            size: 0,
            mime_type: "image/jpeg",
            attributes: [],
          },
          send_message: { _: "inputBotInlineMessageMediaAuto", message: "" },
        }], { cacheTime: 0 }),
      "WEBDOCUMENT_URL_INVALID",
    );
    chats.answerInlineQuery(bot.id, 1n, [{
      _: "inputBotInlineResult",
      id: "r1",
      type: "article",
      title: "Cats",
      send_message: { _: "inputBotInlineMessageText", message: "meow" },
    }], { cacheTime: 5, nextOffset: "10" });
    const answer = await pending;
    assert.equal(answer._, "messages.botResults");
    assert.equal(answer.next_offset, "10");
    assert.deepEqual((answer.results as Tl[])[0], {
      _: "botInlineResult",
      id: "r1",
      type: "article",
      title: "Cats",
      send_message: { _: "botInlineMessageText", message: "meow" },
    });
    const sent = chats.sendInlineResult(
      alice.id,
      { type: "user", id: bob.id },
      1n,
      "r1",
    );
    assert.equal(sent.id, 1);
    const copy = [...chats.box(bob.id).messages.values()].at(-1)!.object;
    assert.equal(copy.message, "meow");
    assert.equal(copy.via_bot_id, BigInt(bot.id));
  });
});

describe("ChatWorld: who may write to whom", () => {
  it("a bot cannot start a private chat, nor write to another bot", () => {
    const { chats, world, alice, bot } = setup();
    rpcError(
      () => chats.sendMessage(bot.id, { type: "user", id: alice.id }, "hi"),
      "PEER_ID_INVALID",
    );
    assert.equal(chats.box(alice.id).messages.size, 0);
    const other = world.createUser({ bot: true, firstName: "B2", homeDc: 1 });
    rpcError(
      () => chats.sendMessage(bot.id, { type: "user", id: other.id }, "hi"),
      "USER_IS_BOT",
    );
    chats.sendMessage(alice.id, { type: "user", id: bot.id }, "/start");
    assert.equal(chats.hasStartedBot(alice.id, bot.id), true);
    const { id } = chats.sendMessage(
      bot.id,
      { type: "user", id: alice.id },
      "welcome",
    );
    assert.equal(chats.box(bot.id).messages.get(id)?.object.message, "welcome");
  });
});

describe("ChatWorld: knobs of the difference methods", () => {
  it("short forms to strangers; counted calls; the channel timeout", () => {
    const { chats, alice, bob } = setup();
    const pushes: Tl[] = [];
    const push = chats.delivery.push.bind(chats.delivery);
    chats.delivery.push = (userId, updates, origin) => {
      if (userId === bob.id) pushes.push(updates as Tl);
      return push(userId, updates, origin);
    };
    chats.shortFormsToStrangers = true;
    chats.sendMessage(alice.id, { type: "user", id: bob.id }, "first");
    assert.equal(pushes[0]._, "updateShortMessage");
    chats.shortFormsToStrangers = false;
    chats.sendMessage(alice.id, { type: "user", id: bob.id }, "second");
    assert.equal(pushes[1]._, "updates");
    chats.difference(bob.id, 0, 0, 0);
    const channel = chats.createChannel(alice.id, "C", { memberIds: [bob.id] });
    chats.sendMessage(alice.id, { type: "channel", id: channel.id }, "post");
    chats.limits.channelTimeout = 3;
    const difference = chats.channelDifference(bob.id, channel, 1, 100);
    assert.equal(difference.timeout, 3);
    assert.equal(difference.final, true);
    assert.deepEqual(chats.differenceStats, {
      difference: 1,
      channelDifference: 1,
    });
  });
});
