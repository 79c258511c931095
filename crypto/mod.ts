/**
 * Sparrow's cryptography: pure, synchronous functions on `Uint8Array` and
 * `bigint`. Runtime-dependent primitives go through a provider chosen once at
 * load time (`node:crypto` where the runtime has it, `@noble/*` and bigint
 * otherwise; see `provider.ts`). Server-side pieces for the local test DC live
 * in `srp_server.ts` and `rsa_server.ts` and are not re-exported here.
 *
 * @module
 */

export { pbkdf2Sha512, sha1, sha256, sha512 } from "./hash.ts";
export { randomBytes } from "./random.ts";
export { type AesCtr, createAesCtr } from "./aes_ctr.ts";
export { aesIgeDecrypt, aesIgeEncrypt } from "./aes_ige.ts";
export { bigintFromBytes, bigintToBytes } from "./bigint_bytes.ts";
export { bytesEqual, concatBytes } from "./bytes.ts";
export { modPow } from "./mod_pow.ts";
export { isProbablePrime } from "./prime.ts";
export {
  type FactorizeImplementation,
  factorizePQ,
  isFactorizeWasmAvailable,
} from "./factorize_pq.ts";
export {
  findRsaKey,
  parseRsaPublicKeyPem,
  RSA_PAD_MAX_DATA,
  rsaEncryptLegacy,
  rsaFingerprint,
  RsaKeyError,
  rsaPadEncrypt,
  type RsaPublicKey,
  TELEGRAM_PUBLIC_KEYS,
} from "./rsa.ts";
export {
  checkAnswerWithHash,
  checkDhParams,
  checkDhValue,
  checkNonce,
  initialServerSalt,
  isSafePrime,
  newNonceHash,
  TELEGRAM_DH_PRIME,
  tmpAesKeyIv,
  withHashAndPadding,
} from "./dh.ts";
export {
  authKeyId,
  authKeyIdBytes,
  computeMsgKey,
  decryptMessage,
  encryptMessage,
  encryptPaddedMessage,
  messageKeyIv,
  type MessageSender,
} from "./message_envelope.ts";
export {
  mtproxySecretKey,
  type ObfuscationKeys,
  obfuscationKeys,
} from "./obfuscation.ts";
export {
  computePasswordHash,
  computeSrpCheck,
  computeSrpCheckWithSecret,
  computeSrpVerifier,
  type SrpAlgo,
  SrpUnsupportedError,
} from "./srp.ts";
export { SecurityError } from "./security_error.ts";
/** The TL types of the SRP functions' arguments and results (re-exported for documentation). */
export type {
  RawAccountPassword,
  RawInputCheckPasswordSRP,
} from "../tl/mod.ts";
export {
  type CryptoProvider,
  detectCryptoProvider,
  getCryptoProvider,
  useCryptoProvider,
} from "./provider.ts";
export { pureCryptoProvider } from "./provider_pure.ts";
export { createNodeCryptoProvider } from "./provider_node.ts";
