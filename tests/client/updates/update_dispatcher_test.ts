import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  updateChatKey,
  UpdateDispatcher,
} from "../../../client/updates/update_dispatcher.ts";
import type { DispatchedUpdate } from "../../../client/updates/update_manager.ts";
import type { TypeUpdate } from "../../../tl/mod.ts";

function item(user: bigint, id: number): DispatchedUpdate {
  const update: TypeUpdate = {
    _: "updateNewMessage",
    message: {
      _: "message",
      id,
      peer_id: { _: "peerUser", user_id: user },
      date: 0,
      message: `${user}:${id}`,
    },
    pts: id,
    pts_count: 1,
  };
  return { update, users: [], chats: [] };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("UpdateDispatcher", () => {
  it("keys updates by chat (marked ids)", () => {
    assert.equal(updateChatKey(item(5n, 1).update), "5");
    assert.equal(
      updateChatKey({
        _: "updateDeleteChannelMessages",
        channel_id: 7n,
        messages: [1],
        pts: 1,
        pts_count: 1,
      }),
      "-1000000000007",
    );
    assert.equal(
      updateChatKey({
        _: "updateBotCallbackQuery",
        query_id: 1n,
        user_id: 3n,
        peer: { _: "peerChat", chat_id: 9n },
        msg_id: 1,
        chat_instance: 0n,
      }),
      "-9",
    );
    assert.equal(updateChatKey({ _: "updateConfig" }), "");
  });

  it("runs one chat in order while another chat runs alongside", async () => {
    const dispatcher = new UpdateDispatcher({ concurrency: 4 });
    const gate = deferred();
    const log: string[] = [];
    dispatcher.on(async (update) => {
      const m = (update as { message: { message: string } }).message.message;
      log.push(`start ${m}`);
      if (m === "1:1") await gate.promise;
      log.push(`end ${m}`);
    });
    dispatcher.dispatch(item(1n, 1));
    dispatcher.dispatch(item(1n, 2));
    dispatcher.dispatch(item(2n, 3));
    await new Promise((r) => setTimeout(r, 10));
    // Chat 2 finished while chat 1's first update still waits; 1:2 has not started.
    assert.deepEqual(log, ["start 1:1", "start 2:3", "end 2:3"]);
    gate.resolve();
    await dispatcher.idle();
    assert.deepEqual(log, [
      "start 1:1",
      "start 2:3",
      "end 2:3",
      "end 1:1",
      "start 1:2",
      "end 1:2",
    ]);
  });

  it("never runs more chats at once than the bound", async () => {
    const dispatcher = new UpdateDispatcher({ concurrency: 3 });
    let running = 0;
    let peak = 0;
    dispatcher.on(async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 1));
      running--;
    });
    for (let chat = 1n; chat <= 20n; chat++) {
      for (let id = 1; id <= 3; id++) dispatcher.dispatch(item(chat, id));
    }
    assert.equal(dispatcher.pending, 60);
    await dispatcher.idle();
    assert.equal(peak, 3);
    assert.equal(dispatcher.pending, 0);
  });

  it("reports handler errors and keeps going", async () => {
    const errors: unknown[] = [];
    const dispatcher = new UpdateDispatcher({
      onError: (error) => errors.push(error),
    });
    const seen: number[] = [];
    dispatcher.on((update) => {
      const id = (update as { message: { id: number } }).message.id;
      if (id === 2) throw new Error("boom");
      if (id === 3) return Promise.reject(new Error("async boom"));
      seen.push(id);
    });
    const second: number[] = [];
    const off = dispatcher.on((update) => {
      second.push((update as { message: { id: number } }).message.id);
    });
    for (let id = 1; id <= 4; id++) dispatcher.dispatch(item(1n, id));
    await dispatcher.idle();
    assert.deepEqual(seen, [1, 4]);
    assert.deepEqual(second, [1, 2, 3, 4], "other handlers still run");
    assert.deepEqual(errors.map((e) => (e as Error).message), [
      "boom",
      "async boom",
    ]);
    off();
    assert.equal(dispatcher.handlerCount, 1);
  });

  it("refuses a bad concurrency bound", () => {
    assert.throws(() => new UpdateDispatcher({ concurrency: 0 }), RangeError);
  });
});
