import { TLError } from "./errors.ts";
import {
  type Combinator,
  constructorByName,
  fieldsOf,
  functionByName,
  Op,
  type TypeCode,
  typeName,
} from "./schema_index.ts";
import { BOOL_FALSE_ID, BOOL_TRUE_ID, MAX_DEPTH, VECTOR_ID } from "./reader.ts";
import type { TLFunction, TLObject } from "./types.ts";

const encoder = new TextEncoder();
const MIN_LONG = -(1n << 63n);
const MAX_ULONG = (1n << 64n) - 1n;
const MASK64 = (1n << 64n) - 1n;
const LIMIT128 = 1n << 128n;
const LIMIT256 = 1n << 256n;

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (v instanceof Uint8Array) return "a Uint8Array";
  if (typeof v === "object") {
    return (v as { _?: unknown })._ !== undefined
      ? `object ${String((v as { _: unknown })._)}`
      : "an object";
  }
  if (typeof v === "string") return "a string";
  return `${typeof v} ${String(v)}`;
}

/**
 * Writes TL values into a growable buffer. Values of the wrong type (a
 * number where a bigint belongs, a missing required field, an unknown `_`)
 * raise {@link TLError} naming the path.
 */
export class TLWriter {
  /** The buffer (replaced when it grows). */
  private buf: Uint8Array;
  /** A view over {@link buf}. */
  private view: DataView;
  /** The write position (the number of bytes written). */
  pos = 0;
  /** Current nesting depth. */
  private depth = 0;

  /**
   * Creates an empty writer.
   *
   * @param initialSize starting capacity in bytes
   */
  constructor(initialSize = 512) {
    this.buf = new Uint8Array(initialSize);
    this.view = new DataView(this.buf.buffer);
  }

