/**
 * Specialised readers compiled at run time from the schema table: one small
 * function per constructor, built the first time the constructor is read.
 * They create each object with fixed property stores, which V8 optimises far
 * better than the generic interpreter's keyed stores. Where `new Function`
 * is forbidden (a Content-Security-Policy without 'unsafe-eval'), the
 * interpreter in `reader.ts` is used instead; both give identical results.
 *
 * @module
 */
import { TLError } from "./errors.ts";
import {
  allCombinators,
  type Combinator,
  fieldsOf,
  Op,
  type TypeCode,
} from "./schema_index.ts";

/** A compiled reader: reads the fields of one constructor. */
export type CompiledReader = (r: unknown) => Record<string, unknown>;

let enabled = true;

/** Turns compilation off or on (tests use it to cover the interpreter). */
export function setCompilation(on: boolean): void {
  enabled = on;
  for (const c of allCombinators()) {
    c.reader = null;
    c.compileTried = false;
  }
}

/** Whether compiled readers are in use. */
export function compilationEnabled(): boolean {
  return enabled;
}

const CALLS: Partial<Record<Op, string>> = {
  [Op.Int]: "r.readInt32()",
  [Op.Long]: "r.readInt64()",
  [Op.Double]: "r.readDouble()",
  [Op.Int128]: "r.readInt128()",
  [Op.Int256]: "r.readInt256()",
  [Op.Bytes]: "r.readBytes()",
  [Op.String]: "r.readString()",
  [Op.Bool]: "r.readBool()",
};

/** Builds the reader of `c`, or returns null when code generation is unavailable. */
export function compileReader(
  c: Combinator,
  maxDepth: number,
): CompiledReader | null {
  if (!enabled) return null;
  const fields = fieldsOf(c);
  const types: TypeCode[] = [];
  const names: string[] = [];
  const body: string[] = [];
  body.push(`if (++r.depth > ${maxDepth}) r.tooDeep();`);
  body.push("let s = 0, f0 = 0, f1 = 0;");
  body.push("try {");
  // Fields are read into locals in wire order, then the object is built with
  // one literal holding the unconditional fields (in-object properties) and
  // the present conditional fields added after it.
  const literal: string[] = [`_: ${JSON.stringify(c.name)}`];
  const later: string[] = [];
  const deferred: string[] = [];
  const bind: string[] = [];
  body.push("let " + (fields.map((_, i) => `v${i}`).join(", ") || "_x") + ";");
  fields.forEach((f, i) => {
    names.push(f.name);
    const key = JSON.stringify(f.name);
    const v = `v${i}`;
    let stmt: string;
    if (f.op === Op.Flags) stmt = `s = ${i}; f${f.slot} = r.readInt32();`;
    else if (f.op === Op.True) stmt = `${v} = true;`;
    else if (f.op === Op.Object) {
      stmt = `s = ${i}; ${v} = r.readBoxed(${f.type.typeId});`;
    } else if (f.op === Op.String) {
      // A long string may come back deferred: "" now, bound to o's key below.
      stmt = `s = ${i}; ${v} = r.readStringField(); d${i} = r.deferredSlot;`;
      deferred.push(`d${i} = -1`);
      bind.push(
        `if (d${i} >= 0) r.bindDeferred(d${i}, o, ${key});`,
      );
    } else if (CALLS[f.op]) stmt = `s = ${i}; ${v} = ${CALLS[f.op]};`;
    else if (f.op === Op.Vector && f.type.elem!.op === Op.Object) {
      types.push(f.type);
      stmt = `s = ${i}; ${v} = r.readObjectVector(T[${types.length - 1}]);`;
    } else {
      types.push(f.type);
      stmt = `s = ${i}; ${v} = r.readType(T[${types.length - 1}]);`;
    }
    if (f.op === Op.Flags) body.push(stmt);
    else if (f.flagSlot >= 0) {
      body.push(`if (f${f.flagSlot} & ${f.mask}) { ${stmt} }`);
      later.push(`if (${v} !== undefined) o[${key}] = ${v};`);
    } else {
      body.push(stmt);
      literal.push(`${key}: ${v}`);
    }
  });
  if (deferred.length) body.splice(4, 0, `let ${deferred.join(", ")};`);
  body.push(`const o = { ${literal.join(", ")} };`);
  body.push(...later);
  body.push(...bind);
  body.push("r.depth--;");
  body.push("return o;");
  body.push("} catch (e) { throw r.fieldError(e, N[s]); }");
  try {
    const make = new Function(
      "T",
      "N",
      `return function read_${c.name.replace(/\W/g, "_")}(r) {\n${
        body.join("\n")
      }\n};`,
    );
    return make(types, names) as CompiledReader;
  } catch (e) {
    if (e instanceof TLError) throw e;
    enabled = false; // e.g. EvalError under a strict CSP
    return null;
  }
}
