/**
 * SRP for two-factor authentication ("Two-factor authentication", core.telegram.org/api/srp):
 * from `account.password` and the password, the `inputCheckPasswordSRP` the
 * client sends to `auth.checkPassword`.
 *
 * H = SHA256; SH(data, salt) = H(salt + data + salt);
 * PH1 = SH(SH(password, salt1), salt2);
 * PH2 = SH(PBKDF2-HMAC-SHA512(PH1, salt1, 100000), salt2); x = PH2;
 * v = g^x; k = H(p + g); u = H(A + B); S = (B − k·v)^(a + u·x);
 * K = H(S); M1 = H(H(p) xor H(g) + H(salt1) + H(salt2) + A + B + K),
 * with p, g, A, B and S as 256-byte big-endian numbers.
 *
 * @module
 */

import type {
  RawAccountPassword,
  RawInputCheckPasswordSRP,
  RawPasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow,
} from "../tl/mod.ts";
import { bigintFromBytes, bigintToBytes } from "./bigint_bytes.ts";
import { xorBytes } from "./bytes.ts";
import { checkDhParams, checkDhValue } from "./dh.ts";
import { pbkdf2Sha512, sha256 } from "./hash.ts";
import { modPow } from "./mod_pow.ts";
import { randomBytes } from "./random.ts";

/** The only password KDF Telegram uses (`passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow`). */
export type SrpAlgo =
  RawPasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow;

/** The account's password has an algorithm this library does not know, or `account.password` lacks SRP fields. */
export class SrpUnsupportedError extends Error {
  /** Creates the error with a message saying what is missing or unknown. */
  constructor(message: string) {
    super(message);
    this.name = "SrpUnsupportedError";
  }
}

const PBKDF2_ITERATIONS = 100000;

function saltedHash(data: Uint8Array, salt: Uint8Array): Uint8Array {
  return sha256(salt, data, salt);
}

/** PH2, the password hash x of SRP (the slow part: 100000 PBKDF2 iterations). */
export function computePasswordHash(
  password: string,
  salt1: Uint8Array,
  salt2: Uint8Array,
): Uint8Array {
  const passwordBytes = new TextEncoder().encode(password);
  const ph1 = saltedHash(saltedHash(passwordBytes, salt1), salt2);
  return saltedHash(pbkdf2Sha512(ph1, salt1, PBKDF2_ITERATIONS), salt2);
}

/** The SRP group of `algo`, checked: p a 2048-bit safe prime, g a valid generator (SecurityError otherwise). */
export function srpGroup(
  algo: SrpAlgo,
): { p: bigint; g: bigint; pBytes: Uint8Array; gBytes: Uint8Array } {
  const p = bigintFromBytes(algo.p);
  checkDhParams(p, algo.g);
  return {
    p,
    g: BigInt(algo.g),
    pBytes: bigintToBytes(p, 256),
    gBytes: bigintToBytes(BigInt(algo.g), 256),
  };
}

/** k = H(p + g). */
export function srpMultiplier(pBytes: Uint8Array, gBytes: Uint8Array): bigint {
  return bigintFromBytes(sha256(pBytes, gBytes));
}

/**
 * The verifier v = g^x mod p (256 bytes). It is what a client sends as
 * `new_password_hash` when setting a password, and what a server stores.
 */
export function computeSrpVerifier(
  password: string,
  algo: SrpAlgo,
): Uint8Array {
  const { p, g } = srpGroup(algo);
  const x = bigintFromBytes(
    computePasswordHash(password, algo.salt1, algo.salt2),
  );
  return bigintToBytes(modPow(g, x, p), 256);
}

/** M1 = H(H(p) xor H(g) + H(salt1) + H(salt2) + A + B + K). */
export function computeSrpM1(
  algo: SrpAlgo,
  pBytes: Uint8Array,
  gBytes: Uint8Array,
  aBytes: Uint8Array,
  bBytes: Uint8Array,
  sessionKey: Uint8Array,
): Uint8Array {
  return sha256(
    xorBytes(sha256(pBytes), sha256(gBytes)),
    sha256(algo.salt1),
    sha256(algo.salt2),
    aBytes,
    bBytes,
    sessionKey,
  );
}

/**
 * The client's side of SRP with a given secret `a` (exposed for test
 * vectors; {@link computeSrpCheck} draws `a` at random). Checks p, g (safe
 * prime, generator), B (range and margins) and A, as the guidelines require.
 */
export function computeSrpCheckWithSecret(
  password: string,
  algo: SrpAlgo,
  srpB: Uint8Array,
  srpId: bigint,
  a: bigint,
): RawInputCheckPasswordSRP {
  const { p, g, pBytes, gBytes } = srpGroup(algo);
  const gB = bigintFromBytes(srpB);
  checkDhValue(gB, p, "g_b");
  const gA = modPow(g, a, p);
  checkDhValue(gA, p, "g_a");
  const aBytes = bigintToBytes(gA, 256);
  const bBytes = bigintToBytes(gB, 256);
  const x = bigintFromBytes(
    computePasswordHash(password, algo.salt1, algo.salt2),
  );
  const v = modPow(g, x, p);
  const k = srpMultiplier(pBytes, gBytes);
  const u = bigintFromBytes(sha256(aBytes, bBytes));
  let t = (gB - k * v) % p;
  if (t < 0n) t += p;
  const s = modPow(t, a + u * x, p);
  const sessionKey = sha256(bigintToBytes(s, 256));
  return {
    _: "inputCheckPasswordSRP",
    srp_id: srpId,
    A: aBytes,
    M1: computeSrpM1(algo, pBytes, gBytes, aBytes, bBytes, sessionKey),
  };
}

/**
 * The `inputCheckPasswordSRP` proving knowledge of `password` for
 * `accountPassword` (the result of `account.getPassword`). Throws
 * SrpUnsupportedError when the account has no password or an unknown
 * algorithm, and SecurityError when p, g or B fail their checks.
 */
export function computeSrpCheck(
  password: string,
  accountPassword: RawAccountPassword,
): RawInputCheckPasswordSRP {
  const algo = accountPassword.current_algo;
  const { srp_B: srpB, srp_id: srpId } = accountPassword;
  if (algo === undefined || srpB === undefined || srpId === undefined) {
    throw new SrpUnsupportedError(
      "account.password has no current password (current_algo/srp_B/srp_id missing)",
    );
  }
  if (
    algo._ !==
      "passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow"
  ) {
    throw new SrpUnsupportedError(`unsupported password algorithm ${algo._}`);
  }
  for (;;) {
    const a = bigintFromBytes(randomBytes(256));
    try {
      return computeSrpCheckWithSecret(password, algo, srpB, srpId, a);
    } catch (error) {
      // g^a inside the 2^1984 margins happens with probability ~2^-63; draw again.
      if (error instanceof Error && "check" in error && error.check === "g_a") {
        continue;
      }
      throw error;
    }
  }
}
