import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { startTestDc, type TestDc } from "../dc/mod.ts";
import type { TypeMessage } from "../../tl/mod.ts";
import { clientAs, sleep, waitFor } from "./updates_helpers.ts";

describe("updates under a misbehaving network", () => {
  let dc: TestDc;
  before(async () => {
    dc = await startTestDc({ dcCount: 1 });
  });
  after(async () => {
    await dc.stop();
  });

  it("10,000 updates reordered, duplicated and withheld: each delivered once, in pts order per box", async () => {
    const senders = Array.from(
      { length: 4 },
      (_, i) =>
        dc.world.createUser({
          bot: false,
          firstName: `Sender ${i}`,
          homeDc: 1,
        }),
    );
    const bot = dc.world.createUser({
      bot: true,
      firstName: "Bot",
      username: "knob_bot",
      homeDc: 1,
    });
    const group = dc.chats.createChannel(senders[0].id, "Busy group", {
      megagroup: true,
      memberIds: [...senders.slice(1).map((s) => s.id), bot.id],
    });
    const client = await clientAs(dc, bot.id, {
      updates: { gapTimeoutMs: 200 },
    });
    // What the manager hands on, in the order it does (before per-chat parallelism).
    const privateIds: number[] = [];
    const groupIds: number[] = [];
    const dispatcher = client.updates.dispatcher;
    const dispatch = dispatcher.dispatch.bind(dispatcher);
    dispatcher.dispatch = (item) => {
      const message = (item.update as { message?: TypeMessage }).message;
      if (message && item.update._ === "updateNewMessage") {
        privateIds.push(message.id);
      }
      if (message && item.update._ === "updateNewChannelMessage") {
        groupIds.push(message.id);
      }
      dispatch(item);
    };
    // What handlers see: each message once, in order within its chat.
    const handled = new Map<string, number[]>();
    let handledCount = 0;
    client.onUpdate((update) => {
      const message = (update as { message?: TypeMessage }).message;
      if (!message) return;
      const chat = JSON.stringify(
        message.peer_id,
        (_k, v) => typeof v === "bigint" ? String(v) : v,
      );
      const list = handled.get(chat) ?? [];
      list.push(message.id);
      handled.set(chat, list);
      handledCount++;
    });
    try {
      await client.updates.idle();
      // One message per box first, delivered faithfully: the client learns the channel's pts.
      dc.chats.sendMessage(
        senders[0].id,
        { type: "user", id: bot.id },
        "warm-up",
      );
      dc.chats.sendMessage(
        senders[0].id,
        { type: "channel", id: group.id },
        "warm-up",
      );
      await waitFor(
        () => privateIds.length === 1 && groupIds.length === 1,
        "warm-up",
      );

      dc.chats.delivery.configure({
        withholdRate: 0.03,
        duplicateRate: 0.1,
        reorderRate: 0.2,
        seed: 20261125,
      });
      const total = 10_000;
      let privateCount = 1;
      let groupCount = 1;
      for (let i = 0; i < total; i++) {
        const sender = senders[i % senders.length];
        if (i % 5 < 3) {
          dc.chats.sendMessage(
            sender.id,
            { type: "user", id: bot.id },
            `pm ${i}`,
          );
          privateCount++;
        } else {
          dc.chats.sendMessage(
            sender.id,
            { type: "channel", id: group.id },
            `group ${i}`,
          );
          groupCount++;
        }
        if (i % 200 === 199) await sleep(5);
      }
      const stats = { ...dc.chats.delivery.stats };
      // Back to a faithful network; one more message per box reveals any gap at the tail.
      dc.chats.delivery.reset();
      dc.chats.sendMessage(senders[0].id, { type: "user", id: bot.id }, "last");
      dc.chats.sendMessage(
        senders[0].id,
        { type: "channel", id: group.id },
        "last",
      );
      privateCount++;
      groupCount++;
      await waitFor(
        () =>
          privateIds.length >= privateCount && groupIds.length >= groupCount,
        "every update",
        120_000,
      );
      await client.updates.idle();
      await sleep(100);

      assert.ok(
        stats.withheld > 0 && stats.duplicated > 0 && stats.reordered > 0,
        JSON.stringify(stats),
      );
      assert.deepEqual(
        privateIds,
        Array.from({ length: privateCount }, (_, i) => i + 1),
      );
      assert.deepEqual(
        groupIds,
        Array.from({ length: groupCount }, (_, i) => i + 1),
      );
      await client.updates.dispatcher.idle();
      assert.equal(handledCount, privateCount + groupCount);
      for (const [chat, ids] of handled) {
        const sorted = [...ids].sort((a, b) => a - b);
        assert.deepEqual(ids, sorted, `handler order in ${chat}`);
        assert.equal(new Set(ids).size, ids.length, `duplicates in ${chat}`);
      }
      assert.equal(client.updates.manager.state?.pts, dc.chats.box(bot.id).pts);
      assert.equal(
        client.updates.manager.channelPts(BigInt(group.id)),
        group.box.pts,
      );
    } finally {
      dc.chats.delivery.reset();
      await client.disconnect();
    }
  });
});
