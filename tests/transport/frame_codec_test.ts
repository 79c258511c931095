import { describe, it } from "node:test";
import assert from "node:assert/strict";
import zlib from "node:zlib";
import { AbridgedCodec } from "../../transport/abridged.ts";
import {
  createFrameCodec,
  FRAMINGS,
} from "../../transport/create_frame_codec.ts";
import {
  TransportError,
  TransportServerError,
} from "../../transport/errors.ts";
import {
  type DecodedFrame,
  decodeFrames,
  type FrameCodec,
  type Framing,
} from "../../transport/frame_codec.ts";
import { FullCodec } from "../../transport/full.ts";
import {
  IntermediateCodec,
  PaddedIntermediateCodec,
  trimMtprotoPadding,
} from "../../transport/intermediate.ts";
import {
  chunkings,
  concat,
  hex,
  pseudoRandomBytes,
  randomChunks,
  seededRandom,
} from "./helpers.ts";

const payload8 = hex("0102030405060708");

/** A fake encrypted MTProto packet: nonzero auth_key_id, 24 + 16k bytes. */
function encryptedLike(length: number, random: () => number): Uint8Array {
  const packet = pseudoRandomBytes(length, random);
  packet[0] = 1;
  return packet;
}

/** Payload sizes around each framing's boundaries (all valid encrypted-packet sizes). */
const SIZES = [
  24 + 16,
  24 + 16 * 30,
  24 + 16 * 31,
  24 + 16 * 32,
  24 + 16 * 4000,
];
/** A payload over 1 MiB, sent whole and in random chunks (byte by byte would only be slow). */
const BIG_SIZE = 24 + 16 * 70000;

/** A plaintext MTProto packet (auth_key_id 0, msg_id, length, 4 bytes of data): valid for every framing. */
const packet24 = hex("0000000000000000 0102030405060708 04000000 deadbeef");

function payloads(frames: DecodedFrame[]): Uint8Array[] {
  return frames.map((frame) => {
    assert.equal(frame.type, "payload");
    return frame.type === "payload" ? frame.payload : new Uint8Array();
  });
}

describe("abridged framing vectors (from the Transports docs)", () => {
  it("opens with 0xef and uses one length byte below 127 words", () => {
    const codec = new AbridgedCodec();
    assert.deepEqual(codec.preamble, hex("ef"));
    assert.deepEqual(codec.encode(payload8), hex("02 0102030405060708"));
    const p = new Uint8Array(126 * 4).fill(7);
    assert.deepEqual(codec.encode(p).subarray(0, 2), hex("7e 07"));
    assert.equal(codec.encode(p).length, 1 + 504);
  });
  it("uses 0x7f and a 3-byte little-endian word count from 127 words", () => {
    const codec = new AbridgedCodec();
    const p = new Uint8Array(127 * 4).fill(9);
    const framed = codec.encode(p);
    assert.deepEqual(framed.subarray(0, 5), hex("7f 7f 00 00 09"));
    const big = new Uint8Array(0x12345 * 4);
    assert.deepEqual(codec.encode(big).subarray(0, 4), hex("7f 45 23 01"));
  });
  it("sets the top bit of the first byte to ask for a quick ack", () => {
    const codec = new AbridgedCodec();
    assert.deepEqual(
      codec.encode(payload8, { quickAck: true }),
      hex("82 0102030405060708"),
    );
    assert.deepEqual(
      codec.encode(new Uint8Array(508), { quickAck: true }).subarray(0, 4),
      hex("ff 7f 00 00"),
    );
  });
  it("server: sees the quick-ack request and answers with the byte-swapped token", () => {
    const server = new AbridgedCodec({ role: "server" });
    assert.deepEqual(server.preamble, new Uint8Array(0));
    const [frame] = decodeFrames(server, hex("82 0102030405060708"));
    assert.deepEqual(frame, {
      type: "payload",
      payload: payload8,
      quickAckRequested: true,
    });
    assert.deepEqual(server.encodeQuickAck(0x81020304), hex("81020304"));
    assert.deepEqual(server.encodeQuickAck(0x01020304), hex("81020304"));
    const client = new AbridgedCodec();
    assert.deepEqual(decodeFrames(client, hex("81020304 01 0a0b0c0d")), [
      { type: "quickAck", token: 0x81020304 },
      { type: "payload", payload: hex("0a0b0c0d"), quickAckRequested: false },
    ]);
  });
  it("client: a byte with the top bit set is never a length", () => {
    const client = new AbridgedCodec();
    assert.deepEqual(decodeFrames(client, hex("ff")), []);
    assert.deepEqual(decodeFrames(client, hex("7f0000")), [{
      type: "quickAck",
      token: 0xff7f0000,
    }]);
  });
  it("rejects payloads that are not a multiple of 4", () => {
    assert.throws(
      () => new AbridgedCodec().encode(hex("010203")),
      TransportError,
    );
  });
});

