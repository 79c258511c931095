/**
 * The source of the WebAssembly AES-256-IGE kernel: renders its WebAssembly
 * text. scripts/build_wasm.ts writes that text to crypto/wasm/aes_ige.wat and
 * compiles it with wabt into crypto/aes_ige_wasm_bytes.ts. The AES rounds and
 * the key schedules are unrolled, which is why the text is generated.
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
  IV_AT,
  KEY_AT,
  MEMORY_PAGES,
  OUT_AT,
  ROUND_KEYS_AT,
  STATE_SINK_AT,
  TD_AT,
  TE_AT,
} from "../aes_ige_wasm_layout.ts";

// ---------------------------------------------------------------------------
// A small S-expression builder and printer.

/** A WAT S-expression: an atom, or a list whose atoms starting with ";;" are comments. */
type Sx = string | Sx[];

const LINE_WIDTH = 100;

function isComment(node: Sx): boolean {
  return typeof node === "string" && node.startsWith(";;");
}

function inline(node: Sx): string {
  return typeof node === "string" ? node : `(${node.map(inline).join(" ")})`;
}

function print(node: Sx, indent = ""): string {
  if (typeof node === "string") return indent + node;
  const flat = inline(node);
  if (!node.some(isComment) && indent.length + flat.length <= LINE_WIDTH) {
    return indent + flat;
  }
  // Keep leading atoms (the instruction and its immediates) on the first line.
  let head = 0;
  while (
    head < node.length && typeof node[head] === "string" &&
    !/^[(;]/.test(node[head] as string)
  ) {
    head++;
  }
  const lines = [`${indent}(${node.slice(0, head).join(" ")}`];
  for (const child of node.slice(head)) lines.push(print(child, indent + "  "));
  return `${lines.join("\n")})`;
}

const i32 = (n: number): Sx => ["i32.const", String(n)];
const get = (name: string): Sx => ["local.get", `$${name}`];
const set = (name: string, value: Sx): Sx => ["local.set", `$${name}`, value];
const tee = (name: string, value: Sx): Sx => ["local.tee", `$${name}`, value];
const xor = (a: Sx, b: Sx): Sx => ["i32.xor", a, b];
const or = (a: Sx, b: Sx): Sx => ["i32.or", a, b];
const and = (a: Sx, b: Sx): Sx => ["i32.and", a, b];
const shl = (a: Sx, bits: number): Sx => ["i32.shl", a, i32(bits)];
const shrU = (a: Sx, bits: number): Sx => ["i32.shr_u", a, i32(bits)];
const rotl = (a: Sx, bits: number): Sx => ["i32.rotl", a, i32(bits)];
const rotr = (a: Sx, bits: number): Sx => ["i32.rotr", a, i32(bits)];
/** A 32-bit load from `address + offset`. */
const load = (
  offset: number,
  address: Sx,
): Sx => ["i32.load", `offset=${offset}`, address];
/** A 32-bit load from a constant address (no bounds check needed at run time). */
const loadAt = (address: number): Sx => load(address, i32(0));
const store = (offset: number, address: Sx, value: Sx): Sx => [
  "i32.store",
  `offset=${offset}`,
  address,
  value,
];
const storeAt = (address: number, value: Sx): Sx =>
  store(address, i32(0), value);
/** Copies 16 bytes between constant addresses. */
const copyBlock = (to: number, from: number): Sx[] =>
  [0, 8].map((
    o,
  ) => ["i64.store", `offset=${to + o}`, i32(0), [
    "i64.load",
    `offset=${from + o}`,
    i32(0),
  ]]);
/** i32 local declarations, several to a line. */
function locals(names: string[]): Sx[] {
  const lines: string[] = [];
  for (const name of names) {
    const declaration = `(local $${name} i32)`;
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + declaration.length < 80) {
      lines[last] += " " + declaration;
    } else lines.push(declaration);
  }
  return lines;
}

// ---------------------------------------------------------------------------
// AES

const tablesAt = (base: number): number[] =>
  [0, 1, 2, 3].map((k) => base + 1024 * k);
