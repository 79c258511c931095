/**
 * Seeded fuzzing of every framing decoder, client and server role, plain and
 * obfuscated, and of the test DC's framing detection: random chunks, huge
 * length prefixes and mutated valid streams give frames or a
 * `TransportError`, never another error, a loop that does not end, or a
 * buffer larger than one maximal frame and its header.
 *
 * @module
 */

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  createFrameCodec,
  FRAMINGS,
} from "../../transport/create_frame_codec.ts";
import { TransportError } from "../../transport/errors.ts";
import type { FrameCodec, Framing, Role } from "../../transport/frame_codec.ts";
import type { ByteQueue } from "../../transport/byte_queue.ts";
import {
  acceptClientObfuscation,
  ObfuscatedCodec,
} from "../../transport/obfuscation.ts";
import { ServerTransport } from "../dc/server_transport.ts";
import { mutate, Rng } from "../client/fuzz_rng.ts";

const MAX_FRAME = 4096;
/** The most a framing puts around a payload (full: length, seqno, CRC). */
const MAX_HEADER = 12;
const CASES = 2000;

/** A decoder under test, the inner codec whose queue is measured, and an encoder that talks to it. */
interface Pair {
  decoder: FrameCodec;
  /** The plain codec whose receive queue holds the buffered bytes. */
  inner: FrameCodec;
  encoder: FrameCodec;
}

function plainPair(framing: Framing, role: Role, rng: Rng): Pair {
  const other: Role = role === "client" ? "server" : "client";
  const random = (n: number) => rng.bytes(n);
  const decoder = createFrameCodec(framing, {
    role,
    maxFrameLength: MAX_FRAME,
    randomBytes: random,
  });
  const encoder = createFrameCodec(framing, {
    role: other,
    maxFrameLength: MAX_FRAME,
    randomBytes: random,
  });
  return { decoder, inner: decoder, encoder };
}

function obfuscatedPair(framing: Framing, role: Role, rng: Rng): Pair {
  const random = (n: number) => rng.bytes(n);
  const options = { maxFrameLength: MAX_FRAME, randomBytes: random };
  const clientInner = createFrameCodec(framing, { ...options, role: "client" });
  const client = ObfuscatedCodec.client(clientInner, { randomBytes: random });
  const accepted = acceptClientObfuscation(client.preamble);
  const serverInner = createFrameCodec(framing, { ...options, role: "server" });
  const server = new ObfuscatedCodec(
    serverInner,
    accepted.encryptor,
    accepted.decryptor,
  );
  return role === "client"
    ? { decoder: client, inner: clientInner, encoder: server }
    : { decoder: server, inner: serverInner, encoder: client };
}

function queued(codec: FrameCodec): number {
  return (codec as unknown as { queue: ByteQueue }).queue.length;
}

/** Something a decoder may legitimately produce from garbage. */
function assertTyped(error: unknown, where: string): void {
  if (!(error instanceof TransportError)) {
    assert.fail(
      `${where}: untyped error ${
        error instanceof Error ? `${error.name}: ${error.stack}` : error
      }`,
    );
  }
}

/**
 * Feeds `stream` in random chunks, pulling frames after each, and checks the
 * invariants. Returns the payloads decoded before any failure, and the failure.
 */
function drive(
  pair: Pair,
  stream: Uint8Array,
  rng: Rng,
  where: string,
): { payloads: Uint8Array[]; failure?: TransportError } {
  const payloads: Uint8Array[] = [];
  let fed = 0;
  let pulls = 0;
  let failure: TransportError | undefined;
  for (let at = 0; at < stream.length;) {
    const size = 1 + rng.int(rng.chance(0.2) ? stream.length : 64);
    const chunk = stream.subarray(at, at + size);
    at += chunk.length;
    const before = failure === undefined ? 0 : queued(pair.inner);
    pair.decoder.feed(chunk);
    fed += chunk.length;
    if (failure !== undefined) {
      // A failed codec must not keep buffering what it is still fed.
      assert.ok(
        queued(pair.inner) <= before,
        `${where}: a failed codec buffers more`,
      );
      assert.throws(() => pair.decoder.nextFrame(), (e) => e === failure);
      continue;
    }
    for (;;) {
      pulls++;
      assert.ok(pulls <= fed + 1, `${where}: more frames than bytes (a loop)`);
      let frame;
      try {
        frame = pair.decoder.nextFrame();
      } catch (error) {
        assertTyped(error, where);
        failure = error as TransportError;
        break;
      }
      if (frame === undefined) {
        assert.ok(
          queued(pair.inner) <= MAX_FRAME + MAX_HEADER,
          `${where}: ${queued(pair.inner)} bytes buffered`,
        );
        break;
      }
      if (frame.type === "payload") {
        assert.ok(frame.payload.length <= MAX_FRAME, `${where}: oversized`);
        payloads.push(frame.payload);
      }
    }
  }
  return { payloads, failure };
}

