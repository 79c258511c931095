/**
 * The Diffie–Hellman group the test DC uses: Telegram's standard 2048-bit safe
 * prime (as printed in "Creating an Authorization Key") with g = 3.
 *
 * @module
 */

import { TELEGRAM_DH_PRIME } from "../../crypto/mod.ts";

/** Telegram's standard 2048-bit safe prime. */
export const DH_PRIME: bigint = TELEGRAM_DH_PRIME;

/** The generator the test DC sends (3: a quadratic residue because DH_PRIME mod 3 = 2). */
export const DH_G = 3;
