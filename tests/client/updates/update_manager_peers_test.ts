import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { UpdateManager } from "../../../client/updates/update_manager.ts";
import { updatePeers } from "../../../client/updates/update_info.ts";
import type {
  TypeMessage,
  TypePeer,
  TypeUpdates,
  TypeUpdatesDifference,
  TypeUser,
} from "../../../tl/mod.ts";

const SELF = 1n;
const KNOWN = 42n;
const STRANGER = 99n;
const CHANNEL = 777n;

function user(id: bigint): TypeUser {
  return { _: "user", id, access_hash: id * 3n, first_name: `u${id}` };
}

function short(pts: number, from: bigint): TypeUpdates {
  return {
    _: "updateShortMessage",
    id: pts,
    user_id: from,
    message: `m${pts}`,
    pts,
    pts_count: 1,
    date: 1000 + pts,
  };
}

function textsOf(step: { updates: { update: unknown }[] }): string[] {
  return step.updates.map(({ update }) => {
    const m = (update as { message?: TypeMessage }).message;
    return m && m._ === "message" ? m.message : (update as { _: string })._;
  });
}

/** A manager at pts `pts` that knows only `KNOWN`; `asked` records every peer it asked about. */
function started(pts: number) {
  const asked: TypePeer[] = [];
  const manager = new UpdateManager({
    selfId: SELF,
    knowsPeer: (peer) => {
      asked.push(peer);
      return peer._ === "peerUser" && peer.user_id === KNOWN;
    },
  });
  manager.start({}, 0);
  manager.applyState({
    _: "updates.state",
    pts,
    qts: 0,
    seq: 0,
    date: 1000,
    unread_count: 0,
  }, 0);
  return { manager, asked };
}

function difference(
  pts: number,
  messages: TypeMessage[],
  users: TypeUser[],
): TypeUpdatesDifference {
  return {
    _: "updates.difference",
    new_messages: messages,
    new_encrypted_messages: [],
    other_updates: [],
    chats: [],
    users,
    state: {
      _: "updates.state",
      pts,
      qts: 0,
      seq: 0,
      date: 2000,
      unread_count: 0,
    },
  };
}

function privateMessage(id: number, from: bigint): TypeMessage {
  return {
    _: "message",
    id,
    peer_id: { _: "peerUser", user_id: from },
    from_id: { _: "peerUser", user_id: from },
    date: 1000 + id,
    message: `m${id}`,
  };
}

