import assert from "node:assert/strict";
import { it } from "node:test";
import {
  aesIgeEncrypt,
  authKeyIdBytes,
  computeMsgKey,
  decryptMessage,
  encryptMessage,
  encryptPaddedMessage,
  messageKeyIv,
  randomBytes,
  SecurityError,
} from "../../crypto/mod.ts";
import {
  describeWithProviders,
  fromHex,
  loadVectors,
  toHex,
} from "./helpers.ts";

const kdf = loadVectors("msg_key_kdf.json");
const sample = loadVectors("auth_key_sample.json");
const sampleAuthKey = fromHex(sample.values.auth_key);

/** A plaintext: salt, session_id, msg_id, seq_no, length, then `body`. */
function plaintextWith(
  body: Uint8Array,
  sessionId: Uint8Array = new Uint8Array(8).fill(0x11),
): Uint8Array {
  const out = new Uint8Array(32 + body.length);
  out.set(randomBytes(8), 0);
  out.set(sessionId, 8);
  out.set(randomBytes(8), 16);
  new DataView(out.buffer).setInt32(24, 3, true);
  new DataView(out.buffer).setInt32(28, body.length, true);
  out.set(body, 32);
  return out;
}

/** Builds a packet with a valid msg_key whose message_data_length field claims `dataLength` and whose total is `total` bytes of plaintext. */
function packetWithLayout(
  authKey: Uint8Array,
  dataLength: number,
  total: number,
): Uint8Array {
  const padded = randomBytes(total);
  new DataView(padded.buffer).setInt32(28, dataLength, true);
  const msgKey = computeMsgKey(authKey, padded, "server");
  const { key, iv } = messageKeyIv(authKey, msgKey, "server");
  const out = new Uint8Array(24 + total);
  out.set(authKeyIdBytes(authKey), 0);
  out.set(msgKey, 8);
  out.set(aesIgeEncrypt(padded, key, iv), 24);
  return out;
}

function refuses(check: string, fn: () => void): void {
  assert.throws(
    fn,
    (error) => error instanceof SecurityError && error.check === check,
    `expected check ${check}`,
  );
}

describeWithProviders("MTProto 2.0 key derivation", () => {
  it("matches the published msg_key → key/iv vectors for x = 0 and x = 8", () => {
    const cases = kdf.kdf.filter((c: { case: string }) =>
      c.case.includes("mtproto2")
    );
    assert.ok(cases.length >= 2);
    for (const c of cases) {
      const sender = c.case.includes("x=0") || c.case.includes("client->server")
        ? "client"
        : "server";
      const { key, iv } = messageKeyIv(
        fromHex(c.auth_key),
        fromHex(c.msg_key),
        sender,
      );
      assert.equal(toHex(key), c.aes_key.toLowerCase(), c.case);
      assert.equal(toHex(iv), c.aes_iv.toLowerCase(), c.case);
    }
  });

  it("reproduces both whole encrypted messages byte for byte, and decrypts them", () => {
    for (const m of kdf.full_messages) {
      const sender = m.direction.startsWith("client") ? "client" : "server";
      const padded = fromHex(m.plaintext_with_padding);
      assert.equal(
        toHex(computeMsgKey(sampleAuthKey, padded, sender)),
        m.msg_key.toLowerCase(),
      );
      assert.equal(
        toHex(encryptPaddedMessage(sampleAuthKey, padded, sender)),
        m.message.toLowerCase(),
      );
      const plain = decryptMessage(
        sampleAuthKey,
        fromHex(m.message),
        sender,
        fromHex(m.plaintext_fields.session_id),
      );
      assert.equal(plain.length, 32 + m.plaintext_fields.length);
      assert.deepEqual(plain, padded.subarray(0, plain.length));
    }
  });
});

