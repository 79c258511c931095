/**
 * The shape shared by every framing codec (abridged, intermediate, padded
 * intermediate, full): sans-IO, usable from the client or the server side.
 *
 * A codec turns payloads into bytes with {@link FrameCodec.encode} and is fed
 * received bytes in arbitrary chunks with {@link FrameCodec.feed}; whole frames
 * are then pulled with {@link FrameCodec.nextFrame} until it returns
 * `undefined`. Pulling (rather than returning an array per chunk) keeps frames
 * that arrived before a bad one deliverable: the error is thrown only when the
 * bad frame is reached, and from then on every call throws it again.
 *
 * @module
 */

import { ByteQueue } from "./byte_queue.ts";
import { randomBytes } from "../crypto/mod.ts";
import { serverErrorFromPayload, TransportError } from "./errors.ts";

/** The four MTProto framings. */
export type Framing =
  | "abridged"
  | "intermediate"
  | "paddedIntermediate"
  | "full";

/** Which end of the connection a codec serves; decoding rules differ (quick acks, error codes). */
export type Role = "client" | "server";

/** A received MTProto payload. */
export interface PayloadFrame {
  /** Discriminator. */
  type: "payload";
  /** The MTProto packet (padding of padded intermediate already removed). */
  payload: Uint8Array;
  /** The sender asked for a quick ack (only seen by the server role). */
  quickAckRequested: boolean;
}

/** A quick acknowledgement from the server (only seen by the client role). */
export interface QuickAckFrame {
  /** Discriminator. */
  type: "quickAck";
  /** The 32-bit token as an unsigned number, most significant bit set. */
  token: number;
}

/** What a decoder yields. */
export type DecodedFrame = PayloadFrame | QuickAckFrame;

/** Options of {@link FrameCodec.encode}. */
export interface EncodeOptions {
  /** Ask the server for a quick ack (client role; not supported by the full framing). */
  quickAck?: boolean;
}

/** Options shared by all codec constructors. */
export interface FrameCodecOptions {
  /** Which side this codec serves. Default `"client"`. */
  role?: Role;
  /** Largest accepted payload in bytes; bigger frames are a {@link TransportError}. Default 16 MiB. */
  maxFrameLength?: number;
  /** Randomness for padding (padded intermediate); defaults to the crypto layer's `randomBytes`. */
  randomBytes?: (length: number) => Uint8Array;
}

/** Default {@link FrameCodecOptions.maxFrameLength}: 16 MiB. */
export const DEFAULT_MAX_FRAME_LENGTH: number = 16 * 1024 * 1024;

/** A sans-IO framing codec. */
export interface FrameCodec {
  /** Which framing this is. */
  readonly framing: Framing;
  /** Which side it serves. */
  readonly role: Role;
  /**
   * Bytes the client writes before its first frame to announce the framing
   * (`ef`, `eeeeeeee`, `dddddddd`; nothing for full). Empty for the server
   * role. Not used under obfuscation, where the tag travels inside the
   * encrypted 64-byte header instead.
   */
  readonly preamble: Uint8Array;
  /** Wraps one payload in this framing's envelope. */
  encode(payload: Uint8Array, options?: EncodeOptions): Uint8Array;
  /** Server role: the bytes of a quick ack carrying `token` (its top bit is forced on). */
  encodeQuickAck(token: number): Uint8Array;
  /** Queues received bytes (kept by reference; do not modify them afterwards). */
  feed(chunk: Uint8Array): void;
  /**
   * The next whole frame, or `undefined` until more bytes arrive. Throws a
   * {@link TransportError} for a malformed or oversized frame, and a
   * `TransportServerError` (client role) for a server error code.
   */
  nextFrame(): DecodedFrame | undefined;
}

/** Feeds `chunk` and returns every frame that became complete. Throws like {@link FrameCodec.nextFrame}. */
export function decodeFrames(
  codec: FrameCodec,
  chunk: Uint8Array,
): DecodedFrame[] {
  codec.feed(chunk);
  const frames: DecodedFrame[] = [];
  for (
    let frame = codec.nextFrame();
    frame !== undefined;
    frame = codec.nextFrame()
  ) {
    frames.push(frame);
  }
  return frames;
}

/** Plumbing shared by the codecs: the receive queue, the size limit, poisoning after an error. */
export abstract class BaseFrameCodec implements FrameCodec {
  abstract readonly framing: Framing;
  /** Which side this codec serves. */
  readonly role: Role;
  /** Largest accepted payload. */
  protected readonly maxFrameLength: number;
  /** Received, not yet decoded bytes. */
  protected readonly queue: ByteQueue = new ByteQueue();
  #failure: TransportError | undefined;

  /** Sets up the queue and limits from `options`. */
  constructor(options: FrameCodecOptions = {}) {
    this.role = options.role ?? "client";
    this.maxFrameLength = options.maxFrameLength ?? DEFAULT_MAX_FRAME_LENGTH;
    if (!Number.isSafeInteger(this.maxFrameLength) || this.maxFrameLength < 4) {
      throw new TransportError(
        `maxFrameLength must be an integer >= 4, got ${options.maxFrameLength}`,
      );
    }
  }

  abstract get preamble(): Uint8Array;
  abstract encode(payload: Uint8Array, options?: EncodeOptions): Uint8Array;
  abstract encodeQuickAck(token: number): Uint8Array;

  /** Reads one frame from {@link queue} if complete; throws {@link TransportError} on bad input. */
  protected abstract readFrame(): DecodedFrame | undefined;

  feed(chunk: Uint8Array): void {
    // After a failure no frame will ever be read: keeping the bytes would
    // let a peer that keeps sending grow the queue without bound.
    if (this.#failure) return;
    this.queue.push(chunk);
  }

  nextFrame(): DecodedFrame | undefined {
    if (this.#failure) throw this.#failure;
    try {
      const frame = this.readFrame();
      if (frame?.type === "payload" && this.role === "client") {
        const serverError = serverErrorFromPayload(frame.payload);
        if (serverError) throw serverError;
      }
      return frame;
    } catch (error) {
      this.#failure = error instanceof TransportError
        ? error
        : new TransportError(`${this.framing} decoder failed`, {
          cause: error,
        });
      throw this.#failure;
    }
  }

  /** Throws unless `length` is a payload length this codec accepts. */
  protected checkLength(length: number, multipleOf4: boolean): void {
    if (length === 0) throw new TransportError(`${this.framing}: empty frame`);
    if (length > this.maxFrameLength) {
      throw new TransportError(
        `${this.framing}: frame of ${length} bytes exceeds the limit of ${this.maxFrameLength}`,
      );
    }
    if (multipleOf4 && length % 4 !== 0) {
      throw new TransportError(
        `${this.framing}: frame length ${length} is not a multiple of 4`,
      );
    }
  }

  /** Throws unless a payload can be sent (encode side). */
  protected checkPayload(payload: Uint8Array, multipleOf4: boolean): void {
    if (payload.length === 0) {
      throw new TransportError(`${this.framing}: cannot send an empty payload`);
    }
    if (multipleOf4 && payload.length % 4 !== 0) {
      throw new TransportError(
        `${this.framing}: payload length ${payload.length} is not a multiple of 4`,
      );
    }
  }

  /** Throws unless this codec serves the server side. */
  protected requireServer(what: string): void {
    if (this.role !== "server") {
      throw new TransportError(
        `${this.framing}: ${what} is for the server role`,
      );
    }
  }
}

/** The default randomness: the crypto layer's `randomBytes` (`crypto.getRandomValues`). */
export const defaultRandomBytes: (length: number) => Uint8Array = randomBytes;
