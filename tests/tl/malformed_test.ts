import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { gzip } from "pako";
import {
  decodeMsgContainer,
  deserialize,
  deserializeResult,
  encodeMsgContainer,
  gzipPack,
  gzipUnpack,
  MSG_CONTAINER_ID,
  serialize,
  TLError,
  type TLObject,
  TLReader,
  TLWriter,
} from "../../tl/mod.ts";
import { setCompilation } from "../../tl/compile.ts";
import { bigMessages } from "../../scripts/bench/tl_fixture.ts";

function onlyTLError(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof TLError)) throw new Error(`expected TLError, got ${e}`);
  }
}

function smallMessages() {
  const m = bigMessages();
  m.messages = m.messages.slice(0, 12);
  return m;
}

for (const compiled of [true, false]) {
  describe(`malformed input (${compiled ? "compiled" : "interpreter"})`, () => {
    it("every truncation of a messages.messages throws TLError", () => {
      setCompilation(compiled);
      try {
        const bytes = serialize(smallMessages());
        for (let n = 0; n < bytes.length; n++) {
          assert.throws(
            () => deserialize(bytes.subarray(0, n)),
            TLError,
            `truncated at ${n}`,
          );
        }
      } finally {
        setCompilation(true);
      }
    });

    it("random byte flips give a value or TLError, nothing else", () => {
      setCompilation(compiled);
      try {
        const bytes = serialize(smallMessages());
        let seed = 12345;
        const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
        for (let k = 0; k < 3000; k++) {
          const copy = bytes.slice();
          const flips = 1 + (rand() % 4);
          for (let j = 0; j < flips; j++) {
            copy[rand() % copy.length] ^= 1 << (rand() % 8);
          }
          onlyTLError(() => deserialize(copy));
        }
      } finally {
        setCompilation(true);
      }
    });
  });
}

describe("hostile lengths and counts", () => {
  const w32 = (...xs: number[]) => {
    const w = new TLWriter();
    for (const x of xs) w.writeUint32(x);
    return w.finish();
  };
  it("a vector count larger than the data", () => {
    // msgs_ack with 0x7fffffff longs but no data
    const e = assert.throws(
      () => deserialize(w32(0x62d6b459, 0x1cb5c415, 0x7fffffff)),
      TLError,
    );
    void e;
    assert.throws(
      () => deserialize(w32(0x62d6b459, 0x1cb5c415, 0xffffffff, 0, 0)),
      /cannot fit/,
    );
  });
  it("a bytes length past the end", () => {
    // msgs_state_info req_msg_id:long info:bytes with length 0xfffffe
    const b = new Uint8Array([
      ...w32(0x04deb57d, 0, 0),
      0xfe,
      0xff,
      0xff,
      0xff,
    ]);
    assert.throws(() => deserialize(b), /run past the end/);
    assert.throws(
      () =>
        deserialize(new Uint8Array([...w32(0x04deb57d, 0, 0), 0xff, 0, 0, 0])),
      TLError,
    );
  });
  it("a bad Bool", () => {
    // inputPeerNotifySettings? use a method taking Bool: account.updateStatus offline:Bool
    const b = w32(0x6628562c, 0x12345678);
    assert.throws(() => deserialize(b), /boolTrue or boolFalse/);
  });
  it("an unknown constructor id names the path", () => {
    const m = smallMessages();
    const bytes = serialize(m);
    // Corrupt the id of messages[3].entities[0]: find it by serializing the prefix.
    const entityId = new Uint8Array(new Uint32Array([0xbd610bc9]).buffer); // messageEntityBold
    let hits = 0;
    let pos = -1;
    for (let i = 0; i + 4 <= bytes.length; i++) {
      if (
        bytes[i] === entityId[0] && bytes[i + 1] === entityId[1] &&
        bytes[i + 2] === entityId[2] && bytes[i + 3] === entityId[3]
      ) {
        if (hits++ === 3) pos = i;
      }
    }
    const copy = bytes.slice();
    copy.set([1, 2, 3, 4], pos);
    const err = assert.throws(() => deserialize(copy), TLError) as unknown;
    void err;
    try {
      deserialize(copy);
    } catch (e) {
      assert.ok(e instanceof TLError);
      assert.match(e.path, /^messages\.messages\.messages\[3\]\.entities\[0\]/);
      assert.match(e.message, /unknown constructor id 0x4030201/);
    }
  });
  it("a constructor of the wrong type", () => {
    // msgs_ack's vector holds longs; put a pong where an InputPeer belongs instead:
    // inputPeerUserFromMessage peer:InputPeer ... with a pong
    const b = serialize({ _: "pong", msg_id: 1n, ping_id: 2n });
    const bytes = new Uint8Array([...w32(0xa87b0a1c), ...b, ...w32(1, 0, 0)]);
    assert.throws(() => deserialize(bytes), /pong is not a InputPeer/);
  });
  it("deep nesting is rejected, not a stack overflow", () => {
    // textBold#6724abc4 text:RichText, 100000 deep
    const parts: number[] = [];
    for (let i = 0; i < 100000; i++) parts.push(0x6724abc4);
    assert.throws(() => deserialize(w32(...parts)), /nested deeper/);
  });
  it("left-over bytes", () => {
    assert.throws(() => deserialize(w32(0xf660e1d4, 0)), /left over/);
  });
  it("a gzip bomb stops at the bound", () => {
    const big = new Uint8Array(4 * 1024 * 1024);
    const packed = gzipPack(big);
    assert.throws(() => gzipUnpack(packed, 1024 * 1024), /bound/);
    assert.equal(gzipUnpack(packed, 8 * 1024 * 1024).length, big.length);
    const r = new TLReader(packed, { maxGzipSize: 1000 });
    assert.throws(() => r.readObject(), /bound/);
  });
  it("corrupt gzip data", () => {
    const w = new TLWriter();
    w.writeUint32(0x3072cfa1);
    w.writeBytes(new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7]));
    assert.throws(() => deserialize(w.finish()), TLError);
    const half = gzip(new Uint8Array(1000)).subarray(0, 10);
    const w2 = new TLWriter();
    w2.writeUint32(0x3072cfa1);
    w2.writeBytes(half);
    assert.throws(() => deserialize(w2.finish()), TLError);
  });
  it("msg_container with hostile counts and lengths", () => {
    assert.throws(
      () => decodeMsgContainer(w32(MSG_CONTAINER_ID, 1000)),
      /cannot fit/,
    );
    assert.throws(
      () => decodeMsgContainer(w32(MSG_CONTAINER_ID, 1, 0, 0, 0, 0x7ffffff0)),
      /bad message body length/,
    );
    const good = encodeMsgContainer([{
      msg_id: 5n,
      seqno: 1,
      body: serialize({
        _: "http_wait",
        max_delay: 0,
        wait_after: 0,
        max_wait: 25000,
      }),
    }]);
    const [m] = decodeMsgContainer(good);
    assert.equal(m.msg_id, 5n);
    assert.deepEqual(deserialize(m.body), {
      _: "http_wait",
      max_delay: 0,
      wait_after: 0,
      max_wait: 25000,
    });
    for (let n = 0; n < good.length; n++) {
      assert.throws(() => decodeMsgContainer(good.subarray(0, n)), TLError);
    }
  });
  it("deserializeResult of an unknown method", () => {
    assert.throws(
      () => deserializeResult("no.suchMethod", new Uint8Array(4)),
      /unknown method/,
    );
  });
});