describeWithProviders("MTProto 2.0 envelope", () => {
  const authKey = randomBytes(256);

  it("round-trips messages of many sizes in both directions with legal padding", () => {
    for (const size of [0, 4, 8, 12, 16, 100, 1000, 4096]) {
      for (const sender of ["client", "server"] as const) {
        const plaintext = plaintextWith(randomBytes(size));
        const packet = encryptMessage(authKey, plaintext, sender);
        assert.deepEqual(packet.subarray(0, 8), authKeyIdBytes(authKey));
        assert.equal((packet.length - 24) % 16, 0);
        const padding = packet.length - 24 - plaintext.length;
        assert.ok(padding >= 12 && padding <= 1024, `padding ${padding}`);
        assert.deepEqual(decryptMessage(authKey, packet, sender), plaintext);
      }
    }
  });

  it("refuses the wrong direction (msg_key computed with the other x)", () => {
    const packet = encryptMessage(
      authKey,
      plaintextWith(randomBytes(16)),
      "client",
    );
    refuses("msg_key", () => decryptMessage(authKey, packet, "server"));
  });

  it("refuses a wrong msg_key and tampered ciphertext", () => {
    const packet = encryptMessage(
      authKey,
      plaintextWith(randomBytes(40)),
      "server",
    );
    const badKey = packet.slice();
    badKey[10] ^= 0x80;
    refuses("msg_key", () => decryptMessage(authKey, badKey, "server"));
    const badData = packet.slice();
    badData[packet.length - 1] ^= 1;
    refuses("msg_key", () => decryptMessage(authKey, badData, "server"));
  });

  it("refuses a wrong auth_key_id and another auth key", () => {
    const packet = encryptMessage(
      authKey,
      plaintextWith(randomBytes(8)),
      "server",
    );
    const badId = packet.slice();
    badId[0] ^= 1;
    refuses("auth_key_id", () => decryptMessage(authKey, badId, "server"));
    refuses(
      "auth_key_id",
      () => decryptMessage(randomBytes(256), packet, "server"),
    );
  });

  it("refuses padding of 11 and of 1025 bytes, accepts 12 and 1024", () => {
    // total = 32 + message_data_length + padding, a multiple of 16
    assert.ok(
      decryptMessage(authKey, packetWithLayout(authKey, 36, 80), "server"),
    ); // padding 12
    assert.ok(
      decryptMessage(
        authKey,
        packetWithLayout(authKey, 32, 32 + 32 + 1024),
        "server",
      ),
    ); // padding 1024
    refuses(
      "padding",
      () =>
        decryptMessage(authKey, packetWithLayout(authKey, 37, 80), "server"),
    ); // 11
    refuses(
      "padding",
      () =>
        decryptMessage(authKey, packetWithLayout(authKey, 40, 80), "server"),
    ); // 8
    refuses(
      "padding",
      () =>
        decryptMessage(
          authKey,
          packetWithLayout(authKey, 15, 32 + 15 + 1025),
          "server",
        ),
    ); // 1025
    refuses(
      "padding",
      () =>
        decryptMessage(
          authKey,
          packetWithLayout(authKey, 28, 32 + 28 + 1028),
          "server",
        ),
    ); // 1028
  });

  it("refuses message_data_length that is negative, unaligned or past the end", () => {
    refuses(
      "length",
      () =>
        decryptMessage(authKey, packetWithLayout(authKey, -4, 64), "server"),
    );
    refuses(
      "length",
      () =>
        decryptMessage(authKey, packetWithLayout(authKey, 18, 64), "server"),
    );
    refuses(
      "length",
      () =>
        decryptMessage(
          authKey,
          packetWithLayout(authKey, 1 << 30, 64),
          "server",
        ),
    );
  });

  it("refuses packets of impossible sizes without decrypting", () => {
    for (const size of [0, 8, 24, 24 + 32, 24 + 47, 24 + 49]) {
      refuses(
        "length",
        () => decryptMessage(authKey, new Uint8Array(size), "server"),
      );
    }
  });

  it("checks session_id only when asked", () => {
    const session = randomBytes(8);
    const packet = encryptMessage(
      authKey,
      plaintextWith(randomBytes(8), session),
      "server",
    );
    decryptMessage(authKey, packet, "server", session);
    decryptMessage(authKey, packet, "server");
    refuses(
      "session_id",
      () => decryptMessage(authKey, packet, "server", randomBytes(8)),
    );
  });
});
