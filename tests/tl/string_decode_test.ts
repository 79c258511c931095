import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  deserialize,
  deserializeResult,
  gzipPack,
  serialize,
  TLReader,
  TLWriter,
} from "../../tl/mod.ts";
import { setCompilation } from "../../tl/compile.ts";
import { bigMessages } from "../../scripts/bench/tl_fixture.ts";

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

/** Finds `needle` in `hay` (the first occurrence), or -1. */
function indexOfBytes(hay: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) {
      if (hay[i + j] !== needle[j]) continue outer;
    }
    return i;
  }
  return -1;
}

/**
 * A serialized messages.messages whose long message texts were overwritten
 * in place with `texts[i]` (same byte length as the placeholder), so that
 * they can hold bytes no JS string serializes to.
 */
function withRawTexts(texts: Uint8Array[]): Uint8Array {
  const m = bigMessages();
  m.messages = m.messages.slice(0, texts.length);
  texts.forEach((t, i) => {
    (m.messages[i] as { message: string }).message = String.fromCharCode(
      65 + (i % 26),
    ).repeat(t.length);
  });
  const bytes = serialize(m);
  texts.forEach((t, i) => {
    // Search with the length prefix, which may itself equal the letter.
    const len = t.length;
    const prefix = len < 254
      ? [len]
      : [254, len & 255, (len >> 8) & 255, len >> 16];
    const placeholder = new TextEncoder().encode(
      String.fromCharCode(65 + (i % 26)).repeat(len),
    );
    const at = indexOfBytes(
      bytes,
      new Uint8Array([...prefix, ...placeholder]),
    );
    assert.ok(at > 0);
    bytes.set(t, at + prefix.length);
  });
  return bytes;
}

function messageTexts(v: unknown): string[] {
  return (v as { messages: { message: string }[] }).messages.map((m) =>
    m.message
  );
}

for (const compiled of [true, false]) {
  describe(`long strings in objects (${compiled ? "compiled" : "interpreter"})`, () => {
    it("equal TextDecoder's result, broken UTF-8 and NULs included", () => {
      setCompilation(compiled);
      try {
        const random = rng(99);
        for (let round = 0; round < 30; round++) {
          const texts: Uint8Array[] = [];
          for (let i = 0; i < 1 + (round % 13); i++) {
            const t = utf8ish(random, 65 + Math.floor(random() * 300));
            if (round % 3 === 0 && i === 0) t[10] = 0; // a NUL inside a string
            if (round % 5 === 1) t[t.length - 1] = 0xe2; // a sequence cut by the end
            texts.push(t);
          }
          const bytes = withRawTexts(texts);
          assert.deepEqual(
            messageTexts(deserialize(bytes)),
            texts.map((t) => reference.decode(t)),
          );
        }
      } finally {
        setCompilation(true);
      }
    });

    it("survive gzip_packed, method results and a reader reused after an error", () => {
      setCompilation(compiled);
      try {
        const m = bigMessages();
        assert.deepEqual(deserialize(gzipPack(serialize(m))), m);
        assert.deepEqual(
          deserializeResult("messages.getHistory", serialize(m)),
          m,
        );
        const bytes = serialize(m);
        assert.throws(() => deserialize(bytes.subarray(0, bytes.length - 8)));
        assert.deepEqual(deserialize(bytes), m);
      } finally {
        setCompilation(true);
      }
    });
  });
}
