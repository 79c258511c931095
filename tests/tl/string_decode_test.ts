import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { TLReader, TLWriter } from "../../tl/mod.ts";

/** What every TL string read must equal: the WHATWG UTF-8 decoding, BOM kept. */
const reference = new TextDecoder("utf-8", { ignoreBOM: true });

function readBack(data: Uint8Array): string {
  const w = new TLWriter(16);
  w.writeBytes(data);
  const r = new TLReader(w.finish());
  const s = r.readString();
  assert.equal(r.remaining, 0);
  return s;
}

/** A deterministic generator (xorshift32), so a failure can be reproduced. */
function rng(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

/** Bytes that look like UTF-8 but are often broken: ASCII, valid 2/3/4-byte sequences, stray continuation bytes, overlongs, surrogates, truncated sequences. */
function utf8ish(random: () => number, len: number): Uint8Array {
  const out: number[] = [];
  const pieces = [
    () => [Math.floor(random() * 0x80)],
    () => [...new TextEncoder().encode("ж")],
    () => [...new TextEncoder().encode("☕")],
    () => [...new TextEncoder().encode("😀")],
    () => [0xef, 0xbb, 0xbf], // U+FEFF
    () => [0x80 + Math.floor(random() * 0x40)], // stray continuation
    () => [0xc0 + Math.floor(random() * 2), 0x80], // overlong 2-byte
    () => [0xe0, 0x80 + Math.floor(random() * 0x20), 0x80], // overlong 3-byte
    () => [0xed, 0xa0 + Math.floor(random() * 0x20), 0x80], // surrogate
    () => [0xf0, 0x80 + Math.floor(random() * 0x10), 0x80, 0x80], // overlong 4-byte
    () => [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
    () => [0xf5 + Math.floor(random() * 11)], // never valid
    () => [0xe2, 0x98], // truncated
    () => [0xf0, 0x9f, 0x98], // truncated
    () => [Math.floor(random() * 256)],
  ];
  while (out.length < len) {
    out.push(...pieces[Math.floor(random() * pieces.length)]());
  }
  return new Uint8Array(out.slice(0, len));
}

describe("TL string decoding", () => {
  it("equals TextDecoder on valid and broken UTF-8 of every short length", () => {
    const random = rng(12345);
    for (let len = 0; len <= 300; len++) {
      for (let k = 0; k < 40; k++) {
        const data = utf8ish(random, len);
        assert.equal(readBack(data), reference.decode(data), `bytes ${data}`);
      }
    }
  });

  it("reads valid text of every short length in ASCII, Cyrillic, symbols and emoji", () => {
    const alphabet = ["a", "Z", " ", "ж", "é", "☕", "😀", "\u0000", "\uFEFF"];
    const random = rng(777);
    for (let chars = 0; chars <= 120; chars++) {
      let text = "";
      for (let i = 0; i < chars; i++) {
        text += alphabet[Math.floor(random() * alphabet.length)];
      }
      assert.equal(readBack(new TextEncoder().encode(text)), text);
    }
  });

  it("keeps a leading byte order mark", () => {
    for (const text of ["\uFEFF", "\uFEFFhi", "\uFEFF" + "x".repeat(300)]) {
      assert.equal(readBack(new TextEncoder().encode(text)), text);
    }
  });
});
