/**
 * A parser for Telegram's TL schema language, shared by the generator
 * (`scripts/generate_tl.ts`) and the TL tests.
 *
 * @module
 */

/** A parsed type expression of a field or a result. */
export type TLTypeRef =
  | { kind: "prim"; name: PrimName }
  | { kind: "flags" }
  | { kind: "boxed"; name: string }
  | { kind: "bare"; name: string }
  | { kind: "vector"; bare: boolean; elem: TLTypeRef }
  | { kind: "generic"; name: string; bang: boolean };

/** The primitive TL types the codec handles natively. */
export type PrimName =
  | "int"
  | "long"
  | "double"
  | "int128"
  | "int256"
  | "bytes"
  | "string"
  | "Bool"
  | "true";

/** One field (argument) of a combinator. */
export interface TLParam {
  /** The field name as written in the schema. */
  name: string;
  /** Its type. */
  type: TLTypeRef;
  /** Set when the field is conditional: `flags.N?T`. */
  cond?: { flagField: string; bit: number };
}

/** One combinator (constructor or function) of a schema. */
export interface TLEntry {
  /** The combinator name, e.g. `messages.sendMessage`. */
  name: string;
  /** The 32-bit id, unsigned. */
  id: number;
  /** Constructor or function. */
  kind: "constructor" | "function";
  /** The fields, in wire order. */
  params: TLParam[];
  /** The type (constructors) or result type (functions). */
  type: TLTypeRef;
  /** The raw text of the type / result as written. */
  typeText: string;
  /** Generic parameters `{X:Type}`. */
  generics: string[];
  /** The source line, without the trailing `;`. */
  line: string;
  /** Which schema file it came from. */
  source: string;
}

/** Raised when a schema line cannot be parsed or its id does not match. */
export class TLSchemaError extends Error {
  /** @param message what is wrong, including the offending line */
  constructor(message: string) {
    super(message);
    this.name = "TLSchemaError";
  }
}

const CRC_TABLE: Uint32Array = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC32 (IEEE) of the UTF-8 bytes of `text`, unsigned. */
export function crc32(text: string): number {
  const bytes = new TextEncoder().encode(text);
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * The normalised text of a schema line whose CRC32 is the combinator id:
 * drop `#id`, read a field type `bytes` as `string` (not inside `Vector<bytes>`), `<` becomes a space, drop `>`, `{`, `}`
 * and every `name:flags.N?true` field, and collapse spaces.
 */
export function normaliseLine(line: string): string {
  let s = line.trim().replace(/;$/, "");
  s = s.replace(/^([\w.]+)#[0-9a-fA-F]+/, "$1");
  let afterEquals = false;
  const tokens: string[] = [];
  for (const tok of s.split(/\s+/)) {
    if (tok === "=") afterEquals = true;
    if (/^\w+:\w+\.\d+\?true$/.test(tok)) continue;
    // Only a bare `bytes` type reads as `string`; `Vector<bytes>` keeps it.
    if (afterEquals) tokens.push(tok === "bytes" ? "string" : tok);
    else tokens.push(tok.replace(/^(\w+:(?:\w+\.\d+\?)?)bytes$/, "$1string"));
  }
  s = tokens.join(" ").replace(/</g, " ").replace(/[>{}]/g, "");
  return s.replace(/\s+/g, " ").trim();
}

const PRIMS: Record<string, PrimName> = {
  int: "int",
  long: "long",
  double: "double",
  int128: "int128",
  int256: "int256",
  bytes: "bytes",
  string: "string",
  Bool: "Bool",
  true: "true",
};

/** Parses a type expression such as `Vector<MessageEntity>`, `%Message`, `!X`. */
export function parseTypeRef(text: string, generics: string[]): TLTypeRef {
  if (text === "#") return { kind: "flags" };
  if (text.startsWith("!")) {
    const name = text.slice(1);
    if (!generics.includes(name)) {
      throw new TLSchemaError(`unknown generic !${name}`);
    }
    return { kind: "generic", name, bang: true };
  }
  if (generics.includes(text)) {
    return { kind: "generic", name: text, bang: false };
  }
  const vec = /^(Vector|vector)<(.+)>$/.exec(text);
  if (vec) {
    return {
      kind: "vector",
      bare: vec[1] === "vector",
      elem: parseTypeRef(vec[2], generics),
    };
  }
  if (text in PRIMS) return { kind: "prim", name: PRIMS[text] };
  if (text.startsWith("%")) return { kind: "bare", name: text.slice(1) };
  if (!/^([a-zA-Z_]\w*\.)?[a-zA-Z_]\w*$/.test(text)) {
    throw new TLSchemaError(`bad type ${text}`);
  }
  const last = text.includes(".")
    ? text.slice(text.lastIndexOf(".") + 1)
    : text;
  // A lower-case type name (`future_salt`) names a constructor used bare.
  if (/^[a-z]/.test(last)) return { kind: "bare", name: text };
  return { kind: "boxed", name: text };
}

/** Lines that the TL language defines itself and the codec handles natively. */
export const BUILTIN_NAMES: ReadonlySet<string> = new Set([
  "boolFalse",
  "boolTrue",
  "true",
  "vector",
]);

/**
 * Parses one schema file. Every id is checked against the CRC32 of its
 * normalised line; a mismatch throws {@link TLSchemaError}.
 */
export function parseSchema(text: string, source: string): TLEntry[] {
  const entries: TLEntry[] = [];
  let kind: "constructor" | "function" = "constructor";
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].replace(/\/\/.*$/, "").trim();
    if (!raw) continue;
    if (raw === "---functions---") {
      kind = "function";
      continue;
    }
    if (raw === "---types---") {
      kind = "constructor";
      continue;
    }
    const where = `${source}:${i + 1}`;
    const entry = parseLine(raw, kind, where);
    entry.source = source;
    entries.push(entry);
  }
  return entries;
}

