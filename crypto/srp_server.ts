/**
 * The server's side of SRP (what the local test DC needs): B from the
 * stored verifier, and the check of the client's M1.
 *
 * @module
 */

import { bigintFromBytes, bigintToBytes } from "./bigint_bytes.ts";
import { bytesEqual } from "./bytes.ts";
import { checkDhValue } from "./dh.ts";
import { sha256 } from "./hash.ts";
import { modPow } from "./mod_pow.ts";
import { randomBytes } from "./random.ts";
import { SecurityError } from "./security_error.ts";
import { computeSrpM1, type SrpAlgo, srpGroup, srpMultiplier } from "./srp.ts";

export { computeSrpVerifier } from "./srp.ts";

/** One SRP round on the server: the secret b and the public B sent as `srp_B`. */
export interface SrpServerRound {
  /** The server's secret exponent. */
  b: bigint;
  /** B = (k·v + g^b) mod p, 256 bytes: `account.password.srp_B`. */
  B: Uint8Array;
}

/** Starts an SRP round for a stored verifier `v` (from `computeSrpVerifier`). */
export function createSrpServerRound(
  algo: SrpAlgo,
  verifier: Uint8Array,
): SrpServerRound {
  const { p, g, pBytes, gBytes } = srpGroup(algo);
  const v = bigintFromBytes(verifier);
  const k = srpMultiplier(pBytes, gBytes);
  for (;;) {
    const b = bigintFromBytes(randomBytes(256));
    const gB = (k * v + modPow(g, b, p)) % p;
    try {
      checkDhValue(gB, p, "g_b");
    } catch {
      continue; // astronomically rare; a client would refuse this B
    }
    return { b, B: bigintToBytes(gB, 256) };
  }
}

/**
 * Checks the client's `inputCheckPasswordSRP` (A, M1) against a round.
 * Returns normally when M1 proves the password; throws SecurityError with
 * check `"g_a"` (A out of range) or `"M1"` (wrong password) otherwise.
 */
export function verifySrpM1(
  algo: SrpAlgo,
  verifier: Uint8Array,
  round: SrpServerRound,
  clientA: Uint8Array,
  clientM1: Uint8Array,
): void {
  const { p, pBytes, gBytes } = srpGroup(algo);
  const gA = bigintFromBytes(clientA);
  checkDhValue(gA, p, "g_a");
  const v = bigintFromBytes(verifier);
  const aBytes = bigintToBytes(gA, 256);
  const u = bigintFromBytes(sha256(aBytes, round.B));
  // S = (A · v^u)^b mod p equals the client's (B − k·v)^(a + u·x).
  const s = modPow((gA * modPow(v, u, p)) % p, round.b, p);
  const expected = computeSrpM1(
    algo,
    pBytes,
    gBytes,
    aBytes,
    round.B,
    sha256(bigintToBytes(s, 256)),
  );
  if (!bytesEqual(expected, clientM1)) {
    throw new SecurityError("M1", "SRP M1 does not match (wrong password)");
  }
}
