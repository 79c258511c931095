import { describe, it } from "node:test";
import assert from "node:assert/strict";
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
import {
  ObfuscatedCodec,
  obfuscationDcField,
} from "../../transport/obfuscation.ts";
import {
  type DetectedTransport,
  ServerTransport,
  type ServerTransportOptions,
} from "./server_transport.ts";
import {
  chunkings,
  concat,
  hex,
  pseudoRandomBytes,
  seededRandom,
} from "../transport/helpers.ts";

const packetA = hex(
  "0000000000000000 0102030405060708 08000000 1122334455667788",
);

function encryptedLike(length: number, random: () => number): Uint8Array {
  const packet = pseudoRandomBytes(length, random);
  packet[0] = 7;
  return packet;
}

function drain(server: ServerTransport, chunk: Uint8Array): DecodedFrame[] {
  server.feed(chunk);
  const frames: DecodedFrame[] = [];
  for (let frame = server.nextFrame(); frame; frame = server.nextFrame()) {
    frames.push(frame);
  }
  return frames;
}

interface Case {
  name: string;
  framing: Framing;
  client: () => FrameCodec;
  options?: ServerTransportOptions;
  expected: DetectedTransport;
}

const SECRET = "00112233445566778899aabbccddeeff";

const cases: Case[] = [];
for (const framing of FRAMINGS) {
  cases.push({
    name: `${framing}, plain`,
    framing,
    client: () => createFrameCodec(framing),
    expected: { framing, obfuscated: false },
  });
  if (framing === "full") continue;
  cases.push({
    name: `${framing}, obfuscated`,
    framing,
    client: () =>
      ObfuscatedCodec.client(createFrameCodec(framing), {
        dcField: obfuscationDcField(2),
      }),
    expected: { framing, obfuscated: true, dcField: 2 },
  });
  cases.push({
    name: `${framing}, obfuscated with an MTProxy secret, test media DC`,
    framing,
    client: () =>
      ObfuscatedCodec.client(createFrameCodec(framing), {
        dcField: obfuscationDcField(3, { testMode: true, media: true }),
        secret: hex(SECRET),
      }),
    options: {
      secrets: ["ffffffffffffffffffffffffffffffff", SECRET],
      requireSecret: true,
    },
    expected: { framing, obfuscated: true, dcField: -10003, secretIndex: 1 },
  });
}
cases.push({
  name: "paddedIntermediate with a dd secret",
  framing: "paddedIntermediate",
  client: () =>
    ObfuscatedCodec.client(createFrameCodec("paddedIntermediate"), {
      dcField: 1,
      secret: hex(SECRET),
    }),
  options: { secrets: ["dd" + SECRET], requireSecret: true },
  expected: {
    framing: "paddedIntermediate",
    obfuscated: true,
    dcField: 1,
    secretIndex: 0,
  },
});

describe("ServerTransport detects every framing × obfuscation from the first bytes", () => {
  for (const testCase of cases) {
    it(testCase.name, () => {
      const random = seededRandom(testCase.name.length);
      const messages = [
        packetA,
        encryptedLike(24 + 16 * 40, random),
        encryptedLike(24 + 16 * 300, random),
      ];
      for (const way of ["whole", "bytes", "random"] as const) {
        const client = testCase.client();
        const stream = concat(
          client.preamble,
          ...messages.map((m) => client.encode(m)),
        );
        const chunks = chunkings(
          stream,
          random,
          200,
        )[way === "whole" ? 0 : way === "bytes" ? 1 : 2];
        const server = new ServerTransport(testCase.options);
        assert.equal(server.detected, undefined);
        const received = chunks.flatMap((chunk) => drain(server, chunk));
        assert.deepEqual(server.detected, testCase.expected);
        assert.deepEqual(
          received,
          messages.map((payload) => ({
            type: "payload",
            payload,
            quickAckRequested: false,
          })),
        );
        // Answers, an error code and (where offered) a quick ack flow back to the client.
        const replies = [server.encode(messages[1]), server.encode(packetA)];
        if (testCase.framing !== "full") {
          replies.push(server.encodeQuickAck(0x42));
        }
        replies.push(server.encodeError(-404));
        client.feed(concat(...replies));
        assert.deepEqual(client.nextFrame(), {
          type: "payload",
          payload: messages[1],
          quickAckRequested: false,
        });
        assert.deepEqual(client.nextFrame(), {
          type: "payload",
          payload: packetA,
          quickAckRequested: false,
        });
        if (testCase.framing !== "full") {
          assert.deepEqual(client.nextFrame(), {
            type: "quickAck",
            token: 0x80000042,
          });
        }
        assert.throws(
          () => client.nextFrame(),
          (error: unknown) =>
            error instanceof TransportServerError && error.code === -404 &&
            error.authKeyUnknown,
        );
      }
    });
  }
});

