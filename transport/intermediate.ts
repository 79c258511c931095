/**
 * The intermediate and padded intermediate framings: a 4-byte little-endian
 * length, then the payload. The client opens with `eeeeeeee` (intermediate) or
 * `dddddddd` (padded intermediate).
 *
 * Padded intermediate appends 0–15 random bytes to every payload and counts
 * them in the length, so a receiver cannot tell where the payload ends from the
 * envelope alone. The decoder therefore trims the padding with the MTProto
 * packet layout (see {@link trimMtprotoPadding}), so that both ends hand the
 * layers above exactly the packet that was sent.
 *
 * Quick acks: the client sets the top bit of the length; the server answers
 * with a lone 4-byte little-endian token whose top bit is set.
 *
 * @module
 */

import { TransportError } from "./errors.ts";
import {
  BaseFrameCodec,
  type DecodedFrame,
  defaultRandomBytes,
  type EncodeOptions,
  type FrameCodecOptions,
  type Framing,
} from "./frame_codec.ts";

/** The first 4 bytes a client sends to select the intermediate framing. */
export const INTERMEDIATE_TAG: Uint8Array = Uint8Array.of(
  0xee,
  0xee,
  0xee,
  0xee,
);
/** The first 4 bytes a client sends to select the padded intermediate framing. */
export const PADDED_INTERMEDIATE_TAG: Uint8Array = Uint8Array.of(
  0xdd,
  0xdd,
  0xdd,
  0xdd,
);

/** Intermediate framing codec (client or server role). Lengths must be multiples of 4. */
export class IntermediateCodec extends BaseFrameCodec {
  /** `"intermediate"` or `"paddedIntermediate"`. */
  readonly framing: Framing;
  readonly #padded: boolean;
  readonly #randomBytes: (length: number) => Uint8Array;

  /**
   * Creates the codec; `options.role` picks the side (default client).
   * @param padded true for padded intermediate
   */
  constructor(options: FrameCodecOptions = {}, padded = false) {
    super(options);
    this.#padded = padded;
    this.framing = padded ? "paddedIntermediate" : "intermediate";
    this.#randomBytes = options.randomBytes ?? defaultRandomBytes;
  }

  /** The tag for the client role, nothing for the server. */
  get preamble(): Uint8Array {
    if (this.role !== "client") return new Uint8Array(0);
    return (this.#padded ? PADDED_INTERMEDIATE_TAG : INTERMEDIATE_TAG).slice();
  }

  /** Wraps one payload in the envelope. */
  encode(payload: Uint8Array, options: EncodeOptions = {}): Uint8Array {
    this.checkPayload(payload, !this.#padded);
    // One draw serves both the padding length (low 4 bits of the first byte) and the padding.
    const random = this.#padded ? this.#randomBytes(16) : undefined;
    const padding = random ? random[0] & 15 : 0;
    const length = payload.length + padding;
    if (length > 0x7fffffff) {
      throw new TransportError(`${this.framing}: payload too long`);
    }
    const out = new Uint8Array(4 + length);
    const view = new DataView(out.buffer);
    view.setUint32(
      0,
      (length | (options.quickAck ? 0x80000000 : 0)) >>> 0,
      true,
    );
    out.set(payload, 4);
    if (padding > 0) {
      out.set(random!.subarray(1, 1 + padding), 4 + payload.length);
    }
    return out;
  }

  /** Server role: a quick ack carrying `token`. */
  encodeQuickAck(token: number): Uint8Array {
    this.requireServer("encodeQuickAck");
    const out = new Uint8Array(4);
    new DataView(out.buffer).setUint32(0, (token | 0x80000000) >>> 0, true);
    return out;
  }

  /** Reads one frame from the queue if it is complete. */
  protected readFrame(): DecodedFrame | undefined {
    const queue = this.queue;
    if (queue.length < 4) return undefined;
    const raw = queue.uint32At(0);
    if (this.role === "client" && raw & 0x80000000) {
      queue.skip(4);
      return { type: "quickAck", token: raw };
    }
    const quickAckRequested = (raw & 0x80000000) !== 0;
    const length = raw & 0x7fffffff;
    this.checkLength(length, !this.#padded);
    if (this.#padded && length < 4) {
      throw new TransportError(
        `${this.framing}: frame of ${length} bytes is too short`,
      );
    }
    if (queue.length < 4 + length) return undefined;
    queue.skip(4);
    let payload = queue.take(length);
    if (this.#padded) payload = trimMtprotoPadding(payload);
    return { type: "payload", payload, quickAckRequested };
  }
}

/** Padded intermediate framing codec: {@link IntermediateCodec} with random padding. */
export class PaddedIntermediateCodec extends IntermediateCodec {
  /** Creates the codec; `options.role` picks the side (default client). */
  constructor(options: FrameCodecOptions = {}) {
    super(options, true);
  }
}

/**
 * Removes the 0–15 bytes of padded-intermediate padding from a received
 * frame, using what every MTProto packet looks like:
 * - a plaintext packet (auth_key_id = 0) ends after `20 + message_data_length`;
 * - an encrypted packet is 24 bytes (auth_key_id, msg_key) plus a multiple of 16;
 * - anything shorter than 20 bytes is a 4-byte error code plus padding.
 * A frame that fits none of these is returned untouched for the layer above
 * to reject.
 */
export function trimMtprotoPadding(frame: Uint8Array): Uint8Array {
  if (frame.length < 20) return frame.subarray(0, 4);
  let plaintext = true;
  for (let i = 0; i < 8; i++) {
    if (frame[i] !== 0) {
      plaintext = false;
      break;
    }
  }
  if (plaintext) {
    const dataLength =
      (frame[16] | (frame[17] << 8) | (frame[18] << 16) | (frame[19] << 24)) >>>
      0;
    return 20 + dataLength <= frame.length
      ? frame.subarray(0, 20 + dataLength)
      : frame;
  }
  if (frame.length < 24) return frame;
  return frame.subarray(0, 24 + Math.floor((frame.length - 24) / 16) * 16);
}
