import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { startTestDc, type TestDc } from "../dc/mod.ts";
import type { TypeMessage, TypeUpdate } from "../../tl/mod.ts";
import { aliceAndBot, clientAs, waitFor } from "./updates_helpers.ts";

/** The text of an update's message, if it carries one. */
function textOf(update: TypeUpdate): string | undefined {
  const message = (update as { message?: TypeMessage }).message;
  return message?._ === "message" ? message.message : undefined;
}

describe("updates naming peers the client does not know, and channel polling", () => {
  let dc: TestDc;
  before(async () => {
    dc = await startTestDc({ dcCount: 1 });
  });
  after(async () => {
    await dc.stop();
  });

  const accounts = (tag: string) => aliceAndBot(dc, tag, "peers_bot_");

  it("a short message from a stranger is fetched with getDifference, which brings the sender", async () => {
    const { alice, bot } = accounts("short");
    const client = await clientAs(dc, bot.id);
    try {
      const texts: string[] = [];
      client.onUpdate((update) => {
        const text = textOf(update);
        if (text !== undefined) texts.push(text);
      });
      await client.updates.idle();
      const alicePeer = { _: "peerUser" as const, user_id: BigInt(alice.id) };
      assert.equal(client.peers.knows(alicePeer), false);
      const differencesBefore = dc.chats.differenceStats.difference;
      dc.chats.shortFormsToStrangers = true;
      const sentBefore = dc.chats.delivery.stats.sent;
      dc.chats.sendMessage(alice.id, { type: "user", id: bot.id }, "who am I");
      // The DC pushed the short form, which names Alice only by id.
      assert.equal(dc.chats.delivery.stats.sent, sentBefore + 1);
      await waitFor(() => texts.length === 1, "the message");
      await client.updates.idle();
      assert.deepEqual(texts, ["who am I"]);
      assert.equal(
        dc.chats.differenceStats.difference,
        differencesBefore + 1,
      );
      // The difference carried Alice with her access hash.
      assert.equal(client.peers.knows(alicePeer), true);
      const peer = await client.peers.inputPeer(BigInt(alice.id));
      assert.equal(peer._, "inputPeerUser");
      // Known now: the next short message is applied as it comes.
      dc.chats.sendMessage(alice.id, { type: "user", id: bot.id }, "again");
      await waitFor(() => texts.length === 2, "the second message");
      await client.updates.idle();
      assert.deepEqual(texts, ["who am I", "again"]);
      assert.equal(
        dc.chats.differenceStats.difference,
        differencesBefore + 1,
      );
    } finally {
      dc.chats.shortFormsToStrangers = false;
      await client.disconnect();
    }
  });

  it("a channel whose difference brought news is polled per its timeout while pushes are lost", async () => {
    const { alice, bot } = accounts("poll");
    const group = dc.chats.createChannel(alice.id, "Polled", {
      megagroup: true,
      memberIds: [bot.id],
    });
    const channelId = BigInt(group.id);
    const target = { type: "channel" as const, id: group.id };
    const client = await clientAs(dc, bot.id);
    try {
      const texts: string[] = [];
      client.onUpdate((update) => {
        const text = textOf(update);
        if (text !== undefined) texts.push(text);
      });
      await client.updates.idle();
      dc.chats.limits.channelTimeout = 1;
      dc.chats.sendMessage(alice.id, target, "c1");
      await waitFor(() => texts.length === 1, "c1");
      // c2 is lost; c3 reveals the gap, filled by getChannelDifference.
      dc.chats.delivery.configure({ withholdRate: 1 });
      dc.chats.sendMessage(alice.id, target, "c2");
      dc.chats.delivery.reset();
      dc.chats.sendMessage(alice.id, target, "c3");
      await waitFor(() => texts.length === 3, "c2 and c3");
      await client.updates.idle();
      assert.deepEqual(texts, ["c1", "c2", "c3"]);
      assert.notEqual(
        client.updates.manager.channelPollAt(channelId),
        undefined,
      );
      // From now on no push arrives: only the poll finds c4.
      dc.chats.delivery.configure({ withholdRate: 1 });
      const withheld = dc.chats.delivery.stats.withheld;
      dc.chats.sendMessage(alice.id, target, "c4");
      assert.equal(dc.chats.delivery.stats.withheld, withheld + 1);
      await waitFor(() => texts.length === 4, "c4 by polling", 8000);
      assert.deepEqual(texts, ["c1", "c2", "c3", "c4"]);
      // A poll that finds nothing ends the polling.
      await waitFor(
        () => client.updates.manager.channelPollAt(channelId) === undefined,
        "the polling to stop",
        8000,
      );
      // The last poll may still be on its way to the DC: count once it is answered.
      await client.updates.idle();
      const calls = dc.chats.differenceStats.channelDifference;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.equal(dc.chats.differenceStats.channelDifference, calls);
    } finally {
      dc.chats.delivery.reset();
      dc.chats.limits.channelTimeout = 30;
      await client.disconnect();
    }
  });
});