describe("wrong-typed values when writing", () => {
  const ok = {
    _: "messages.sendMessage",
    peer: { _: "inputPeerSelf" },
    message: "hi",
    random_id: 1n,
  };
  const bad = (v: unknown) => () => serialize(v as TLObject);
  it("a number where a bigint belongs", () => {
    assert.throws(
      bad({ ...ok, random_id: 1 }),
      (e) =>
        e instanceof TLError && e.path === "messages.sendMessage.random_id",
    );
  });
  it("a missing required field", () => {
    assert.throws(
      bad({ ...ok, message: undefined }),
      /missing required field at messages.sendMessage.message/,
    );
  });
  it("an unknown _", () => {
    assert.throws(bad({ _: "nope" }), /unknown constructor or function/);
    assert.throws(bad({ ...ok, peer: { _: "nope" } }), /expected a InputPeer/);
  });
  it("a constructor of another type", () => {
    assert.throws(
      bad({ ...ok, peer: { _: "peerUser", user_id: 1n } }),
      /expected a InputPeer, got object peerUser at messages.sendMessage.peer/,
    );
  });
  it("bad vector and element", () => {
    assert.throws(bad({ ...ok, entities: "x" }), /expected an array/);
    assert.throws(
      bad({
        ...ok,
        entities: [{ _: "messageEntityBold", offset: 0, length: 1 }, {
          _: "messageEntityBold",
          offset: 0,
          length: 1.5,
        }],
      }),
      (e) =>
        e instanceof TLError &&
        e.path === "messages.sendMessage.entities[1].length",
    );
  });
  it("out-of-range integers", () => {
    assert.throws(
      bad({ _: "http_wait", max_delay: 2 ** 32, wait_after: 0, max_wait: 0 }),
      /32-bit/,
    );
    assert.throws(bad({ ...ok, random_id: 1n << 64n }), /64-bit/);
    assert.throws(bad({ _: "req_pq_multi", nonce: -1n }), /unsigned 128-bit/);
  });
  it("a field sharing a set flag bit must be present", () => {
    // inputMediaPoll: solution:flags.1?string solution_entities:flags.1?Vector<MessageEntity>
    const poll = {
      _: "poll",
      id: 1n,
      question: { _: "textWithEntities", text: "q", entities: [] },
      answers: [],
      hash: 0n,
    };
    assert.throws(
      bad({ _: "inputMediaPoll", poll, solution: "s" }),
      /another field sharing its flag bit/,
    );
  });
  it("cycles are rejected", () => {
    const a: Record<string, unknown> = { _: "textBold" };
    a.text = a;
    assert.throws(bad({ _: "pageBlockParagraph", text: a }), /nested deeper/);
  });
  it("writer primitives check their input", () => {
    const w = new TLWriter();
    assert.throws(() => w.writeInt64(5 as unknown as bigint), TLError);
    assert.throws(() => w.writeBytes("x" as unknown as Uint8Array), TLError);
    assert.throws(() => w.writeString(5 as unknown as string), TLError);
    assert.throws(() => w.writeBool(1 as unknown as boolean), TLError);
  });
});
