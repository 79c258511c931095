/**
 * Diffie–Hellman for the key exchange, with the checks of Telegram's
 * "Security Guidelines for Client Developers", and the nonce-derived values
 * of "Creating an Authorization Key".
 *
 * Nonces are bigints read from the wire as little-endian unsigned integers
 * (the TL layer's int128/int256 convention); byte arrays in wire order are
 * accepted too.
 *
 * @module
 */

import { bigintFromBytes, bigintToBytes, bitLength } from "./bigint_bytes.ts";
import { sha1 } from "./hash.ts";
import { isProbablePrime } from "./prime.ts";
import { randomBytes } from "./random.ts";
import { SecurityError } from "./security_error.ts";
import { bytesEqual } from "./bytes.ts";

/** The 2048-bit safe prime Telegram's servers send as `dh_prime` (and as `p` in SRP). */
export const TELEGRAM_DH_PRIME: bigint = BigInt(
  "0x" +
    "C71CAEB9C6B1C9048E6C522F70F13F73980D40238E3E21C14934D037563D930F" +
    "48198A0AA7C14058229493D22530F4DBFA336F6E0AC925139543AED44CCE7C37" +
    "20FD51F69458705AC68CD4FE6B6B13ABDC9746512969328454F18FAF8C595F64" +
    "2477FE96BB2A941D5BCD1D4AC8CC49880708FA9B378E3C4F3A9060BEE67CF9A4" +
    "A4A695811051907E162753B56B0F6B410DBA74D8A84B2A14B3144E0EF1284754" +
    "FD17ED950D5965B4B9DD46582DB1178D169C6BC465B0D6FF9CA3928FEF5B9AE4" +
    "E418FC15E83EBEA0F87FA9FF5EED70050DED2849F47BF959D956850CE929851F" +
    "0D8115F635B105EE2E4E15D04B2454BF6F4FADF034B10403119CD8E3B92FCC5B",
);

/** Verdicts of the (slow) safe-prime test, so each prime is tested once per process. */
const safePrimeCache = new Map<bigint, boolean>([[TELEGRAM_DH_PRIME, true]]);
const SAFE_PRIME_CACHE_LIMIT = 64;

/**
 * Whether `p` is a safe prime (p and (p − 1)/2 both prime). Telegram's prime
 * is answered from the cache; any other costs two Miller–Rabin runs (a few
 * hundred milliseconds for 2048 bits) and is then cached.
 */
export function isSafePrime(p: bigint): boolean {
  const cached = safePrimeCache.get(p);
  if (cached !== undefined) return cached;
  const verdict = p > 5n && p % 2n === 1n && isProbablePrime((p - 1n) / 2n) &&
    isProbablePrime(p);
  if (safePrimeCache.size >= SAFE_PRIME_CACHE_LIMIT) safePrimeCache.clear();
  safePrimeCache.set(p, verdict);
  return verdict;
}

/**
 * Whether g generates the subgroup of order (p − 1)/2, i.e. g is a quadratic
 * residue mod p, expressed through p mod small numbers as the guidelines give
 * it (quadratic reciprocity): for g = 4 nothing to check.
 */
function generatorConditionHolds(p: bigint, g: number): boolean {
  switch (g) {
    case 2:
      return p % 8n === 7n;
    case 3:
      return p % 3n === 2n;
    case 4:
      return true;
    case 5: {
      const r = p % 5n;
      return r === 1n || r === 4n;
    }
    case 6: {
      const r = p % 24n;
      return r === 19n || r === 23n;
    }
    case 7: {
      const r = p % 7n;
      return r === 3n || r === 5n || r === 6n;
    }
    default:
      return false;
  }
}

/**
 * Checks the DH parameters a server sent (`server_DH_inner_data`, or SRP's
 * `p` and `g`): `dhPrime` is a 2048-bit safe prime and `g` one of 2..7 that
 * generates the cyclic subgroup of prime order (p − 1)/2. Throws a
 * SecurityError with check `"dh_prime"` or `"g"`.
 */
export function checkDhParams(dhPrime: bigint, g: number): void {
  if (bitLength(dhPrime) !== 2048) {
    throw new SecurityError("dh_prime", "dh_prime is not a 2048-bit number");
  }
  if (!Number.isInteger(g) || g < 2 || g > 7) {
    throw new SecurityError("g", `g must be in 2..7, got ${g}`);
  }
  if (!isSafePrime(dhPrime)) {
    throw new SecurityError("dh_prime", "dh_prime is not a safe prime");
  }
  if (!generatorConditionHolds(dhPrime, g)) {
    throw new SecurityError(
      "g",
      `g = ${g} does not generate the subgroup of order (dh_prime − 1)/2`,
    );
  }
}

const MARGIN = 1n << (2048n - 64n);

/**
 * Checks a DH public value (`g_a`, `g_b`, `g_a`/`g_b` of SRP): 1 < value <
 * dhPrime − 1, and at least 2^(2048−64) away from both 0 and dhPrime. Throws a
 * SecurityError whose check is `name` (e.g. `"g_a"`).
 */
export function checkDhValue(
  value: bigint,
  dhPrime: bigint,
  name: string,
): void {
  if (value <= 1n || value >= dhPrime - 1n) {
    throw new SecurityError(name, `${name} is outside (1, dh_prime − 1)`);
  }
  if (value < MARGIN || value > dhPrime - MARGIN) {
    throw new SecurityError(
      name,
      `${name} is within 2^1984 of 0 or of dh_prime`,
    );
  }
}

