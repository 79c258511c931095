/**
 * The source of the WebAssembly AES-256-IGE kernel: renders its WebAssembly
 * text (crypto/wasm/aes_ige.wat). scripts/build_wasm.ts writes that file and
 * compiles it with wabt into crypto/aes_ige_wasm_bytes.ts. The 14 AES rounds
 * are unrolled, which is why the text is generated rather than written out.
 *
 * Not imported by the library at run time.
 *
 * @module
 */

import {
  CHUNK,
  FD_AT,
  FE_AT,
  IN_AT,
  KEY_AT,
  MEMORY_PAGES,
  OUT_AT,
  ROUND_KEYS_AT,
  SCHEDULE_AT,
  STATE_SINK_AT,
  TD_AT,
  TE_AT,
} from "../aes_ige_wasm_layout.ts";

const tablesAt = (base: number): number[] =>
  [0, 1, 2, 3].map((k) => base + 1024 * k);
const TE = tablesAt(TE_AT);
const TD = tablesAt(TD_AT);
const FE = tablesAt(FE_AT);
const FD = tablesAt(FD_AT);
/** From an input block to the output block of the same index. */
const OUT_DISTANCE = OUT_AT - IN_AT;

/**
 * Which state word feeds table k for output word j: word (j + order[k]) mod 4.
 * Encryption follows ShiftRows, decryption InvShiftRows.
 */
const ENCRYPT_ORDER = [0, 1, 2, 3];
const DECRYPT_ORDER = [0, 3, 2, 1];

/** 4 × byte k of a state word held rotated left by 2 bits (byte k at bits 8k+2..8k+9). */
function tableOffset(word: string, byte: number): string {
  const v = `(local.get $${word})`;
  if (byte === 0) return `(i32.and ${v} (i32.const 0x3fc))`;
  if (byte === 3) {
    return `(i32.and (i32.rotl ${v} (i32.const 8)) (i32.const 0x3fc))`;
  }
  return `(i32.and (i32.shr_u ${v} (i32.const ${8 * byte})) (i32.const 0x3fc))`;
}

/** The xor of the four table lookups that make output word j from state words `from`0..3. */
function lookups(
  tables: number[],
  order: number[],
  from: string,
  j: number,
  indent: string,
) {
  const load = (k: number) =>
    `(i32.load offset=${tables[k]} ${
      tableOffset(from + (j + order[k]) % 4, k)
    })`;
  // A balanced tree: two independent xors, then one.
  return `(i32.xor\n${indent}  (i32.xor\n${indent}    ${
    load(0)
  }\n${indent}    ${load(1)})\n` +
    `${indent}  (i32.xor\n${indent}    ${load(2)}\n${indent}    ${load(3)}))`;
}

function round(
  tables: number[],
  order: number[],
  from: string,
  to: string,
  n: number,
): string {
  const lines = [`        ;; round ${n}`];
  for (let j = 0; j < 4; j++) {
    lines.push(
      `        (i32.store offset=${STATE_SINK_AT + 4 * j} (i32.const 0)\n` +
        `          (local.tee $${to}${j}\n` +
        `            (i32.xor\n` +
        `              ${lookups(tables, order, from, j, "              ")}\n` +
        `              (i32.load offset=${
          ROUND_KEYS_AT + 16 * n + 4 * j
        } (i32.const 0)))))`,
    );
  }
  return lines.join("\n");
}

