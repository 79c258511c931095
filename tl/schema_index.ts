/**
 * The runtime view of the generated schema table (`schema_table.ts`).
 *
 * Table row: `idhex name Type field:code ...` for constructors and
 * `idhex name =ResultCode field:code ...` for functions. Field codes:
 * `#` flags word, `i` int, `l` long, `d` double, `q` int128, `Q` int256,
 * `b` bytes, `s` string, `B` Bool, `t` true, `!` any boxed object (a generic
 * `!X` query), `*C` boxed `Vector<C>`, `&C` bare `vector<C>`, `%name` a bare
 * constructor, anything else a boxed TL type. A conditional field is written
 * `name:N?code` (bit N of the first flags word) or `name:N^code` (the second). Rows are parsed when first used.
 *
 * @module
 */
import { SCHEMA_TABLE } from "./schema_table.ts";

/** Operation codes of field types. */
export const enum Op {
  Int = 0,
  Long = 1,
  Double = 2,
  Int128 = 3,
  Int256 = 4,
  Bytes = 5,
  String = 6,
  Bool = 7,
  True = 8,
  Flags = 9,
  Object = 10,
  Bare = 11,
  Vector = 12,
  BareVector = 13,
  Any = 14,
}

/** A decoded type code. */
export interface TypeCode {
  /** What to read or write. */
  op: Op;
  /** For `Object`: the index of the expected TL type. */
  typeId: number;
  /** For `Bare`: the constructor. */
  ctor: Combinator | null;
  /** For vectors: the element type. */
  elem: TypeCode | null;
  /** The TL spelling, for error messages. */
  text: string;
}

/** A decoded field. */
export interface Field {
  /** The schema field name. */
  name: string;
  /** Shortcut to `type.op`. */
  op: Op;
  /** The field type. */
  type: TypeCode;
  /** For conditional fields: which flags word (0 or 1) holds the bit; else -1. */
  flagSlot: number;
  /** For conditional fields: the bit mask. */
  mask: number;
  /** For flags fields: the slot (0 or 1) the word is kept in. */
  slot: number;
}

/** A constructor or function of the schema. */
export interface Combinator {
  /** The id, unsigned. */
  id: number;
  /** The `_` name. */
  name: string;
  /** True for functions. */
  isFunction: boolean;
  /** The index of the TL type it constructs (constructors), or -1. */
  typeId: number;
  /** The fields, once parsed (see {@link fieldsOf}). */
  fields: Field[] | null;
  /** The result type (functions), once parsed. */
  result: TypeCode | null;
  /** Smallest number of bytes its bare encoding can take (once known). */
  minSize: number;
  /** The table row. */
  row: string;
  /** The compiled reader, once built (see compile.ts). */
  reader: ((r: unknown) => Record<string, unknown>) | null;
  /** Whether compiling the reader was attempted. */
  compileTried: boolean;
}

// The index is built on first use, not at import: parsing the 2,500 rows
// is a few milliseconds that a program importing Sparrow should not pay
// before it encodes or decodes anything.
const typeIds = new Map<string, number>();
const typeNames: string[] = [];
const byId = new Map<number, Combinator>();
const ctorsByName = new Map<string, Combinator>();
const fnsByName = new Map<string, Combinator>();
let built = false;

function typeIdOf(name: string): number {
  let id = typeIds.get(name);
  if (id === undefined) {
    id = typeNames.length;
    typeIds.set(name, id);
    typeNames.push(name);
  }
  return id;
}

/**
 * An open-addressing table from id to combinator: the readers look an id up
 * per object, and a Map's hashing costs about 9% of a deserialization
 * (measured). Ids are CRC32 values, so their low bits spread well by
 * themselves; the table is kept at most a quarter full.
 */
const idSlots: (Combinator | undefined)[] = [];
let idMask = 0;

function buildIndex(): void {
  built = true;
  for (const row of SCHEMA_TABLE.split(";")) {
    const a = row.indexOf(" ");
    const b = row.indexOf(" ", a + 1);
    const c = row.indexOf(" ", b + 1);
    const id = parseInt(row.slice(0, a), 16) >>> 0;
    const name = row.slice(a + 1, b);
    const type = row.slice(b + 1, c < 0 ? undefined : c);
    const isFunction = type[0] === "=";
    const comb: Combinator = {
      id,
      name,
      isFunction,
      typeId: isFunction ? -1 : typeIdOf(type),
      fields: null,
      result: null,
      minSize: -1,
      row,
      reader: null,
      compileTried: false,
    };
    byId.set(id, comb);
    (isFunction ? fnsByName : ctorsByName).set(name, comb);
  }
  let size = 16;
  while (size < byId.size * 4) size *= 2;
  for (let i = 0; i < size; i++) idSlots.push(undefined);
  idMask = size - 1;
  for (const c of byId.values()) {
    let h = c.id & idMask;
    while (idSlots[h] !== undefined) h = (h + 1) & idMask;
    idSlots[h] = c;
  }
}

/** Every constructor and function of both schemas. */
export function allCombinators(): Iterable<Combinator> {
  if (!built) buildIndex();
  return byId.values();
}

