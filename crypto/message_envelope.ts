/**
 * The MTProto 2.0 envelope of encrypted messages: auth_key_id, msg_key and
 * the AES-256-IGE key/iv derived from it, padding, and every check on
 * receipt ("Mobile Protocol: detailed description", "Security Guidelines").
 *
 * An encrypted packet is auth_key_id (8) + msg_key (16) + AES-IGE(plaintext);
 * the plaintext is salt (8) + session_id (8) + msg_id (8) + seq_no (4) +
 * message_data_length (4) + message_data + 12..1024 random padding bytes,
 * a multiple of 16 in total.
 *
 * @module
 */

import { aesIgeDecrypt, aesIgeEncrypt } from "./aes_ige.ts";
import { bigintFromBytes } from "./bigint_bytes.ts";
import { bytesEqual } from "./bytes.ts";
import { sha1, sha256 } from "./hash.ts";
import { randomBytes } from "./random.ts";
import { SecurityError } from "./security_error.ts";

/** Who sends a message: the client (x = 0 in the key derivation) or the server (x = 8). */
export type MessageSender = "client" | "server";

const HEADER = 32; // salt, session_id, msg_id, seq_no, message_data_length
const MIN_PADDING = 12;
const MAX_PADDING = 1024;

function checkAuthKey(authKey: Uint8Array): void {
  if (authKey.length !== 256) {
    throw new RangeError(`auth_key must be 256 bytes, got ${authKey.length}`);
  }
}

/** The 8 bytes of auth_key_id as they appear on the wire: the last 8 bytes of SHA1(auth_key). */
export function authKeyIdBytes(authKey: Uint8Array): Uint8Array {
  checkAuthKey(authKey);
  return sha1(authKey).subarray(12, 20);
}

/** auth_key_id (the lower 64 bits of SHA1(auth_key)) as a signed 64-bit value, as the TL layer reads a `long`. */
export function authKeyId(authKey: Uint8Array): bigint {
  return BigInt.asIntN(64, bigintFromBytes(authKeyIdBytes(authKey), true));
}

/**
 * msg_key = SHA256(auth_key[88+x : 120+x] + plaintext_with_padding)[8:24],
 * x = 0 for a message the client sends, 8 for one the server sends.
 */
export function computeMsgKey(
  authKey: Uint8Array,
  paddedPlaintext: Uint8Array,
  sender: MessageSender,
): Uint8Array {
  checkAuthKey(authKey);
  const x = sender === "client" ? 0 : 8;
  return sha256(authKey.subarray(88 + x, 120 + x), paddedPlaintext).subarray(
    8,
    24,
  );
}

/**
 * The AES-256-IGE key and iv for `msgKey`: a = SHA256(msg_key +
 * auth_key[x : x+36]), b = SHA256(auth_key[40+x : 76+x] + msg_key),
 * key = a[0:8] + b[8:24] + a[24:32], iv = b[0:8] + a[8:24] + b[24:32].
 */
export function messageKeyIv(
  authKey: Uint8Array,
  msgKey: Uint8Array,
  sender: MessageSender,
): { key: Uint8Array; iv: Uint8Array } {
  checkAuthKey(authKey);
  if (msgKey.length !== 16) {
    throw new RangeError(`msg_key must be 16 bytes, got ${msgKey.length}`);
  }
  const x = sender === "client" ? 0 : 8;
  const a = sha256(msgKey, authKey.subarray(x, x + 36));
  const b = sha256(authKey.subarray(40 + x, 76 + x), msgKey);
  const key = new Uint8Array(32);
  key.set(a.subarray(0, 8), 0);
  key.set(b.subarray(8, 24), 8);
  key.set(a.subarray(24, 32), 24);
  const iv = new Uint8Array(32);
  iv.set(b.subarray(0, 8), 0);
  iv.set(a.subarray(8, 24), 8);
  iv.set(b.subarray(24, 32), 24);
  return { key, iv };
}

/**
 * Encrypts a plaintext that already carries its padding (a multiple of 16
 * bytes): auth_key_id + msg_key + AES-IGE. {@link encryptMessage} adds the
 * padding itself; this form exists for exact test vectors.
 */
