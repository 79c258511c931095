import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  UpdateManager,
  type UpdateManager as UpdateManagerType,
  type UpdateStep,
} from "../../../client/updates/update_manager.ts";
import type {
  TypeMessage,
  TypeUpdate,
  TypeUpdates,
  TypeUpdatesDifference,
} from "../../../tl/mod.ts";

const USER = 42n;
const CHANNEL = 777n;

function message(id: number, text = `m${id}`, channel = false): TypeMessage {
  return {
    _: "message",
    id,
    peer_id: channel
      ? { _: "peerChannel", channel_id: CHANNEL }
      : { _: "peerUser", user_id: USER },
    date: 1000 + id,
    message: text,
  };
}

/** An updateShortMessage with pts `pts` (count 1): message id = pts. */
function shortMessage(pts: number, count = 1): TypeUpdates {
  return {
    _: "updateShortMessage",
    id: pts,
    user_id: USER,
    message: `m${pts}`,
    pts,
    pts_count: count,
    date: 1000 + pts,
  };
}

function channelUpdate(pts: number): TypeUpdates {
  return {
    _: "updates",
    updates: [{
      _: "updateNewChannelMessage",
      message: message(pts, `c${pts}`, true),
      pts,
      pts_count: 1,
    }],
    users: [],
    chats: [],
    date: 1000 + pts,
    seq: 0,
  };
}

function state(pts: number, seq = 1, qts = 0) {
  return {
    _: "updates.state" as const,
    pts,
    qts,
    seq,
    date: 1000,
    unread_count: 0,
  };
}

/** Texts of the messages dispatched in a step. */
function texts(step: UpdateStep): string[] {
  return step.updates.map(({ update }) => {
    const m = (update as { message?: TypeMessage }).message;
    return m && m._ === "message" ? m.message : update._;
  });
}

/** A manager started from no state and given pts `pts`. */
function started(pts: number, options = {}): UpdateManagerType {
  const manager = new UpdateManager({ selfId: 1n, ...options });
  const first = manager.start({}, 0);
  assert.deepEqual(first.requests, [{ type: "getState" }]);
  manager.applyState(state(pts), 0);
  return manager;
}

