import { decodeBase64, encodeBase64 } from "./base64.ts";
import {
  MAX_KEY_LENGTH,
  type StorageOp,
  type StorageValue,
} from "./storage.ts";
import { StorageError, type StorageErrorCode } from "./storage_error.ts";

/** Values nest at most this deep; deeper data is rejected, not recursed into. */
const MAX_DEPTH = 64;

/**
 * Throws a {@linkcode StorageError} of code `"invalid"` unless `key` is a
 * non-empty, well-formed string of at most {@linkcode MAX_KEY_LENGTH} code
 * units.
 */
export function checkKey(store: string, key: unknown): asserts key is string {
  if (typeof key !== "string" || key.length === 0) {
    throw new StorageError(
      "invalid",
      store,
      "a key must be a non-empty string",
    );
  }
  if (key.length > MAX_KEY_LENGTH) {
    throw new StorageError(
      "invalid",
      store,
      `a key must be at most ${MAX_KEY_LENGTH} characters long`,
    );
  }
  if (!isWellFormed(key)) {
    throw new StorageError(
      "invalid",
      store,
      "a key must not hold lone surrogates",
    );
  }
}

/** Throws `"invalid"` unless `prefix` is a string that a key could start with. */
export function checkPrefix(
  store: string,
  prefix: unknown,
): asserts prefix is string {
  if (typeof prefix !== "string" || prefix.length > MAX_KEY_LENGTH) {
    throw new StorageError(
      "invalid",
      store,
      "a prefix must be a string no longer than a key",
    );
  }
}

function isWellFormed(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return false;
    }
  }
  return true;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Sets a property even when its name is `__proto__`. */
function put(target: Record<string, unknown>, key: string, value: unknown) {
  if (key === "__proto__") {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}

/**
 * Checks that `value` is a {@linkcode StorageValue} and returns a deep copy
 * of it (with plain `Uint8Array`s, without `undefined` properties). Throws a
 * {@linkcode StorageError} with `code` (`"invalid"` for values from callers,
 * `"corrupt"` for values read back from a medium) otherwise.
 */
export function cloneValue(
  value: unknown,
  store: string,
  key: string,
  code: StorageErrorCode = "invalid",
): StorageValue {
  const ancestors = new Set<object>();
  const fail = (what: string): never => {
    throw new StorageError(code, store, `unsupported value: ${what}`, { key });
  };
  const walk = (v: unknown, depth: number): StorageValue => {
    switch (typeof v) {
      case "string":
      case "boolean":
      case "bigint":
        return v;
      case "number":
        return Number.isFinite(v) ? v : fail(String(v));
      case "object": {
        if (v === null) return null;
        if (v instanceof Uint8Array) return new Uint8Array(v);
        if (depth >= MAX_DEPTH) return fail(`nested deeper than ${MAX_DEPTH}`);
        if (ancestors.has(v)) return fail("a cycle");
        ancestors.add(v);
        let out: StorageValue;
        if (Array.isArray(v)) {
          const list: StorageValue[] = new Array(v.length);
          for (let i = 0; i < v.length; i++) list[i] = walk(v[i], depth + 1);
          out = list;
        } else if (isPlainObject(v)) {
          const record: { [key: string]: StorageValue } = {};
          for (const [k, item] of Object.entries(v)) {
            if (item !== undefined) put(record, k, walk(item, depth + 1));
          }
          out = record;
        } else {
          out = fail(Object.prototype.toString.call(v));
        }
        ancestors.delete(v);
        return out;
      }
      default:
        return fail(typeof v);
    }
  };
  return walk(value, 0);
}

/**
 * Converts a (valid) value to plain JSON data: `bigint` becomes
 * `{"$n": "<decimal>"}`, `Uint8Array` becomes `{"$b": "<base64>"}`, and an
 * object with a key starting with `$` is wrapped as `{"$o": {...}}`. This is
 * the one value encoding of every backend that stores text.
 */
export function toTaggedJson(value: StorageValue): unknown {
  if (typeof value === "bigint") return { $n: value.toString() };
  if (value instanceof Uint8Array) return { $b: encodeBase64(value) };
  if (Array.isArray(value)) return value.map(toTaggedJson);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    let needsWrap = false;
    for (const [k, item] of Object.entries(value)) {
      if (k.startsWith("$")) needsWrap = true;
      put(out, k, toTaggedJson(item));
    }
    return needsWrap ? { $o: out } : out;
  }
  return value;
}

