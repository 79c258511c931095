import { TLError } from "./errors.ts";
import { TLReader, type TLReaderOptions } from "./reader.ts";
import { TLWriter } from "./writer.ts";
import { functionByName, resultOf } from "./schema_index.ts";
import type { TLFunction, TLObject } from "./types.ts";

let shared: TLWriter | null = null;
let busy = false;

function withWriter(fn: (w: TLWriter) => void): Uint8Array {
  // One writer is reused across calls (no allocation but the result copy);
  // a nested call (from a getter, say) gets its own.
  if (busy || shared === null) {
    if (shared === null) shared = new TLWriter(4096);
    else {
      const w = new TLWriter(256);
      fn(w);
      return w.finish();
    }
  }
  const w = shared;
  w.reset();
  busy = true;
  try {
    fn(w);
    return w.finish();
  } finally {
    busy = false;
  }
}

/** Serializes a boxed object or function. Throws {@link TLError} on a wrong-typed value. */
export function serialize(obj: TLObject | TLFunction): Uint8Array {
  return withWriter((w) => w.writeObject(obj));
}

/**
 * Deserializes one boxed object or function that must fill `bytes` exactly.
 * Throws {@link TLError} on malformed input.
 */
export function deserialize(
  bytes: Uint8Array,
  options?: TLReaderOptions,
): TLObject | TLFunction {
  const r = new TLReader(bytes, options);
  const v = r.readObject();
  if (r.remaining !== 0) {
    throw new TLError(
      `${r.remaining} bytes left over after ${(v as { _?: string })._}`,
    );
  }
  return v;
}

function methodOf(method: string) {
  const fn = functionByName(method);
  if (!fn) throw new TLError(`unknown method ${method}`);
  return fn;
}

/**
 * Reads the result of an RPC call to `method` (the bytes of `rpc_result.result`).
 * Needed because a result such as `Vector<long>` holds bare elements, which
 * cannot be read without knowing the method. For the generic wrappers
 * (`invokeWithLayer`, ...) the result is read as any boxed value.
 */
export function deserializeResult(
  method: string,
  bytes: Uint8Array,
  options?: TLReaderOptions,
): unknown {
  const t = resultOf(methodOf(method));
  const r = new TLReader(bytes, options);
  try {
    return r["readWhole"](t); // an internal method, kept off the public API
  } catch (e) {
    throw e instanceof TLError ? e.prepend(`${method}()`) : e;
  }
}

/** Serializes `value` as the result of `method` (the inverse of {@link deserializeResult}). */
export function serializeResult(method: string, value: unknown): Uint8Array {
  const t = resultOf(methodOf(method));
  return withWriter((w) => {
    try {
      w["writeType"](t, value); // an internal method, kept off the public API
    } catch (e) {
      throw e instanceof TLError ? e.prepend(`${method}()`) : e;
    }
  });
}
