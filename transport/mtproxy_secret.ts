/**
 * MTProxy secrets, as found in `tg://proxy?server=…&port=…&secret=…` links.
 *
 * Supported:
 * - a plain 16-byte secret (32 hex digits): obfuscated2 keyed with the secret,
 *   any framing except full;
 * - `dd` + 16 bytes: the same, but the proxy only accepts padded intermediate
 *   (random padding hides packet sizes), so that framing is forced.
 *
 * Not supported: `ee` + 16 bytes + domain (fake-TLS, which wraps the stream in
 * imitation TLS records); parsing one throws a {@link TransportError} saying so.
 *
 * @module
 */

import { TransportError } from "./errors.ts";

/** A parsed MTProxy secret. */
export interface MtproxySecret {
  /** The 16-byte key mixed into the obfuscation keys. */
  key: Uint8Array;
  /** True for `dd` secrets: only padded intermediate is accepted by the proxy. */
  paddedOnly: boolean;
}

/**
 * Parses an MTProxy secret given as bytes, hex (32 or 34 digits) or
 * base64/base64url (as some links carry it).
 */
export function parseMtproxySecret(secret: string | Uint8Array): MtproxySecret {
  const bytes = typeof secret === "string"
    ? secretBytesFromText(secret)
    : secret;
  if (bytes.length === 16) return { key: bytes.slice(), paddedOnly: false };
  if (bytes.length === 17 && bytes[0] === 0xdd) {
    return { key: bytes.slice(1), paddedOnly: true };
  }
  if (bytes.length > 17 && bytes[0] === 0xee) {
    throw new TransportError(
      "MTProxy fake-TLS (ee) secrets are not supported; use a plain or dd secret",
    );
  }
  throw new TransportError(
    `unrecognised MTProxy secret of ${bytes.length} bytes (expected 16 bytes, or dd + 16 bytes)`,
  );
}

function secretBytesFromText(text: string): Uint8Array {
  const trimmed = text.trim();
  if (/^([0-9a-fA-F]{2})+$/.test(trimmed)) {
    const out = new Uint8Array(trimmed.length / 2);
    for (let i = 0; i < out.length; i++) {
      out[i] = parseInt(trimmed.slice(i * 2, i * 2 + 2), 16);
    }
    return out;
  }
  if (/^[A-Za-z0-9+/_-]+=*$/.test(trimmed)) {
    const standard = trimmed.replace(/-/g, "+").replace(/_/g, "/").replace(
      /=+$/,
      "",
    );
    try {
      const binary = atob(standard + "=".repeat((4 - standard.length % 4) % 4));
      return Uint8Array.from(binary, (c) => c.charCodeAt(0));
    } catch (cause) {
      throw new TransportError("MTProxy secret is neither hex nor base64", {
        cause,
      });
    }
  }
  throw new TransportError("MTProxy secret is neither hex nor base64");
}
