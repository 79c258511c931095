/**
 * Tiny assertions for the storage contract suite. They use nothing but the
 * language, so the suite also runs in a browser page (no `node:assert`).
 */
import type { StorageErrorCode } from "../../storage/storage_error.ts";

/** Thrown by the assertions below. */
export class ContractFailure extends Error {
  /** @param message what did not hold */
  constructor(message: string) {
    super(message);
    this.name = "ContractFailure";
  }
}

function show(value: unknown): string {
  if (typeof value === "bigint") return `${value}n`;
  if (value instanceof Uint8Array) {
    return `Uint8Array(${value.length})[${value.slice(0, 8).join(",")}${
      value.length > 8 ? ",..." : ""
    }]`;
  }
  if (Array.isArray(value)) return `[${value.map(show).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    return `{${
      Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${show(v)}`)
        .join(", ")
    }}`;
  }
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/** Structural equality of storage values (bytes by content, bigints by value). */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null) return false;
  if (typeof a === "number") return Number.isNaN(a) && Number.isNaN(b);
  if (typeof a !== "object") return false;
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    if (!(a instanceof Uint8Array && b instanceof Uint8Array)) return false;
    if (a.constructor !== b.constructor || a.length !== b.length) return false;
    return a.every((byte, i) => byte === b[i]);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const keysA = Object.keys(a as object);
  const keysB = Object.keys(b as object);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((k) =>
    Object.prototype.hasOwnProperty.call(b, k) &&
    valuesEqual(
      (a as Record<string, unknown>)[k],
      (b as Record<string, unknown>)[k],
    )
  );
}

/** Fails unless `actual` and `expected` are structurally equal. */
export function assertEqual(
  actual: unknown,
  expected: unknown,
  what = "value",
): void {
  if (!valuesEqual(actual, expected)) {
    throw new ContractFailure(
      `${what}: expected ${show(expected)}, got ${show(actual)}`,
    );
  }
}

/** Fails unless `promise` rejects with a `StorageError` of the given code. */
export async function assertRejectsWith(
  promise: Promise<unknown>,
  code: StorageErrorCode,
  what: string,
): Promise<void> {
  let error: unknown;
  try {
    await promise;
  } catch (e) {
    error = e;
  }
  if (error === undefined) {
    throw new ContractFailure(`${what}: expected a rejection`);
  }
  const got = error as { name?: unknown; code?: unknown; store?: unknown };
  if (
    got.name !== "StorageError" || got.code !== code ||
    typeof got.store !== "string"
  ) {
    throw new ContractFailure(
      `${what}: expected StorageError "${code}", got ${String(error)} (code ${
        String(got.code)
      })`,
    );
  }
}
