/**
 * The WebAssembly AES-256-IGE kernel: instantiates the embedded module
 * (crypto/wasm/aes_ige.wat, compiled into aes_ige_wasm_bytes.ts) synchronously
 * and moves data in and out of its memory.
 *
 * Arguments are validated by `aes_ige.ts`; these functions assume a 32-byte
 * key, a 32-byte iv and a length that is a multiple of 16.
 *
 * @module
 */

import { AES_IGE_WASM_BASE64 } from "./aes_ige_wasm_bytes.ts";
import {
  AES256_SCHEDULE_WORDS,
  expandKeyDecrypt256,
  expandKeyEncrypt256,
  INV_SBOX,
  SBOX,
  TD,
  TE,
} from "./aes_ige_tables.ts";

// Must match the memory layout in crypto/wasm/aes_ige.wat.
const TE_AT = 0;
const TD_AT = 4096;
const FE_AT = 8192;
const FD_AT = 12288;
const ROUND_KEYS_AT = 16384;
const IV_AT = 16640;
const IV_END = IV_AT + 32;
const DATA_AT = 32768;
/** Inputs longer than this go through wasm memory in pieces, which bounds its growth. */
const CHUNK = 1 << 20;
const PAGE = 65536;

interface KernelExports {
  memory: WebAssembly.Memory;
  encrypt(length: number): void;
  decrypt(length: number): void;
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

function createKernel(): AesIgeWasmKernel {
  const module = new WebAssembly.Module(decodeBase64(AES_IGE_WASM_BASE64));
  const exports = new WebAssembly.Instance(module, {})
    .exports as unknown as KernelExports;
  const { memory } = exports;
  let bytes = new Uint8Array(memory.buffer);
  // wasm memory is little-endian on every host; a DataView says so explicitly.
  let view = new DataView(memory.buffer);

  for (let k = 0; k < 4; k++) {
    for (let x = 0; x < 256; x++) {
      const at = 1024 * k + 4 * x;
      view.setUint32(TE_AT + at, rotateLeft2(byteSwap(TE[k][x])), true);
      view.setUint32(TD_AT + at, rotateLeft2(byteSwap(TD[k][x])), true);
      view.setUint32(FE_AT + at, SBOX[x] << (8 * k) >>> 0, true);
      view.setUint32(FD_AT + at, INV_SBOX[x] << (8 * k) >>> 0, true);
    }
  }

  const encryptSchedule = new Uint32Array(AES256_SCHEDULE_WORDS);
  const decryptSchedule = new Uint32Array(AES256_SCHEDULE_WORDS);

  function writeSchedule(schedule: Uint32Array): void {
    // Round keys 0..13 rotated like the state; round key 14 plain.
    for (let i = 0; i < AES256_SCHEDULE_WORDS; i++) {
      const w = byteSwap(schedule[i]);
      view.setUint32(ROUND_KEYS_AT + 4 * i, i < 56 ? rotateLeft2(w) : w, true);
    }
  }

  function ensureCapacity(length: number): void {
    const needed = DATA_AT + length;
    if (needed > memory.buffer.byteLength) {
      memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE));
    }
    if (bytes.buffer !== memory.buffer) {
      bytes = new Uint8Array(memory.buffer);
      view = new DataView(memory.buffer);
    }
  }

  function run(
    data: Uint8Array,
    iv: Uint8Array,
    schedule: Uint32Array,
    kernel: (length: number) => void,
  ): Uint8Array {
    ensureCapacity(Math.min(data.length, CHUNK));
    writeSchedule(schedule);
    bytes.set(iv, IV_AT);
    let out: Uint8Array;
    if (data.length <= CHUNK) {
      bytes.set(data, DATA_AT);
      kernel(data.length);
      out = bytes.slice(DATA_AT, DATA_AT + data.length);
    } else {
      out = new Uint8Array(data.length);
      for (let at = 0; at < data.length; at += CHUNK) {
        const piece = data.subarray(at, Math.min(at + CHUNK, data.length));
        bytes.set(piece, DATA_AT);
        // The kernel leaves the chaining state at IV_AT for the next piece.
        kernel(piece.length);
        out.set(bytes.subarray(DATA_AT, DATA_AT + piece.length), at);
      }
    }
    // Key material should not outlive the call in shared memory.
    bytes.fill(0, ROUND_KEYS_AT, IV_END);
    return out;
  }

  return {
    encrypt(data, key, iv) {
      return run(
        data,
        iv,
        expandKeyEncrypt256(key, encryptSchedule),
        exports.encrypt,
      );
    },
    decrypt(data, key, iv) {
      const schedule = expandKeyDecrypt256(
        expandKeyEncrypt256(key, encryptSchedule),
        decryptSchedule,
      );
      return run(data, iv, schedule, exports.decrypt);
    },
  };
}

let kernel: AesIgeWasmKernel | null | undefined;

/**
 * Instantiates the WebAssembly kernel on first use.
 *
 * @returns the kernel, or null when this runtime has no usable WebAssembly
 */
export function loadAesIgeWasm(): AesIgeWasmKernel | null {
  if (kernel === undefined) {
    try {
      kernel = typeof WebAssembly === "object" ? createKernel() : null;
    } catch {
      kernel = null;
    }
  }
  return kernel;
}
