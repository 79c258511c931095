/**
 * Sparrow's cryptography: pure, synchronous functions on `Uint8Array` and
 * `bigint`. Runtime-dependent primitives go through a provider chosen once at
 * load time (see `provider.ts`).
 *
 * @module
 */

export { pbkdf2Sha512, sha1, sha256, sha512 } from "./hash.ts";
export { randomBytes } from "./random.ts";
export { type AesCtr, createAesCtr } from "./aes_ctr.ts";
export { aesIgeDecrypt, aesIgeEncrypt } from "./aes_ige.ts";
export { bigintFromBytes, bigintToBytes } from "./bigint_bytes.ts";
export { SecurityError } from "./security_error.ts";
export {
  type CryptoProvider,
  detectCryptoProvider,
  getCryptoProvider,
  useCryptoProvider,
} from "./provider.ts";
export { pureCryptoProvider } from "./provider_pure.ts";
