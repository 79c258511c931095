/**
 * AES-256-IGE, the cipher of every MTProto message and file part.
 *
 * Two interchangeable kernels: a WebAssembly one (embedded bytes, instantiated
 * synchronously on first use, no fetch) and a pure-TypeScript one for runtimes
 * without WebAssembly. The WebAssembly kernel is chosen when it is available;
 * {@link setAesIgeImplementation} switches at run time.
 *
 * IGE convention (as in OpenSSL's `AES_ige_encrypt` and Telegram): `iv` is
 * 32 bytes, the "previous ciphertext" block followed by the "previous
 * plaintext" block, and `c_i = E(p_i ^ c_{i-1}) ^ p_{i-1}`.
 *
 * @module
 */

import { aesIgeDecryptPure, aesIgeEncryptPure } from "./aes_ige_pure.ts";
import { loadAesIgeWasm, loadAesIgeWasmAsync } from "./aes_ige_wasm.ts";

/** The name of an AES-256-IGE kernel. */
export type AesIgeImplementation = "wasm" | "pure";

/** A pair of AES-256-IGE functions on validated arguments. */
interface AesIgeKernel {
  encrypt(data: Uint8Array, key: Uint8Array, iv: Uint8Array): Uint8Array;
  decrypt(data: Uint8Array, key: Uint8Array, iv: Uint8Array): Uint8Array;
}

const pureKernel: AesIgeKernel = {
  encrypt: aesIgeEncryptPure,
  decrypt: aesIgeDecryptPure,
};

/** null until the first call picks the default, so importing costs no wasm compilation. */
let current: AesIgeImplementation | null = null;
let kernel: AesIgeKernel = pureKernel;
/** Set by {@link setAesIgeImplementation}; {@link initAesIgeWasm} then leaves the choice alone. */
let chosenByCaller = false;

function chooseDefault(): AesIgeKernel {
  const wasm = loadAesIgeWasm();
  current = wasm ? "wasm" : "pure";
  kernel = wasm ?? pureKernel;
  return kernel;
}

/**
 * Tells whether the WebAssembly kernel can run in this runtime.
 *
 * @returns true when the embedded module compiles and instantiates here
 */
export function isAesIgeWasmAvailable(): boolean {
  return loadAesIgeWasm() !== null;
}

/**
 * Prepares the WebAssembly kernel through the asynchronous WebAssembly API.
 * Only needed where synchronous compilation of the module is refused: older
 * Chromium refuses modules over 4 KB on the main thread (current versions allow
 * 8 MB). Deno, Node, Bun and current browsers compile it synchronously on
 * first use. Once ready, the wasm kernel becomes the one in use, unless the
 * caller picked one with {@link setAesIgeImplementation}.
 *
 * @returns true when the WebAssembly kernel is ready
 */
export async function initAesIgeWasm(): Promise<boolean> {
  const wasm = await loadAesIgeWasmAsync();
  if (!wasm) return false;
  if (!chosenByCaller) {
    current = "wasm";
    kernel = wasm;
  }
  return true;
}

/**
 * Selects the AES-256-IGE kernel used by {@link aesIgeEncrypt} and
 * {@link aesIgeDecrypt} from now on.
 *
 * @param implementation `"wasm"` (fast; needs WebAssembly) or `"pure"` (TypeScript)
 * @throws {Error} when `"wasm"` is asked for and WebAssembly is unavailable
 * @throws {TypeError} for an unknown name
 */
export function setAesIgeImplementation(
  implementation: AesIgeImplementation,
): void {
  if (implementation === "pure") {
    kernel = pureKernel;
  } else if (implementation === "wasm") {
    const wasm = loadAesIgeWasm();
    if (!wasm) {
      throw new Error(
        "AES-IGE: the WebAssembly kernel is not available in this runtime",
      );
    }
    kernel = wasm;
  } else {
    throw new TypeError(
      `AES-IGE: unknown implementation ${JSON.stringify(implementation)}`,
    );
  }
  current = implementation;
  chosenByCaller = true;
}

/**
 * The AES-256-IGE kernel in use.
 *
 * @returns `"wasm"` or `"pure"`
 */
export function getAesIgeImplementation(): AesIgeImplementation {
  if (current === null) chooseDefault();
  return current!;
}

function checkArguments(
  data: Uint8Array,
  key: Uint8Array,
  iv: Uint8Array,
): void {
  if (!(data instanceof Uint8Array)) {
    throw new TypeError("AES-IGE: data must be a Uint8Array");
  }
  if (!(key instanceof Uint8Array) || key.length !== 32) {
    throw new TypeError(
      `AES-IGE: key must be 32 bytes, got ${
        key instanceof Uint8Array ? key.length : typeof key
      }`,
    );
  }
  if (!(iv instanceof Uint8Array) || iv.length !== 32) {
    throw new TypeError(
      `AES-IGE: iv must be 32 bytes, got ${
        iv instanceof Uint8Array ? iv.length : typeof iv
      }`,
    );
  }
  if (data.length % 16 !== 0) {
    throw new TypeError(
      `AES-IGE: data length must be a multiple of 16, got ${data.length}`,
    );
  }
}

/**
 * Encrypts with AES-256-IGE.
 *
 * @param data plaintext; its length must be a multiple of 16 (0 is allowed)
 * @param key 32-byte key
 * @param iv 32-byte iv: previous-ciphertext block, then previous-plaintext block
 * @returns a new array holding the ciphertext (the inputs are not modified)
 * @throws {TypeError} when the key or iv is not 32 bytes or the length is not a multiple of 16
 */
export function aesIgeEncrypt(
  data: Uint8Array,
  key: Uint8Array,
  iv: Uint8Array,
): Uint8Array {
  checkArguments(data, key, iv);
  return (current === null ? chooseDefault() : kernel).encrypt(data, key, iv);
}

/**
 * Decrypts with AES-256-IGE.
 *
 * @param data ciphertext; its length must be a multiple of 16 (0 is allowed)
 * @param key 32-byte key
 * @param iv 32-byte iv: previous-ciphertext block, then previous-plaintext block
 * @returns a new array holding the plaintext (the inputs are not modified)
 * @throws {TypeError} when the key or iv is not 32 bytes or the length is not a multiple of 16
 */
export function aesIgeDecrypt(
  data: Uint8Array,
  key: Uint8Array,
  iv: Uint8Array,
): Uint8Array {
  checkArguments(data, key, iv);
  return (current === null ? chooseDefault() : kernel).decrypt(data, key, iv);
}