function nonceBytes(
  nonce: bigint | Uint8Array,
  length: number,
  name: string,
): Uint8Array {
  if (nonce instanceof Uint8Array) {
    if (nonce.length !== length) {
      throw new RangeError(
        `${name} must be ${length} bytes, got ${nonce.length}`,
      );
    }
    return nonce;
  }
  return bigintToBytes(BigInt.asUintN(length * 8, nonce), length, true);
}

/**
 * The temporary AES-256-IGE key and iv that protect `server_DH_inner_data`
 * and `client_DH_inner_data`, from `new_nonce` (int256) and `server_nonce`
 * (int128):
 * key = SHA1(new_nonce + server_nonce) + SHA1(server_nonce + new_nonce)[0:12],
 * iv = SHA1(server_nonce + new_nonce)[12:20] + SHA1(new_nonce + new_nonce) + new_nonce[0:4].
 */
export function tmpAesKeyIv(
  newNonce: bigint | Uint8Array,
  serverNonce: bigint | Uint8Array,
): { key: Uint8Array; iv: Uint8Array } {
  const nn = nonceBytes(newNonce, 32, "new_nonce");
  const sn = nonceBytes(serverNonce, 16, "server_nonce");
  const nnSn = sha1(nn, sn);
  const snNn = sha1(sn, nn);
  const nnNn = sha1(nn, nn);
  const key = new Uint8Array(32);
  key.set(nnSn, 0);
  key.set(snNn.subarray(0, 12), 20);
  const iv = new Uint8Array(32);
  iv.set(snNn.subarray(12, 20), 0);
  iv.set(nnNn, 8);
  iv.set(nn.subarray(0, 4), 28);
  return { key, iv };
}

/**
 * `new_nonce_hash1/2/3` of `dh_gen_ok` / `dh_gen_retry` / `dh_gen_fail`: the
 * lower 128 bits of SHA1(new_nonce + byte n + auth_key_aux_hash), where
 * auth_key_aux_hash is the first 64 bits of SHA1(auth_key). Returned as the
 * TL layer reads an int128 (little-endian unsigned).
 */
export function newNonceHash(
  newNonce: bigint | Uint8Array,
  authKey: Uint8Array,
  n: 1 | 2 | 3,
): bigint {
  const auxHash = sha1(authKey).subarray(0, 8);
  const hash = sha1(
    nonceBytes(newNonce, 32, "new_nonce"),
    new Uint8Array([n]),
    auxHash,
  );
  return bigintFromBytes(hash.subarray(4, 20), true);
}

/**
 * Checks that a nonce the server echoed equals the one we hold (`nonce`,
 * `server_nonce`, `new_nonce_hash1`); throws a SecurityError with check
 * `name` otherwise.
 */
export function checkNonce(
  name: string,
  expected: bigint,
  received: bigint,
): void {
  if (expected !== received) {
    throw new SecurityError(name, `${name} does not match`);
  }
}

/**
 * The other half of the "SHA-1 check of the decrypted answer": `answer_with_hash`
 * is SHA1(answer) + answer + 0..15 random bytes. The answer's length is not
 * sent, so each padding length that keeps the total a multiple of 16 is tried.
 * Returns the answer; throws a SecurityError with check `"answer_hash"`.
 */
export function checkAnswerWithHash(answerWithHash: Uint8Array): Uint8Array {
  if (answerWithHash.length < 20 || answerWithHash.length % 16 !== 0) {
    throw new SecurityError("answer_hash", "decrypted answer has a bad length");
  }
  const hash = answerWithHash.subarray(0, 20);
  for (
    let padding = 0;
    padding < 16 && 20 + padding <= answerWithHash.length;
    padding++
  ) {
    const answer = answerWithHash.subarray(20, answerWithHash.length - padding);
    if (bytesEqual(sha1(answer), hash)) return answer.slice();
  }
  throw new SecurityError(
    "answer_hash",
    "SHA-1 of the decrypted answer does not match",
  );
}

/**
 * SHA1(data) + data + random padding up to a multiple of 16 bytes: the
 * plaintext of `encrypted_answer` / `encrypted_data` before AES-IGE.
 */
export function withHashAndPadding(data: Uint8Array): Uint8Array {
  const length = 20 + data.length;
  const padded = Math.ceil(length / 16) * 16;
  const out = new Uint8Array(padded);
  out.set(sha1(data), 0);
  out.set(data, 20);
  out.set(randomBytes(padded - length), length);
  return out;
}

/**
 * The first server salt after the key exchange: new_nonce[0:8] XOR
 * server_nonce[0:8] (wire bytes), as a signed 64-bit value like a TL `long`.
 */
export function initialServerSalt(
  newNonce: bigint | Uint8Array,
  serverNonce: bigint | Uint8Array,
): bigint {
  const nn = nonceBytes(newNonce, 32, "new_nonce");
  const sn = nonceBytes(serverNonce, 16, "server_nonce");
  const salt = new Uint8Array(8);
  for (let i = 0; i < 8; i++) salt[i] = nn[i] ^ sn[i];
  return BigInt.asIntN(64, bigintFromBytes(salt, true));
}
