import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { deserialize, encodeRpcResult, serialize } from "../../tl/mod.ts";
import { Session } from "../../client/session.ts";
import { concat, FakeServer, int32Bytes, int64Bytes } from "./fake_server.ts";
import { fromHex, loadAuthKeySample, scriptedRandom } from "./helpers.ts";

const AUTH_KEY = fromHex(loadAuthKeySample().values.auth_key);
const T = 1_700_000_000;
const T_MS = T * 1000;
const SESSION_ID = 0x0807060504030201n;
const SALT = 0x1122334455667788n;

function newSession(): Session {
  return new Session({
    authKey: AUTH_KEY,
    serverSalt: SALT,
    random: scriptedRandom(fromHex("0102030405060708")),
    fetchFutureSalts: false,
  });
}

/** The TL objects of a client packet, with their msg_ids. */
function objectsIn(server: FakeServer, packet: Uint8Array) {
  return server.open(packet).messages.map((m) => ({
    msgId: m.msg_id,
    object: deserialize(m.body) as { _: string; [field: string]: unknown },
  }));
}

const nearestDc = {
  _: "nearestDc",
  country: "NL",
  this_dc: 2,
  nearest_dc: 2,
} as const;

describe("Session.cancel", () => {
  it("takes an unsent request out of the queue: it is never sent", () => {
    const session = newSession();
    const server = new FakeServer(AUTH_KEY, T);
    const kept = session.enqueue({ _: "help.getNearestDc" }, T_MS);
    const cancelled = session.enqueue({ _: "help.getConfig" }, T_MS);
    assert.equal(session.cancel(cancelled, T_MS), "unsent");
    assert.equal(session.pendingRequests, 1);
    const sent = objectsIn(server, session.pack(T_MS)!);
    assert.deepEqual(sent.map((m) => m.object._), ["help.getNearestDc"]);
    assert.equal(sent[0].msgId, kept);
    assert.equal(session.pack(T_MS), undefined, "nothing else to send");
  });

  it("follows a request in flight with rpc_drop_answer naming its msg_id, and reports nothing about it", () => {
    const session = newSession();
    const server = new FakeServer(AUTH_KEY, T);
    const id = session.enqueue({ _: "help.getNearestDc" }, T_MS);
    const [first] = objectsIn(server, session.pack(T_MS)!);
    assert.equal(first.object._, "help.getNearestDc");

    assert.equal(session.cancel(id, T_MS + 5), "dropped");
    assert.equal(session.pendingRequests, 0, "the caller's request is gone");
    assert.ok(session.hasQueued);
    const drop = objectsIn(server, session.pack(T_MS + 5)!);
    assert.deepEqual(drop.map((m) => m.object), [{
      _: "rpc_drop_answer",
      req_msg_id: first.msgId,
    }]);

    // The answer to the drop, and a late answer to the request, are both silent.
    const answers = session.unpack(
      server.seal(
        SESSION_ID,
        encodeRpcResult(
          drop[0].msgId,
          serialize({ _: "rpc_answer_dropped_running" }),
        ),
      ),
      T_MS + 10,
    );
    const late = session.unpack(
      server.seal(
        SESSION_ID,
        encodeRpcResult(first.msgId, serialize(nearestDc)),
      ),
      T_MS + 20,
    );
    assert.deepEqual([...answers, ...late], []);
    assert.equal(session.pendingAcks, 2, "both answers are still acked");
    // Nothing but those acks goes out: the drop is not sent twice.
    const acks = objectsIn(server, session.pack(T_MS + 30)!);
    assert.deepEqual(acks.map((m) => m.object._), ["msgs_ack"]);
    assert.equal(session.pack(T_MS + 30), undefined);
    // The drop was answered: long after, there is nothing to ask the server about.
    session.tick(T_MS + 60_000);
    assert.equal(session.pack(T_MS + 60_000), undefined);
  });

  it("sends no rpc_drop_answer for a request the server refused (queued again)", () => {
    const session = newSession();
    const server = new FakeServer(AUTH_KEY, T);
    const id = session.enqueue({ _: "help.getNearestDc" }, T_MS);
    const opened = server.open(session.pack(T_MS)!);
    // bad_server_salt: the server did not take it; the session queues it again.
    const notice = concat(
      int32Bytes(0xedab447b),
      int64Bytes(opened.msgId),
      int32Bytes(opened.seqno),
      int32Bytes(48),
      int64Bytes(SALT + 1n),
    );
    session.unpack(server.seal(SESSION_ID, notice, { seqno: 0 }), T_MS + 1);
    assert.equal(session.cancel(id, T_MS + 2), "unsent");
    assert.equal(session.pack(T_MS + 2), undefined, "neither request nor drop");
  });

  it("says unknown for an answered or never-seen request, and cancels once", () => {
    const session = newSession();
    const server = new FakeServer(AUTH_KEY, T);
    const id = session.enqueue({ _: "help.getNearestDc" }, T_MS);
    session.pack(T_MS);
    const events = session.unpack(
      server.seal(SESSION_ID, encodeRpcResult(id, serialize(nearestDc))),
      T_MS + 1,
    );
    assert.deepEqual(events.map((e) => e.type), ["result"]);
    assert.equal(session.cancel(id, T_MS + 2), "unknown");
    assert.equal(session.cancel(12345n, T_MS + 2), "unknown");

    const other = session.enqueue({ _: "help.getConfig" }, T_MS + 3);
    assert.equal(session.cancel(other, T_MS + 3), "unsent");
    assert.equal(session.cancel(other, T_MS + 3), "unknown");
  });

  it("failAll after a cancel reports only the requests still pending", () => {
    const session = newSession();
    const a = session.enqueue({ _: "help.getNearestDc" }, T_MS);
    const b = session.enqueue({ _: "help.getConfig" }, T_MS);
    session.pack(T_MS);
    assert.equal(session.cancel(a, T_MS), "dropped");
    const failed = session.failAll(new Error("gone"));
    assert.deepEqual(
      failed.map((e) => e.type === "error" ? e.requestId : undefined),
      [b],
    );
  });
});
