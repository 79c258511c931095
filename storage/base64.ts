const STANDARD =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URL_SAFE =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

function makeReverse(alphabet: string): Int16Array {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
}
const REVERSE_STANDARD = makeReverse(STANDARD);
const REVERSE_URL_SAFE = makeReverse(URL_SAFE);

/**
 * Encodes bytes as base64: the standard alphabet with `=` padding, or with
 * `urlSafe` the URL-safe alphabet without padding.
 */
export function encodeBase64(bytes: Uint8Array, urlSafe = false): string {
  const alphabet = urlSafe ? URL_SAFE : STANDARD;
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += alphabet[n >> 18] + alphabet[(n >> 12) & 63] +
      alphabet[(n >> 6) & 63] + alphabet[n & 63];
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = (bytes[i] << 16) | (rest === 2 ? bytes[i + 1] << 8 : 0);
    out += alphabet[n >> 18] + alphabet[(n >> 12) & 63];
    out += rest === 2 ? alphabet[(n >> 6) & 63] : "";
    if (!urlSafe) out += rest === 2 ? "=" : "==";
  }
  return out;
}

/**
 * Decodes base64 written by {@linkcode encodeBase64} with the same `urlSafe`
 * flag. Strict: returns `undefined` for any other character, wrong padding
 * or non-zero trailing bits, so that corrupt data is noticed.
 */
export function decodeBase64(
  text: string,
  urlSafe = false,
): Uint8Array | undefined {
  const reverse = urlSafe ? REVERSE_URL_SAFE : REVERSE_STANDARD;
  let body = text;
  if (!urlSafe) {
    if (text.length % 4 !== 0) return undefined;
    if (text.endsWith("==")) body = text.slice(0, -2);
    else if (text.endsWith("=")) body = text.slice(0, -1);
  }
  if (body.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor(body.length * 3 / 4));
  let bits = 0;
  let bitCount = 0;
  let o = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    const v = c < 128 ? reverse[c] : -1;
    if (v < 0) return undefined;
    bits = ((bits << 6) | v) & 0xffffff;
    bitCount += 6;
    if (bitCount >= 8) {
      bitCount -= 8;
      out[o++] = (bits >> bitCount) & 0xff;
    }
  }
  if ((bits & ((1 << bitCount) - 1)) !== 0) return undefined;
  return out;
}