  /** Makes room for `n` more bytes. */
  private grow(n: number): void {
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** Forgets everything written (keeps the buffer). */
  reset(): void {
    this.pos = 0;
    this.depth = 0;
  }

  /** A copy of the bytes written so far. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }

  /** Writes a 32-bit integer (accepts -2^31 .. 2^32-1). */
  writeInt32(n: number): void {
    if (
      typeof n !== "number" || !(n >= -0x80000000 && n <= 0xffffffff) ||
      Math.floor(n) !== n
    ) {
      throw new TLError(`expected a 32-bit integer, got ${describe(n)}`);
    }
    if (this.pos + 4 > this.buf.length) this.grow(4);
    this.view.setInt32(this.pos, n | 0, true);
    this.pos += 4;
  }

  /** Writes an unsigned 32-bit integer (accepts -2^31 .. 2^32-1). */
  writeUint32(n: number): void {
    this.writeInt32(n);
  }

  /** Writes a trusted uint32 (ids, counts). */
  private u32(n: number): void {
    if (this.pos + 4 > this.buf.length) this.grow(4);
    this.view.setUint32(this.pos, n, true);
    this.pos += 4;
  }

  /** Writes a 64-bit integer (`long`; accepts -2^63 .. 2^64-1). */
  writeInt64(n: bigint): void {
    if (typeof n !== "bigint" || n < MIN_LONG || n > MAX_ULONG) {
      throw new TLError(`expected a 64-bit bigint, got ${describe(n)}`);
    }
    if (this.pos + 8 > this.buf.length) this.grow(8);
    this.view.setBigInt64(this.pos, n, true);
    this.pos += 8;
  }

  /** Writes an IEEE 754 double. */
  writeDouble(n: number): void {
    if (typeof n !== "number") {
      throw new TLError(`expected a number, got ${describe(n)}`);
    }
    if (this.pos + 8 > this.buf.length) this.grow(8);
    this.view.setFloat64(this.pos, n, true);
    this.pos += 8;
  }

  /** Writes a bigint as `words` little-endian 64-bit words. */
  private wide(n: bigint, words: number, limit: bigint, what: string): void {
    if (typeof n !== "bigint" || n < 0n || n >= limit) {
      throw new TLError(
        `expected an unsigned ${what} bigint, got ${describe(n)}`,
      );
    }
    if (this.pos + words * 8 > this.buf.length) this.grow(words * 8);
    for (let i = 0; i < words; i++) {
      this.view.setBigUint64(this.pos, n & MASK64, true);
      n >>= 64n;
      this.pos += 8;
    }
  }

  /** Writes an `int128` given as an unsigned bigint (little-endian on the wire). */
  writeInt128(n: bigint): void {
    this.wide(n, 2, LIMIT128, "128-bit");
  }

  /** Writes an `int256` given as an unsigned bigint (little-endian on the wire). */
  writeInt256(n: bigint): void {
    this.wide(n, 4, LIMIT256, "256-bit");
  }

  /** Writes raw bytes, no prefix. */
  writeRaw(b: Uint8Array): void {
    if (!(b instanceof Uint8Array)) {
      throw new TLError(`expected a Uint8Array, got ${describe(b)}`);
    }
    if (this.pos + b.length > this.buf.length) this.grow(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** Writes the length prefix for `len` data bytes, returns where the data goes. */
  private prefix(len: number): void {
    if (len >= 0x1000000) {
      throw new TLError(`bytes of length ${len} exceed the TL limit of 16 MiB`);
    }
    if (this.pos + len + 8 > this.buf.length) this.grow(len + 8);
    const b = this.buf;
    if (len < 254) {
      b[this.pos++] = len;
    } else {
      b[this.pos] = 254;
      b[this.pos + 1] = len & 0xff;
      b[this.pos + 2] = (len >> 8) & 0xff;
      b[this.pos + 3] = len >> 16;
      this.pos += 4;
    }
  }

  /** Zero-pads to a multiple of 4 counted from `from`. */
  private pad(from: number): void {
    const b = this.buf;
    while ((this.pos - from) & 3) b[this.pos++] = 0;
  }

  /** Writes a TL `bytes` value (length prefix, data, zero padding to 4). */
  writeBytes(data: Uint8Array): void {
    if (!(data instanceof Uint8Array)) {
      throw new TLError(`expected a Uint8Array, got ${describe(data)}`);
    }
    const start = this.pos;
    this.prefix(data.length);
    this.buf.set(data, this.pos);
    this.pos += data.length;
    this.pad(start);
  }

  /** Writes a TL `string` (UTF-8, framed like `bytes`). */
  writeString(s: string): void {
    if (typeof s !== "string") {
      throw new TLError(`expected a string, got ${describe(s)}`);
    }
    const len = s.length;
    const start = this.pos;
    if (len < 254) {
      if (this.pos + len + 4 > this.buf.length) this.grow(len + 4);
      const b = this.buf;
      let p = start + 1;
      let i = 0;
      for (; i < len; i++) {
        const c = s.charCodeAt(i);
        if (c > 0x7f) break;
        b[p++] = c;
      }
      if (i === len) {
        b[start] = len;
        this.pos = p;
        this.pad(start);
        return;
      }
    }
    // Non-ASCII or long: encode in place after a 4-byte prefix, then fix it up.
    const max = len * 3;
    if (this.pos + max + 8 > this.buf.length) this.grow(max + 8);
    const { written } = encoder.encodeInto(s, this.buf.subarray(start + 4));
    const b = this.buf;
    if (written < 254) {
      b.copyWithin(start + 1, start + 4, start + 4 + written);
      b[start] = written;
      this.pos = start + 1 + written;
    } else {
      if (written >= 0x1000000) {
        throw new TLError(
          `string of ${written} bytes exceeds the TL limit of 16 MiB`,
        );
      }
      b[start] = 254;
      b[start + 1] = written & 0xff;
      b[start + 2] = (written >> 8) & 0xff;
      b[start + 3] = written >> 16;
      this.pos = start + 4 + written;
    }
    this.pad(start);
  }

  /** Writes a boxed `Bool`. */
  writeBool(v: boolean): void {
    if (typeof v !== "boolean") {
      throw new TLError(`expected a boolean, got ${describe(v)}`);
    }
    this.u32(v ? BOOL_TRUE_ID : BOOL_FALSE_ID);
  }

  /** Writes a boxed object or function (its id, then its fields). */
  writeObject(obj: TLObject | TLFunction): void {
    const name = (obj as { _?: unknown } | null)?._;
    try {
      this.writeAny(obj);
    } catch (e) {
      throw e instanceof TLError && typeof name === "string"
        ? e.prepend(name)
        : e;
    }
  }

  /** Writes a value of the given type code (internal, used by the codec). */
  private writeType(t: TypeCode, v: unknown): void {
    switch (t.op) {
      case Op.Int:
      case Op.Flags:
        return this.writeInt32(v as number);
      case Op.Long:
        return this.writeInt64(v as bigint);
      case Op.Double:
        return this.writeDouble(v as number);
      case Op.Int128:
        return this.writeInt128(v as bigint);
      case Op.Int256:
        return this.writeInt256(v as bigint);
      case Op.Bytes:
        return this.writeBytes(v as Uint8Array);
      case Op.String:
        return this.writeString(v as string);
      case Op.Bool:
        return this.writeBool(v as boolean);
      case Op.True:
        return;
      case Op.Object:
        return this.writeBoxed(v, t.typeId);
      case Op.Bare: {
        const c = t.ctor!;
        if (
          typeof v !== "object" || v === null ||
          (v as { _?: unknown })._ !== c.name
        ) {
          throw new TLError(`expected object ${c.name}, got ${describe(v)}`);
        }
        return this.writeBare(c, v as Record<string, unknown>);
      }
      case Op.Vector:
        this.u32(VECTOR_ID);
        return this.writeVectorBody(t.elem!, v);
      case Op.BareVector:
        return this.writeVectorBody(t.elem!, v);
      case Op.Any:
        return this.writeAny(v);
    }
  }

  /** Writes a vector's count and elements. */
  private writeVectorBody(elem: TypeCode, v: unknown): void {
    if (!Array.isArray(v)) {
      throw new TLError(`expected an array, got ${describe(v)}`);
    }
    const n = v.length;
    this.u32(n);
    let i = 0;
    try {
      if (elem.op === Op.Object) {
        for (; i < n; i++) this.writeBoxed(v[i], elem.typeId);
      } else {
        for (; i < n; i++) this.writeType(elem, v[i]);
      }
    } catch (e) {
      throw e instanceof TLError ? e.prepend(`[${i}]`) : e;
    }
  }

  /** Writes any boxed object or function. */
  private writeAny(v: unknown): void {
    if (typeof v !== "object" || v === null) {
      throw new TLError(`expected a TL object, got ${describe(v)}`);
    }
    const name = (v as { _?: unknown })._;
    const c = constructorByName(name as string) ??
      functionByName(name as string);
    if (c === undefined) {
      throw new TLError(`unknown constructor or function ${describe(name)}`);
    }
    this.u32(c.id);
    this.writeBare(c, v as Record<string, unknown>);
  }

  /** Writes a boxed object that must belong to TL type `typeId`. */
  private writeBoxed(v: unknown, typeId: number): void {
    if (typeof v !== "object" || v === null) {
      throw new TLError(`expected a ${typeName(typeId)}, got ${describe(v)}`);
    }
    const c = constructorByName((v as { _: string })._);
    if (c === undefined || c.typeId !== typeId) {
      throw new TLError(`expected a ${typeName(typeId)}, got ${describe(v)}`);
    }
    this.u32(c.id);
    this.writeBare(c, v as Record<string, unknown>);
  }

  /** Writes the fields of `c` from `obj` (no id). */
  private writeBare(c: Combinator, obj: Record<string, unknown>): void {
    const fields = c.fields ?? fieldsOf(c);
    if (++this.depth > MAX_DEPTH) {
      throw new TLError(`objects nested deeper than ${MAX_DEPTH}`);
    }
    let f0 = 0;
    let f1 = 0;
    const n = fields.length;
    let i = 0;
    try {
      for (; i < n; i++) {
        const f = fields[i];
        if (f.flagSlot < 0) continue;
        const v = obj[f.name];
        if (v === undefined || v === null || v === false && f.op === Op.True) {
          continue;
        }
        if (f.flagSlot === 0) f0 |= f.mask;
        else f1 |= f.mask;
      }
      for (i = 0; i < n; i++) {
        const f = fields[i];
        const v = obj[f.name];
        if (f.flagSlot >= 0) {
          if (
            ((f.flagSlot === 0 ? f0 : f1) & f.mask) === 0 || f.op === Op.True
          ) {
            if (
              f.op === Op.True && v !== undefined && v !== null &&
              typeof v !== "boolean"
            ) {
              throw new TLError(`expected true or nothing, got ${describe(v)}`);
            }
            continue;
          }
          if (v === undefined || v === null) {
            throw new TLError(
              "missing: another field sharing its flag bit is set",
            );
          }
        } else if (v === undefined && f.op !== Op.Flags) {
          throw new TLError("missing required field");
        }
        switch (f.op) {
          case Op.Flags:
            this.u32(f.slot === 0 ? f0 : f1);
            break;
          case Op.Int:
            this.writeInt32(v as number);
            break;
          case Op.Long:
            this.writeInt64(v as bigint);
            break;
          case Op.String:
            this.writeString(v as string);
            break;
          case Op.Object:
            this.writeBoxed(v, f.type.typeId);
            break;
          default:
            this.writeType(f.type, v);
        }
      }
    } catch (e) {
      throw e instanceof TLError ? e.prepend(`.${fields[i].name}`) : e;
    }
    this.depth--;
  }
}
