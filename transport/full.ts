/**
 * The full framing: `length` (4 bytes LE, counting the whole envelope),
 * `seqno` (4 bytes LE, counting frames per direction from 0), the payload,
 * and the CRC-32 of everything before it. The client sends no tag: the
 * server recognises it by a zero second int (the first seqno).
 *
 * Quick acks are not offered with this framing.
 *
 * @module
 */

import { crc32 } from "./crc32.ts";
import { TransportError } from "./errors.ts";
import {
  BaseFrameCodec,
  type DecodedFrame,
  type EncodeOptions,
  type FrameCodecOptions,
  type Framing,
} from "./frame_codec.ts";

/** Bytes the full envelope adds around a payload: length, seqno, CRC-32. */
const FULL_OVERHEAD = 12;

/** Full framing codec (client or server role), with sequence numbers and CRC-32. */
export class FullCodec extends BaseFrameCodec {
  /** Always `"full"`. */
  readonly framing: Framing = "full";
  #sendSeqno = 0;
  #receiveSeqno = 0;

  /** Creates the codec; `options.role` picks the side (default client). */
  constructor(options: FrameCodecOptions = {}) {
    super(options);
  }

  /** Always empty: the full framing has no tag. */
  get preamble(): Uint8Array {
    return new Uint8Array(0);
  }

  /** Wraps one payload in the envelope. */
  encode(payload: Uint8Array, options: EncodeOptions = {}): Uint8Array {
    if (options.quickAck) {
      throw new TransportError(
        "full: quick acks are not supported by this framing",
      );
    }
    this.checkPayload(payload, true);
    const total = payload.length + FULL_OVERHEAD;
    if (total > 0x7fffffff) throw new TransportError("full: payload too long");
    const out = new Uint8Array(total);
    const view = new DataView(out.buffer);
    view.setUint32(0, total, true);
    view.setUint32(4, this.#sendSeqno, true);
    this.#sendSeqno = (this.#sendSeqno + 1) >>> 0;
    out.set(payload, 8);
    view.setUint32(total - 4, crc32(out.subarray(0, total - 4)), true);
    return out;
  }

  /** Always throws: the full framing has no quick acks. */
  encodeQuickAck(_token: number): Uint8Array {
    throw new TransportError(
      "full: quick acks are not supported by this framing",
    );
  }

  /** Reads one frame from the queue if it is complete. */
  protected readFrame(): DecodedFrame | undefined {
    const queue = this.queue;
    if (queue.length < 4) return undefined;
    const total = queue.uint32At(0);
    if (total < FULL_OVERHEAD + 4) {
      throw new TransportError(`full: frame length ${total} is too short`);
    }
    this.checkLength(total - FULL_OVERHEAD, true);
    if (queue.length < total) return undefined;
    const frame = queue.take(total);
    const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
    const seqno = view.getUint32(4, true);
    if (seqno !== this.#receiveSeqno) {
      throw new TransportError(
        `full: expected seqno ${this.#receiveSeqno}, got ${seqno}`,
      );
    }
    const expectedCrc = view.getUint32(total - 4, true);
    const actualCrc = crc32(frame.subarray(0, total - 4));
    if (expectedCrc !== actualCrc) {
      throw new TransportError(
        `full: CRC-32 mismatch (frame says ${
          expectedCrc.toString(16)
        }, computed ${actualCrc.toString(16)})`,
      );
    }
    this.#receiveSeqno = (this.#receiveSeqno + 1) >>> 0;
    return {
      type: "payload",
      payload: frame.subarray(8, total - 4),
      quickAckRequested: false,
    };
  }
}
