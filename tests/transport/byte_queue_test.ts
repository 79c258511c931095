import { describe, it } from "node:test";
import assert from "node:assert/strict";
import zlib from "node:zlib";
import { ByteQueue } from "../../transport/byte_queue.ts";
import { crc32 } from "../../transport/crc32.ts";
import { hex, pseudoRandomBytes, seededRandom } from "./helpers.ts";

describe("ByteQueue", () => {
  it("reads across chunk boundaries and keeps order", () => {
    const queue = new ByteQueue();
    queue.push(hex("0102"));
    queue.push(new Uint8Array(0));
    queue.push(hex("030405"));
    queue.push(hex("06"));
    assert.equal(queue.length, 6);
    assert.equal(queue.byteAt(4), 5);
    assert.equal(queue.uint32At(1), 0x05040302);
    assert.deepEqual(queue.peek(3), hex("010203"));
    assert.deepEqual(queue.take(1), hex("01"));
    assert.deepEqual(queue.take(3), hex("020304"));
    queue.skip(1);
    assert.deepEqual(queue.takeAll(), hex("06"));
    assert.equal(queue.length, 0);
    assert.throws(() => queue.take(1), RangeError);
    assert.throws(() => queue.byteAt(0), RangeError);
  });
  it("stays correct with many one-byte chunks consumed in pieces", () => {
    const random = seededRandom(1);
    const data = pseudoRandomBytes(5000, random);
    const queue = new ByteQueue();
    const out: number[] = [];
    for (let i = 0; i < data.length; i++) {
      queue.push(data.slice(i, i + 1));
      if (random() < 0.05) {
        out.push(...queue.take(Math.floor(random() * queue.length)));
      }
    }
    out.push(...queue.takeAll());
    assert.deepEqual(Uint8Array.from(out), data);
  });
  it("peek copies, so the caller cannot change queued bytes", () => {
    const queue = new ByteQueue();
    queue.push(hex("0102"));
    queue.peek(2)[0] = 9;
    assert.deepEqual(queue.take(2), hex("0102"));
  });
});

describe("crc32", () => {
  it("matches the standard check value and node:zlib, also when chained", () => {
    assert.equal(crc32(new TextEncoder().encode("123456789")), 0xcbf43926);
    assert.equal(crc32(new Uint8Array(0)), 0);
    const data = pseudoRandomBytes(1000, seededRandom(2));
    assert.equal(crc32(data), zlib.crc32(data));
    assert.equal(
      crc32(data.subarray(400), crc32(data.subarray(0, 400))),
      zlib.crc32(data),
    );
  });
});
