/**
 * Unencrypted MTProto messages, used only by the auth-key exchange:
 * `auth_key_id = 0 (8 bytes) | msg_id (8) | message_length (4) | body`.
 *
 * @module
 */

import { SecurityError } from "../crypto/mod.ts";

/** Header length of an unencrypted message. */
export const PLAIN_HEADER_LENGTH = 20;

/** A decoded unencrypted message. */
export interface PlainMessage {
  /** The message id (a server's is odd). */
  msgId: bigint;
  /** The message body (a boxed TL object). */
  body: Uint8Array;
}

/** Frames `body` as an unencrypted message with id `msgId`. */
export function encodePlainMessage(
  msgId: bigint,
  body: Uint8Array,
): Uint8Array {
  const out = new Uint8Array(PLAIN_HEADER_LENGTH + body.length);
  const view = new DataView(out.buffer);
  view.setBigUint64(8, BigInt.asUintN(64, msgId), true);
  view.setUint32(16, body.length, true);
  out.set(body, PLAIN_HEADER_LENGTH);
  return out;
}

/**
 * Reads an unencrypted message, checking that its auth_key_id is 0, that its
 * length field matches the packet and that the server's msg_id is odd.
 * Throws {@linkcode SecurityError} otherwise.
 */
export function decodePlainMessage(packet: Uint8Array): PlainMessage {
  if (packet.length < PLAIN_HEADER_LENGTH) {
    throw new SecurityError(
      "plain_length",
      `unencrypted message of ${packet.length} bytes is shorter than its header`,
    );
  }
  const view = new DataView(
    packet.buffer,
    packet.byteOffset,
    packet.byteLength,
  );
  if (view.getBigUint64(0, true) !== 0n) {
    throw new SecurityError(
      "auth_key_id",
      "expected an unencrypted message (auth_key_id 0)",
    );
  }
  const msgId = view.getBigInt64(8, true);
  const length = view.getUint32(16, true);
  if (length !== packet.length - PLAIN_HEADER_LENGTH) {
    throw new SecurityError(
      "plain_length",
      `message_length ${length} does not match the ${
        packet.length - PLAIN_HEADER_LENGTH
      } bytes received`,
    );
  }
  if ((msgId & 1n) !== 1n) {
    throw new SecurityError("msg_id", "a server's msg_id must be odd");
  }
  return { msgId, body: packet.subarray(PLAIN_HEADER_LENGTH) };
}