/** A valid stream from the encoder: payloads (some 4-byte error codes), quick acks. */
function validStream(
  pair: Pair,
  rng: Rng,
): { stream: Uint8Array; payloads: Uint8Array[] } {
  const parts: Uint8Array[] = [];
  const payloads: Uint8Array[] = [];
  const count = 1 + rng.int(6);
  for (let i = 0; i < count; i++) {
    const serverSide = pair.encoder.role === "server";
    if (
      serverSide && pair.encoder.framing !== "full" && rng.chance(0.15)
    ) {
      parts.push(pair.encoder.encodeQuickAck(rng.int32()));
      continue;
    }
    // 24 + 16k bytes: the shape of an encrypted MTProto packet, which
    // padded intermediate trims back exactly.
    const payload = rng.bytes(24 + 16 * rng.int(MAX_FRAME / 16 - 2));
    payload[0] |= 1; // not a plaintext packet (auth_key_id 0)
    payloads.push(payload);
    parts.push(
      pair.encoder.encode(payload, {
        quickAck: !serverSide && pair.encoder.framing !== "full" &&
          rng.chance(0.2),
      }),
    );
  }
  const stream = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    stream.set(p, at);
    at += p.length;
  }
  return { stream, payloads };
}

/** Length prefixes that lie: past the limit, negative, all ones, zero. */
function hugePrefix(framing: Framing, rng: Rng): Uint8Array {
  const value = rng.pick([0x7fffffff, 0xffffffff, MAX_FRAME + 4, 0, 12, 13]);
  const out = new Uint8Array(4 + rng.int(32));
  new DataView(out.buffer).setUint32(0, value >>> 0, true);
  if (framing === "abridged") out[0] = rng.pick([0x7f, 0xff, 0x00]);
  return out;
}

const VARIANTS: { framing: Framing; role: Role; obfuscated: boolean }[] = [];
for (const framing of FRAMINGS) {
  for (const role of ["client", "server"] as const) {
    VARIANTS.push({ framing, role, obfuscated: false });
    if (framing !== "full") VARIANTS.push({ framing, role, obfuscated: true });
  }
}

describe("framing decoders against hostile bytes (seeded fuzz)", () => {
  for (const { framing, role, obfuscated } of VARIANTS) {
    const name = `${framing}, ${role} role${obfuscated ? ", obfuscated" : ""}`;
    it(name, () => {
      const rng = new Rng(
        FRAMINGS.indexOf(framing) * 4 + (role === "client" ? 0 : 2) +
          (obfuscated ? 1 : 0) + 1,
      );
      const newPair = () =>
        obfuscated
          ? obfuscatedPair(framing, role, rng)
          : plainPair(framing, role, rng);
      let intact = 0;
      let failures = 0;
      for (let i = 0; i < CASES; i++) {
        const where = `${name}, case ${i}`;
        const pair = newPair();
        const { stream, payloads } = validStream(pair, rng);
        switch (i % 4) {
          case 0: { // the valid stream, in random chunks: decoded exactly
            const out = drive(pair, stream, rng, where);
            assert.equal(out.failure, undefined, where);
            assert.deepEqual(out.payloads, payloads, where);
            intact++;
            break;
          }
          case 1: // random bytes
            if (
              drive(pair, rng.bytes(rng.int(3 * MAX_FRAME)), rng, where).failure
            ) {
              failures++;
            }
            break;
          case 2: { // a lying length prefix, then a valid stream
            const prefix = hugePrefix(framing, rng);
            const both = new Uint8Array(prefix.length + stream.length);
            both.set(prefix);
            both.set(stream, prefix.length);
            if (drive(pair, both, rng, where).failure) failures++;
            break;
          }
          default: // a mutated valid stream
            if (drive(pair, mutate(rng, stream), rng, where).failure) {
              failures++;
            }
        }
      }
      assert.equal(intact, CASES / 4);
      assert.ok(failures > CASES / 8, `only ${failures} inputs were refused`);
    });
  }
});

describe("test DC framing detection against hostile bytes (seeded fuzz)", () => {
  it("gives frames or a TransportError and never loops", () => {
    const rng = new Rng(99);
    const tags = [
      Uint8Array.of(0xef),
      Uint8Array.of(0xee, 0xee, 0xee, 0xee),
      Uint8Array.of(0xdd, 0xdd, 0xdd, 0xdd),
      new TextEncoder().encode("POST / HTTP/1.1\r\n"),
      new Uint8Array(0),
    ];
    for (let i = 0; i < 2000; i++) {
      const transport = new ServerTransport({ maxFrameLength: MAX_FRAME });
      const tag = rng.pick(tags);
      const body = rng.chance(0.5)
        ? rng.bytes(rng.int(2 * MAX_FRAME))
        : mutate(rng, hugePrefix("intermediate", rng));
      const stream = new Uint8Array(tag.length + body.length);
      stream.set(tag);
      stream.set(body, tag.length);
      let fed = 0;
      let pulls = 0;
      outer: for (let at = 0; at < stream.length;) {
        const chunk = stream.subarray(at, at + 1 + rng.int(100));
        at += chunk.length;
        fed += chunk.length;
        transport.feed(chunk);
        for (;;) {
          pulls++;
          assert.ok(pulls <= fed + 1, `case ${i}: a loop`);
          try {
            if (transport.nextFrame() === undefined) break;
          } catch (error) {
            assertTyped(error, `case ${i}`);
            break outer;
          }
        }
      }
    }
  });
});
