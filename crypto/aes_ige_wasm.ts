/**
 * The WebAssembly AES-256-IGE kernel: instantiates the embedded module
 * (rendered by crypto/wasm/aes_ige_wat.ts and compiled into
 * aes_ige_wasm_bytes.ts by scripts/build_wasm.ts) and moves data in and out of
 * its memory. Instantiation is synchronous; an asynchronous path exists for
 * browsers that refuse to compile modules over 4 KB synchronously on the main
 * thread (Chromium before it raised that limit to 8 MB).
 *
 * Arguments are validated by `aes_ige.ts`; these functions assume a 32-byte
 * key, a 32-byte iv and a length that is a multiple of 16.
 *
 * @module
 */

import { AES_IGE_WASM_BASE64 } from "./aes_ige_wasm_bytes.ts";
import { INV_SBOX, SBOX, TD, TE } from "./aes_ige_tables.ts";
import {
  CHUNK,
  FD_AT,
  FE_AT,
  IN_AT,
  IV_AT,
  KEY_AT,
  OUT_AT,
  ROUND_KEYS_AT,
  SECRETS_END,
  TD_AT,
  TE_AT,
} from "./aes_ige_wasm_layout.ts";

interface KernelExports {
  memory: WebAssembly.Memory;
  encrypt(length: number): void;
  decrypt(length: number): void;
  encrypt_next(length: number): void;
  decrypt_next(length: number): void;
}

/** AES-256-IGE functions backed by a WebAssembly instance. */
export interface AesIgeWasmKernel {
  /** Encrypts; same contract as `aesIgeEncrypt` minus validation. */
  encrypt(data: Uint8Array, key: Uint8Array, iv: Uint8Array): Uint8Array;
  /** Decrypts; same contract as `aesIgeDecrypt` minus validation. */
  decrypt(data: Uint8Array, key: Uint8Array, iv: Uint8Array): Uint8Array;
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The kernel reads little-endian words; AES words here are big-endian numbers. */
function byteSwap(w: number): number {
  return ((w << 24) | ((w & 0xff00) << 8) | ((w >>> 8) & 0xff00) |
    (w >>> 24)) >>> 0;
}

/** The kernel keeps words rotated left by 2 bits inside the cipher (see the .wat). */
function rotateLeft2(w: number): number {
  return ((w << 2) | (w >>> 30)) >>> 0;
}

function createKernel(instance: WebAssembly.Instance): AesIgeWasmKernel {
  const exports = instance.exports as unknown as KernelExports;
  const { memory } = exports;
  // The module's memory has a fixed size, so these views stay valid.
  const bytes = new Uint8Array(memory.buffer);
  // wasm memory is little-endian on every host; a DataView says so explicitly.
  const view = new DataView(memory.buffer);

  for (let k = 0; k < 4; k++) {
    for (let x = 0; x < 256; x++) {
      const at = 1024 * k + 4 * x;
      view.setUint32(TE_AT + at, rotateLeft2(byteSwap(TE[k][x])), true);
      view.setUint32(TD_AT + at, rotateLeft2(byteSwap(TD[k][x])), true);
      view.setUint32(FE_AT + at, SBOX[x] << (8 * k) >>> 0, true);
      view.setUint32(FD_AT + at, INV_SBOX[x] << (8 * k) >>> 0, true);
    }
  }

  function run(
    data: Uint8Array,
    key: Uint8Array,
    iv: Uint8Array,
    first: (length: number) => void,
    next: (length: number) => void,
  ): Uint8Array {
    bytes.set(key, KEY_AT);
    bytes.set(iv, IV_AT);
    let out: Uint8Array;
    if (data.length <= CHUNK) {
      bytes.set(data, IN_AT);
      first(data.length);
      out = bytes.slice(OUT_AT, OUT_AT + data.length);
    } else {
      out = new Uint8Array(data.length);
      for (let at = 0; at < data.length; at += CHUNK) {
        const length = Math.min(CHUNK, data.length - at);
        bytes.set(data.subarray(at, at + length), IN_AT);
        // `next` chains from the last blocks of the previous piece.
        (at === 0 ? first : next)(length);
        out.set(bytes.subarray(OUT_AT, OUT_AT + length), at);
      }
    }
    // Key material should not outlive the call in long-lived memory.
    bytes.fill(0, ROUND_KEYS_AT, SECRETS_END);
    return out;
  }

  const { encrypt, encrypt_next, decrypt, decrypt_next } = exports;
  return {
    encrypt: (data, key, iv) => run(data, key, iv, encrypt, encrypt_next),
    decrypt: (data, key, iv) => run(data, key, iv, decrypt, decrypt_next),
  };
}

let kernel: AesIgeWasmKernel | null | undefined;

/**
 * Instantiates the WebAssembly kernel synchronously on first use.
 *
 * @returns the kernel, or null when this runtime cannot run it (no
 *   WebAssembly, or synchronous compilation refused); null is remembered until
 *   {@link loadAesIgeWasmAsync} succeeds
 */
export function loadAesIgeWasm(): AesIgeWasmKernel | null {
  if (kernel === undefined) {
    try {
      kernel = typeof WebAssembly === "object"
        ? createKernel(
          new WebAssembly.Instance(
            new WebAssembly.Module(decodeBase64(AES_IGE_WASM_BASE64)),
            {},
          ),
        )
        : null;
    } catch {
      kernel = null;
    }
  }
  return kernel;
}

/**
 * Instantiates the WebAssembly kernel with the asynchronous API, which every
 * browser allows on the main thread.
 *
 * @returns the kernel, or null when this runtime has no usable WebAssembly
 */
export async function loadAesIgeWasmAsync(): Promise<AesIgeWasmKernel | null> {
  if (kernel) return kernel;
  if (typeof WebAssembly !== "object") return null;
  try {
    const { instance } = await WebAssembly.instantiate(
      decodeBase64(AES_IGE_WASM_BASE64),
      {},
    );
    kernel ??= createKernel(instance);
  } catch {
    return null;
  }
  return kernel;
}