function ige(direction: "encrypt" | "decrypt"): string {
  const encrypt = direction === "encrypt";
  const [tables, order, lastTables] = encrypt
    ? [TE, ENCRYPT_ORDER, FE]
    : [TD, DECRYPT_ORDER, FD];
  const lines: string[] = [];
  lines.push(
    `  ;; AES-256-IGE ${direction}ion of $len bytes (at most ${CHUNK}) from IN to OUT, with the`,
    `  ;; ${
      encrypt ? "encryption" : "equivalent inverse cipher"
    } round keys at RK.` +
      ` in[-1] holds the previous ${
        encrypt ? "plaintext" : "ciphertext"
      } block,`,
    `  ;; out[-1] the previous ${encrypt ? "ciphertext" : "plaintext"} block.`,
    `  (func (export "${direction}") (param $len i32)`,
    `    ;; $p is the address of in[i-1]; out[i-1] is at $p + ${OUT_DISTANCE}`,
    `    (local $p i32) (local $last i32)`,
    `    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32)`,
    `    (local $t0 i32) (local $t1 i32) (local $t2 i32) (local $t3 i32)`,
    `    (local.set $p (i32.const ${IN_AT - 16}))`,
    `    (local.set $last (i32.add (i32.const ${
      IN_AT - 16
    }) (local.get $len)))`,
    `    (block $done`,
    `      (loop $blocks`,
    `        (br_if $done (i32.ge_u (local.get $p) (local.get $last)))`,
    `        ;; round 0 on in[i] ^ out[i-1]; from here on state words are rotated left by 2 bits`,
  );
  for (let j = 0; j < 4; j++) {
    lines.push(
      `        (local.set $s${j}\n` +
        `          (i32.xor\n` +
        `            (i32.rotl\n` +
        `              (i32.xor (i32.load offset=${
          16 + 4 * j
        } (local.get $p))` +
        ` (i32.load offset=${OUT_DISTANCE + 4 * j} (local.get $p)))\n` +
        `              (i32.const 2))\n` +
        `            (i32.load offset=${
          ROUND_KEYS_AT + 4 * j
        } (i32.const 0))))`,
    );
  }
  for (let n = 1; n <= 13; n++) {
    lines.push(
      n % 2 === 1
        ? round(tables, order, "s", "t", n)
        : round(tables, order, "t", "s", n),
    );
  }
  lines.push(
    "        ;; round 14 (S-box only, output unrotated), then out[i] = that ^ in[i-1]",
  );
  for (let j = 0; j < 4; j++) {
    lines.push(
      `        (i32.store offset=${
        OUT_DISTANCE + 16 + 4 * j
      } (local.get $p)\n` +
        `          (i32.xor\n` +
        `            ${lookups(lastTables, order, "t", j, "            ")}\n` +
        `            (i32.xor\n` +
        `              (i32.load offset=${
          ROUND_KEYS_AT + 224 + 4 * j
        } (i32.const 0))\n` +
        `              (i32.load offset=${4 * j} (local.get $p)))))`,
    );
  }
  lines.push(
    `        (local.set $p (i32.add (local.get $p) (i32.const 16)))`,
    `        (br $blocks))))`,
  );
  return lines.join("\n");
}

/** 4 × byte k of a plain word. */
function plainOffset(word: string, byte: number): string {
  const v = `(local.get $${word})`;
  if (byte === 0) {
    return `(i32.and (i32.shl ${v} (i32.const 2)) (i32.const 0x3fc))`;
  }
  return `(i32.and (i32.shr_u ${v} (i32.const ${
    8 * byte - 2
  })) (i32.const 0x3fc))`;
}

function keySchedule(): string {
  const sBox = (byte: number) =>
    `(i32.load offset=${FE[byte]} ${plainOffset("v", byte)})`;
  // TD_k[S(b)] cancels the inverse S-box inside TD, leaving InvMixColumns.
  const invMix = (byte: number) =>
    `(i32.load offset=${TD[byte]} (i32.shl (i32.load offset=${FE[0]} ${
      plainOffset("v", byte)
    }) (i32.const 2)))`;
  const loopTo = (limit: number, step = 4) =>
    `(br_if $words (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const ${step}))) (i32.const ${limit})))`;
  return `  ;; SubWord: the S-box on each byte of a plain word
  (func $sub_word (param $v i32) (result i32)
    (i32.or
      (i32.or ${sBox(0)} ${sBox(1)})
      (i32.or ${sBox(2)} ${sBox(3)})))

  ;; InvMixColumns of a plain word, returned rotated left by 2 bits like the round keys
  (func $inv_mix_columns (param $v i32) (result i32)
    (i32.xor
      (i32.xor ${invMix(0)} ${invMix(1)})
      (i32.xor ${invMix(2)} ${invMix(3)})))

  ;; The AES-256 key schedule of the key at KEY: 60 plain words at SCHED.
  ;; $i is the byte offset of word i/4.
  (func $expand_key
    (local $i i32) (local $t i32) (local $rcon i32)
    (memory.copy (i32.const ${SCHEDULE_AT}) (i32.const ${KEY_AT}) (i32.const 32))
    (local.set $i (i32.const 32))
    (local.set $rcon (i32.const 1))
    (loop $words
      (local.set $t (i32.load offset=${SCHEDULE_AT - 4} (local.get $i)))
      (if (i32.eqz (i32.and (local.get $i) (i32.const 31)))
        (then
          ;; RotWord moves the first byte last: a right rotation of a little-endian word
          (local.set $t
            (i32.xor (call $sub_word (i32.rotr (local.get $t) (i32.const 8))) (local.get $rcon)))
          (local.set $rcon (i32.shl (local.get $rcon) (i32.const 1))))
        (else
          (if (i32.eq (i32.and (local.get $i) (i32.const 31)) (i32.const 16))
            (then (local.set $t (call $sub_word (local.get $t)))))))
      (i32.store offset=${SCHEDULE_AT} (local.get $i)
        (i32.xor (i32.load offset=${
    SCHEDULE_AT - 32
  } (local.get $i)) (local.get $t)))
      ${loopTo(240)}))

  ;; Round keys for encryption at RK: rounds 0..13 rotated, round 14 plain.
  (func (export "set_encrypt_key")
    (local $i i32)
    (call $expand_key)
    (loop $words
      (i32.store offset=${ROUND_KEYS_AT} (local.get $i)
        (i32.rotl (i32.load offset=${SCHEDULE_AT} (local.get $i)) (i32.const 2)))
      ${loopTo(224)})
    (memory.copy (i32.const ${ROUND_KEYS_AT + 224}) (i32.const ${
    SCHEDULE_AT + 224
  }) (i32.const 16)))

  ;; Round keys of the equivalent inverse cipher at RK: the encryption round keys
  ;; in reverse order with InvMixColumns on rounds 1..13; round 0 rotated, round 14 plain.
  (func (export "set_decrypt_key")
    (local $i i32) (local $from i32)
    (call $expand_key)
    (loop $words
      (i32.store offset=${ROUND_KEYS_AT} (local.get $i)
        (i32.rotl (i32.load offset=${
    SCHEDULE_AT + 224
  } (local.get $i)) (i32.const 2)))
      ${loopTo(16)})
    ;; $i walks decryption rounds 1..13 forward, $from encryption rounds 13..1 backward
    (local.set $from (i32.const 208))
    (loop $words
${
    [0, 4, 8, 12].map((o) =>
      `      (i32.store offset=${ROUND_KEYS_AT + o} (local.get $i)\n` +
      `        (call $inv_mix_columns (i32.load offset=${
        SCHEDULE_AT + o
      } (local.get $from))))`
    ).join("\n")
  }
      (local.set $from (i32.sub (local.get $from) (i32.const 16)))
      ${loopTo(224, 16)})
    (memory.copy (i32.const ${
    ROUND_KEYS_AT + 224
  }) (i32.const ${SCHEDULE_AT}) (i32.const 16)))`;
}