describe("UpdateManager: the common box", () => {
  it("starts with getState without a stored state, with getDifference with one", () => {
    const fresh = new UpdateManager();
    assert.deepEqual(fresh.start({}, 0).requests, [{ type: "getState" }]);
    const resumed = new UpdateManager();
    const step = resumed.start(
      { state: { pts: 10, qts: 2, seq: 3, date: 99 } },
      0,
    );
    assert.deepEqual(step.requests, [{
      type: "getDifference",
      request: { _: "updates.getDifference", pts: 10, qts: 2, date: 99 },
    }]);
  });

  it("applies updates in order and reports the state to persist", () => {
    const manager = started(10);
    const a = manager.feed(shortMessage(11), 1);
    assert.deepEqual(texts(a), ["m11"]);
    assert.equal(a.state?.pts, 11);
    const b = manager.feed(shortMessage(13, 2), 2);
    assert.deepEqual(texts(b), ["m13"]);
    assert.equal(b.state?.pts, 13);
    assert.equal(manager.nextDeadline(), 2 + 15 * 60_000);
  });

  it("expands updateShortMessage with the sender and the chat", () => {
    const manager = started(0);
    const out = manager.feed(
      { ...shortMessage(1), out: true } as TypeUpdates,
      0,
    );
    const update = out.updates[0].update as Extract<
      TypeUpdate,
      { _: "updateNewMessage" }
    >;
    const m = update.message as Extract<TypeMessage, { _: "message" }>;
    assert.deepEqual(m.from_id, { _: "peerUser", user_id: 1n });
    assert.deepEqual(m.peer_id, { _: "peerUser", user_id: USER });
    assert.equal(m.out, true);
  });

  it("drops duplicates", () => {
    const manager = started(10);
    assert.deepEqual(texts(manager.feed(shortMessage(11), 0)), ["m11"]);
    assert.deepEqual(texts(manager.feed(shortMessage(11), 0)), []);
    assert.deepEqual(texts(manager.feed(shortMessage(12), 0)), ["m12"]);
    assert.deepEqual(texts(manager.feed(shortMessage(11), 0)), []);
    assert.equal(manager.state?.pts, 12);
  });

  it("puts updates reordered within the wait back in order, without getDifference", () => {
    const manager = started(10);
    const a = manager.feed(shortMessage(13), 0);
    const b = manager.feed(shortMessage(12), 100);
    assert.deepEqual(texts(a), []);
    assert.deepEqual(texts(b), []);
    assert.equal(manager.nextDeadline(), 500);
    const c = manager.feed(shortMessage(11), 400);
    assert.deepEqual(texts(c), ["m11", "m12", "m13"]);
    assert.equal(manager.pendingCount, 0);
    assert.deepEqual(manager.tick(600).requests, []);
  });

  it("fills a real gap with one getDifference, however many updates wait", () => {
    const manager = started(10);
    const seen: string[] = [];
    const requests: unknown[] = [];
    const run = (step: UpdateStep) => {
      seen.push(...texts(step));
      requests.push(...step.requests);
    };
    run(manager.feed(shortMessage(11), 0));
    for (let pts = 14; pts <= 20; pts++) {
      run(manager.feed(shortMessage(pts), 10 * pts));
    }
    run(manager.tick(600));
    assert.equal(
      requests.length,
      0,
      "the gap waits 500 ms from the first update past it",
    );
    run(manager.tick(640));
    assert.deepEqual(requests, [{
      type: "getDifference",
      request: { _: "updates.getDifference", pts: 11, qts: 0, date: 1000 },
    }]);
    // More updates while the difference is fetched: held, no second request.
    run(manager.feed(shortMessage(21), 700));
    run(manager.feed(shortMessage(16), 710));
    run(manager.tick(5000));
    assert.equal(requests.length, 1);
    const difference: TypeUpdatesDifference = {
      _: "updates.difference",
      new_messages: [12, 13, 14, 15, 16, 17].map((id) => message(id)),
      new_encrypted_messages: [],
      other_updates: [],
      chats: [],
      users: [],
      state: { ...state(17), date: 1017 },
    };
    run(manager.applyDifference(difference, 5100));
    const expected = [];
    for (let pts = 11; pts <= 21; pts++) expected.push(`m${pts}`);
    assert.deepEqual(seen, expected);
    assert.equal(manager.state?.pts, 21);
    assert.equal(manager.pendingCount, 0);
    assert.equal(manager.fetchingDifference, false);
  });

  it("follows differenceSlice and differenceTooLong", () => {
    const manager = new UpdateManager();
    manager.start({ state: { pts: 5, qts: 0, seq: 1, date: 1 } }, 0);
    const slice = manager.applyDifference({
      _: "updates.differenceSlice",
      new_messages: [message(6)],
      new_encrypted_messages: [],
      other_updates: [],
      chats: [],
      users: [],
      intermediate_state: { ...state(6), date: 6 },
    }, 1);
    assert.deepEqual(texts(slice), ["m6"]);
    assert.deepEqual(slice.requests, [{
      type: "getDifference",
      request: { _: "updates.getDifference", pts: 6, qts: 0, date: 6 },
    }]);
    const tooLong = manager.applyDifference(
      { _: "updates.differenceTooLong", pts: 500 },
      2,
    );
    assert.equal(tooLong.state?.pts, 500);
    assert.equal(tooLong.requests.length, 1);
    const end = manager.applyDifference(
      { _: "updates.differenceEmpty", date: 77, seq: 9 },
      3,
    );
    assert.deepEqual(end.requests, []);
    assert.deepEqual(end.state, { pts: 500, qts: 0, seq: 9, date: 77 });
    assert.deepEqual(texts(manager.feed(shortMessage(501), 4)), ["m501"]);
  });

  it("does not ask forever when a server's differences stop moving", () => {
    const manager = new UpdateManager();
    manager.start({ state: { pts: 5, qts: 0, seq: 1, date: 1 } }, 0);
    const stuckSlice = manager.applyDifference({
      _: "updates.differenceSlice",
      new_messages: [],
      new_encrypted_messages: [],
      other_updates: [],
      chats: [],
      users: [],
      intermediate_state: { ...state(5), date: 1 },
    }, 1);
    assert.deepEqual(stuckSlice.requests, []);
    assert.equal(manager.fetchingDifference, false);
    manager.feed({ _: "updatesTooLong" }, 2);
    const stuckTooLong = manager.applyDifference(
      { _: "updates.differenceTooLong", pts: 3 },
      3,
    );
    assert.deepEqual(stuckTooLong.requests, []);
    assert.equal(manager.state?.pts, 5);
  });

  it("refuses to move a box backwards on a negative pts_count", () => {
    const manager = started(10);
    manager.feed(shortMessage(8, -2), 0);
    assert.equal(manager.state?.pts, 10);
  });

  it("asks getDifference for updatesTooLong and for a new session", () => {
    const manager = started(3);
    const step = manager.feed({ _: "updatesTooLong" }, 0);
    assert.equal(step.requests[0].type, "getDifference");
    assert.deepEqual(manager.sessionCreated(1).requests, [], "one at a time");
    manager.applyDifference(
      { _: "updates.differenceEmpty", date: 5, seq: 1 },
      2,
    );
    assert.equal(manager.sessionCreated(3).requests[0].type, "getDifference");
  });

  it("starts over from getState when the server refuses the stored state", () => {
    const manager = new UpdateManager();
    manager.start({
      state: { pts: 900, qts: 0, seq: 1, date: 1 },
      channels: new Map([[CHANNEL, 5]]),
    }, 0);
    const reset = manager.resetState(1);
    assert.deepEqual(reset.requests, [{ type: "getState" }]);
    assert.deepEqual([...reset.channels], [[CHANNEL, undefined]]);
    assert.deepEqual(
      texts(manager.feed(shortMessage(4), 2)),
      [],
      "held until the state is known",
    );
    assert.deepEqual(texts(manager.applyState(state(3), 3)), ["m4"]);
  });

  it("retries a failed getDifference after a delay", () => {
    const manager = started(3, { retryDelayMs: 1000 });
    manager.feed({ _: "updatesTooLong" }, 0);
    manager.differenceFailed(10);
    assert.deepEqual(manager.tick(500).requests, []);
    assert.equal(manager.tick(1010).requests[0]?.type, "getDifference");
  });

  it("counts pts of RPC results (affected messages) without dispatching", () => {
    const manager = started(10);
    const step = manager.feedAffected({ pts: 12, pts_count: 2 }, 0);
    assert.deepEqual(step.updates, []);
    assert.equal(step.state?.pts, 12);
    assert.deepEqual(texts(manager.feed(shortMessage(13), 0)), ["m13"]);
  });

  it("rebuilds the message of updateShortSentMessage from what was sent", () => {
    const manager = started(10);
    const step = manager.feed(
      {
        _: "updateShortSentMessage",
        out: true,
        id: 5,
        pts: 11,
        pts_count: 1,
        date: 9,
      },
      0,
      { peer: { _: "peerUser", user_id: USER }, message: "hello" },
    );
    const update = step.updates[0].update as Extract<
      TypeUpdate,
      { _: "updateNewMessage" }
    >;
    assert.equal(update._, "updateNewMessage");
    const m = update.message as Extract<TypeMessage, { _: "message" }>;
    assert.equal(m.message, "hello");
    assert.equal(m.id, 5);
    assert.equal(m.out, true);
    assert.deepEqual(m.from_id, { _: "peerUser", user_id: 1n });
    // Without the context only the pts counts.
    const bare = manager.feed(
      { _: "updateShortSentMessage", id: 6, pts: 12, pts_count: 1, date: 9 },
      0,
    );
    assert.deepEqual(bare.updates, []);
    assert.equal(manager.state?.pts, 12);
  });

  it("holds updates that arrive before the state is known", () => {
    const manager = new UpdateManager();
    assert.deepEqual(texts(manager.feed(shortMessage(11), 0)), []);
    manager.start({}, 0);
    assert.deepEqual(texts(manager.feed(shortMessage(12), 0)), []);
    const step = manager.applyState(state(10), 1);
    assert.deepEqual(texts(step), ["m11", "m12"]);
  });
});

