import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { UpdateManager } from "../../../client/updates/update_manager.ts";
import type {
  TypeMessage,
  TypeUpdates,
  TypeUpdatesChannelDifference,
} from "../../../tl/mod.ts";

const CHANNEL = 777n;

function channelMessage(id: number): TypeMessage {
  return {
    _: "message",
    id,
    peer_id: { _: "peerChannel", channel_id: CHANNEL },
    date: 1000 + id,
    message: `c${id}`,
  };
}

function channelUpdate(pts: number, channel = CHANNEL): TypeUpdates {
  return {
    _: "updates",
    updates: [{
      _: "updateNewChannelMessage",
      message: {
        ...channelMessage(pts),
        peer_id: { _: "peerChannel", channel_id: channel },
      } as TypeMessage,
      pts,
      pts_count: 1,
    }],
    users: [],
    chats: [],
    date: 1000 + pts,
    seq: 0,
  };
}

function news(
  pts: number,
  ids: number[],
  timeout?: number,
  final = true,
): TypeUpdatesChannelDifference {
  return {
    _: "updates.channelDifference",
    ...(final ? { final: true as const } : {}),
    pts,
    ...(timeout !== undefined ? { timeout } : {}),
    new_messages: ids.map(channelMessage),
    other_updates: [],
    chats: [],
    users: [],
  };
}

function quiet(pts: number, timeout?: number): TypeUpdatesChannelDifference {
  return {
    _: "updates.channelDifferenceEmpty",
    final: true,
    pts,
    ...(timeout !== undefined ? { timeout } : {}),
  };
}

function textsOf(step: { updates: { update: unknown }[] }): string[] {
  return step.updates.map(({ update }) => {
    const m = (update as { message?: TypeMessage }).message;
    return m && m._ === "message" ? m.message : (update as { _: string })._;
  });
}

/** A started manager whose channel box sits at pts 50 and is fetching its difference after a gap. */
function fetchingChannel(options = {}) {
  const manager = new UpdateManager({ selfId: 1n, ...options });
  manager.start({}, 0);
  manager.applyState({
    _: "updates.state",
    pts: 0,
    qts: 0,
    seq: 0,
    date: 1000,
    unread_count: 0,
  }, 0);
  manager.feed(channelUpdate(50), 0);
  manager.feed(channelUpdate(52), 0);
  const step = manager.tick(500);
  assert.deepEqual(step.requests.map((r) => r.type), ["getChannelDifference"]);
  return manager;
}

describe("UpdateManager: channel polling", () => {
  it("polls again after the timeout of a difference that brought news, and stops once quiet", () => {
    const manager = fetchingChannel();
    const first = manager.applyChannelDifference(
      CHANNEL,
      news(52, [51, 52], 3),
      600,
    );
    assert.deepEqual(textsOf(first), ["c51", "c52"]);
    assert.equal(manager.channelPollAt(CHANNEL), 600 + 3000);
    assert.ok(manager.nextDeadline()! <= 3600);
    assert.deepEqual(manager.tick(3599).requests, []);
    const poll = manager.tick(3600);
    assert.deepEqual(poll.requests, [{
      type: "getChannelDifference",
      channelId: CHANNEL,
      pts: 52,
      limit: 100,
    }]);
    // No pushes arrived, but the poll finds a message.
    const found = manager.applyChannelDifference(
      CHANNEL,
      news(53, [53], 2),
      3700,
    );
    assert.deepEqual(textsOf(found), ["c53"]);
    assert.equal(manager.channelPollAt(CHANNEL), 3700 + 2000);
    manager.tick(5700);
    manager.applyChannelDifference(CHANNEL, quiet(53, 2), 5800);
    assert.equal(manager.channelPollAt(CHANNEL), undefined);
    assert.deepEqual(manager.tick(100_000).requests, []);
  });

  it("follows a non-final difference at once, then honours the final one's timeout", () => {
    const manager = fetchingChannel();
    const partial = manager.applyChannelDifference(
      CHANNEL,
      news(51, [51], 10, false),
      600,
    );
    assert.deepEqual(partial.requests, [{
      type: "getChannelDifference",
      channelId: CHANNEL,
      pts: 51,
      limit: 100,
    }]);
    assert.equal(manager.channelPollAt(CHANNEL), undefined);
    manager.applyChannelDifference(CHANNEL, news(52, [52], 4), 700);
    assert.equal(manager.channelPollAt(CHANNEL), 700 + 4000);
  });

  it("bounds the server's timeout and the number of channels polled", () => {
    const manager = fetchingChannel({ maxPolledChannels: 1 });
    manager.applyChannelDifference(CHANNEL, news(52, [51, 52], 0), 600);
    assert.equal(manager.channelPollAt(CHANNEL), 600 + 1000);
    // A second channel with news is not polled: the bound is reached.
    const other = 888n;
    manager.feed(channelUpdate(10, other), 700);
    manager.feed(channelUpdate(12, other), 700);
    manager.tick(1300);
    manager.applyChannelDifference(other, {
      ...news(12, [], 5) as Extract<
        TypeUpdatesChannelDifference,
        { _: "updates.channelDifference" }
      >,
      new_messages: [{
        ...channelMessage(11),
        peer_id: { _: "peerChannel", channel_id: other },
      } as TypeMessage],
    }, 1400);
    assert.equal(manager.channelPollAt(other), undefined);
    const huge = fetchingChannel();
    huge.applyChannelDifference(CHANNEL, news(52, [51, 52], 1e9), 600);
    assert.equal(huge.channelPollAt(CHANNEL), 600 + 24 * 3600 * 1000);
  });

  it("a watched channel is polled after every timeout, news or not, until unwatched", () => {
    const manager = fetchingChannel();
    manager.applyChannelDifference(CHANNEL, quiet(52, 5), 600);
    assert.equal(manager.channelPollAt(CHANNEL), undefined);
    manager.watchChannel(CHANNEL, 700);
    assert.equal(manager.nextDeadline(), 700);
    assert.equal(manager.tick(700).requests.length, 1);
    manager.applyChannelDifference(CHANNEL, quiet(52, 5), 800);
    assert.equal(manager.channelPollAt(CHANNEL), 800 + 5000);
    manager.unwatchChannel(CHANNEL);
    assert.equal(manager.tick(5800).requests.length, 1);
    manager.applyChannelDifference(CHANNEL, quiet(52, 5), 5900);
    assert.equal(manager.channelPollAt(CHANNEL), undefined);
  });

  it("a watched channel stays watched when the manager starts again", () => {
    const manager = fetchingChannel();
    manager.applyChannelDifference(CHANNEL, quiet(52, 5), 600);
    manager.watchChannel(CHANNEL, 700);
    const restart = manager.start(
      {
        state: { pts: 0, qts: 0, seq: 0, date: 1000 },
        channels: new Map([[CHANNEL, 52]]),
      },
      10_000,
    );
    assert.deepEqual(restart.requests.map((r) => r.type), ["getDifference"]);
    assert.equal(manager.channelPollAt(CHANNEL), 10_000);
    const poll = manager.tick(10_000);
    assert.deepEqual(poll.requests, [{
      type: "getChannelDifference",
      channelId: CHANNEL,
      pts: 52,
      limit: 100,
    }]);
  });
});
