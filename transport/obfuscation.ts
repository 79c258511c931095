/**
 * Transport obfuscation ("obfuscated2"), both sides.
 *
 * The client opens with 64 bytes that look random: bytes 8..56 seed two
 * AES-256-CTR streams (client→server from bytes 8..40 and 40..56, server→client
 * from the same 48 bytes reversed; with an MTProxy secret each key becomes
 * SHA-256(key ‖ secret); the crypto layer's `obfuscationKeys` derives them). Bytes 56..60 carry the framing's 4-byte tag and
 * 60..62 the DC id as an int16 (negative for media DCs, +10000 for test DCs);
 * the client encrypts the whole 64-byte block with its stream and sends the
 * plaintext bytes 0..56 followed by the encrypted bytes 56..64. Everything
 * after is encrypted, both ways, the client→server stream continuing after
 * those first 64 bytes.
 *
 * The first bytes are chosen so that the server cannot mistake them for
 * another protocol: not `ef` (abridged), not `HEAD`/`POST`/`GET `/`OPTI`
 * (HTTP), not `dddddddd`/`eeeeeeee` (padded/plain intermediate), not
 * `16030102` (TLS), and a non-zero second int (full framing's first seqno).
 *
 * @module
 */

import {
  type AesCtr,
  createAesCtr,
  obfuscationKeys,
  randomBytes,
} from "../crypto/mod.ts";
import { TransportError } from "./errors.ts";
import type {
  DecodedFrame,
  EncodeOptions,
  FrameCodec,
  Framing,
  Role,
} from "./frame_codec.ts";

/** The 4-byte tag placed at bytes 56..60 of the header for each framing usable under obfuscation. */
export const OBFUSCATION_TAGS: Readonly<
  Record<Exclude<Framing, "full">, Uint8Array>
> = {
  abridged: Uint8Array.of(0xef, 0xef, 0xef, 0xef),
  intermediate: Uint8Array.of(0xee, 0xee, 0xee, 0xee),
  paddedIntermediate: Uint8Array.of(0xdd, 0xdd, 0xdd, 0xdd),
};

/** Length of the obfuscation header. */
export const OBFUSCATION_HEADER_LENGTH = 64;

/** First ints (little-endian) a header must not start with. */
const FORBIDDEN_FIRST_INTS: ReadonlySet<number> = new Set([
  0x44414548, // "HEAD"
  0x54534f50, // "POST"
  0x20544547, // "GET "
  0x4954504f, // "OPTI"
  0xdddddddd,
  0xeeeeeeee,
  0x02010316, // 16 03 01 02: a TLS handshake record
]);

/** The 4-byte tag of `framing` under obfuscation; full has none and is refused. */
export function obfuscationTag(framing: Framing): Uint8Array {
  if (framing === "full") {
    throw new TransportError(
      "the full framing cannot be obfuscated (it has no tag)",
    );
  }
  const tag = OBFUSCATION_TAGS[framing];
  if (!tag) {
    throw new TransportError(`unknown framing ${JSON.stringify(framing)}`);
  }
  return tag.slice();
}

/** The framing announced by a decrypted tag, or `undefined` for an unknown tag. */
export function framingFromObfuscationTag(
  tag: Uint8Array,
): Exclude<Framing, "full"> | undefined {
  if (
    tag.length !== 4 || tag[0] !== tag[1] || tag[0] !== tag[2] ||
    tag[0] !== tag[3]
  ) return undefined;
  switch (tag[0]) {
    case 0xef:
      return "abridged";
    case 0xee:
      return "intermediate";
    case 0xdd:
      return "paddedIntermediate";
    default:
      return undefined;
  }
}

/** Whether the header's first bytes are allowed (see the module notes). */
export function isAllowedObfuscationPrefix(header: Uint8Array): boolean {
  if (header.length < 8) return false;
  if (header[0] === 0xef) return false;
  const first =
    (header[0] | (header[1] << 8) | (header[2] << 16) | (header[3] << 24)) >>>
    0;
  if (FORBIDDEN_FIRST_INTS.has(first)) return false;
  return (header[4] | header[5] | header[6] | header[7]) !== 0;
}

