import { TLError } from "./errors.ts";
import {
  type Combinator,
  combinatorById,
  fieldsOf,
  minSizeOf,
  Op,
  type TypeCode,
  typeNames,
} from "./schema_index.ts";
import { gunzipBounded } from "./gzip.ts";
import { compileReader } from "./compile.ts";
import type { TLFunction, TLObject } from "./types.ts";

/** `vector#1cb5c415` */
export const VECTOR_ID = 0x1cb5c415;
/** `boolTrue#997275b5` */
export const BOOL_TRUE_ID = 0x997275b5;
/** `boolFalse#bc799737` */
export const BOOL_FALSE_ID = 0xbc799737;
/** `gzip_packed#3072cfa1 packed_data:bytes = Object` */
export const GZIP_PACKED_ID = 0x3072cfa1;

/** The default bound on the inflated size of one `gzip_packed` object (16 MiB). */
export const DEFAULT_MAX_GZIP_SIZE = 16 * 1024 * 1024;
/** Nesting deeper than this is rejected (Telegram's real objects stay far below). */
export const MAX_DEPTH = 200;

/** Options of {@link TLReader}. */
export interface TLReaderOptions {
  /** Bound on the inflated size of each `gzip_packed` object; default {@link DEFAULT_MAX_GZIP_SIZE}. */
  maxGzipSize?: number;
}

// ignoreBOM keeps a leading U+FEFF: it is part of a TL string, not a marker.
const decoder = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

/**
 * Strings up to this many bytes are decoded in JS: TextDecoder's fixed cost
 * per call (~200 ns in Deno, plus a subarray) loses to a loop below about
 * 50 ASCII or 100 Cyrillic bytes (measured).
 */
const SHORT_STRING_BYTES = 64;
/** `argLists[n]`: a reused packed array of exactly n char codes, the arguments of `String.fromCharCode`. */
const argLists: number[][] = [];
/** The UTF-16 units of the short string being decoded. */
const units: number[] = packedZeros(SHORT_STRING_BYTES);

function packedZeros(n: number): number[] {
  const a: number[] = [];
  for (let i = 0; i < n; i++) a.push(0);
  return a;
}

function argList(n: number): number[] {
  let a = argLists[n];
  if (a === undefined) a = argLists[n] = packedZeros(n);
  return a;
}

/** Decodes at most {@link SHORT_STRING_BYTES} bytes of UTF-8 exactly as the TextDecoder would. */
function decodeShort(b: Uint8Array, start: number, len: number): string {
  const a = argList(len);
  for (let i = 0; i < len; i++) {
    const c = b[start + i];
    if (c > 0x7f) return decodeShortUtf8(b, start, start + len);
    a[i] = c;
  }
  return String.fromCharCode.apply(null, a);
}

/** The non-ASCII case of {@link decodeShort}: well-formed UTF-8 by hand, anything else by TextDecoder (which owns the U+FFFD rules). */
function decodeShortUtf8(b: Uint8Array, start: number, end: number): string {
  let n = 0;
  let i = start;
  while (i < end) {
    const c = b[i];
    let u: number;
    if (c < 0x80) {
      u = c;
      i += 1;
    } else if (c < 0xe0) {
      if (c < 0xc2 || i + 1 >= end || (b[i + 1] & 0xc0) !== 0x80) break;
      u = ((c & 0x1f) << 6) | (b[i + 1] & 0x3f);
      i += 2;
    } else if (c < 0xf0) {
      if (i + 2 >= end) break;
      const c1 = b[i + 1];
      const c2 = b[i + 2];
      if ((c1 & 0xc0) !== 0x80 || (c2 & 0xc0) !== 0x80) break;
      u = ((c & 0x0f) << 12) | ((c1 & 0x3f) << 6) | (c2 & 0x3f);
      if (u < 0x800 || (u >= 0xd800 && u <= 0xdfff)) break;
      i += 3;
    } else {
      if (c > 0xf4 || i + 3 >= end) break;
      const c1 = b[i + 1];
      const c2 = b[i + 2];
      const c3 = b[i + 3];
      if (
        (c1 & 0xc0) !== 0x80 || (c2 & 0xc0) !== 0x80 || (c3 & 0xc0) !== 0x80
      ) break;
      u = ((c & 0x07) << 18) | ((c1 & 0x3f) << 12) | ((c2 & 0x3f) << 6) |
        (c3 & 0x3f);
      if (u < 0x10000 || u > 0x10ffff) break;
      u -= 0x10000;
      units[n++] = 0xd800 | (u >> 10);
      u = 0xdc00 | (u & 0x3ff);
      i += 4;
    }
    units[n++] = u;
  }
  if (i < end) return decoder.decode(b.subarray(start, end));
  const a = argList(n);
  for (let k = 0; k < n; k++) a[k] = units[k];
  return String.fromCharCode.apply(null, a);
}
const TWO_64 = 1n << 64n;