/** The constructor with this name. */
export function constructorByName(name: string): Combinator | undefined {
  if (!built) buildIndex();
  return ctorsByName.get(name);
}

/** The function with this name. */
export function functionByName(name: string): Combinator | undefined {
  if (!built) buildIndex();
  return fnsByName.get(name);
}

/**
 * Makes `combinator` reachable by `alias` for writing (never by id, so
 * readers are unaffected): the local test DC uses it to answer clients of
 * older layers with older forms of a constructor.
 */
export function registerConstructorAlias(
  alias: string,
  combinator: Combinator,
): void {
  if (!built) buildIndex();
  if (ctorsByName.has(alias)) {
    throw new Error(`${alias} already names a constructor`);
  }
  ctorsByName.set(alias, combinator);
}

/** The name of the TL type with this index. */
export function typeName(typeId: number): string {
  if (!built) buildIndex();
  return typeNames[typeId];
}

/** The combinator with this id (signed or unsigned form), through an open-addressing table. */
export function combinatorById(id: number): Combinator | undefined {
  if (!built) buildIndex();
  const u = id >>> 0;
  let h = u & idMask;
  for (;;) {
    const c = idSlots[h];
    if (c === undefined || c.id === u) return c;
    h = (h + 1) & idMask;
  }
}

const PRIM_OPS: Record<string, Op> = {
  "#": Op.Flags,
  i: Op.Int,
  l: Op.Long,
  d: Op.Double,
  q: Op.Int128,
  Q: Op.Int256,
  b: Op.Bytes,
  s: Op.String,
  B: Op.Bool,
  t: Op.True,
  "!": Op.Any,
};

/** Decodes a type code of the table. */
export function decodeType(code: string): TypeCode {
  const prim = PRIM_OPS[code];
  if (prim !== undefined) {
    return { op: prim, typeId: -1, ctor: null, elem: null, text: code };
  }
  const first = code[0];
  if (first === "*" || first === "&") {
    const elem = decodeType(code.slice(1));
    return {
      op: first === "*" ? Op.Vector : Op.BareVector,
      typeId: -1,
      ctor: null,
      elem,
      text: `${first === "*" ? "Vector" : "vector"}<${elem.text}>`,
    };
  }
  if (first === "%") {
    const ctor = ctorsByName.get(code.slice(1))!;
    return { op: Op.Bare, typeId: -1, ctor, elem: null, text: code };
  }
  return {
    op: Op.Object,
    typeId: typeIdOf(code),
    ctor: null,
    elem: null,
    text: code,
  };
}

/** The fields of a combinator, parsing its row on first use. */
export function fieldsOf(c: Combinator): Field[] {
  if (c.fields) return c.fields;
  const parts = c.row.split(" ");
  const fields: Field[] = [];
  const slots = new Map<string, number>();
  for (let i = 3; i < parts.length; i++) {
    const p = parts[i];
    const colon = p.indexOf(":");
    const name = p.slice(0, colon);
    let code = p.slice(colon + 1);
    let flagSlot = -1;
    let mask = 0;
    const first = code.charCodeAt(0);
    if (first >= 48 && first <= 57) {
      let q = 1;
      while (code[q] !== "?" && code[q] !== "^") q++;
      flagSlot = code[q] === "?" ? 0 : 1;
      mask = (1 << Number(code.slice(0, q))) | 0;
      code = code.slice(q + 1);
    }
    const type = decodeType(code);
    let slot = -1;
    if (type.op === Op.Flags) {
      slot = slots.size;
      slots.set(name, slot);
    }
    fields.push({ name, op: type.op, type, flagSlot, mask, slot });
  }
  if (c.isFunction) c.result = decodeType(parts[2].slice(1));
  c.fields = fields;
  return fields;
}

/** The result type code of a function. */
export function resultOf(fn: Combinator): TypeCode {
  if (!fn.result) fieldsOf(fn);
  return fn.result!;
}

/** The index of a TL type name, or -1 if the schema has no such type. */
export function typeIdByName(name: string): number {
  if (!built) buildIndex();
  return typeIds.get(name) ?? -1;
}

/** The smallest encoded size of a value of this type, in bytes. */
export function minSizeOf(t: TypeCode): number {
  switch (t.op) {
    case Op.Long:
    case Op.Double:
      return 8;
    case Op.Int128:
      return 16;
    case Op.Int256:
      return 32;
    case Op.True:
      return 0;
    case Op.Bare:
      return minBareSize(t.ctor!);
    case Op.BareVector:
    case Op.Vector:
    case Op.Object:
    case Op.Any:
    default:
      return 4;
  }
}

/** The smallest size of a constructor's bare encoding (no id). */
export function minBareSize(c: Combinator): number {
  if (c.minSize >= 0) return c.minSize;
  c.minSize = 0; // guards against recursion through bare self-references
  let n = 0;
  for (const f of fieldsOf(c)) if (f.flagSlot < 0) n += minSizeOf(f.type);
  c.minSize = n;
  return n;
}
