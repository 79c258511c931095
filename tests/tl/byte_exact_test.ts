import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { gzip } from "pako";
import {
  decodeRpcResult,
  deserialize,
  deserializeResult,
  encodeRpcResult,
  LAYER,
  type RawMsgsAck,
  serialize,
  serializeResult,
  TLReader,
  TLWriter,
} from "../../tl/mod.ts";

/** Hex (spaces allowed) → bytes. */
function hex(s: string): Uint8Array {
  const clean = s.replace(/\s+/g, "");
  return Uint8Array.from(clean.match(/../g) ?? [], (h) => parseInt(h, 16));
}
/** A 32-bit id as its little-endian wire bytes. */
function id(n: number): string {
  return [0, 8, 16, 24].map((s) =>
    ((n >>> s) & 0xff).toString(16).padStart(2, "0")
  ).join("");
}
/** A TL string as hand-computed wire bytes (short form only). */
function str(s: string): string {
  const b = new TextEncoder().encode(s);
  assert.ok(b.length < 254);
  const out = [b.length, ...b];
  while (out.length % 4) out.push(0);
  return out.map((x) => x.toString(16).padStart(2, "0")).join("");
}

describe("bytes framing (TL docs: 1-byte length up to 253, else 0xfe + 3 bytes)", () => {
  it("253 bytes: 1-byte prefix, 2 bytes of padding", () => {
    const data = new Uint8Array(253).fill(0xaa);
    const w = new TLWriter();
    w.writeBytes(data);
    const out = w.finish();
    assert.equal(out.length, 256);
    assert.equal(out[0], 253);
    assert.deepEqual(out.subarray(1, 254), data);
    assert.deepEqual(out.subarray(254), new Uint8Array(2));
    assert.deepEqual(new TLReader(out).readBytes(), data);
  });
  it("254 bytes: 0xfe, 3-byte little-endian length, 2 bytes of padding", () => {
    const data = new Uint8Array(254).fill(0xbb);
    const w = new TLWriter();
    w.writeBytes(data);
    const out = w.finish();
    assert.equal(out.length, 260);
    assert.deepEqual(out.subarray(0, 4), hex("fe fe 00 00"));
    assert.deepEqual(out.subarray(4, 258), data);
    assert.deepEqual(out.subarray(258), new Uint8Array(2));
    const r = new TLReader(out);
    assert.deepEqual(r.readBytes(), data);
    assert.equal(r.remaining, 0);
  });
  it("70000 bytes: 0xfe 70 11 01", () => {
    const w = new TLWriter();
    w.writeBytes(new Uint8Array(70000));
    assert.deepEqual(w.finish().subarray(0, 4), hex("fe 70 11 01"));
  });
  it("a 4-byte-aligned empty value is 4 bytes", () => {
    const w = new TLWriter();
    w.writeString("");
    assert.deepEqual(w.finish(), hex("00 000000"));
  });
});

describe("objects written by hand from the schema", () => {
  it("user with flags and flags2", () => {
    // user#b1b8cc83 flags:# ... flags2:# bot_can_edit:flags2.1?true ... id:long
    // access_hash:flags.0?long first_name:flags.1?string ...
    const expected = hex(
      id(0xb1b8cc83) + "02000000" /* flags: bit 1 (first_name) */ +
        "02000000" /* flags2: bit 1 (bot_can_edit) */ +
        "0100000000000000" /* id */ + str("ab"),
    );
    const user = {
      _: "user",
      bot_can_edit: true,
      id: 1n,
      first_name: "ab",
    } as const;
    assert.deepEqual(serialize(user), expected);
    assert.deepEqual(deserialize(expected), user);
  });

  it("invokeWithLayer(228, initConnection(..., help.getConfig))", () => {
    const expected = hex(
      id(0xda9b0d0d) + "e4000000" /* layer 228 */ +
        id(0xc1cd5ea9) + "00000000" /* flags */ +
        "39300000" /* api_id 12345 */ +
        str("PC") + str("Linux") + str("1.0") + str("en") + str("") +
        str("en") +
        id(0xc4f9186b), /* help.getConfig */
    );
    assert.equal(LAYER, 228);
    const req = {
      _: "invokeWithLayer",
      layer: LAYER,
      query: {
        _: "initConnection",
        api_id: 12345,
        device_model: "PC",
        system_version: "Linux",
        app_version: "1.0",
        system_lang_code: "en",
        lang_pack: "",
        lang_code: "en",
        query: { _: "help.getConfig" },
      },
    } as const;
    assert.deepEqual(serialize(req), expected);
    assert.deepEqual(deserialize(expected), req);
  });

  it("a Vector<long> (msgs_ack) and a bare-long vector result", () => {
    const expected = hex(
      id(0x62d6b459) + id(0x1cb5c415) + "02000000" + "0100000000000000" +
        "ffffffffffffffff",
    );
    const ack: RawMsgsAck = { _: "msgs_ack", msg_ids: [1n, -1n] };
    assert.deepEqual(serialize(ack), expected);
    assert.deepEqual(deserialize(expected), ack);
    // messages.receivedQueue#55a5bb66 max_qts:int = Vector<long>
    const result = hex(
      id(0x1cb5c415) + "02000000" + "0500000000000000" + "0000000000000080",
    );
    assert.deepEqual(deserializeResult("messages.receivedQueue", result), [
      5n,
      -(1n << 63n),
    ]);
    assert.deepEqual(
      serializeResult("messages.receivedQueue", [5n, -(1n << 63n)]),
      result,
    );
  });

  it("int128/int256 are little-endian unsigned bigints", () => {
    const nonce = hex("0102030405060708090a0b0c0d0e0f10");
    const bytes = hex(id(0xbe7e8ef1) + "0102030405060708090a0b0c0d0e0f10");
    const req = deserialize(bytes) as { nonce: bigint };
    assert.equal(req.nonce, 0x100f0e0d0c0b0a090807060504030201n);
    assert.deepEqual(
      serialize({ _: "req_pq_multi", nonce: req.nonce }).subarray(4),
      nonce,
    );
  });

  it("a gzip_packed answer inside rpc_result", () => {
    // pong#347773c5 msg_id:long ping_id:long, gzip-compressed by pako (not by the code under test)
    const pong = hex(id(0x347773c5) + "0700000000000000" + "0900000000000000");
    const packed = gzip(pong);
    const packedField = packed.length < 254 ? [packed.length, ...packed] : [
      254,
      packed.length & 255,
      (packed.length >> 8) & 255,
      packed.length >> 16,
      ...packed,
    ];
    while (packedField.length % 4) packedField.push(0);
    const gz = new Uint8Array([...hex(id(0x3072cfa1)), ...packedField]);
    const rpc = new Uint8Array([
      ...hex(id(0xf35c6d01) + "2a00000000000000"),
      ...gz,
    ]);
    assert.deepEqual(encodeRpcResult(42n, gz), rpc);
    const parts = decodeRpcResult(rpc);
    assert.equal(parts.req_msg_id, 42n);
    const expected = { _: "pong", msg_id: 7n, ping_id: 9n };
    assert.deepEqual(deserialize(parts.result), expected);
    assert.deepEqual(deserializeResult("ping", parts.result), expected);
  });
});
