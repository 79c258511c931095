/**
 * The server's half of an encrypted session, just enough to drive
 * `Session` with exact bytes in unit tests: it opens the client's packets
 * and seals packets of its own. Built on the crypto and TL layers only.
 *
 * @module
 */

import { decryptMessage, encryptMessage } from "../../crypto/mod.ts";
import {
  decodeMsgContainer,
  type InnerMessage,
  MSG_CONTAINER_ID,
  serialize,
  type TLObject,
} from "../../tl/mod.ts";

/** A decrypted client packet. */
export interface OpenedPacket {
  /** The salt the client used. */
  salt: bigint;
  /** The client's session id. */
  sessionId: bigint;
  /** The outer message id. */
  msgId: bigint;
  /** The outer seqno. */
  seqno: number;
  /** The outer body. */
  body: Uint8Array;
  /** The messages: a container's inner ones, or the single outer one. */
  messages: InnerMessage[];
  /** The raw plaintext (header and body, padding removed). */
  plain: Uint8Array;
}

/** The server side of a session over `authKey`. */
export class FakeServer {
  readonly authKey: Uint8Array;
  /** The server's clock, seconds since the epoch. */
  time: number;
  #counter = 0;

  constructor(authKey: Uint8Array, time: number) {
    this.authKey = authKey;
    this.time = time;
  }

  /** Decrypts and splits a packet of the client. */
  open(packet: Uint8Array): OpenedPacket {
    const plain = decryptMessage(this.authKey, packet, "client");
    const view = new DataView(plain.buffer, plain.byteOffset, plain.byteLength);
    const length = view.getInt32(28, true);
    const body = plain.slice(32, 32 + length);
    const msgId = view.getBigInt64(16, true);
    const seqno = view.getInt32(24, true);
    const isContainer = view.getUint32(32, true) === MSG_CONTAINER_ID;
    return {
      salt: view.getBigInt64(0, true),
      sessionId: view.getBigInt64(8, true),
      msgId,
      seqno,
      body,
      messages: isContainer
        ? decodeMsgContainer(body)
        : [{ msg_id: msgId, seqno, body }],
      plain,
    };
  }

  /** A fresh server msg_id at the server's clock (odd: 1 mod 4 for answers, 3 otherwise). */
  nextMsgId(answer = true): bigint {
    this.#counter++;
    return (BigInt(Math.floor(this.time)) << 32n) |
      BigInt(this.#counter * 4 + (answer ? 1 : 3));
  }

  /** Seals one message (body bytes or a TL object) for the client's session. */
  seal(
    sessionId: bigint,
    body: Uint8Array | TLObject,
    options: { msgId?: bigint; seqno?: number; salt?: bigint } = {},
  ): Uint8Array {
    const bytes = body instanceof Uint8Array ? body : serialize(body);
    const plain = new Uint8Array(32 + bytes.length);
    const view = new DataView(plain.buffer);
    view.setBigInt64(0, options.salt ?? 0n, true);
    view.setBigInt64(8, sessionId, true);
    view.setBigInt64(16, options.msgId ?? this.nextMsgId(), true);
    view.setInt32(24, options.seqno ?? 1, true);
    view.setInt32(28, bytes.length, true);
    plain.set(bytes, 32);
    return encryptMessage(this.authKey, plain, "server");
  }
}

/** The 8 little-endian bytes of a signed 64-bit value. */
export function int64Bytes(value: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigInt64(0, value, true);
  return out;
}

/** The 4 little-endian bytes of a 32-bit value. */
export function int32Bytes(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setInt32(0, value, true);
  return out;
}

/** Concatenates byte arrays. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
