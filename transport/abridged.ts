/**
 * The abridged framing: one length byte (payload length / 4), or `0x7f`
 * followed by a 3-byte little-endian length / 4 for payloads of 508 bytes or
 * more. The client opens with the byte `0xef`.
 *
 * Quick acks: the client sets the top bit of the first byte; the server answers
 * with 4 bytes, the token byte-swapped, so their first byte has its top bit set
 * (a length byte never has).
 *
 * @module
 */

import { TransportError } from "./errors.ts";
import {
  BaseFrameCodec,
  type DecodedFrame,
  type EncodeOptions,
  type FrameCodecOptions,
  type Framing,
} from "./frame_codec.ts";

/** The byte a client sends first to select the abridged framing. */
export const ABRIDGED_TAG = 0xef;

/** Largest payload the 3-byte length (counted in words) can describe. */
const MAX_ABRIDGED_PAYLOAD = 0xffffff * 4;

/** Abridged framing codec (client or server role). */
export class AbridgedCodec extends BaseFrameCodec {
  /** Always `"abridged"`. */
  readonly framing: Framing = "abridged";

  /** Creates the codec; `options.role` picks the side (default client). */
  constructor(options: FrameCodecOptions = {}) {
    super(options);
  }

  /** `ef` for the client role, nothing for the server. */
  get preamble(): Uint8Array {
    return this.role === "client"
      ? Uint8Array.of(ABRIDGED_TAG)
      : new Uint8Array(0);
  }

  /** Wraps one payload in the envelope. */
  encode(payload: Uint8Array, options: EncodeOptions = {}): Uint8Array {
    this.checkPayload(payload, true);
    if (payload.length > MAX_ABRIDGED_PAYLOAD) {
      throw new TransportError(
        `abridged: payload of ${payload.length} bytes is too long`,
      );
    }
    const quickAckBit = options.quickAck ? 0x80 : 0;
    const words = payload.length / 4;
    let out: Uint8Array;
    if (words < 0x7f) {
      out = new Uint8Array(1 + payload.length);
      out[0] = words | quickAckBit;
      out.set(payload, 1);
    } else {
      out = new Uint8Array(4 + payload.length);
      out[0] = 0x7f | quickAckBit;
      out[1] = words & 0xff;
      out[2] = (words >>> 8) & 0xff;
      out[3] = (words >>> 16) & 0xff;
      out.set(payload, 4);
    }
    return out;
  }

  /** Server role: a quick ack carrying `token`. */
  encodeQuickAck(token: number): Uint8Array {
    this.requireServer("encodeQuickAck");
    const value = (token | 0x80000000) >>> 0;
    // Byte-swapped relative to the intermediate framing: big-endian on the wire.
    return Uint8Array.of(
      value >>> 24,
      (value >>> 16) & 0xff,
      (value >>> 8) & 0xff,
      value & 0xff,
    );
  }

  /** Reads one frame from the queue if it is complete. */
  protected readFrame(): DecodedFrame | undefined {
    const queue = this.queue;
    if (queue.length < 1) return undefined;
    const first = queue.byteAt(0);
    if (this.role === "client" && first & 0x80) {
      if (queue.length < 4) return undefined;
      const bytes = queue.take(4);
      const token =
        ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>>
        0;
      return { type: "quickAck", token };
    }
    const quickAckRequested = (first & 0x80) !== 0;
    const shortLength = first & 0x7f;
    let headerLength = 1;
    let words = shortLength;
    if (shortLength === 0x7f) {
      if (queue.length < 4) return undefined;
      headerLength = 4;
      words = queue.byteAt(1) | (queue.byteAt(2) << 8) |
        (queue.byteAt(3) << 16);
    }
    const length = words * 4;
    this.checkLength(length, true);
    if (queue.length < headerLength + length) return undefined;
    queue.skip(headerLength);
    return { type: "payload", payload: queue.take(length), quickAckRequested };
  }
}
