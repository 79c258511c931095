/**
 * The server side of the transport for the local test DC: works out the
 * framing from the client's first bytes the way Telegram's servers do, then
 * decodes the client's frames and encodes the server's.
 *
 * Detection, in order:
 * - `ef` → abridged; `eeeeeeee` → intermediate; `dddddddd` → padded
 *   intermediate (plain, unobfuscated);
 * - `HEAD`, `POST`, `GET `, `OPTI` → HTTP, and `16 03 01 02` → TLS: refused
 *   (neither the HTTP transport nor fake-TLS is implemented);
 * - a zero second int (the first seqno) → full;
 * - anything else is a 64-byte obfuscation header: decrypted (without a secret,
 *   then with each configured MTProxy secret), its tag at 56..60 names the
 *   framing; an unknown tag is refused.
 * Refusals surface as a {@link TransportError} from `nextFrame()`; the DC
 * should then close the connection, as Telegram does.
 *
 * Usage: `feed(chunk)` with every received chunk, then call `nextFrame()`
 * until it returns `undefined`; reply with `encode(payload)`,
 * `encodeQuickAck(token)` or `encodeError(-404)`.
 *
 * @module
 */

import { ByteQueue } from "../../transport/byte_queue.ts";
import { createFrameCodec } from "../../transport/create_frame_codec.ts";
import { serverErrorPayload, TransportError } from "../../transport/errors.ts";
import type {
  DecodedFrame,
  EncodeOptions,
  FrameCodec,
  Framing,
} from "../../transport/frame_codec.ts";
import { parseMtproxySecret } from "../../transport/mtproxy_secret.ts";
import {
  acceptClientObfuscation,
  ObfuscatedCodec,
  OBFUSCATION_HEADER_LENGTH,
} from "../../transport/obfuscation.ts";

/** Options of a {@link ServerTransport}. */
export interface ServerTransportOptions {
  /** MTProxy secrets to accept (bytes or hex/base64; `dd` secrets require padded intermediate). */
  secrets?: readonly (string | Uint8Array)[];
  /** Behave like an MTProxy: accept only obfuscation keyed with one of `secrets`. */
  requireSecret?: boolean;
  /** Refuse unobfuscated framings (as Telegram's WebSocket endpoint does). */
  requireObfuscation?: boolean;
  /** Largest accepted payload (default: the codecs' 16 MiB). */
  maxFrameLength?: number;
}

/** What the detector found out about a connection. */
export interface DetectedTransport {
  /** The client's framing. */
  framing: Framing;
  /** Whether the stream is obfuscated. */
  obfuscated: boolean;
  /** The int16 DC field of the obfuscation header (raw: negative = media, +10000 = test). */
  dcField?: number;
  /** Which configured secret keyed the obfuscation (index into `secrets`), if any. */
  secretIndex?: number;
}

const HTTP_PREFIXES = ["HEAD", "POST", "GET ", "OPTI"].map((text) =>
  new TextEncoder().encode(text)
);

/** Server-side transport of one connection: framing detection plus the detected codec. */
export class ServerTransport {
  readonly #options: ServerTransportOptions;
  readonly #secrets: { key: Uint8Array; paddedOnly: boolean }[];
  readonly #pending = new ByteQueue();
  #codec: FrameCodec | undefined;
  #detected: DetectedTransport | undefined;
  #failure: TransportError | undefined;