describe("UpdateManager: seq and qts", () => {
  function container(seq: number, pts: number, seqStart?: number): TypeUpdates {
    const updates: TypeUpdate[] = [
      { _: "updateNewMessage", message: message(pts), pts, pts_count: 1 },
      {
        _: "updateUserStatus",
        user_id: USER,
        status: { _: "userStatusOnline", expires: seq },
      },
    ];
    return seqStart === undefined
      ? { _: "updates", updates, users: [], chats: [], date: 2000 + seq, seq }
      : {
        _: "updatesCombined",
        updates,
        users: [],
        chats: [],
        date: 2000 + seq,
        seq_start: seqStart,
        seq,
      };
  }

  it("applies containers in seq order and waits on a seq gap", () => {
    const manager = started(10);
    assert.deepEqual(texts(manager.feed(container(2, 11), 0)), [
      "m11",
      "updateUserStatus",
    ]);
    assert.equal(manager.state?.seq, 2);
    assert.deepEqual(texts(manager.feed(container(4, 13), 0)), []);
    const step = manager.feed(container(3, 12), 100);
    assert.deepEqual(texts(step), [
      "m12",
      "updateUserStatus",
      "m13",
      "updateUserStatus",
    ]);
    assert.equal(manager.state?.seq, 4);
    assert.equal(manager.state?.date, 2004);
  });

  it("drops an already applied container, but keeps its unseen pts updates", () => {
    const manager = started(10);
    manager.feed(container(2, 11), 0);
    assert.deepEqual(texts(manager.feed(container(2, 11), 0)), []);
    // Same seq again but a pts the box has not seen: the pts check decides.
    assert.deepEqual(texts(manager.feed(container(2, 12), 0)), ["m12"]);
  });

  it("reads seq_start of updatesCombined", () => {
    const manager = started(10);
    assert.deepEqual(texts(manager.feed(container(3, 11, 2), 0)), [
      "m11",
      "updateUserStatus",
    ]);
    assert.equal(manager.state?.seq, 3);
  });

  it("a seq gap that stays open ends in getDifference", () => {
    const manager = started(10);
    manager.feed(container(5, 11), 0);
    assert.deepEqual(manager.tick(499).requests, []);
    assert.equal(manager.tick(500).requests[0]?.type, "getDifference");
  });

  it("checks qts: in order, duplicates, gaps", () => {
    const manager = started(10);
    const botUpdate = (qts: number): TypeUpdates => ({
      _: "updates",
      updates: [{
        _: "updateBotStopped",
        user_id: USER,
        date: qts,
        stopped: true,
        qts,
      }],
      users: [],
      chats: [],
      date: 1,
      seq: 0,
    });
    assert.equal(manager.feed(botUpdate(1), 0).updates.length, 1);
    assert.equal(manager.feed(botUpdate(1), 0).updates.length, 0);
    assert.equal(manager.feed(botUpdate(3), 0).updates.length, 0);
    assert.equal(manager.feed(botUpdate(2), 0).updates.length, 2);
    assert.equal(manager.state?.qts, 3);
    manager.feed(botUpdate(5), 10);
    assert.equal(manager.tick(600).requests[0]?.type, "getDifference");
  });
});