describe("ServerTransport refusals", () => {
  const refuse = (
    bytes: Uint8Array,
    pattern: RegExp,
    options?: ServerTransportOptions,
  ) => {
    const server = new ServerTransport(options);
    assert.throws(
      () => drain(server, bytes),
      (error: unknown) =>
        error instanceof TransportError && pattern.test(error.message),
    );
    // It stays refused.
    assert.throws(() => server.nextFrame(), TransportError);
  };
  it("HTTP and TLS prefixes", () => {
    refuse(new TextEncoder().encode("POST /api HTTP/1.1\r\n"), /HTTP/);
    refuse(new TextEncoder().encode("GET /apiws HTTP/1.1\r\n"), /HTTP/);
    refuse(hex("16030102 00000000"), /TLS/);
  });
  it("an obfuscation header with an unknown tag", () => {
    const garbage = pseudoRandomBytes(64, seededRandom(9));
    garbage[0] = 0x12;
    garbage[4] = 0x34;
    refuse(garbage, /unknown protocol tag/);
  });
  it("a client without the secret on an MTProxy-like listener", () => {
    const client = ObfuscatedCodec.client(createFrameCodec("intermediate"), {
      dcField: 1,
    });
    refuse(client.preamble, /unknown protocol tag/, {
      secrets: [SECRET],
      requireSecret: true,
    });
    refuse(hex("eeeeeeee"), /refused/, {
      secrets: [SECRET],
      requireSecret: true,
    });
  });
  it("a dd secret with a framing other than padded intermediate", () => {
    const client = ObfuscatedCodec.client(createFrameCodec("intermediate"), {
      secret: hex(SECRET),
    });
    refuse(client.preamble, /requires padded intermediate/, {
      secrets: ["dd" + SECRET],
      requireSecret: true,
    });
  });
  it("plain framings where obfuscation is required (WebSocket)", () => {
    refuse(hex("ef"), /refused/, { requireObfuscation: true });
    refuse(createFrameCodec("full").encode(packetA), /refused/, {
      requireObfuscation: true,
    });
  });
  it("malformed and oversized frames after detection", () => {
    refuse(hex("eeeeeeee 05000000"), /multiple of 4/);
    refuse(hex("eeeeeeee 00010000"), /exceeds the limit/, {
      maxFrameLength: 128,
    });
    const full = createFrameCodec("full").encode(packetA);
    full[9] ^= 0xff;
    refuse(full, /CRC/);
  });
  it("waits for enough bytes instead of guessing", () => {
    const server = new ServerTransport();
    assert.deepEqual(drain(server, hex("eeee")), []);
    assert.equal(server.detected, undefined);
    assert.throws(() => server.encode(packetA), /not known yet/);
    assert.deepEqual(drain(server, hex("eeee")), []);
    assert.deepEqual(server.detected, {
      framing: "intermediate",
      obfuscated: false,
    });
    assert.equal(
      decodeFrames(createFrameCodec("intermediate"), server.encode(packetA))
        .length,
      1,
    );
  });
});