/** Options for the DC id field of the header. */
export interface DcIdFieldOptions {
  /** A test-server DC: MTProxy expects the id + 10000. */
  testMode?: boolean;
  /** A media DC: the id is negated. */
  media?: boolean;
}

/** The int16 value written at bytes 60..62 for `dcId` (1..5 for Telegram's DCs). */
export function obfuscationDcField(
  dcId: number,
  options: DcIdFieldOptions = {},
): number {
  if (!Number.isInteger(dcId) || dcId <= 0 || dcId >= 10000) {
    throw new TransportError(
      `DC id must be an integer from 1 to 9999, got ${dcId}`,
    );
  }
  let field = options.testMode ? dcId + 10000 : dcId;
  if (options.media) field = -field;
  return field;
}

/** What a client needs after building its header. */
export interface ClientObfuscation {
  /** The 64 bytes to send first. */
  header: Uint8Array;
  /** Client→server stream, already advanced past the header. */
  encryptor: AesCtr;
  /** Server→client stream. */
  decryptor: AesCtr;
}

/**
 * Builds the client's header from 64 random bytes (used as given: pass bytes
 * accepted by {@link isAllowedObfuscationPrefix}). `dcField` (see
 * {@link obfuscationDcField}) is written at 60..62 unless `undefined`.
 */
export function buildClientObfuscation(
  random64: Uint8Array,
  framing: Framing,
  dcField?: number,
  secret?: Uint8Array,
): ClientObfuscation {
  if (random64.length !== OBFUSCATION_HEADER_LENGTH) {
    throw new TransportError(
      `obfuscation header must be 64 bytes, got ${random64.length}`,
    );
  }
  const plain = random64.slice();
  plain.set(obfuscationTag(framing), 56);
  if (dcField !== undefined) {
    if (!Number.isInteger(dcField) || dcField < -0x8000 || dcField > 0x7fff) {
      throw new TransportError(`DC id field must be an int16, got ${dcField}`);
    }
    new DataView(plain.buffer).setInt16(60, dcField, true);
  }
  const keys = obfuscationKeys(plain, secret);
  const encryptor = createAesCtr(keys.encryptKey, keys.encryptIv);
  const decryptor = createAesCtr(keys.decryptKey, keys.decryptIv);
  const header = plain.slice();
  header.set(encryptor.process(plain).subarray(56, 64), 56);
  return { header, encryptor, decryptor };
}

/** Fresh random bytes that satisfy {@link isAllowedObfuscationPrefix}. */
export function generateObfuscationRandom(
  random: (length: number) => Uint8Array = randomBytes,
): Uint8Array {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const candidate = random(OBFUSCATION_HEADER_LENGTH);
    if (isAllowedObfuscationPrefix(candidate)) return candidate;
  }
  throw new TransportError(
    "could not draw an acceptable obfuscation header (broken random source?)",
  );
}

/** What the server learns from a client's header. */
export interface ServerObfuscation {
  /** The framing the tag announced. */
  framing: Exclude<Framing, "full">;
  /** The int16 DC id field (raw: negative = media, +10000 = test). */
  dcField: number;
  /** Index into the `secrets` list that decrypted the header, or -1 for none. */
  secretIndex: number;
  /** Server→client stream. */
  encryptor: AesCtr;
  /** Client→server stream, already advanced past the header. */
  decryptor: AesCtr;
}

/**
 * Server side: decrypts a client's 64-byte header, trying no secret first
 * unless `requireSecret`, then each of `secrets`. Throws a
 * {@link TransportError} when no key yields a known tag.
 */
