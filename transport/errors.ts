/**
 * Errors of the transport layer: malformed or oversized frames, failed
 * connections, and the 4-byte error codes a Telegram server sends instead of
 * a frame.
 *
 * @module
 */

/** A transport-level failure: a malformed frame, a lost connection, a rejected handshake. */
export class TransportError extends Error {
  /** Creates the error; `message` says what went wrong. */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "TransportError";
  }
}

/** Server error code −404: the auth key is unknown to the server (drop it and create a new one). */
export const TRANSPORT_AUTH_KEY_UNKNOWN: number = -404;
/** Server error code −429: too many connections or transport flood. */
export const TRANSPORT_FLOOD: number = -429;
/** Server error code −444: invalid DC id (in the obfuscation header or for this server). */
export const TRANSPORT_INVALID_DC: number = -444;

const CODE_DESCRIPTIONS: ReadonlyMap<number, string> = new Map([
  [TRANSPORT_AUTH_KEY_UNKNOWN, "auth key unknown to the server"],
  [TRANSPORT_FLOOD, "too many connections (transport flood)"],
  [TRANSPORT_INVALID_DC, "invalid DC id"],
]);

/**
 * The server answered with a 4-byte negative error code instead of an MTProto
 * packet. `code` is that int32 (−404, −429, −444, …).
 */
export class TransportServerError extends TransportError {
  /** The negative int32 the server sent. */
  readonly code: number;

  /** Creates the error for `code`, the negative int32 the server sent. */
  constructor(code: number) {
    const description = CODE_DESCRIPTIONS.get(code) ??
      "unknown transport error code";
    super(`server transport error ${code}: ${description}`);
    this.name = "TransportServerError";
    this.code = code;
  }

  /** True for −404: the auth key is unknown and must be recreated. */
  get authKeyUnknown(): boolean {
    return this.code === TRANSPORT_AUTH_KEY_UNKNOWN;
  }
}

/**
 * If `payload` is exactly 4 bytes holding a negative little-endian int32,
 * returns the matching {@link TransportServerError}; otherwise `undefined`.
 * No MTProto packet is 4 bytes long, so this cannot misfire on real data.
 */
export function serverErrorFromPayload(
  payload: Uint8Array,
): TransportServerError | undefined {
  if (payload.length !== 4) return undefined;
  const code = payload[0] | (payload[1] << 8) | (payload[2] << 16) |
    (payload[3] << 24);
  return code < 0 ? new TransportServerError(code) : undefined;
}

/** The 4-byte payload a server sends for an error code (for the test DC). */
export function serverErrorPayload(code: number): Uint8Array {
  if (!Number.isInteger(code) || code >= 0 || code < -0x80000000) {
    throw new TransportError(
      `transport error code must be a negative int32, got ${code}`,
    );
  }
  const out = new Uint8Array(4);
  new DataView(out.buffer).setInt32(0, code, true);
  return out;
}