const TE = tablesAt(TE_AT);
const TD = tablesAt(TD_AT);
const FE = tablesAt(FE_AT);
const FD = tablesAt(FD_AT);
/** From an input block to the output block of the same index. */
const OUT_DISTANCE = OUT_AT - IN_AT;
const MASK: Sx = ["i32.const", "0x3fc"];

/**
 * Which state word feeds table k for output word j: word (j + order[k]) mod 4,
 * ShiftRows for encryption, InvShiftRows for decryption.
 */
const ENCRYPT_ORDER = [0, 1, 2, 3];
const DECRYPT_ORDER = [0, 3, 2, 1];

/** 4 × byte k of a word held rotated left by 2 bits (byte k at bits 8k+2..8k+9). */
function rotatedOffset(word: Sx, byte: number): Sx {
  if (byte === 0) return and(word, MASK);
  if (byte === 3) return and(rotl(word, 8), MASK);
  return and(shrU(word, 8 * byte), MASK);
}

/** 4 × byte k of a plain word. */
function plainOffset(word: Sx, byte: number): Sx {
  return byte === 0
    ? and(shl(word, 2), MASK)
    : and(shrU(word, 8 * byte - 2), MASK);
}

/** T-table lookups for output word j from state words `from`0..3, as a balanced xor tree. */
function lookups(
  tables: number[],
  order: number[],
  from: string,
  j: number,
): Sx {
  const lookup = (k: number) =>
    load(tables[k], rotatedOffset(get(`${from}${(j + order[k]) % 4}`), k));
  return xor(xor(lookup(0), lookup(1)), xor(lookup(2), lookup(3)));
}

function round(
  tables: number[],
  order: number[],
  from: string,
  to: string,
  n: number,
): Sx[] {
  const words: Sx[] = [`;; round ${n}`];
  for (let j = 0; j < 4; j++) {
    const value = xor(
      lookups(tables, order, from, j),
      loadAt(ROUND_KEYS_AT + 16 * n + 4 * j),
    );
    words.push(storeAt(STATE_SINK_AT + 4 * j, tee(`${to}${j}`, value)));
  }
  return words;
}

/**
 * The IGE loop over $len bytes at IN, writing OUT; in[-1] and out[-1] must be
 * set, and are left set for a following call.
 */
function blocks(direction: "encrypt" | "decrypt"): Sx {
  const [tables, order, lastTables] = direction === "encrypt"
    ? [TE, ENCRYPT_ORDER, FE]
    : [TD, DECRYPT_ORDER, FD];
  const body: Sx[] = [
    ["br_if", "$done", ["i32.ge_u", get("p"), get("last")]],
    ";; round 0 on in[i] ^ out[i-1]; from here on state words are rotated left by 2 bits",
  ];
  for (let j = 0; j < 4; j++) {
    const chained = xor(
      load(16 + 4 * j, get("p")),
      load(OUT_DISTANCE + 4 * j, get("p")),
    );
    body.push(
      set(`s${j}`, xor(rotl(chained, 2), loadAt(ROUND_KEYS_AT + 4 * j))),
    );
  }
  for (let n = 1; n <= 13; n++) {
    body.push(
      ...(n % 2 === 1
        ? round(tables, order, "s", "t", n)
        : round(tables, order, "t", "s", n)),
    );
  }
  body.push(
    ";; round 14 (S-box only, output unrotated), then out[i] = that ^ in[i-1]",
  );
  for (let j = 0; j < 4; j++) {
    const last = xor(
      lookups(lastTables, order, "t", j),
      loadAt(ROUND_KEYS_AT + 224 + 4 * j),
    );
    body.push(
      store(
        OUT_DISTANCE + 16 + 4 * j,
        get("p"),
        xor(last, load(4 * j, get("p"))),
      ),
    );
  }
  body.push(set("p", ["i32.add", get("p"), i32(16)]), ["br", "$blocks"]);
  return [
    "func",
    `$${direction}_blocks`,
    ["param", "$len", "i32"],
    `;; $p is the address of in[i-1]; out[i-1] is at $p + ${OUT_DISTANCE}`,
    ...locals(["p", "last", "s0", "s1", "s2", "s3", "t0", "t1", "t2", "t3"]),
    set("p", i32(IN_AT - 16)),
    set("last", ["i32.add", i32(IN_AT - 16), get("len")]),
    ["block", "$done", ["loop", "$blocks", ...body]],
    ";; leave the last blocks as in[-1] and out[-1] for a following call",
    ...[0, 8].map((
      o,
    ): Sx => ["i64.store", `offset=${IN_AT - 16 + o}`, i32(0), [
      "i64.load",
      `offset=${o}`,
      get("p"),
    ]]),
    ...[0, 8].map((o): Sx => [
      "i64.store",
      `offset=${OUT_AT - 16 + o}`,
      i32(0),
      ["i64.load", `offset=${OUT_DISTANCE + o}`, get("p")],
    ]),
  ];
}