describe("intermediate framing vectors", () => {
  it("opens with eeeeeeee and prefixes a 4-byte little-endian length", () => {
    const codec = new IntermediateCodec();
    assert.deepEqual(codec.preamble, hex("eeeeeeee"));
    assert.deepEqual(codec.encode(payload8), hex("08000000 0102030405060708"));
    assert.deepEqual(
      codec.encode(new Uint8Array(0x10204)).subarray(0, 4),
      hex("04020100"),
    );
  });
  it("sets the top bit of the length to ask for a quick ack; the server answers with a lone token", () => {
    const codec = new IntermediateCodec();
    assert.deepEqual(
      codec.encode(payload8, { quickAck: true }),
      hex("08000080 0102030405060708"),
    );
    const server = new IntermediateCodec({ role: "server" });
    assert.deepEqual(decodeFrames(server, hex("08000080 0102030405060708")), [
      { type: "payload", payload: payload8, quickAckRequested: true },
    ]);
    assert.deepEqual(server.encodeQuickAck(0x01020304), hex("04030281"));
    assert.deepEqual(decodeFrames(codec, hex("04030281")), [{
      type: "quickAck",
      token: 0x81020304,
    }]);
  });
  it("rejects lengths that are not a multiple of 4", () => {
    assert.throws(
      () => decodeFrames(new IntermediateCodec(), hex("05000000 0102030405")),
      TransportError,
    );
    assert.throws(
      () => new IntermediateCodec().encode(hex("0102030405")),
      TransportError,
    );
  });
});

describe("padded intermediate framing vectors", () => {
  it("opens with dddddddd and counts the 0-15 padding bytes in the length", () => {
    // One 16-byte draw: the low 4 bits of its first byte give the padding length, the next bytes the padding.
    const draw = hex("f3 aabbcc" + "00".repeat(12));
    const codec = new PaddedIntermediateCodec({
      randomBytes: (n) => draw.slice(0, n),
    });
    assert.deepEqual(codec.preamble, hex("dddddddd"));
    assert.deepEqual(
      codec.encode(payload8),
      hex("0b000000 0102030405060708 aabbcc"),
    );
  });
  it("pads with 0..15 bytes, all lengths appear", () => {
    const codec = new PaddedIntermediateCodec();
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(codec.encode(payload8).length - 12);
    assert.deepEqual(
      [...seen].sort((a, b) => a - b),
      Array.from({ length: 16 }, (_, i) => i),
    );
  });
  it("decoder strips the padding using the MTProto packet layout", () => {
    const random = seededRandom(5);
    const plain = concat(
      new Uint8Array(8),
      pseudoRandomBytes(8, random),
      hex("0c000000"),
      new Uint8Array(12),
    );
    const encrypted = encryptedLike(24 + 32, random);
    for (const packet of [plain, encrypted]) {
      for (let padding = 0; padding < 16; padding++) {
        const padded = concat(packet, new Uint8Array(padding).fill(0x5a));
        assert.deepEqual(trimMtprotoPadding(padded), packet);
        const server = new PaddedIntermediateCodec({ role: "server" });
        const header = new Uint8Array(4);
        new DataView(header.buffer).setUint32(0, padded.length, true);
        assert.deepEqual(
          payloads(decodeFrames(server, concat(header, padded))),
          [packet],
        );
      }
    }
  });
  it("an error code with padding is still an error code", () => {
    const client = new PaddedIntermediateCodec();
    assert.throws(
      () =>
        decodeFrames(
          client,
          hex(
            "0b000000 6cfeffff 0102030405060708 09 0a 0b".replace(/ 0/g, " 0"),
          ),
        ),
      (error: unknown) =>
        error instanceof TransportServerError && error.code === -404,
    );
  });
  it("leaves frames that fit no packet layout untouched", () => {
    const odd = concat(hex("01"), new Uint8Array(21));
    assert.deepEqual(trimMtprotoPadding(odd), odd);
    const lying = concat(
      new Uint8Array(16),
      hex("ff000000"),
      new Uint8Array(8),
    );
    assert.deepEqual(trimMtprotoPadding(lying), lying);
  });
});

