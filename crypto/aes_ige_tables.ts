/**
 * AES lookup tables and AES-256 key schedules, shared by the pure-TypeScript
 * IGE kernel and the WebAssembly loader (which copies them into wasm memory).
 *
 * Words are big-endian: the first byte of a column is the most significant
 * byte of its word, as in FIPS-197.
 *
 * @module
 */

/** The AES S-box. */
export const SBOX: Uint8Array = new Uint8Array(256);
/** The inverse AES S-box. */
export const INV_SBOX: Uint8Array = new Uint8Array(256);
/** Encryption T-tables: `TE[k][x]` is MixColumns·SubBytes of `x` rotated right by 8·k bits. */
export const TE: readonly [Uint32Array, Uint32Array, Uint32Array, Uint32Array] =
  [
    new Uint32Array(256),
    new Uint32Array(256),
    new Uint32Array(256),
    new Uint32Array(256),
  ];
/** Decryption T-tables: `TD[k][x]` is InvMixColumns·InvSubBytes of `x` rotated right by 8·k bits. */
export const TD: readonly [Uint32Array, Uint32Array, Uint32Array, Uint32Array] =
  [
    new Uint32Array(256),
    new Uint32Array(256),
    new Uint32Array(256),
    new Uint32Array(256),
  ];

/** Number of rounds of AES-256. */
export const AES256_ROUNDS = 14;
/** Number of 32-bit words in an expanded AES-256 key (15 round keys of 4 words). */
export const AES256_SCHEDULE_WORDS = 60;

function buildTables(): void {
  // Powers and logarithms of the generator 3 in GF(2^8) give inverses without a search.
  const pow = new Uint8Array(256);
  const log = new Uint8Array(256);
  for (let i = 0, x = 1; i < 255; i++) {
    pow[i] = x;
    log[x] = i;
    x ^= (x << 1) ^ ((x & 0x80) ? 0x11b : 0);
    x &= 0xff;
  }
  const mul = (a: number, b: number): number =>
    a === 0 || b === 0 ? 0 : pow[(log[a] + log[b]) % 255];

  for (let x = 0; x < 256; x++) {
    const inverse = x === 0 ? 0 : pow[(255 - log[x]) % 255];
    let s = inverse;
    // The affine transform: s ^ rotl(s,1) ^ rotl(s,2) ^ rotl(s,3) ^ rotl(s,4) ^ 0x63.
    for (let r = 1; r <= 4; r++) {
      s ^= ((inverse << r) | (inverse >>> (8 - r))) & 0xff;
    }
    s ^= 0x63;
    SBOX[x] = s;
    INV_SBOX[s] = x;
  }

  for (let x = 0; x < 256; x++) {
    const s = SBOX[x];
    const te = ((mul(s, 2) << 24) | (s << 16) | (s << 8) | mul(s, 3)) >>> 0;
    const is = INV_SBOX[x];
    const td = ((mul(is, 14) << 24) | (mul(is, 9) << 16) | (mul(is, 13) << 8) |
      mul(is, 11)) >>>
      0;
    for (let k = 0; k < 4; k++) {
      TE[k][x] = ((te >>> (8 * k)) | (te << (32 - 8 * k))) >>> 0;
      TD[k][x] = ((td >>> (8 * k)) | (td << (32 - 8 * k))) >>> 0;
    }
  }
}
buildTables();

function subWord(w: number): number {
  return ((SBOX[w >>> 24] << 24) | (SBOX[(w >>> 16) & 0xff] << 16) |
    (SBOX[(w >>> 8) & 0xff] << 8) | SBOX[w & 0xff]) >>> 0;
}

/**
 * Expands a 32-byte key into the 60-word AES-256 encryption schedule.
 *
 * @param key the 32-byte key (not checked here; callers validate)
 * @param out where to write the 60 words
 */
export function expandKeyEncrypt256(
  key: Uint8Array,
  out: Uint32Array = new Uint32Array(AES256_SCHEDULE_WORDS),
): Uint32Array {
  for (let i = 0; i < 8; i++) {
    out[i] =
      ((key[4 * i] << 24) | (key[4 * i + 1] << 16) | (key[4 * i + 2] << 8) |
        key[4 * i + 3]) >>> 0;
  }
  let rcon = 1;
  for (let i = 8; i < AES256_SCHEDULE_WORDS; i++) {
    let t = out[i - 1];
    if (i % 8 === 0) {
      t = subWord(((t << 8) | (t >>> 24)) >>> 0) ^ (rcon << 24);
      rcon = (rcon << 1) ^ ((rcon & 0x80) ? 0x11b : 0);
    } else if (i % 8 === 4) {
      t = subWord(t);
    }
    out[i] = (out[i - 8] ^ t) >>> 0;
  }
  return out;
}

/**
 * Turns an encryption schedule into the schedule of the equivalent inverse
 * cipher: round keys in reverse order, InvMixColumns applied to the inner ones,
 * so decryption can use the same T-table round shape as encryption.
 *
 * @param encrypt the 60-word encryption schedule
 * @param out where to write the 60 words (must not alias `encrypt`)
 */
export function expandKeyDecrypt256(
  encrypt: Uint32Array,
  out: Uint32Array = new Uint32Array(AES256_SCHEDULE_WORDS),
): Uint32Array {
  const [td0, td1, td2, td3] = TD;
  for (let round = 0; round <= AES256_ROUNDS; round++) {
    const from = 4 * (AES256_ROUNDS - round);
    for (let j = 0; j < 4; j++) {
      const w = encrypt[from + j];
      out[4 * round + j] = round === 0 || round === AES256_ROUNDS
        ? w
        : (td0[SBOX[w >>> 24]] ^
          td1[SBOX[(w >>> 16) & 0xff]] ^ td2[SBOX[(w >>> 8) & 0xff]] ^
          td3[SBOX[w & 0xff]]) >>> 0;
    }
  }
  return out;
}