describe("UpdateManager: channels", () => {
  it("starts counting a channel at its first update and keeps its own order", () => {
    const manager = started(10);
    const a = manager.feed(channelUpdate(50), 0);
    assert.deepEqual(texts(a), ["c50"]);
    assert.deepEqual([...a.channels], [[CHANNEL, 50]]);
    assert.deepEqual(texts(manager.feed(channelUpdate(52), 0)), []);
    assert.deepEqual(texts(manager.feed(channelUpdate(50), 0)), []);
    assert.deepEqual(texts(manager.feed(channelUpdate(51), 0)), ["c51", "c52"]);
    assert.equal(manager.state?.pts, 10, "the common box is untouched");
  });

  it("fills a channel gap with one getChannelDifference, following non-final answers", () => {
    const manager = started(10);
    const seen: string[] = [];
    manager.feed(channelUpdate(50), 0);
    seen.push(...texts(manager.feed(channelUpdate(53), 0)));
    seen.push(...texts(manager.feed(channelUpdate(54), 10)));
    assert.deepEqual(manager.tick(400).requests, []);
    const ask = manager.tick(500);
    assert.deepEqual(ask.requests, [{
      type: "getChannelDifference",
      channelId: CHANNEL,
      pts: 50,
      limit: 100,
    }]);
    assert.deepEqual(manager.tick(2000).requests, [], "once per gap");
    seen.push(...texts(manager.feed(channelUpdate(55), 600)));
    const first = manager.applyChannelDifference(CHANNEL, {
      _: "updates.channelDifference",
      pts: 51,
      new_messages: [message(51, "c51", true)],
      other_updates: [],
      chats: [],
      users: [],
    }, 700);
    seen.push(...texts(first));
    assert.deepEqual(first.requests, [{
      type: "getChannelDifference",
      channelId: CHANNEL,
      pts: 51,
      limit: 100,
    }]);
    const last = manager.applyChannelDifference(CHANNEL, {
      _: "updates.channelDifference",
      final: true,
      timeout: 30,
      pts: 53,
      new_messages: [message(52, "c52", true), message(53, "c53", true)],
      other_updates: [],
      chats: [],
      users: [],
    }, 800);
    seen.push(...texts(last));
    assert.deepEqual(seen, ["c51", "c52", "c53", "c54", "c55"]);
    assert.equal(manager.channelPts(CHANNEL), 55);
    assert.equal(manager.pendingCount, 0);
  });

  it("channelDifferenceTooLong: resets pts from the dialog, delivers only newer messages", () => {
    const manager = started(10);
    manager.feed(channelUpdate(50), 0);
    manager.feed({
      _: "updateShort",
      update: { _: "updateChannelTooLong", channel_id: CHANNEL },
      date: 1,
    }, 0);
    const step = manager.applyChannelDifference(CHANNEL, {
      _: "updates.channelDifferenceTooLong",
      final: true,
      dialog: {
        _: "dialog",
        peer: { _: "peerChannel", channel_id: CHANNEL },
        top_message: 90,
        read_inbox_max_id: 0,
        read_outbox_max_id: 0,
        unread_count: 0,
        unread_mentions_count: 0,
        unread_reactions_count: 0,
        unread_poll_votes_count: 0,
        notify_settings: { _: "peerNotifySettings" },
        pts: 300,
      },
      messages: [
        message(90, "c90", true),
        message(50, "old", true),
        message(89, "c89", true),
      ],
      chats: [],
      users: [],
    }, 1);
    assert.deepEqual(texts(step), ["c89", "c90"]);
    assert.equal(manager.channelPts(CHANNEL), 300);
  });

  it("gives up on a channel it cannot fetch, applying what waited", () => {
    const manager = started(10);
    manager.feed(channelUpdate(50), 0);
    manager.feed(channelUpdate(52), 0);
    assert.equal(manager.tick(500).requests.length, 1);
    const step = manager.channelDifferenceFailed(CHANNEL, 600, true);
    assert.deepEqual(texts(step), ["c52"]);
    assert.equal(manager.channelPts(CHANNEL), 52);
  });
});