  /** @param options see {@link ServerTransportOptions} */
  constructor(options: ServerTransportOptions = {}) {
    this.#options = options;
    this.#secrets = (options.secrets ?? []).map((secret) =>
      parseMtproxySecret(secret)
    );
    if (options.requireSecret && this.#secrets.length === 0) {
      throw new TransportError("requireSecret needs at least one secret");
    }
  }

  /** What was detected, once enough bytes have arrived; `undefined` before. */
  get detected(): DetectedTransport | undefined {
    return this.#detected;
  }

  /** Queues received bytes (kept by reference). */
  feed(chunk: Uint8Array): void {
    if (this.#codec) this.#codec.feed(chunk);
    else this.#pending.push(chunk);
  }

  /** The next frame from the client, or `undefined` until more bytes arrive; throws {@link TransportError}. */
  nextFrame(): DecodedFrame | undefined {
    if (this.#failure) throw this.#failure;
    if (!this.#codec) {
      try {
        if (!this.#detect()) return undefined;
      } catch (error) {
        this.#failure = error instanceof TransportError
          ? error
          : new TransportError("transport detection failed", { cause: error });
        throw this.#failure;
      }
    }
    return this.#codec!.nextFrame();
  }

  /** Frames a payload for the client. Only valid once the framing is detected. */
  encode(payload: Uint8Array, options?: EncodeOptions): Uint8Array {
    return this.#requireCodec().encode(payload, options);
  }

  /** A quick ack for the client (abridged and intermediate framings). */
  encodeQuickAck(token: number): Uint8Array {
    return this.#requireCodec().encodeQuickAck(token);
  }

  /** A transport error code (−404, −429, −444, …) framed for the client. */
  encodeError(code: number): Uint8Array {
    return this.#requireCodec().encode(serverErrorPayload(code));
  }

  #requireCodec(): FrameCodec {
    if (!this.#codec) {
      throw new TransportError("the client's framing is not known yet");
    }
    return this.#codec;
  }

  /** Tries to recognise the framing; true once a codec is in place. */
  #detect(): boolean {
    const pending = this.#pending;
    if (pending.length < 1) return false;
    const first = pending.byteAt(0);
    if (first === 0xef) return this.#usePlain("abridged", 1);
    if (pending.length < 4) return false;
    const head = pending.peek(4);
    if (isRepeated(head, 0xee)) return this.#usePlain("intermediate", 4);
    if (isRepeated(head, 0xdd)) return this.#usePlain("paddedIntermediate", 4);
    if (HTTP_PREFIXES.some((prefix) => sameBytes(prefix, head))) {
      throw new TransportError(
        "HTTP transport is not supported by this server",
      );
    }
    if (
      head[0] === 0x16 && head[1] === 0x03 && head[2] === 0x01 &&
      head[3] === 0x02
    ) {
      throw new TransportError(
        "TLS (MTProxy fake-TLS) is not supported by this server",
      );
    }
    if (pending.length < 8) return false;
    if (pending.uint32At(4) === 0) return this.#usePlain("full", 0);
    if (pending.length < OBFUSCATION_HEADER_LENGTH) return false;
    const header = pending.take(OBFUSCATION_HEADER_LENGTH);
    const accepted = acceptClientObfuscation(
      header,
      this.#secrets.map((secret) => secret.key),
      this.#options.requireSecret ?? false,
    );
    const secret = accepted.secretIndex >= 0
      ? this.#secrets[accepted.secretIndex]
      : undefined;
    if (secret?.paddedOnly && accepted.framing !== "paddedIntermediate") {
      throw new TransportError(
        `a dd secret requires padded intermediate, the client chose ${accepted.framing}`,
      );
    }
    const inner = createFrameCodec(accepted.framing, {
      role: "server",
      maxFrameLength: this.#options.maxFrameLength,
    });
    this.#codec = new ObfuscatedCodec(
      inner,
      accepted.encryptor,
      accepted.decryptor,
    );
    this.#detected = {
      framing: accepted.framing,
      obfuscated: true,
      dcField: accepted.dcField,
      ...(accepted.secretIndex >= 0
        ? { secretIndex: accepted.secretIndex }
        : {}),
    };
    this.#flushPending();
    return true;
  }

  #usePlain(framing: Framing, tagLength: number): boolean {
    if (this.#options.requireObfuscation || this.#options.requireSecret) {
      throw new TransportError(
        `unobfuscated ${framing} framing is refused on this listener`,
      );
    }
    this.#pending.skip(tagLength);
    this.#codec = createFrameCodec(framing, {
      role: "server",
      maxFrameLength: this.#options.maxFrameLength,
    });
    this.#detected = { framing, obfuscated: false };
    this.#flushPending();
    return true;
  }

  #flushPending(): void {
    if (this.#pending.length > 0) this.#codec!.feed(this.#pending.takeAll());
  }
}

function isRepeated(bytes: Uint8Array, value: number): boolean {
  return bytes.every((byte) => byte === value);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