describe("full framing vectors", () => {
  it("has no tag; length covers the envelope, seqno counts from 0, CRC-32 ends it", () => {
    const codec = new FullCodec();
    assert.deepEqual(codec.preamble, new Uint8Array(0));
    const head0 = hex("14000000 00000000 0102030405060708");
    const crc0 = new Uint8Array(4);
    new DataView(crc0.buffer).setUint32(0, zlib.crc32(head0), true);
    assert.deepEqual(codec.encode(payload8), concat(head0, crc0));
    const head1 = hex("14000000 01000000 0102030405060708");
    const crc1 = new Uint8Array(4);
    new DataView(crc1.buffer).setUint32(0, zlib.crc32(head1), true);
    assert.deepEqual(codec.encode(payload8), concat(head1, crc1));
  });
  it("counts seqno per direction", () => {
    const client = new FullCodec();
    const server = new FullCodec({ role: "server" });
    for (let i = 0; i < 3; i++) {
      assert.equal(decodeFrames(server, client.encode(payload8)).length, 1);
    }
    // The server's first frame still carries seqno 0.
    assert.deepEqual(server.encode(payload8).subarray(4, 8), hex("00000000"));
    assert.deepEqual(client.encode(payload8).subarray(4, 8), hex("03000000"));
  });
  it("rejects a bad CRC", () => {
    const framed = new FullCodec().encode(payload8);
    framed[10] ^= 1;
    assert.throws(
      () => decodeFrames(new FullCodec({ role: "server" }), framed),
      /CRC/,
    );
  });
  it("rejects a bad seqno (replayed or skipped frame)", () => {
    const client = new FullCodec();
    const first = client.encode(payload8);
    const server = new FullCodec({ role: "server" });
    decodeFrames(server, first);
    assert.throws(() => decodeFrames(server, first), /seqno/);
    const skipping = new FullCodec();
    skipping.encode(payload8);
    assert.throws(
      () =>
        decodeFrames(
          new FullCodec({ role: "server" }),
          skipping.encode(payload8),
        ),
      /seqno/,
    );
  });
  it("rejects a length too short to hold an envelope, and quick acks", () => {
    assert.throws(
      () => decodeFrames(new FullCodec(), hex("0c000000 00000000 00000000")),
      TransportError,
    );
    assert.throws(
      () => new FullCodec().encode(payload8, { quickAck: true }),
      TransportError,
    );
    assert.throws(
      () => new FullCodec({ role: "server" }).encodeQuickAck(1),
      TransportError,
    );
  });
});