describe("UpdateManager: a restart in the middle", () => {
  it("resumes from the persisted state and delivers every update exactly once", () => {
    const persisted: {
      state?: { pts: number; qts: number; seq: number; date: number };
    } = {};
    const delivered: string[] = [];
    const apply = (step: UpdateStep) => {
      delivered.push(...texts(step));
      if (step.state) persisted.state = step.state;
    };
    const first = started(10);
    for (const pts of [11, 12, 13]) apply(first.feed(shortMessage(pts), 0));
    apply(first.feed(shortMessage(15), 0)); // a gap: 14 is missing
    // The process dies here, before the gap is filled.
    const second = new UpdateManager();
    const start = second.start(persisted, 1000);
    apply(start);
    assert.deepEqual(start.requests, [{
      type: "getDifference",
      request: { _: "updates.getDifference", pts: 13, qts: 0, date: 1000 },
    }]);
    apply(second.feed(shortMessage(16), 1001)); // held while catching up
    apply(second.applyDifference({
      _: "updates.difference",
      new_messages: [message(14), message(15)],
      new_encrypted_messages: [],
      other_updates: [],
      chats: [],
      users: [],
      state: state(15),
    }, 1002));
    assert.deepEqual(delivered, ["m11", "m12", "m13", "m14", "m15", "m16"]);
    assert.equal(persisted.state?.pts, 16);
  });

  it("with dropPending starts from getState and forgets channel pts", () => {
    const manager = new UpdateManager();
    const step = manager.start(
      {
        state: { pts: 5, qts: 0, seq: 1, date: 1 },
        channels: new Map([[CHANNEL, 9]]),
      },
      0,
      { dropPending: true },
    );
    assert.deepEqual(step.requests, [{ type: "getState" }]);
    assert.deepEqual([...step.channels], [[CHANNEL, undefined]]);
    assert.equal(manager.channelPts(CHANNEL), undefined);
  });
});