/**
 * The AES-256 key schedule of the key at KEY, unrolled, in locals $w0..$w59
 * (plain little-endian words). `emit(i)` gives the statements that use word i
 * right after it is computed.
 */
function keySchedule(emit: (i: number) => Sx[]): Sx[] {
  const subWord = (v: string): Sx =>
    [0, 1, 2, 3].map((k) => load(FE[k], plainOffset(get(v), k))).reduce((
      a,
      b,
    ) => or(a, b));
  const code: Sx[] = [];
  let rcon = 1;
  for (let i = 0; i < 60; i++) {
    if (i < 8) {
      code.push(set(`w${i}`, loadAt(KEY_AT + 4 * i)));
    } else if (i % 8 === 0) {
      // RotWord moves the first byte last: a right rotation of a little-endian word.
      code.push(set("v", rotr(get(`w${i - 1}`), 8)));
      code.push(
        set(`w${i}`, xor(get(`w${i - 8}`), xor(subWord("v"), i32(rcon)))),
      );
      rcon <<= 1;
    } else if (i % 8 === 4) {
      code.push(set(`w${i}`, xor(get(`w${i - 8}`), subWord(`w${i - 1}`))));
    } else {
      code.push(set(`w${i}`, xor(get(`w${i - 8}`), get(`w${i - 1}`))));
    }
    code.push(...emit(i));
  }
  return code;
}

const scheduleLocals = (): Sx[] =>
  locals(["v", ...Array.from({ length: 60 }, (_, i) => `w${i}`)]);

/** Encryption round keys at RK: rounds 0..13 rotated left by 2 bits, round 14 plain. */
function setEncryptKey(): Sx {
  return [
    "func",
    "$set_encrypt_key",
    ...scheduleLocals(),
    ...keySchedule((
      i,
    ) => [
      storeAt(
        ROUND_KEYS_AT + 4 * i,
        i < 56 ? rotl(get(`w${i}`), 2) : get(`w${i}`),
      ),
    ]),
  ];
}

/**
 * Round keys of the equivalent inverse cipher at RK: the encryption round keys
 * in reverse order, InvMixColumns applied to rounds 1..13. As for encryption,
 * round 0 is rotated and round 14 plain.
 */
function setDecryptKey(): Sx {
  return [
    "func",
    "$set_decrypt_key",
    ...scheduleLocals(),
    ...locals(["x", "r"]),
    ...keySchedule((i) => {
      const encryptRound = i >> 2, j = i & 3;
      const at = ROUND_KEYS_AT + 16 * (14 - encryptRound) + 4 * j;
      if (encryptRound === 0) return [storeAt(at, get(`w${i}`))];
      if (encryptRound === 14) return [storeAt(at, rotl(get(`w${i}`), 2))];
      return [
        set("x", get(`w${i}`)),
        ...invMixColumns(),
        storeAt(at, rotl(get("x"), 2)),
      ];
    }),
  ];
}

/** Multiplication by x (i.e. 2) in GF(2^8) of the four bytes of local `v` at once. */
function xtime(v: string): Sx {
  return xor(
    shl(and(get(v), ["i32.const", "0x7f7f7f7f"]), 1),
    ["i32.mul", and(shrU(get(v), 7), ["i32.const", "0x01010101"]), [
      "i32.const",
      "0x1b",
    ]],
  );
}

