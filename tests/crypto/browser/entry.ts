/**
 * Runs in Chromium (bundled by tests/crypto/browser_test.ts): computes the
 * vector values with whatever provider the browser gets, and publishes them
 * on `globalThis.cryptoResults` for the test to compare.
 */
import {
  bigintFromBytes,
  bigintToBytes,
  computeSrpCheckWithSecret,
  createAesCtr,
  decryptMessage,
  factorizePQ,
  getCryptoProvider,
  isFactorizeWasmAvailable,
  modPow,
  obfuscationKeys,
  rsaPadEncrypt,
  sha256,
  TELEGRAM_PUBLIC_KEYS,
  tmpAesKeyIv,
} from "../../../crypto/mod.ts";

declare const VECTORS: {
  // deno-lint-ignore no-explicit-any
  sample: any;
  // deno-lint-ignore no-explicit-any
  kdf: any;
  // deno-lint-ignore no-explicit-any
  srp: any;
  // deno-lint-ignore no-explicit-any
  ctr: any;
};

const fromHex = (hex: string) =>
  Uint8Array.from(hex.match(/../g) ?? [], (b) => parseInt(b, 16));
const toHex = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

const v = VECTORS.sample.values;
const results: Record<string, string | boolean> = {};
results.provider = getCryptoProvider().name;
results.pqWasm = isFactorizeWasmAvailable();
results.sha256 = toHex(sha256(new TextEncoder().encode("abc")));
const ctr = createAesCtr(fromHex(VECTORS.ctr.key), fromHex(VECTORS.ctr.iv));
results.ctr = VECTORS.ctr.chunks.map((c: { plaintext: string }) =>
  toHex(ctr.process(fromHex(c.plaintext)))
).join("");
results.pq = factorizePQ(BigInt("0x" + v.pq)).map((n) => n.toString(16)).join(
  ",",
);
const tmp = tmpAesKeyIv(fromHex(v.new_nonce), fromHex(v.server_nonce));
results.tmpAes = toHex(tmp.key) + toHex(tmp.iv);
const authKey = bigintToBytes(
  modPow(BigInt("0x" + v.g_a), BigInt("0x" + v.b), BigInt("0x" + v.dh_prime)),
  256,
);
results.authKey = toHex(authKey);
const message = VECTORS.kdf.full_messages[0];
results.decrypted = toHex(
  decryptMessage(authKey, fromHex(message.message), "server"),
);
results.fingerprint = BigInt.asUintN(64, TELEGRAM_PUBLIC_KEYS[0].fingerprint)
  .toString(16);
results.rsaPadLength = String(
  rsaPadEncrypt(new Uint8Array(100), TELEGRAM_PUBLIC_KEYS[0]).length,
);
const s = VECTORS.srp;
const srp = computeSrpCheckWithSecret(
  s.password,
  {
    _: "passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow",
    salt1: fromHex(s.salt1),
    salt2: fromHex(s.salt2),
    g: s.g,
    p: fromHex(s.p),
  },
  fromHex(s.srp_B),
  1n,
  bigintFromBytes(fromHex(s.a)),
);
results.srpA = toHex(srp.A);
results.srpM1 = toHex(srp.M1);
results.obfuscation = toHex(
  obfuscationKeys(new Uint8Array(64).map((_, i) => i), new Uint8Array(16))
    .encryptKey,
);
(globalThis as { cryptoResults?: unknown }).cryptoResults = results;
