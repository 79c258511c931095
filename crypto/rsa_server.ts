/**
 * The server's side of RSA_PAD (what the local test DC needs): decrypting
 * `encrypted_data` of `req_DH_params` with a private key.
 *
 * @module
 */

import { aesIgeDecrypt } from "./aes_ige.ts";
import { bigintFromBytes, bigintToBytes } from "./bigint_bytes.ts";
import { bytesEqual, xorBytes } from "./bytes.ts";
import { sha256 } from "./hash.ts";
import { modPow } from "./mod_pow.ts";
import { SecurityError } from "./security_error.ts";

/** The parts of an RSA private key RSA_PAD decryption needs. */
export interface RsaPrivateKey {
  /** The modulus. */
  n: bigint;
  /** The private exponent. */
  d: bigint;
}

/**
 * Reverses `rsaPadEncrypt`: returns the 192-byte data_with_padding
 * (the TL object followed by random padding). Throws SecurityError with check
 * `"rsa_pad"` when the value is not below the modulus or the SHA-256 inside
 * does not match.
 */
export function rsaPadDecrypt(
  encryptedData: Uint8Array,
  key: RsaPrivateKey,
): Uint8Array {
  if (encryptedData.length !== 256) {
    throw new SecurityError("rsa_pad", "encrypted_data must be 256 bytes");
  }
  const value = bigintFromBytes(encryptedData);
  if (value >= key.n) {
    throw new SecurityError(
      "rsa_pad",
      "encrypted_data is not below the modulus",
    );
  }
  const keyAesEncrypted = bigintToBytes(modPow(value, key.d, key.n), 256);
  const aesEncrypted = keyAesEncrypted.subarray(32);
  const tempKey = xorBytes(
    keyAesEncrypted.subarray(0, 32),
    sha256(aesEncrypted),
  );
  const dataWithHash = aesIgeDecrypt(aesEncrypted, tempKey, new Uint8Array(32));
  const dataWithPadding = dataWithHash.slice(0, 192).reverse();
  if (
    !bytesEqual(
      sha256(tempKey, dataWithPadding),
      dataWithHash.subarray(192, 224),
    )
  ) {
    throw new SecurityError("rsa_pad", "RSA_PAD hash does not match");
  }
  return dataWithPadding;
}