/**
 * Statements leaving in local `x` InvMixColumns of local `x`, a plain
 * little-endian column, by arithmetic rather than tables: the inverse matrix
 * (14 11 13 9) is MixColumns (2 3 1 1) times (5 0 4 0), that is
 * a_i ^= 4·(a_i ^ a_{i+2}), then MixColumns. Byte i of rotr(x, 8k) is byte
 * i+k of x. Uses locals `v` and `r`.
 */
function invMixColumns(): Sx[] {
  return [
    set("v", xor(get("x"), rotr(get("x"), 16))),
    set("v", xtime("v")),
    set("x", xor(get("x"), xtime("v"))),
    // MixColumns: b_i = 2·(a_i ^ a_{i+1}) ^ a_{i+1} ^ a_{i+2} ^ a_{i+3}
    set("r", rotr(get("x"), 8)),
    set("v", xor(get("x"), get("r"))),
    set(
      "x",
      xor(
        xor(xtime("v"), get("r")),
        xor(rotr(get("x"), 16), rotr(get("x"), 24)),
      ),
    ),
  ];
}

function entryPoints(direction: "encrypt" | "decrypt"): Sx[] {
  const encrypt = direction === "encrypt";
  return [
    [
      "func",
      ["export", `"${direction}"`],
      ["param", "$len", "i32"],
      `;; ${direction}: the key at KEY, the iv at IV, $len (at most ${CHUNK}) bytes at IN, to OUT`,
      ["call", `$set_${direction}_key`],
      encrypt
        ? ";; in[-1] = iv2 (previous plaintext), out[-1] = iv1 (previous ciphertext)"
        : ";; in[-1] = iv1 (previous ciphertext), out[-1] = iv2 (previous plaintext)",
      ...copyBlock(IN_AT - 16, encrypt ? IV_AT + 16 : IV_AT),
      ...copyBlock(OUT_AT - 16, encrypt ? IV_AT : IV_AT + 16),
      ["call", `$${direction}_blocks`, get("len")],
    ],
    [
      "func",
      ["export", `"${direction}_next"`],
      ["param", "$len", "i32"],
      `;; the next $len bytes at IN, chained to the previous call`,
      ["call", `$${direction}_blocks`, get("len")],
    ],
  ];
}

const HEADER =
  `;; Generated by scripts/build_wasm.ts from crypto/wasm/aes_ige_wat.ts. Do not edit by hand.
;;
;; AES-256-IGE kernel. The host side is crypto/aes_ige_wasm.ts, which writes the
;; tables once, and for each call the key, the iv and the data.
;;
;; T-table AES with the rounds and key schedules unrolled. IGE is sequential (each
;; block needs the previous one), so the only speed available is fewer
;; instructions per block:
;; - Words are little-endian: a word's lowest byte is the first byte of its column
;;   in memory, so blocks are loaded and stored without byte swaps.
;; - Inside the cipher every state word, T-table entry and round key (rounds 0..13)
;;   is rotated left by 2 bits. Byte k of a word then sits at bits 8k+2..8k+9, so
;;   the table offset 4 * byte costs one \`and\` for byte 0 and a shift (or rotate)
;;   plus an \`and\` for the others.
;; - The last round reads F tables, F_k[x] = S(x) << 8k (S or inverse S), which
;;   give the output word unrotated; round key 14 is stored unrotated.
;; - Input and output are separate regions, each preceded by one chaining block,
;;   and the IGE chaining blocks are re-read from memory (L1-hot) instead of held
;;   in locals, so both directions have one shape and few live values:
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
;;   ${IV_AT}  IV           the 32-byte iv: iv1 (previous ciphertext), iv2 (previous plaintext)
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
  const fields: Sx[] = [
    [
      "memory",
      ["export", '"memory"'],
      String(MEMORY_PAGES),
      String(MEMORY_PAGES),
    ],
    setEncryptKey(),
    setDecryptKey(),
    blocks("encrypt"),
    blocks("decrypt"),
    ...entryPoints("encrypt"),
    ...entryPoints("decrypt"),
  ];
  return `${HEADER}(module\n${
    fields.map((f) => print(f, "  ")).join("\n\n")
  })\n`;
}
