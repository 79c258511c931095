import { TLError } from "./errors.ts";
import {
  type Combinator,
  combinatorById,
  fieldsOf,
  minSizeOf,
  Op,
  type TypeCode,
  typeName,
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

/** The joined bytes of deferred strings (kept between calls up to {@link JOIN_KEEP_BYTES}). */
let joinBuffer = new Uint8Array(4096);
/** A larger join buffer than this is dropped after use. */
const JOIN_KEEP_BYTES = 1 << 20;

/**
 * Decodes the deferred strings (see `TLReader.readStringField`) with one
 * TextDecoder call instead of one each, which saves its fixed call cost
 * per string: the strings are joined with a NUL byte between them, decoded
 * together and cut apart at the NULs. A separator that is never part of a
 * multi-byte sequence makes the joined decoding equal the separate ones,
 * broken sequences included; a string holding a NUL itself shows up as one
 * separator too many, and then each string is decoded on its own.
 *
 * The strings share the joined one's storage (substrings), as long as any
 * of them lives: memory bounded by the strings' total size.
 */
function decodeDeferred(bytes: Uint8Array, d: unknown[]): void {
  const n = d.length;
  if (n === 4) {
    const start = d[0] as number;
    setDeferred(
      d,
      0,
      decoder.decode(bytes.subarray(start, start + (d[1] as number))),
    );
    return;
  }
  let total = -1;
  for (let i = 1; i < n; i += 4) total += (d[i] as number) + 1;
  let buf = joinBuffer;
  if (buf.length < total) {
    buf = new Uint8Array(Math.max(total, buf.length * 2));
    if (buf.length <= JOIN_KEEP_BYTES) joinBuffer = buf;
  }
  let pos = 0;
  for (let i = 0; i < n; i += 4) {
    const start = d[i] as number;
    const len = d[i + 1] as number;
    buf.set(bytes.subarray(start, start + len), pos);
    pos += len;
    buf[pos++] = 0;
  }
  const joined = decoder.decode(buf.subarray(0, total));
  let from = 0;
  for (let i = 0; i < n - 4; i += 4) {
    const to = joined.indexOf("\0", from);
    if (to < 0) break; // cannot happen: each separator decodes to one NUL
    setDeferred(d, i, joined.substring(from, to));
    from = to + 1;
  }
  if (joined.indexOf("\0", from) < 0) {
    setDeferred(d, n - 4, joined.substring(from));
    return;
  }
  for (let i = 0; i < n; i += 4) {
    const start = d[i] as number;
    setDeferred(
      d,
      i,
      decoder.decode(bytes.subarray(start, start + (d[i + 1] as number))),
    );
  }
}

function setDeferred(d: unknown[], slot: number, value: string): void {
  (d[slot + 2] as Record<string, unknown>)[d[slot + 3] as string] = value;
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
 * The long strings of one object read by {@link readObject} are decoded
 * together, as substrings of one string: keeping any of them keeps the
 * text of all alive (at most the strings' total size).
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

  /**
   * Reads a string field for a compiled reader. While a whole object is
   * being read, a long string is not decoded yet: it returns "" and leaves
   * in {@link deferredSlot} the slot that {@link bindDeferred} then ties to
   * the object's key; {@link decodeDeferred} decodes all of them in one
   * TextDecoder call when the object is complete.
   */
  private readStringField(): string {
    const start = this.bytesSpan();
    const len = this.spanLen;
    if (len <= SHORT_STRING_BYTES) {
      this.deferredSlot = -1;
      return decodeShort(this.bytes, start, len);
    }
    if (this.deferred === null) {
      this.deferredSlot = -1;
      return decoder.decode(this.bytes.subarray(start, start + len));
    }
    const d = this.deferred;
    this.deferredSlot = d.length;
    d.push(start, len, null, "");
    return "";
  }

  /** The slot of the string deferred by the last {@link readStringField}, or -1. */
  private deferredSlot = -1;
  /**
   * Strings read but not decoded yet, four entries each: start, length,
   * holder object, key. Null when strings are decoded at once.
   */
  private deferred: unknown[] | null = null;

  /** Ties a deferred string to the key of the object that holds it. */
  private bindDeferred(slot: number, holder: object, key: string): void {
    const d = this.deferred!;
    d[slot + 2] = holder;
    d[slot + 3] = key;
  }

  /**
   * Runs `read` with string decoding deferred (unless an outer call already
   * defers), then decodes the deferred strings into their holders.
   */
  private deferringStrings<T>(read: () => T): T {
    if (this.deferred !== null) return read();
    this.deferred = [];
    try {
      const v = read();
      if (this.deferred.length !== 0) decodeDeferred(this.bytes, this.deferred);
      return v;
    } finally {
      this.deferred = null;
    }
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
      return this.deferringStrings(() => this.readAny()) as
        | TLObject
        | TLFunction;
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
    const v = this.deferringStrings(() => this.readType(t));
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

  /**
   * Reads a boxed `Vector<T>` field of objects for a compiled reader: the
   * usual case inline, anything else (gzip_packed, errors) by {@link readType}.
   */
  private readObjectVector(t: TypeCode): unknown[] {
    const p = this.offset;
    const left = this.end - p;
    const v = this.view;
    if (left < 8 || v.getUint32(p, true) !== VECTOR_ID) {
      return this.readType(t) as unknown[];
    }
    const count = v.getUint32(p + 4, true);
    if (count * 4 > left - 8) return this.readType(t) as unknown[];
    this.offset = p + 8;
    const typeId = t.elem!.typeId;
    const out = new Array(count);
    let i = 0;
    try {
      for (; i < count; i++) out[i] = this.readBoxed(typeId);
    } catch (e) {
      throw e instanceof TLError ? e.prepend(`[${i}]`) : e;
    }
    return out;
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
      throw new TLError(`constructor ${c.name} is not a ${typeName(typeId)}`);
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