describe("every framing", () => {
  for (const framing of FRAMINGS) {
    describe(framing, () => {
      it("client -> server and server -> client, whole, byte by byte and in random chunks", () => {
        const random = seededRandom(framing.length * 7919);
        const messages = SIZES.map((size) => encryptedLike(size, random));
        for (
          const [from, to] of [["client", "server"], [
            "server",
            "client",
          ]] as const
        ) {
          const sender = createFrameCodec(framing, { role: from });
          const stream = concat(...messages.map((m) => sender.encode(m)));
          const ways = chunkings(stream, random, 3000);
          const big = encryptedLike(BIG_SIZE, random);
          const bigSender = createFrameCodec(framing, { role: from });
          const bigStream = concat(
            ...messages.map((m) => bigSender.encode(m)),
            bigSender.encode(big),
          );
          ways.push(randomChunks(bigStream, random, 70000));
          // One receiver per chunking: a full codec's seqno state is per stream.
          for (const chunks of ways) {
            const receiver = createFrameCodec(framing, { role: to });
            const received: Uint8Array[] = [];
            for (const chunk of chunks) {
              received.push(...payloads(decodeFrames(receiver, chunk)));
            }
            const expected = chunks === ways[3] ? [...messages, big] : messages;
            assert.equal(received.length, expected.length);
            for (let i = 0; i < expected.length; i++) {
              assert.deepEqual(received[i], expected[i]);
            }
            assert.equal(receiver.nextFrame(), undefined);
          }
        }
      });

      it("turns a 4-byte negative payload into a TransportServerError, after the frames before it", () => {
        for (const code of [-404, -429, -444, -1]) {
          const server = createFrameCodec(framing, { role: "server" });
          const errorPayload = new Uint8Array(4);
          new DataView(errorPayload.buffer).setInt32(0, code, true);
          const stream = concat(
            server.encode(packet24),
            server.encode(errorPayload),
          );
          const client = createFrameCodec(framing);
          client.feed(stream);
          assert.deepEqual(client.nextFrame(), {
            type: "payload",
            payload: packet24,
            quickAckRequested: false,
          });
          assert.throws(
            () => client.nextFrame(),
            (error: unknown) =>
              error instanceof TransportServerError && error.code === code,
          );
          // The decoder stays failed.
          assert.throws(() => client.nextFrame(), TransportServerError);
        }
        // A server-role decoder does not interpret 4-byte payloads.
        const client = createFrameCodec(framing);
        const server = createFrameCodec(framing, { role: "server" });
        const frames = payloads(
          decodeFrames(server, client.encode(hex("6cfeffff"))),
        );
        assert.deepEqual(frames, [hex("6cfeffff")]);
      });

      it("rejects an oversized frame from its header, before the body arrives", () => {
        const sender = createFrameCodec(framing, { role: "server" });
        const framed = sender.encode(new Uint8Array(2048));
        const receiver = createFrameCodec(framing, { maxFrameLength: 1024 });
        assert.throws(
          () => decodeFrames(receiver, framed.subarray(0, 8)),
          /exceeds the limit/,
        );
        // The default limit is 16 MiB: a header announcing more is rejected at once.
        const huge = createFrameCodec(framing, { role: "server" });
        const header = framing === "abridged"
          ? hex("7f 01 00 40")
          : hex("04 00 00 02");
        assert.throws(() => decodeFrames(huge, header), /exceeds the limit/);
      });

      it("rejects empty payloads on both sides", () => {
        assert.throws(
          () => createFrameCodec(framing).encode(new Uint8Array(0)),
          TransportError,
        );
        const empty = framing === "abridged"
          ? hex("00")
          : framing === "full"
          ? hex("0c000000")
          : hex("00000000");
        assert.throws(
          () =>
            decodeFrames(createFrameCodec(framing, { role: "server" }), empty),
          TransportError,
        );
      });
    });
  }
  it("createFrameCodec rejects an unknown framing", () => {
    assert.throws(() => createFrameCodec("http" as Framing), TransportError);
  });
  it("a decoder that has failed keeps failing even when fed good bytes", () => {
    const codec: FrameCodec = new IntermediateCodec({ role: "server" });
    assert.throws(() => decodeFrames(codec, hex("03000000")), TransportError);
    assert.throws(
      () => decodeFrames(codec, new IntermediateCodec().encode(payload8)),
      TransportError,
    );
  });
});