/**
 * Reads TL values from a byte array. Every read checks the bounds; malformed
 * input raises {@link TLError}, never a RangeError. `bytes` values are copies,
 * so the input buffer may be reused.
 *
 * `int128` and `int256` are returned as bigint: the wire bytes read as one
 * little-endian unsigned integer.
 */
export class TLReader {
  /** The input. */
  readonly bytes: Uint8Array;
  /** The read position in {@link bytes}. */
  offset: number;
  /** A view over {@link bytes}. */
  private readonly view: DataView;
  /** The end of the readable range. */
  private readonly end: number;
  /** Current nesting depth (used by the compiled readers too). */
  private depth = 0;
  /** Bound on each inflated `gzip_packed`. */
  private readonly maxGzipSize: number;

  /**
   * Creates a reader over `bytes`.
   *
   * @param bytes the input (not copied)
   * @param options limits
   */
  constructor(bytes: Uint8Array, options?: TLReaderOptions) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.offset = 0;
    this.end = bytes.length;
    this.maxGzipSize = options?.maxGzipSize ?? DEFAULT_MAX_GZIP_SIZE;
  }

  /** Bytes left to read. */
  get remaining(): number {
    return this.end - this.offset;
  }

  /** Throws the truncation error for a read of `n` bytes. */
  private need(n: number): void {
    if (this.offset + n > this.end) {
      throw new TLError(
        `unexpected end of data: need ${n} bytes, ${
          this.end - this.offset
        } left`,
      );
    }
  }

  /** Reads a little-endian signed 32-bit integer. */
  readInt32(): number {
    const p = this.offset;
    if (p + 4 > this.end) this.need(4);
    this.offset = p + 4;
    return this.view.getInt32(p, true);
  }

  /** Reads a little-endian unsigned 32-bit integer. */
  readUint32(): number {
    const p = this.offset;
    if (p + 4 > this.end) this.need(4);
    this.offset = p + 4;
    return this.view.getUint32(p, true);
  }

  /** Reads a little-endian signed 64-bit integer (`long`). */
  readInt64(): bigint {
    const p = this.offset;
    if (p + 8 > this.end) this.need(8);
    this.offset = p + 8;
    return this.view.getBigInt64(p, true);
  }

  /** Reads a little-endian IEEE 754 double. */
  readDouble(): number {
    const p = this.offset;
    if (p + 8 > this.end) this.need(8);
    this.offset = p + 8;
    return this.view.getFloat64(p, true);
  }

  /** Reads 16 bytes as an unsigned little-endian integer. */
  readInt128(): bigint {
    const p = this.offset;
    if (p + 16 > this.end) this.need(16);
    this.offset = p + 16;
    return this.view.getBigUint64(p, true) |
      (this.view.getBigUint64(p + 8, true) << 64n);
  }

  /** Reads 32 bytes as an unsigned little-endian integer. */
  readInt256(): bigint {
    const p = this.offset;
    if (p + 32 > this.end) this.need(32);
    this.offset = p + 32;
    const v = this.view;
    return v.getBigUint64(p, true) | (v.getBigUint64(p + 8, true) << 64n) |
      (v.getBigUint64(p + 16, true) << 128n) |
      (v.getBigUint64(p + 24, true) << 192n);
  }

  /** Reads `n` raw bytes (a copy). */
  readRaw(n: number): Uint8Array {
    if (!(n >= 0 && n <= this.end - this.offset)) {
      throw new TLError(
        `cannot read ${n} raw bytes, ${this.end - this.offset} left`,
      );
    }
    const p = this.offset;
    this.offset = p + n;
    return this.bytes.slice(p, p + n);
  }

  /** Reads the length prefix of `bytes`/`string` and returns the start of the data; advances past padding. */
  private bytesSpan(): number {
    const b = this.bytes;
    const p = this.offset;
    if (p >= this.end) this.need(1);
    let len = b[p];
    let start: number;
    if (len < 254) {
      start = p + 1;
    } else if (len === 254) {
      if (p + 4 > this.end) this.need(4);
      len = b[p + 1] | (b[p + 2] << 8) | (b[p + 3] << 16);
      start = p + 4;
    } else {
      throw new TLError("bad bytes length prefix 255");
    }
    const total = (start - p + len + 3) & ~3;
    if (p + total > this.end) {
      throw new TLError(
        `bytes of length ${len} run past the end (${this.end - p} bytes left)`,
      );
    }
    this.offset = p + total;
    this.spanLen = len;
    return start;
  }
  /** The data length found by the last {@link bytesSpan}. */
  private spanLen = 0;

  /** Reads a TL `bytes` value (a copy). */
  readBytes(): Uint8Array {
    const start = this.bytesSpan();
    return this.bytes.slice(start, start + this.spanLen);
  }

  /** Reads a TL `string` (UTF-8; invalid sequences become U+FFFD). */
  readString(): string {
    const start = this.bytesSpan();
    const len = this.spanLen;
    if (len <= SHORT_STRING_BYTES) return decodeShort(this.bytes, start, len);
    return decoder.decode(this.bytes.subarray(start, start + len));
  }

  /** Reads a boxed `Bool`. */
  readBool(): boolean {
    const id = this.readUint32();
    if (id === BOOL_TRUE_ID) return true;
    if (id === BOOL_FALSE_ID) return false;
    throw new TLError(
      `expected boolTrue or boolFalse, got 0x${id.toString(16)}`,
    );
  }

  /**
   * Reads one boxed object of any type (constructor or function). A
   * `gzip_packed` object is inflated (within the size bound) and read in its
   * place; a boxed vector of objects is returned as an array.
   */
  readObject(): TLObject | TLFunction {
    let root = "";
    try {
      const p = this.offset;
      const id = this.readUint32();
      const c = combinatorById(id);
      if (c) root = c.name;
      this.offset = p;
      return this.readAny() as TLObject | TLFunction;
    } catch (e) {
      throw root && e instanceof TLError ? e.prepend(root) : e;
    }
  }

  /** Reads a value of the given type code (internal, used by the codec). */
  private readType(t: TypeCode): unknown {
    switch (t.op) {
      case Op.Int:
        return this.readInt32();
      case Op.Long:
        return this.readInt64();
      case Op.Double:
        return this.readDouble();
      case Op.Int128:
        return this.readInt128();
      case Op.Int256:
        return this.readInt256();
      case Op.Bytes:
        return this.readBytes();
      case Op.String:
        return this.readString();
      case Op.Bool:
        return this.readBool();
      case Op.True:
        return true;
      case Op.Flags:
        return this.readInt32();
      case Op.Object:
        return this.readBoxed(t.typeId);
      case Op.Bare:
        return this.readBare(t.ctor!);
      case Op.Vector: {
        const id = this.readUint32();
        if (id === VECTOR_ID) return this.readVectorBody(t.elem!);
        if (id === GZIP_PACKED_ID) return this.inflated().readWhole(t);
        throw new TLError(`expected a vector, got 0x${id.toString(16)}`);
      }
      case Op.BareVector:
        return this.readVectorBody(t.elem!);
      case Op.Any:
        return this.readAny();
    }
    throw new TLError(`bad type code ${t.text}`);
  }

  /** Reads a value of type `t` that must use exactly all the remaining bytes. */
  private readWhole(t: TypeCode): unknown {
    const v = this.readType(t);
    if (this.offset !== this.end) {
      throw new TLError(
        `${this.end - this.offset} bytes left over after the value`,
      );
    }
    return v;
  }

  /** Reads a `gzip_packed` body and returns a reader over the inflated bytes. */
  private inflated(): TLReader {
    const packed = this.readBytes();
    const r = new TLReader(gunzipBounded(packed, this.maxGzipSize), {
      maxGzipSize: this.maxGzipSize,
    });
    r.depth = this.depth;
    return r;
  }

  /** Reads a vector's count and elements. */
  private readVectorBody(elem: TypeCode): unknown[] {
    const count = this.readUint32();
    const min = minSizeOf(elem) || 1;
    if (count * min > this.end - this.offset) {
      throw new TLError(
        `vector of ${count} elements cannot fit in ${
          this.end - this.offset
        } bytes`,
      );
    }
    const out = new Array(count);
    let i = 0;
    try {
      switch (elem.op) {
        case Op.Int:
          for (; i < count; i++) out[i] = this.readInt32();
          break;
        case Op.Long:
          for (; i < count; i++) out[i] = this.readInt64();
          break;
        case Op.Object: {
          const typeId = elem.typeId;
          for (; i < count; i++) out[i] = this.readBoxed(typeId);
          break;
        }
        default:
          for (; i < count; i++) out[i] = this.readType(elem);
      }
    } catch (e) {
      throw e instanceof TLError ? e.prepend(`[${i}]`) : e;
    }
    return out;
  }

  /** Reads a boxed object whose constructor must belong to TL type `typeId`. */
  private readBoxed(typeId: number): unknown {
    const id = this.readUint32();
    const c = combinatorById(id);
    if (c === undefined || c.typeId !== typeId) {
      if (id === GZIP_PACKED_ID) {
        const r = this.inflated();
        const v = r.readBoxed(typeId);
        if (r.offset !== r.end) {
          throw new TLError("bytes left over inside gzip_packed");
        }
        return v;
      }
      if (c === undefined) {
        throw new TLError(`unknown constructor id 0x${id.toString(16)}`);
      }
      throw new TLError(`constructor ${c.name} is not a ${typeNames[typeId]}`);
    }
    const compiled = c.reader;
    return compiled !== null ? compiled(this) : this.readBare(c);
  }

  /** Reads any boxed value: an object, a function, a vector of objects, a Bool. */
  private readAny(): unknown {
    const id = this.readUint32();
    const c = combinatorById(id);
    if (c !== undefined) return this.readBare(c);
    switch (id) {
      case GZIP_PACKED_ID:
        return this.inflated().readWhole({
          op: Op.Any,
          typeId: -1,
          ctor: null,
          elem: null,
          text: "Object",
        });
      case VECTOR_ID:
        return this.readVectorBody({
          op: Op.Any,
          typeId: -1,
          ctor: null,
          elem: null,
          text: "Object",
        });
      case BOOL_TRUE_ID:
        return true;
      case BOOL_FALSE_ID:
        return false;
    }
    throw new TLError(`unknown constructor id 0x${id.toString(16)}`);
  }

  /** Reads the fields of constructor `c` (its id already consumed). */
  private readBare(c: Combinator): Record<string, unknown> {
    const compiled = c.reader;
    if (compiled !== null) return compiled(this);
    if (c.reader === null && c.compileTried === false) {
      c.compileTried = true;
      c.reader = compileReader(c, MAX_DEPTH);
      if (c.reader !== null) return c.reader(this);
    }
    return this.interpret(c);
  }

  /** Called by compiled readers past {@link MAX_DEPTH}. */
  private tooDeep(): never {
    throw new TLError(`objects nested deeper than ${MAX_DEPTH}`);
  }

  /** Called by compiled readers when reading a field fails: adds the field to the path. */
  private fieldError(e: unknown, field: string): unknown {
    return e instanceof TLError ? e.prepend(`.${field}`) : e;
  }

  /** The interpreter: reads the fields of `c` by walking its field list. */
  private interpret(c: Combinator): Record<string, unknown> {
    const fields = c.fields ?? fieldsOf(c);
    if (++this.depth > MAX_DEPTH) {
      throw new TLError(`objects nested deeper than ${MAX_DEPTH}`);
    }
    const obj: Record<string, unknown> = { _: c.name };
    let f0 = 0;
    let f1 = 0;
    let i = 0;
    const n = fields.length;
    try {
      for (; i < n; i++) {
        const f = fields[i];
        if (f.flagSlot >= 0 && ((f.flagSlot === 0 ? f0 : f1) & f.mask) === 0) {
          continue;
        }
        switch (f.op) {
          case Op.Flags:
            if (f.slot === 0) f0 = this.readInt32();
            else f1 = this.readInt32();
            break;
          case Op.True:
            obj[f.name] = true;
            break;
          case Op.Int:
            obj[f.name] = this.readInt32();
            break;
          case Op.Long:
            obj[f.name] = this.readInt64();
            break;
          case Op.String:
            obj[f.name] = this.readString();
            break;
          case Op.Object:
            obj[f.name] = this.readBoxed(f.type.typeId);
            break;
          default:
            obj[f.name] = this.readType(f.type);
        }
      }
    } catch (e) {
      throw e instanceof TLError ? e.prepend(`.${fields[i].name}`) : e;
    }
    this.depth--;
    return obj;
  }
}

/** Converts a bigint to its two's-complement unsigned 64-bit form (internal helper). */
export function toUint64(v: bigint): bigint {
  return v < 0n ? v + TWO_64 : v;
}
