import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createAesCtr } from "../../crypto/mod.ts";
import { createFrameCodec } from "../../transport/create_frame_codec.ts";
import { TransportError } from "../../transport/errors.ts";
import { decodeFrames, type Framing } from "../../transport/frame_codec.ts";
import { parseMtproxySecret } from "../../transport/mtproxy_secret.ts";
import {
  acceptClientObfuscation,
  buildClientObfuscation,
  generateObfuscationRandom,
  isAllowedObfuscationPrefix,
  ObfuscatedCodec,
  obfuscationDcField,
  obfuscationTag,
} from "../../transport/obfuscation.ts";
import {
  concat,
  hex,
  pseudoRandomBytes,
  randomChunks,
  seededRandom,
  toHex,
} from "./helpers.ts";

interface Vector {
  case: string;
  random64: string;
  inner_tag: string;
  proxy: { dc_id_field: number; secret: string } | null;
  header: string;
}

const vectors: Vector[] = JSON.parse(
  readFileSync(
    new URL("../crypto/vectors/obfuscated2.json", import.meta.url),
    "utf8",
  ),
).vectors;

const packet = hex(
  "0000000000000000 0102030405060708 08000000 1122334455667788",
);

describe("obfuscated2 header (shared vectors)", () => {
  it("has the four vectors", () => assert.equal(vectors.length, 4));
  for (const vector of vectors) {
    it(vector.case, () => {
      assert.equal(vector.inner_tag, "EEEEEEEE");
      const secret = vector.proxy ? hex(vector.proxy.secret) : undefined;
      const { header } = buildClientObfuscation(
        hex(vector.random64),
        "intermediate",
        vector.proxy?.dc_id_field,
        secret,
      );
      assert.equal(toHex(header), vector.header.toLowerCase());
    });
  }
  it("DC id fields: +10000 for test DCs, negative for media", () => {
    assert.equal(obfuscationDcField(1), 1);
    assert.equal(obfuscationDcField(1, { testMode: true }), 10001);
    assert.equal(obfuscationDcField(1, { media: true }), -1);
    assert.equal(
      obfuscationDcField(2, { testMode: true, media: true }),
      -10002,
    );
    assert.throws(() => obfuscationDcField(0), TransportError);
    assert.throws(() => obfuscationDcField(10000), TransportError);
  });
});

describe("obfuscation streams", () => {
  it("the header's plain part is sent as is; the tag and DC id are encrypted with the continuing stream", () => {
    const random = generateObfuscationRandom();
    const { header, encryptor } = buildClientObfuscation(
      random,
      "abridged",
      -3,
    );
    assert.deepEqual(header.subarray(0, 56), random.subarray(0, 56));
    // Decrypting the encrypted tail at keystream offset 56 gives tag, DC id and the random tail.
    const keystream = createAesCtr(random.slice(8, 40), random.slice(40, 56))
      .process(new Uint8Array(64));
    const tail = header.subarray(56, 64).map((byte, i) =>
      byte ^ keystream[56 + i]
    );
    assert.deepEqual(tail.subarray(0, 6), hex("efefefef fdff"));
    assert.deepEqual(tail.subarray(6, 8), random.subarray(62, 64));
    // The client's stream continues after the 64 header bytes.
    const next = encryptor.process(hex("00000000"));
    const expected = createAesCtr(random.slice(8, 40), random.slice(40, 56))
      .process(new Uint8Array(68));
    assert.deepEqual(next, expected.subarray(64, 68));
  });
});

describe("header first-bytes rules", () => {
  const base = hex("11223344 55667788" + "00".repeat(56));
  const withPrefix = (prefix: string) => {
    const copy = base.slice();
    copy.set(hex(prefix));
    return copy;
  };
  it("accepts ordinary random bytes", () =>
    assert.equal(isAllowedObfuscationPrefix(base), true));
  for (
    const [name, prefix] of [
      ["0xef first byte", "ef"],
      ["HEAD", "48454144"],
      ["POST", "504f5354"],
      ["GET ", "47455420"],
      ["OPTI", "4f505449"],
      ["dddddddd", "dddddddd"],
      ["eeeeeeee", "eeeeeeee"],
      ["TLS 16030102", "16030102"],
      ["zero second int", "1122334400000000"],
    ]
  ) {
    it(`rejects ${name}`, () =>
      assert.equal(isAllowedObfuscationPrefix(withPrefix(prefix)), false));
  }
  it("generateObfuscationRandom redraws until the rules hold", () => {
    const draws = [
      withPrefix("ef"),
      withPrefix("eeeeeeee"),
      withPrefix("1122334400000000"),
      base,
    ];
    assert.deepEqual(generateObfuscationRandom(() => draws.shift()!), base);
    assert.throws(
      () => generateObfuscationRandom(() => withPrefix("ef")),
      TransportError,
    );
  });
  it("the full framing has no tag and cannot be obfuscated", () => {
    assert.throws(() => obfuscationTag("full"), TransportError);
    assert.throws(
      () => ObfuscatedCodec.client(createFrameCodec("full")),
      TransportError,
    );
  });
});

