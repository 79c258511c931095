/**
 * `account.*` methods of the test DC about the 2FA password.
 *
 * @module
 */

import { bigintToBytes, randomBytes } from "../../../crypto/mod.ts";
import { authWorld } from "../auth_world.ts";
import { DH_PRIME } from "../dh_prime.ts";
import type { MethodTable, RpcContext } from "../rpc.ts";

/**
 * `account.getPassword`: the password settings of the logged-in account, or
 * of the account whose password this key must give after the code or QR
 * step; with a fresh `srp_B`/`srp_id` each call. `new_algo` carries a fresh
 * server salt for setting a password, as on Telegram.
 */
function getPassword(
  _request: Record<string, unknown>,
  ctx: RpcContext,
): unknown {
  const auth = authWorld(ctx.world, ctx.now);
  const userId = ctx.authKey.userId ??
    auth.passwordPending(ctx.dc.id, ctx.authKey);
  const result: Record<string, unknown> = {
    _: "account.password",
    new_algo: {
      _: "passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow",
      salt1: randomBytes(8),
      salt2: randomBytes(16),
      g: 3,
      p: bigintToBytes(DH_PRIME, 256),
    },
    new_secure_algo: {
      _: "securePasswordKdfAlgoPBKDF2HMACSHA512iter100000",
      salt: randomBytes(8),
    },
    secure_random: randomBytes(32),
  };
  const round = userId === undefined ? undefined : auth.startSrp(userId);
  if (round) {
    result.has_password = true;
    result.current_algo = round.password.algo;
    result.srp_B = round.B;
    result.srp_id = round.srpId;
    if (round.password.hint !== undefined) result.hint = round.password.hint;
  }
  return result;
}

/** The `account.*` handlers. */
export const accountMethods: MethodTable = {
  "account.getPassword": getPassword,
};