export function encryptPaddedMessage(
  authKey: Uint8Array,
  paddedPlaintext: Uint8Array,
  sender: MessageSender,
): Uint8Array {
  if (
    paddedPlaintext.length % 16 !== 0 ||
    paddedPlaintext.length < HEADER + MIN_PADDING
  ) {
    throw new RangeError(
      "padded plaintext must be a multiple of 16 bytes and hold a header and padding",
    );
  }
  const msgKey = computeMsgKey(authKey, paddedPlaintext, sender);
  const { key, iv } = messageKeyIv(authKey, msgKey, sender);
  const out = new Uint8Array(24 + paddedPlaintext.length);
  out.set(authKeyIdBytes(authKey), 0);
  out.set(msgKey, 8);
  out.set(aesIgeEncrypt(paddedPlaintext, key, iv), 24);
  return out;
}

/**
 * Encrypts one message. `plaintext` is salt + session_id + msg_id + seq_no +
 * message_data_length + message_data (as the session builds it); `sender` is
 * who sends it. Adds 12..1024 random padding bytes (the minimum that reaches
 * a multiple of 16, plus 0..3 random extra blocks so sizes leak less).
 */
export function encryptMessage(
  authKey: Uint8Array,
  plaintext: Uint8Array,
  sender: MessageSender,
): Uint8Array {
  if (plaintext.length < HEADER) {
    throw new RangeError("plaintext is shorter than the message header");
  }
  const extraBlocks = randomBytes(1)[0] & 3;
  const padding = MIN_PADDING +
    ((16 - ((plaintext.length + MIN_PADDING) % 16)) % 16) + 16 * extraBlocks;
  const padded = new Uint8Array(plaintext.length + padding);
  padded.set(plaintext, 0);
  padded.set(randomBytes(padding), plaintext.length);
  return encryptPaddedMessage(authKey, padded, sender);
}

/**
 * Decrypts one encrypted packet sent by `sender` and runs every check on
 * receipt, in order: length (at least 24 + 48 bytes, encrypted part a
 * multiple of 16), `auth_key_id`, `msg_key` (recomputed over the decrypted
 * data), `length` (message_data_length inside the data), `padding`
 * (12..1024 bytes), `length` again (message_data_length a multiple of 4),
 * and `session_id` when
 * `expectedSessionId` (8 wire bytes) is given. A failure throws a
 * SecurityError whose `check` is the name in backquotes.
 *
 * Returns the plaintext without its padding: salt + session_id + msg_id +
 * seq_no + message_data_length + message_data.
 */
export function decryptMessage(
  authKey: Uint8Array,
  packet: Uint8Array,
  sender: MessageSender,
  expectedSessionId?: Uint8Array,
): Uint8Array {
  checkAuthKey(authKey);
  const encryptedLength = packet.length - 24;
  if (encryptedLength < HEADER + 16 || encryptedLength % 16 !== 0) {
    throw new SecurityError(
      "length",
      `encrypted packet of ${packet.length} bytes has a bad length`,
    );
  }
  if (!bytesEqual(packet.subarray(0, 8), authKeyIdBytes(authKey))) {
    throw new SecurityError(
      "auth_key_id",
      "auth_key_id does not match the auth key",
    );
  }
  const msgKey = packet.subarray(8, 24);
  const { key, iv } = messageKeyIv(authKey, msgKey, sender);
  const plaintext = aesIgeDecrypt(packet.subarray(24), key, iv);
  if (!bytesEqual(computeMsgKey(authKey, plaintext, sender), msgKey)) {
    throw new SecurityError(
      "msg_key",
      "msg_key does not match the decrypted data",
    );
  }
  const view = new DataView(
    plaintext.buffer,
    plaintext.byteOffset,
    plaintext.byteLength,
  );
  const dataLength = view.getInt32(28, true);
  if (
    dataLength < 0 || HEADER + dataLength > plaintext.length
  ) {
    throw new SecurityError(
      "length",
      `message_data_length ${dataLength} is outside the message`,
    );
  }
  const padding = plaintext.length - HEADER - dataLength;
  if (padding < MIN_PADDING || padding > MAX_PADDING) {
    throw new SecurityError(
      "padding",
      `padding of ${padding} bytes is outside 12..1024`,
    );
  }
  if (dataLength % 4 !== 0) {
    throw new SecurityError(
      "length",
      `message_data_length ${dataLength} is not a multiple of 4`,
    );
  }
  if (
    expectedSessionId !== undefined &&
    !bytesEqual(plaintext.subarray(8, 16), expectedSessionId)
  ) {
    throw new SecurityError("session_id", "session_id does not match");
  }
  return plaintext.subarray(0, HEADER + dataLength);
}