describe("obfuscated codec round trips", () => {
  const framings: Framing[] = [
    "abridged",
    "intermediate",
    "paddedIntermediate",
  ];
  for (const framing of framings) {
    for (const secret of [undefined, hex("00112233445566778899aabbccddeeff")]) {
      it(`${framing}${secret ? " with an MTProxy secret" : ""}, in random chunks both ways`, () => {
        const random = seededRandom(framing.length);
        const client = ObfuscatedCodec.client(createFrameCodec(framing), {
          dcField: 2,
          secret,
        });
        assert.equal(client.preamble.length, 64);
        assert.equal(isAllowedObfuscationPrefix(client.preamble), true);
        const accepted = acceptClientObfuscation(
          client.preamble,
          secret ? [hex("ff".repeat(16)), secret] : [],
        );
        assert.equal(accepted.framing, framing);
        assert.equal(accepted.dcField, 2);
        assert.equal(accepted.secretIndex, secret ? 1 : -1);
        const server = new ObfuscatedCodec(
          createFrameCodec(framing, { role: "server" }),
          accepted.encryptor,
          accepted.decryptor,
        );
        const messages = [
          packet,
          concat(hex("01"), pseudoRandomBytes(24 + 16 * 40 - 1, random)),
        ];
        const up = concat(
          ...messages.map((m) => client.encode(m)),
          client.encode(packet, { quickAck: true }),
        );
        const received = randomChunks(up, random, 50).flatMap((chunk) =>
          decodeFrames(server, chunk)
        );
        assert.deepEqual(received, [
          { type: "payload", payload: messages[0], quickAckRequested: false },
          { type: "payload", payload: messages[1], quickAckRequested: false },
          { type: "payload", payload: packet, quickAckRequested: true },
        ]);
        const down = concat(
          server.encode(messages[1]),
          server.encodeQuickAck(0x1234),
          server.encode(packet),
        );
        const back = randomChunks(down, random, 7).flatMap((chunk) =>
          decodeFrames(client, chunk)
        );
        assert.deepEqual(back, [
          { type: "payload", payload: messages[1], quickAckRequested: false },
          { type: "quickAck", token: 0x80001234 },
          { type: "payload", payload: packet, quickAckRequested: false },
        ]);
      });
    }
  }
  it("a wrong secret gives no known tag", () => {
    const client = ObfuscatedCodec.client(createFrameCodec("intermediate"), {
      secret: hex("01".repeat(16)),
    });
    assert.throws(
      () =>
        acceptClientObfuscation(client.preamble, [hex("02".repeat(16))], true),
      /unknown protocol tag/,
    );
  });
});

describe("MTProxy secrets", () => {
  it("parses plain and dd secrets from hex, base64url and bytes", () => {
    const key = hex("00112233445566778899aabbccddeeff");
    assert.deepEqual(parseMtproxySecret("00112233445566778899aabbccddeeff"), {
      key,
      paddedOnly: false,
    });
    assert.deepEqual(parseMtproxySecret("dd00112233445566778899AABBCCDDEEFF"), {
      key,
      paddedOnly: true,
    });
    assert.deepEqual(parseMtproxySecret(concat(hex("dd"), key)), {
      key,
      paddedOnly: true,
    });
    // base64url of dd + key
    const b64 = btoa(String.fromCharCode(...concat(hex("dd"), key))).replace(
      /\+/g,
      "-",
    ).replace(/\//g, "_")
      .replace(/=+$/, "");
    assert.deepEqual(parseMtproxySecret(b64), { key, paddedOnly: true });
  });
  it("refuses fake-TLS and malformed secrets with a TransportError", () => {
    assert.throws(
      () =>
        parseMtproxySecret(
          "ee00112233445566778899aabbccddeeff" +
            toHex(new TextEncoder().encode("example.com")),
        ),
      /fake-TLS/,
    );
    assert.throws(() => parseMtproxySecret("0011"), TransportError);
    assert.throws(() => parseMtproxySecret("not a secret!"), TransportError);
  });
});