/** Parses one combinator line (with or without the trailing `;`). */
export function parseLine(
  raw: string,
  kind: "constructor" | "function",
  where = "line",
): TLEntry {
  const line = raw.trim().replace(/;$/, "").trim();
  const m = /^([\w.]+)#([0-9a-fA-F]{1,8})\s+(.*?)=\s*(.+)$/.exec(line);
  if (!m) {
    throw new TLSchemaError(
      `${where}: cannot parse "${line}" (a combinator needs name#id ... = Type)`,
    );
  }
  const [, name, idHex, argsText, typeText] = m;
  const id = parseInt(idHex, 16) >>> 0;
  const expected = crc32(normaliseLine(line));
  if (expected !== id) {
    throw new TLSchemaError(
      `${where}: id mismatch for ${name}: the line says #${idHex} but the CRC32 of ` +
        `"${normaliseLine(line)}" is #${expected.toString(16)}`,
    );
  }
  const generics: string[] = [];
  const params: TLParam[] = [];
  const flagFields = new Set<string>();
  const type = typeText.trim();
  if (BUILTIN_NAMES.has(name)) {
    return {
      name,
      id,
      kind,
      params,
      type: { kind: "boxed", name: type },
      typeText: type,
      generics,
      line,
      source: "",
    };
  }
  for (const tok of argsText.trim().split(/\s+/).filter(Boolean)) {
    const g = /^\{(\w+):Type\}$/.exec(tok);
    if (g) {
      generics.push(g[1]);
      continue;
    }
    const p = /^(\w+):(.+)$/.exec(tok);
    if (!p) {
      throw new TLSchemaError(
        `${where}: cannot parse field "${tok}" of ${name}`,
      );
    }
    const [, fname, ftype] = p;
    if (params.some((q) => q.name === fname)) {
      throw new TLSchemaError(`${where}: duplicate field ${fname} in ${name}`);
    }
    const c = /^(\w+)\.(\d+)\?(.+)$/.exec(ftype);
    if (c) {
      const bit = Number(c[2]);
      if (!flagFields.has(c[1])) {
        throw new TLSchemaError(
          `${where}: ${fname} uses ${c[1]} before it is declared`,
        );
      }
      if (bit > 31) {
        throw new TLSchemaError(`${where}: flag bit ${bit} out of range`);
      }
      params.push({
        name: fname,
        type: parseTypeRef(c[3], generics),
        cond: { flagField: c[1], bit },
      });
      continue;
    }
    const t = parseTypeRef(ftype, generics);
    if (t.kind === "flags") flagFields.add(fname);
    if (t.kind === "prim" && t.name === "true") {
      throw new TLSchemaError(`${where}: unconditional true field ${fname}`);
    }
    params.push({ name: fname, type: t });
  }
  let resultType: TLTypeRef;
  if (generics.includes(type)) {
    resultType = { kind: "generic", name: type, bang: false };
  } else resultType = parseTypeRef(type, generics);
  return {
    name,
    id,
    kind,
    params,
    type: resultType,
    typeText: type,
    generics,
    line,
    source: "",
  };
}

/**
 * The TypeScript identifier stem for a TL name: split on `.` and `_`,
 * upper-case the first letter of each part, join.
 */
export function pascalName(name: string): string {
  return name.split(/[._]/).filter(Boolean).map((p) =>
    p[0].toUpperCase() + p.slice(1)
  ).join("");
}