const HEADER =
  `;; Generated by scripts/build_wasm.ts from crypto/wasm/aes_ige_wat.ts. Do not edit by hand.
;;
;; AES-256-IGE kernel. The host side is crypto/aes_ige_wasm.ts, which writes the
;; tables once, then per call the key, the iv blocks and the data.
;;
;; T-table AES with every round unrolled. IGE is sequential (each block needs the
;; previous one), so the only speed available is fewer instructions per block:
;; - Words are little-endian: a word's lowest byte is the first byte of its column
;;   in memory, so blocks are loaded and stored without byte swaps.
;; - Inside the cipher every state word, T-table entry and round key (rounds 0..13)
;;   is rotated left by 2 bits. Byte k of a word then sits at bits 8k+2..8k+9, so
;;   the table offset 4 * byte costs one \`and\` for byte 0 and a shift (or rotate)
;;   plus an \`and\` for the others.
;; - The last round reads F tables, F_k[x] = S(x) << 8k (S or inverse S), which
;;   give the output word unrotated; round key 14 is stored unrotated.
;; - Input and output are separate regions, each preceded by one iv block, and the
;;   IGE chaining blocks are re-read from memory (L1-hot) instead of held in
;;   locals, so both directions have one shape and few live values:
;;     out[i] = Cipher(in[i] ^ out[i-1]) ^ in[i-1]
;;   with (in[-1], out[-1]) = (iv2, iv1) to encrypt and (iv1, iv2) to decrypt.
;; - Each round word is also stored to STATE_SINK. The stores are never read; they
;;   make V8's TurboFan finish each word's xors before the next word's loads
;;   instead of keeping all 16 lookups of a round live at once, which spilled
;;   registers (about 1.3x faster on Node 20, neutral on Deno).
;;
;; Memory layout (bytes; crypto/aes_ige_wasm_layout.ts):
;;   ${TE_AT}      TE0..TE3     encryption T-tables, 4 x 256 x u32 (rotated)
;;   ${TD_AT}   TD0..TD3     decryption T-tables, 4 x 256 x u32 (rotated)
;;   ${FE_AT}   FE0..FE3     S-box placed in byte k, 4 x 256 x u32
;;   ${FD_AT}  FD0..FD3     inverse S-box placed in byte k, 4 x 256 x u32
;;   ${ROUND_KEYS_AT}  RK           15 round keys, 240 bytes
;;   ${KEY_AT}  KEY          the 32-byte key
;;   ${SCHEDULE_AT}  SCHED        the plain key schedule, 240 bytes
;;   ${STATE_SINK_AT}  STATE_SINK   16 bytes
;;   ${IN_AT - 16}  in[-1], then IN = ${IN_AT}: up to ${CHUNK} input bytes
;;   ${OUT_AT - 16}  out[-1], then OUT = ${OUT_AT}: up to ${CHUNK} output bytes
`;

/**
 * Renders the kernel's WebAssembly text.
 *
 * @returns the complete module in WAT
 */
export function renderAesIgeWat(): string {
  return `${HEADER}(module
  (memory (export "memory") ${MEMORY_PAGES} ${MEMORY_PAGES})

${keySchedule()}

${ige("encrypt")}

${ige("decrypt")})
`;
}