describe("UpdateManager: updates naming unknown peers", () => {
  it("applies a short message from a known user", () => {
    const { manager } = started(10);
    const step = manager.feed(short(11, KNOWN), 1);
    assert.deepEqual(textsOf(step), ["m11"]);
    assert.deepEqual(step.requests, []);
  });

  it("fetches a difference instead of applying a short message from a stranger, and delivers it once", () => {
    const { manager } = started(10);
    const step = manager.feed(short(11, STRANGER), 1);
    assert.deepEqual(textsOf(step), []);
    assert.deepEqual(step.requests, [{
      type: "getDifference",
      request: { _: "updates.getDifference", pts: 10, qts: 0, date: 1000 },
    }]);
    // A known user's message arriving meanwhile waits for the difference.
    assert.deepEqual(textsOf(manager.feed(short(12, KNOWN), 2)), []);
    const done = manager.applyDifference(
      difference(11, [privateMessage(11, STRANGER)], [user(STRANGER)]),
      3,
    );
    assert.deepEqual(textsOf(done), ["m11", "m12"]);
    assert.deepEqual(done.users.map((u) => u.id), [STRANGER]);
    assert.equal(manager.state?.pts, 12);
    assert.equal(manager.pendingCount, 0);
    // Seen in the difference: the stranger is known from now on.
    const later = manager.feed(short(13, STRANGER), 4);
    assert.deepEqual(textsOf(later), ["m13"]);
    assert.deepEqual(later.requests, []);
  });

  it("applies the update as it stands when the difference does not cover it", () => {
    const { manager } = started(10);
    manager.feed(short(11, STRANGER), 1);
    const done = manager.applyDifference(
      { _: "updates.differenceEmpty", date: 2000, seq: 0 },
      2,
    );
    assert.deepEqual(textsOf(done), ["m11"]);
    assert.deepEqual(done.requests, []);
    assert.equal(manager.state?.pts, 11);
  });

  it("checks updateShortChatMessage's sender and chat", () => {
    const { manager, asked } = started(10);
    const step = manager.feed({
      _: "updateShortChatMessage",
      id: 5,
      from_id: KNOWN,
      chat_id: 500n,
      message: "in a group",
      pts: 11,
      pts_count: 1,
      date: 1011,
    }, 1);
    assert.deepEqual(textsOf(step), []);
    assert.equal(step.requests[0]?.type, "getDifference");
    assert.deepEqual(asked.at(-1), { _: "peerChat", chat_id: 500n });
  });

  it("takes the users and chats of the same `updates` as known", () => {
    const { manager } = started(10);
    const message = privateMessage(11, STRANGER);
    const step = manager.feed({
      _: "updates",
      updates: [{ _: "updateNewMessage", message, pts: 11, pts_count: 1 }],
      users: [user(STRANGER)],
      chats: [],
      date: 1011,
      seq: 0,
    }, 1);
    assert.deepEqual(textsOf(step), ["m11"]);
    assert.deepEqual(step.requests, []);
  });

  it("holds the rest of an `updates` behind an update naming a stranger", () => {
    const { manager } = started(10);
    const step = manager.feed({
      _: "updates",
      updates: [
        {
          _: "updateNewMessage",
          message: privateMessage(11, STRANGER),
          pts: 11,
          pts_count: 1,
        },
        {
          _: "updateUserTyping",
          user_id: KNOWN,
          action: { _: "sendMessageTypingAction" },
        },
      ],
      users: [],
      chats: [],
      date: 1011,
      seq: 0,
    }, 1);
    assert.deepEqual(textsOf(step), []);
    const done = manager.applyDifference(
      difference(11, [privateMessage(11, STRANGER)], [user(STRANGER)]),
      2,
    );
    assert.deepEqual(textsOf(done), ["m11", "updateUserTyping"]);
  });

  it("needs no check for the rebuilt answer to its own message, nor without a predicate", () => {
    const { manager } = started(10);
    const own = manager.feed(
      {
        _: "updateShortSentMessage",
        out: true,
        id: 11,
        pts: 11,
        pts_count: 1,
        date: 1011,
      },
      1,
      { peer: { _: "peerChat", chat_id: 600n }, message: "mine" },
    );
    assert.deepEqual(textsOf(own), ["mine"]);
    const plain = new UpdateManager({ selfId: SELF });
    plain.start({}, 0);
    plain.applyState({
      _: "updates.state",
      pts: 0,
      qts: 0,
      seq: 0,
      date: 0,
      unread_count: 0,
    }, 0);
    assert.deepEqual(textsOf(plain.feed(short(1, STRANGER), 1)), ["m1"]);
  });

  it("a channel message from a stranger fetches that channel's difference", () => {
    const { manager } = started(10);
    const channelMessage = (pts: number, from: bigint): TypeUpdates => ({
      _: "updates",
      updates: [{
        _: "updateNewChannelMessage",
        message: {
          _: "message",
          id: pts,
          peer_id: { _: "peerChannel", channel_id: CHANNEL },
          from_id: { _: "peerUser", user_id: from },
          date: 1000,
          message: `c${pts}`,
        },
        pts,
        pts_count: 1,
      }],
      users: [],
      chats: [{
        _: "channel",
        id: CHANNEL,
        access_hash: 5n,
        title: "c",
        photo: { _: "chatPhotoEmpty" },
        date: 0,
      }],
      date: 1000,
      seq: 0,
    });
    assert.deepEqual(textsOf(manager.feed(channelMessage(50, KNOWN), 1)), [
      "c50",
    ]);
    const step = manager.feed(channelMessage(51, STRANGER), 2);
    assert.deepEqual(textsOf(step), []);
    assert.deepEqual(step.requests, [{
      type: "getChannelDifference",
      channelId: CHANNEL,
      pts: 50,
      limit: 100,
    }]);
  });

  it("updatePeers names the chat, sender, forward origin and via bot of a message", () => {
    assert.deepEqual(
      updatePeers({
        _: "updateNewMessage",
        message: {
          _: "message",
          id: 1,
          peer_id: { _: "peerChat", chat_id: 3n },
          from_id: { _: "peerUser", user_id: 4n },
          fwd_from: {
            _: "messageFwdHeader",
            from_id: { _: "peerChannel", channel_id: 5n },
            date: 0,
          },
          via_bot_id: 6n,
          date: 0,
          message: "",
        },
        pts: 1,
        pts_count: 1,
      }),
      [
        { _: "peerChat", chat_id: 3n },
        { _: "peerUser", user_id: 4n },
        { _: "peerChannel", channel_id: 5n },
        { _: "peerUser", user_id: 6n },
      ],
    );
    assert.deepEqual(
      updatePeers({
        _: "updateUserTyping",
        user_id: 1n,
        action: { _: "sendMessageTypingAction" },
      }),
      [],
    );
  });
});