/**
 * The inverse of {@linkcode toTaggedJson}: checks parsed JSON data and turns
 * it back into a value. Throws a {@linkcode StorageError} of code `"corrupt"`
 * for anything {@linkcode toTaggedJson} would not have produced.
 */
export function fromTaggedJson(
  data: unknown,
  store: string,
  key: string,
): StorageValue {
  const fail = (what: string): never => {
    throw new StorageError("corrupt", store, `bad stored value: ${what}`, {
      key,
    });
  };
  const walk = (v: unknown, depth: number): StorageValue => {
    if (v === null || typeof v === "string" || typeof v === "boolean") return v;
    if (typeof v === "number") return Number.isFinite(v) ? v : fail(String(v));
    if (typeof v !== "object") return fail(typeof v);
    if (depth >= MAX_DEPTH) return fail(`nested deeper than ${MAX_DEPTH}`);
    if (Array.isArray(v)) return v.map((item) => walk(item, depth + 1));
    const entries = Object.entries(v);
    const tagged = entries.some(([k]) => k.startsWith("$"));
    let members = entries;
    if (tagged) {
      if (entries.length !== 1) return fail("an object mixing tags and keys");
      const [tag, payload] = entries[0];
      if (tag === "$n") {
        if (
          typeof payload !== "string" || !/^-?(0|[1-9][0-9]*)$/.test(payload)
        ) {
          return fail("a malformed bigint");
        }
        return BigInt(payload);
      }
      if (tag === "$b") {
        const bytes = typeof payload === "string"
          ? decodeBase64(payload)
          : undefined;
        return bytes ?? fail("malformed base64");
      }
      if (
        tag !== "$o" || payload === null || typeof payload !== "object" ||
        Array.isArray(payload)
      ) {
        return fail(`an unknown tag ${JSON.stringify(tag)}`);
      }
      members = Object.entries(payload);
    }
    const out: { [key: string]: StorageValue } = {};
    for (const [k, item] of members) put(out, k, walk(item, depth + 1));
    return out;
  };
  return walk(data, 0);
}

/** Encodes a value as one line of tagged JSON text (see {@linkcode toTaggedJson}). */
export function encodeValue(value: StorageValue): string {
  return JSON.stringify(toTaggedJson(value));
}

/**
 * Decodes text written by {@linkcode encodeValue}; throws a
 * {@linkcode StorageError} of code `"corrupt"` naming `store` and `key` for
 * anything else.
 */
export function decodeValue(
  text: string,
  store: string,
  key: string,
): StorageValue {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new StorageError("corrupt", store, "stored value is not valid JSON", {
      key,
      cause,
    });
  }
  return fromTaggedJson(data, store, key);
}

/**
 * Checks every op of a batch up front (so that a bad op fails the whole batch
 * before anything is written) and returns them with copied values.
 */
export function checkOps(
  store: string,
  ops: readonly StorageOp[],
): StorageOp[] {
  if (!Array.isArray(ops)) {
    throw new StorageError("invalid", store, "a batch takes an array of ops");
  }
  return ops.map((op): StorageOp => {
    const type = op?.type;
    checkKey(store, op?.key);
    if (type === "set") {
      return { type, key: op.key, value: cloneValue(op.value, store, op.key) };
    }
    if (type === "delete") return { type, key: op.key };
    throw new StorageError(
      "invalid",
      store,
      `unknown batch op ${JSON.stringify(type)}`,
    );
  });
}

/** Compares keys in key order (JavaScript string order). */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