describe("UpdateManager: randomized delivery", () => {
  it("delivers each of 2,000 reordered, duplicated, partly lost updates once and in order", () => {
    let seed = 12345;
    const random = () =>
      (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const manager = started(0);
    const total = 2000;
    const wire: number[] = [];
    for (let pts = 1; pts <= total; pts++) {
      if (random() < 0.05) continue; // lost
      wire.push(pts);
      if (random() < 0.1) wire.push(pts); // duplicated
    }
    for (let i = 0; i < wire.length - 1; i++) {
      if (random() < 0.2) [wire[i], wire[i + 1]] = [wire[i + 1], wire[i]];
    }
    const delivered: number[] = [];
    let now = 0;
    let differences = 0;
    const run = (step: UpdateStep) => {
      for (const { update } of step.updates) {
        delivered.push((update as { message: { id: number } }).message.id);
      }
      for (const request of step.requests) {
        assert.equal(request.type, "getDifference");
        differences++;
        const from = (request as { request: { pts: number } }).request.pts;
        const to = Math.min(total, from + 100);
        const ids = [];
        for (let id = from + 1; id <= to; id++) ids.push(id);
        run(manager.applyDifference({
          _: to < total ? "updates.differenceSlice" : "updates.difference",
          new_messages: ids.map((id) => message(id)),
          new_encrypted_messages: [],
          other_updates: [],
          chats: [],
          users: [],
          [to < total ? "intermediate_state" : "state"]: state(to),
        } as unknown as TypeUpdatesDifference, now));
      }
    };
    for (const pts of wire) {
      now += 20;
      run(manager.tick(now));
      run(manager.feed(shortMessage(pts), now));
    }
    now += 10_000;
    run(manager.tick(now));
    assert.deepEqual(delivered, Array.from({ length: total }, (_, i) => i + 1));
    assert.ok(
      differences > 0 && differences < 200,
      `${differences} differences`,
    );
  });
});
