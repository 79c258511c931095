/**
 * Random valid TL values built from the parsed schema (scripts/tl_parse.ts),
 * independent of the codec's own table.
 */
import { readFileSync } from "node:fs";
import {
  parseSchema,
  type TLEntry,
  type TLTypeRef,
} from "../../scripts/tl_parse.ts";

const root = new URL("../../", import.meta.url);
const read = (p: string): string => readFileSync(new URL(p, root), "utf8");

/** Every combinator of both schemas except the built-ins. */
export const ENTRIES: TLEntry[] = [
  ...parseSchema(read("tl/schema/mtproto.tl"), "mtproto.tl"),
  ...parseSchema(read("tl/schema/api.tl"), "api.tl"),
].filter((e) => !["boolFalse", "boolTrue", "true", "vector"].includes(e.name));

export const CTORS: TLEntry[] = ENTRIES.filter((e) => e.kind === "constructor");
export const FUNCTIONS: TLEntry[] = ENTRIES.filter((e) =>
  e.kind === "function"
);
const byType = new Map<string, TLEntry[]>();
for (const c of CTORS) {
  if (!byType.has(c.typeText)) byType.set(c.typeText, []);
  byType.get(c.typeText)!.push(c);
}
const ctorByName = new Map(CTORS.map((c) => [c.name, c]));

/** A small deterministic PRNG (mulberry32). */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  bigint(bits: number): bigint {
    let v = 0n;
    for (let i = 0; i < bits; i += 32) {
      v = (v << 32n) | BigInt((this.next() * 4294967296) >>> 0);
    }
    return v & ((1n << BigInt(bits)) - 1n);
  }
}

/** How the flags are chosen for one value. */
export type FlagMode = "none" | "all" | "random";

// Depth needed to terminate when all optional parts are dropped: used to
// steer deep values towards constructors that end the recursion.
const termCost = new Map<string, number>();
function costOfType(t: TLTypeRef, seen: Set<string>): number {
  if (t.kind === "vector") return 0;
  if (t.kind === "boxed") return costOfBoxed(t.name, seen);
  if (t.kind === "bare") return costOfCtor(ctorByName.get(t.name)!, seen);
  return 0;
}
function costOfCtor(c: TLEntry, seen: Set<string>): number {
  if (termCost.has(c.name)) return termCost.get(c.name)!;
  if (seen.has(c.name)) return 1000;
  seen.add(c.name);
  let m = 0;
  for (const p of c.params) {
    if (!p.cond) m = Math.max(m, costOfType(p.type, seen));
  }
  seen.delete(c.name);
  const v = 1 + m;
  if (v < 1000) termCost.set(c.name, v);
  return v;
}
function costOfBoxed(name: string, seen: Set<string>): number {
  if (name === "Bool") return 0;
  return Math.min(...byType.get(name)!.map((c) => costOfCtor(c, seen)));
}

const STRINGS = [
  "",
  "a",
  "hello world",
  "привет, мир",
  "emoji ☕🐦 𝄞",
  "x".repeat(253),
  "é".repeat(200),
  "mixed ascii + ünïcödé ".repeat(20),
];
const BYTE_LENGTHS = [0, 1, 3, 4, 253, 254, 255, 256];
const INTS = [0, 1, -1, 2147483647, -2147483648, 123456];
const LONGS = [0n, 1n, -1n, (1n << 63n) - 1n, -(1n << 63n)];
const DOUBLES = [
  0,
  -1.5,
  3.141592653589793,
  1e308,
  -5e-324,
  Number.MAX_SAFE_INTEGER,
];

/** Builds random values; `bigBytes` lets some `bytes` be 70,000 long. */
export class ValueMaker {
  constructor(
    readonly rng: Rng,
    readonly mode: FlagMode,
    readonly bigBytes = false,
  ) {}

  value(t: TLTypeRef, depth: number): unknown {
    const r = this.rng;
    switch (t.kind) {
      case "prim":
        switch (t.name) {
          case "int":
            return r.next() < 0.5 ? r.pick(INTS) : (r.int(4294967296) | 0);
          case "long":
            return r.next() < 0.5
              ? r.pick(LONGS)
              : BigInt.asIntN(64, r.bigint(64));
          case "double":
            return r.pick(DOUBLES);
          case "int128":
            return r.next() < 0.2 ? (1n << 128n) - 1n : r.bigint(128);
          case "int256":
            return r.next() < 0.2 ? (1n << 256n) - 1n : r.bigint(256);
          case "bytes": {
            const n = this.bigBytes && r.next() < 0.1
              ? 70000
              : r.pick(BYTE_LENGTHS);
            const b = new Uint8Array(n);
            for (let i = 0; i < n; i++) b[i] = (i * 31 + n) & 0xff;
            return b;
          }
          case "string":
            return r.pick(STRINGS);
          case "Bool":
            return r.next() < 0.5;
          case "true":
            return true;
        }
        break;
      case "vector": {
        const len = depth > 3
          ? 0
          : r.pick([0, 1, 2, 3, t.elem.kind === "prim" ? 300 : 2]);
        const out = [];
        for (let i = 0; i < len; i++) out.push(this.value(t.elem, depth + 1));
        return out;
      }
      case "boxed": {
        if (t.name === "Bool") return r.next() < 0.5;
        const cs = byType.get(t.name)!;
        let c: TLEntry;
        if (depth > 4) {
          const best = Math.min(...cs.map((x) => costOfCtor(x, new Set())));
          c = cs.find((x) => costOfCtor(x, new Set()) === best)!;
        } else c = r.pick(cs);
        return this.object(c, depth + 1);
      }
      case "bare":
        return this.object(ctorByName.get(t.name)!, depth + 1);
      case "generic":
        return { _: "help.getConfig" };
      case "flags":
        return 0;
    }
    throw new Error("unreachable");
  }

  /** A random object of combinator `c` (as the reader would return it). */
  object(c: TLEntry, depth = 0): Record<string, unknown> {
    const o: Record<string, unknown> = { _: c.name };
    const bits = new Map<string, boolean>();
    const deep = depth > 4;
    for (const p of c.params) {
      if (p.type.kind === "flags") continue;
      if (p.cond) {
        const key = `${p.cond.flagField}.${p.cond.bit}`;
        if (!bits.has(key)) {
          bits.set(
            key,
            deep
              ? false
              : this.mode === "all"
              ? true
              : this.mode === "none"
              ? false
              : this.rng.next() < 0.5,
          );
        }
        if (!bits.get(key)) continue;
      }
      o[p.name] = this.value(p.type, depth);
    }
    return o;
  }
}