export function acceptClientObfuscation(
  header: Uint8Array,
  secrets: readonly Uint8Array[] = [],
  requireSecret = false,
): ServerObfuscation {
  if (header.length !== OBFUSCATION_HEADER_LENGTH) {
    throw new TransportError(
      `obfuscation header must be 64 bytes, got ${header.length}`,
    );
  }
  const candidates: (Uint8Array | undefined)[] = requireSecret
    ? [...secrets]
    : [undefined, ...secrets];
  for (let i = 0; i < candidates.length; i++) {
    const keys = obfuscationKeys(header, candidates[i]);
    const decryptor = createAesCtr(keys.encryptKey, keys.encryptIv);
    const plain = decryptor.process(header);
    const framing = framingFromObfuscationTag(plain.subarray(56, 60));
    if (!framing) continue;
    const dcField = new DataView(plain.buffer, plain.byteOffset).getInt16(
      60,
      true,
    );
    return {
      framing,
      dcField,
      secretIndex: requireSecret ? i : i - 1,
      encryptor: createAesCtr(keys.decryptKey, keys.decryptIv),
      decryptor,
    };
  }
  throw new TransportError(
    "obfuscation header carries an unknown protocol tag (wrong secret or not MTProto)",
  );
}

/**
 * A {@link FrameCodec} wrapped in obfuscation: frames are encrypted after
 * encoding and received bytes decrypted before decoding. For the client role
 * `preamble` is the 64-byte header; the inner codec's own preamble is not sent.
 */
export class ObfuscatedCodec implements FrameCodec {
  /** The inner framing. */
  readonly framing: Framing;
  /** Which side this codec serves. */
  readonly role: Role;
  /** The obfuscation header (client role) or nothing (server role). */
  readonly preamble: Uint8Array;
  readonly #inner: FrameCodec;
  readonly #encryptor: AesCtr;
  readonly #decryptor: AesCtr;

  /**
   * Wraps `inner` with already keyed streams (the server side uses this with
   * {@link acceptClientObfuscation}'s result).
   * @param inner the framing codec, of the same role
   * @param encryptor this side's outgoing stream
   * @param decryptor this side's incoming stream
   * @param preamble bytes to send first (the client's header)
   */
  constructor(
    inner: FrameCodec,
    encryptor: AesCtr,
    decryptor: AesCtr,
    preamble: Uint8Array = new Uint8Array(0),
  ) {
    if (inner.framing === "full") {
      throw new TransportError(
        "the full framing cannot be obfuscated (it has no tag)",
      );
    }
    this.#inner = inner;
    this.framing = inner.framing;
    this.role = inner.role;
    this.#encryptor = encryptor;
    this.#decryptor = decryptor;
    this.preamble = preamble;
  }

  /**
   * Client side: draws a header for `inner`'s framing and wraps it.
   * `dcField` as from {@link obfuscationDcField}; `secret` is an MTProxy key (16 bytes).
   */
  static client(
    inner: FrameCodec,
    options: {
      dcField?: number;
      secret?: Uint8Array;
      randomBytes?: (length: number) => Uint8Array;
    } = {},
  ): ObfuscatedCodec {
    const { header, encryptor, decryptor } = buildClientObfuscation(
      generateObfuscationRandom(options.randomBytes),
      inner.framing,
      options.dcField,
      options.secret,
    );
    return new ObfuscatedCodec(inner, encryptor, decryptor, header);
  }

  /** Encodes with the inner framing, then encrypts. */
  encode(payload: Uint8Array, options?: EncodeOptions): Uint8Array {
    return this.#encryptor.process(this.#inner.encode(payload, options));
  }

  /** Server role: an encrypted quick ack. */
  encodeQuickAck(token: number): Uint8Array {
    return this.#encryptor.process(this.#inner.encodeQuickAck(token));
  }

  /** Decrypts received bytes and queues them in the inner codec. */
  feed(chunk: Uint8Array): void {
    if (chunk.length > 0) this.#inner.feed(this.#decryptor.process(chunk));
  }

  /** The inner codec's next frame. */
  nextFrame(): DecodedFrame | undefined {
    return this.#inner.nextFrame();
  }
}
