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
  TD,
  TE,
} from "./aes_ige_tables.ts";

// Must match the memory layout in crypto/wasm/aes_ige.wat.
const TE_AT = 0;
const TD_AT = 4096;
const INV_SBOX_AT = 8192;
const ROUND_KEYS_AT = 8448;
const IV_AT = 8704;
const IV_END = IV_AT + 32;
/** Inputs longer than this go through wasm memory in pieces, which bounds its growth. */
const CHUNK = 1 << 20;
const PAGE = 65536;

interface KernelExports {
  memory: WebAssembly.Memory;
  data: WebAssembly.Global;
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

function createKernel(): AesIgeWasmKernel {
  const module = new WebAssembly.Module(decodeBase64(AES_IGE_WASM_BASE64));
  const exports = new WebAssembly.Instance(module, {})
    .exports as unknown as KernelExports;
  const { memory } = exports;
  const dataAt = exports.data.value as number;
  let bytes = new Uint8Array(memory.buffer);

  // wasm memory is little-endian on every host; DataView says so explicitly.
  const view = new DataView(memory.buffer);
  for (let k = 0; k < 4; k++) {
    for (let x = 0; x < 256; x++) {
      // The kernel reads little-endian words, so a big-endian table word is stored byte-reversed.
      view.setUint32(TE_AT + 1024 * k + 4 * x, TE[k][x], false);
      view.setUint32(TD_AT + 1024 * k + 4 * x, TD[k][x], false);
    }
  }
  bytes.set(INV_SBOX, INV_SBOX_AT);

  const encryptSchedule = new Uint32Array(AES256_SCHEDULE_WORDS);
  const decryptSchedule = new Uint32Array(AES256_SCHEDULE_WORDS);

  function writeSchedule(schedule: Uint32Array): void {
    for (
      let i = 0, at = ROUND_KEYS_AT;
      i < AES256_SCHEDULE_WORDS;
      i++, at += 4
    ) {
      const w = schedule[i];
      bytes[at] = w >>> 24;
      bytes[at + 1] = w >>> 16;
      bytes[at + 2] = w >>> 8;
      bytes[at + 3] = w;
    }
  }

  function ensureCapacity(length: number): void {
    const needed = dataAt + length;
    if (needed > memory.buffer.byteLength) {
      memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE));
    }
    if (bytes.buffer !== memory.buffer) bytes = new Uint8Array(memory.buffer);
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
      bytes.set(data, dataAt);
      kernel(data.length);
      out = bytes.slice(dataAt, dataAt + data.length);
    } else {
      out = new Uint8Array(data.length);
      for (let at = 0; at < data.length; at += CHUNK) {
        const piece = data.subarray(at, Math.min(at + CHUNK, data.length));
        bytes.set(piece, dataAt);
        // The kernel leaves the chaining state at IV_AT for the next piece.
        kernel(piece.length);
        out.set(bytes.subarray(dataAt, dataAt + piece.length), at);
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
