import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { startTestDc, type TestDc } from "../dc/mod.ts";
import { MemoryStorage } from "../../storage/memory_storage.ts";
import { SessionStore } from "../../storage/session_store.ts";
import type { TypeMessage, TypeUpdate } from "../../tl/mod.ts";
import { aliceAndBot, clientAs, sleep, waitFor } from "./updates_helpers.ts";

type Message = Extract<TypeMessage, { _: "message" }>;

/** The message of an update, if it carries a full one. */
function messageOf(update: TypeUpdate): Message | undefined {
  const message = (update as { message?: TypeMessage }).message;
  return message?._ === "message" ? message : undefined;
}

describe("updates end to end", () => {
  let dc: TestDc;
  before(async () => {
    dc = await startTestDc({ dcCount: 1 });
  });
  after(async () => {
    await dc.stop();
  });

  const accounts = (tag: string) => aliceAndBot(dc, tag);

  it("delivers pushed messages, and a bot's own answer from its RPC result", async () => {
    const { alice, bot } = accounts("basic");
    const client = await clientAs(dc, bot.id);
    try {
      const seen: TypeUpdate[] = [];
      client.onUpdate((update) => {
        seen.push(update);
      });
      await client.updates.idle();
      dc.chats.sendMessage(
        alice.id,
        { type: "user", id: bot.id },
        "hello bot",
        {
          entities: [{ _: "messageEntityBold", offset: 0, length: 5 }],
        },
      );
      await waitFor(() => seen.length === 1, "the first message");
      const incoming = messageOf(seen[0])!;
      assert.equal(seen[0]._, "updateNewMessage");
      assert.equal(incoming.message, "hello bot");
      assert.deepEqual(incoming.entities, [{
        _: "messageEntityBold",
        offset: 0,
        length: 5,
      }]);
      // The sender came with its access hash: the peer cache can address it.
      const peer = await client.peers.inputPeer(BigInt(alice.id));
      assert.equal(peer._, "inputPeerUser");
      const sent = await client.invoke({
        _: "messages.sendMessage",
        peer,
        message: "hello alice",
        random_id: 1n,
      });
      assert.equal(sent._, "updateShortSentMessage");
      await waitFor(() => seen.length === 2, "the bot's own message");
      const own = messageOf(seen[1])!;
      assert.equal(own.message, "hello alice");
      assert.equal(own.out, true);
      assert.deepEqual(own.peer_id, {
        _: "peerUser",
        user_id: BigInt(alice.id),
      });
      const aliceBox = dc.chats.box(alice.id);
      assert.equal(
        [...aliceBox.messages.values()].at(-1)?.object.message,
        "hello alice",
      );
      await client.updates.idle();
      assert.equal(client.updates.manager.state?.pts, dc.chats.box(bot.id).pts);
    } finally {
      await client.disconnect();
    }
  });

  it("edits, deletions and channel deletions keep every box in step", async () => {
    const { alice, bot } = accounts("edits");
    const group = dc.chats.createChannel(alice.id, "Group", {
      megagroup: true,
      memberIds: [bot.id],
    });
    const client = await clientAs(dc, bot.id);
    try {
      const seen: TypeUpdate[] = [];
      client.onUpdate((update) => {
        seen.push(update);
      });
      await client.updates.idle();
      const pm = dc.chats.sendMessage(
        alice.id,
        { type: "user", id: bot.id },
        "one",
      );
      const inGroup = dc.chats.sendMessage(alice.id, {
        type: "channel",
        id: group.id,
      }, "two");
      await waitFor(() => seen.length === 2, "two messages");
      dc.chats.editMessage(alice.id, { type: "user", id: bot.id }, pm.id, {
        text: "one!",
      });
      dc.chats.editMessage(
        alice.id,
        { type: "channel", id: group.id },
        inGroup.id,
        {
          text: "two!",
        },
      );
      dc.chats.deleteMessages(alice.id, [pm.id], true);
      await waitFor(() => seen.length === 5, "edits and the deletion");
      assert.deepEqual(seen.map((u) => u._), [
        "updateNewMessage",
        "updateNewChannelMessage",
        "updateEditMessage",
        "updateEditChannelMessage",
        "updateDeleteMessages",
      ]);
      assert.equal(messageOf(seen[2])?.message, "one!");
      // The bot deletes its own group message: the affected pts comes back in the result.
      const own = await client.invoke({
        _: "messages.sendMessage",
        peer: await client.peers.inputPeer(-1000000000000n - BigInt(group.id)),
        message: "mine",
        random_id: 2n,
      });
      assert.equal(own._, "updates");
      const ownId = dc.chats.channel(group.id)!.box.nextMessageId - 1;
      const affected = await client.invoke({
        _: "channels.deleteMessages",
        channel: await client.peers.inputChannel(
          -1000000000000n - BigInt(group.id),
        ),
        id: [ownId],
      });
      assert.equal(affected.pts, dc.chats.channel(group.id)!.box.pts);
      await client.updates.idle();
      assert.equal(
        client.updates.manager.channelPts(BigInt(group.id)),
        dc.chats.channel(group.id)!.box.pts,
      );
      assert.equal(client.updates.manager.state?.pts, dc.chats.box(bot.id).pts);
      assert.equal(client.updates.manager.pendingCount, 0);
    } finally {
      await client.disconnect();
    }
  });

  it("a min user seen in a supergroup is addressed through the message it came in", async () => {
    const { alice } = accounts("min");
    // A user account: a bot may not write first to someone who never wrote to it.
    const carol = dc.world.createUser({
      bot: false,
      firstName: "Carol min",
      homeDc: 1,
    });
    const group = dc.chats.createChannel(carol.id, "Big group", {
      megagroup: true,
      memberIds: [alice.id],
    });
    const client = await clientAs(dc, carol.id);
    try {
      const seen: TypeUpdate[] = [];
      client.onUpdate((update) => {
        seen.push(update);
      });
      await client.updates.idle();
      dc.chats.sendMessage(
        alice.id,
        { type: "channel", id: group.id },
        "hi all",
      );
      await waitFor(() => seen.length === 1, "the group message");
      await client.updates.idle();
      const record = await client.peers.record(BigInt(alice.id));
      assert.ok(record?.min, "alice is known only as a min user");
      const peer = await client.peers.inputPeer(BigInt(alice.id));
      assert.equal(peer._, "inputPeerUserFromMessage");
      await assert.rejects(
        client.invoke({
          _: "messages.sendMessage",
          peer: {
            _: "inputPeerUser",
            user_id: BigInt(alice.id),
            access_hash: record!.accessHash,
          },
          message: "a min access hash alone is refused",
          random_id: 11n,
        }),
        /PEER_ID_INVALID/,
      );
      const sent = await client.invoke({
        _: "messages.sendMessage",
        peer,
        message: "hello, from the group",
        random_id: 12n,
      });
      assert.equal(sent._, "updateShortSentMessage");
      const aliceBox = dc.chats.box(alice.id);
      assert.equal(
        [...aliceBox.messages.values()].at(-1)?.object.message,
        "hello, from the group",
      );
    } finally {
      await client.disconnect();
    }
  });

  it("a session that called invokeWithoutUpdates gets no pushes", async () => {
    const { alice, bot } = accounts("quiet");
    const client = await clientAs(dc, bot.id);
    try {
      const seen: TypeUpdate[] = [];
      client.onUpdate((update) => {
        seen.push(update);
      });
      await client.updates.idle();
      assert.equal(dc.chats.delivery.sessionsOf(bot.id).length, 1);
      await client.invoke({
        _: "invokeWithoutUpdates",
        query: { _: "help.getNearestDc" },
      });
      assert.equal(dc.chats.delivery.sessionsOf(bot.id).length, 0);
      const sentBefore = dc.chats.delivery.stats.sent;
      dc.chats.sendMessage(alice.id, { type: "user", id: bot.id }, "unheard");
      assert.equal(dc.chats.delivery.stats.sent, sentBefore);
      await sleep(50);
      assert.equal(seen.length, 0);
    } finally {
      await client.disconnect();
    }
  });

  it("recovers from updatesTooLong with getDifference", async () => {
    const { alice, bot } = accounts("toolong");
    const client = await clientAs(dc, bot.id);
    try {
      const texts: string[] = [];
      client.onUpdate((update) => {
        const m = messageOf(update);
        if (m) texts.push(m.message);
      });
      await client.updates.idle();
      dc.chats.delivery.forceTooLong(1);
      dc.chats.sendMessage(
        alice.id,
        { type: "user", id: bot.id },
        "behind the wall",
      );
      await waitFor(() => texts.length === 1, "the message via getDifference");
      assert.deepEqual(texts, ["behind the wall"]);
      assert.equal(dc.chats.delivery.stats.tooLong, 1);
    } finally {
      dc.chats.delivery.reset();
      await client.disconnect();
    }
  });

  it("after a DC restart, the new session fetches what was pushed into the void", async () => {
    const { alice, bot } = accounts("restart");
    const client = await clientAs(dc, bot.id);
    try {
      const texts: string[] = [];
      client.onUpdate((update) => {
        const m = messageOf(update);
        if (m) texts.push(m.message);
      });
      await client.updates.idle();
      await dc.knobs.restart();
      // No session is connected: these pushes reach nobody.
      for (let i = 1; i <= 5; i++) {
        dc.chats.sendMessage(
          alice.id,
          { type: "user", id: bot.id },
          `while away ${i}`,
        );
      }
      // The client reconnects on its own; new_session_created makes it ask getDifference.
      await waitFor(() => texts.length === 5, "the messages sent while away");
      assert.deepEqual(texts, [1, 2, 3, 4, 5].map((i) => `while away ${i}`));
    } finally {
      await client.disconnect();
    }
  });

  it("the same client disconnected and connected again catches up", async () => {
    const { alice, bot } = accounts("again");
    const client = await clientAs(dc, bot.id);
    try {
      const texts: string[] = [];
      client.onUpdate((update) => {
        const m = messageOf(update);
        if (m) texts.push(m.message);
      });
      await client.updates.idle();
      dc.chats.sendMessage(alice.id, { type: "user", id: bot.id }, "before");
      await waitFor(() => texts.length === 1, "the first message");
      await client.disconnect();
      dc.chats.sendMessage(alice.id, { type: "user", id: bot.id }, "between");
      await client.connect(); // the account is stored: the loop starts by itself
      dc.chats.sendMessage(alice.id, { type: "user", id: bot.id }, "after");
      await waitFor(() => texts.length === 3, "the other two");
      assert.deepEqual(texts, ["before", "between", "after"]);
    } finally {
      await client.disconnect();
    }
  });

  it("a bot stopped while 500 messages arrive gets all 500 on restart, in order", async () => {
    const { alice, bot } = accounts("offline");
    const storage = new MemoryStorage();
    const first = await clientAs(dc, bot.id, { storage });
    await first.updates.idle();
    await first.disconnect();
    for (let i = 1; i <= 500; i++) {
      dc.chats.sendMessage(
        alice.id,
        { type: "user", id: bot.id },
        `offline ${i}`,
      );
    }
    const texts: string[] = [];
    const second = await clientAs(dc, bot.id, {
      storage,
      updates: { gapTimeoutMs: 200 },
    });
    try {
      second.onUpdate((update) => {
        const m = messageOf(update);
        if (m) texts.push(m.message);
      });
      await waitFor(() => texts.length >= 500, "500 messages");
      await second.updates.idle();
      await sleep(50);
      assert.equal(texts.length, 500);
      assert.deepEqual(
        texts,
        Array.from({ length: 500 }, (_, i) => `offline ${i + 1}`),
      );
    } finally {
      await second.disconnect();
    }
  });

  it("a stored state the server refuses is replaced by a fresh one", async () => {
    const { alice, bot } = accounts("foreign");
    const storage = new MemoryStorage();
    const store = await SessionStore.open(storage);
    await store.setUpdateState({ pts: 99_999, qts: 0, seq: 5, date: 1 });
    const errors: unknown[] = [];
    const client = await clientAs(dc, bot.id, {
      storage,
      updates: { onLoopError: (error) => errors.push(error) },
    });
    try {
      const texts: string[] = [];
      client.onUpdate((update) => {
        const m = messageOf(update);
        if (m) texts.push(m.message);
      });
      await waitFor(
        () => client.updates.manager.state?.pts === 0,
        "the fresh state",
      );
      dc.chats.sendMessage(
        alice.id,
        { type: "user", id: bot.id },
        "after the reset",
      );
      await waitFor(() => texts.length === 1, "the message");
      assert.deepEqual(texts, ["after the reset"]);
      assert.match(String(errors[0]), /PERSISTENT_TIMESTAMP_INVALID/);
      await client.updates.idle();
      assert.equal((await store.getUpdateState())?.pts, 1);
    } finally {
      await client.disconnect();
    }
  });

  it("dropPendingUpdates skips what arrived while offline", async () => {
    const { alice, bot } = accounts("drop");
    const storage = new MemoryStorage();
    const first = await clientAs(dc, bot.id, { storage });
    await first.updates.idle();
    await first.disconnect();
    for (let i = 1; i <= 20; i++) {
      dc.chats.sendMessage(alice.id, { type: "user", id: bot.id }, `old ${i}`);
    }
    const second = await clientAs(dc, bot.id, {
      storage,
      updates: { dropPendingUpdates: true },
    });
    try {
      const texts: string[] = [];
      second.onUpdate((update) => {
        const m = messageOf(update);
        if (m) texts.push(m.message);
      });
      await second.updates.idle();
      dc.chats.sendMessage(alice.id, { type: "user", id: bot.id }, "new");
      await waitFor(() => texts.length === 1, "the new message");
      await sleep(50);
      assert.deepEqual(texts, ["new"]);
    } finally {
      await second.disconnect();
    }
  });
});
