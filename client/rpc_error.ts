/**
 * Errors the server returns for an RPC call (`rpc_error`), as typed classes.
 *
 * @module
 */

/**
 * The server answered a call with `rpc_error`. `message` is the server's
 * error text exactly (for instance `"FLOOD_WAIT_5"`), `code` the numeric
 * error code (400, 401, 403, 420, 500, ...), `type` the text without a
 * trailing numeric suffix (`"FLOOD_WAIT"`) and `value` that suffix when there
 * is one (`5`).
 */
export class RpcError extends Error {
  /** The numeric error code (`error_code`), such as 400 or 420. */
  readonly code: number;
  /** The error text without its numeric suffix, such as `"FLOOD_WAIT"`. */
  readonly type: string;
  /** The numeric suffix of the error text (`5` in `"FLOOD_WAIT_5"`), if any. */
  readonly value: number | undefined;
  /** The name of the method that was called, when known. */
  readonly method: string | undefined;

  /**
   * Creates the error (the client does, from `rpc_error`).
   *
   * @param code the `error_code` of the `rpc_error`
   * @param message the `error_message` of the `rpc_error`
   * @param method the name of the called method, for diagnostics
   */
  constructor(code: number, message: string, method?: string) {
    super(message);
    this.name = "RpcError";
    this.code = code;
    this.method = method;
    const parsed = parseErrorText(message);
    this.type = parsed.type;
    this.value = parsed.value;
  }
}

/** `FLOOD_WAIT_X` (and `FLOOD_PREMIUM_WAIT_X`, `SLOWMODE_WAIT_X`): retry after `seconds`. */
export class FloodWait extends RpcError {
  /** How many seconds to wait before repeating the call. */
  readonly seconds: number;

  /**
   * Creates the error (the client does, from `rpc_error`).
   *
   * @see {@linkcode RpcError}
   */
  constructor(code: number, message: string, method?: string) {
    super(code, message, method);
    this.name = "FloodWait";
    this.seconds = this.value ?? 0;
  }
}

/** What has to move to another DC, from the prefix of a `*_MIGRATE_X` error. */
export type MigrateKind = "PHONE" | "NETWORK" | "USER" | "FILE" | "STATS";

/** `PHONE_MIGRATE_X`, `NETWORK_MIGRATE_X`, `USER_MIGRATE_X`, `FILE_MIGRATE_X`, `STATS_MIGRATE_X`: repeat the call on DC `dc`. */
export class MigrateError extends RpcError {
  /** The DC the call must be repeated on. */
  readonly dc: number;
  /** Which kind of migration the server asks for. */
  readonly kind: MigrateKind;

  /**
   * Creates the error (the client does, from `rpc_error`).
   *
   * @see {@linkcode RpcError}
   */
  constructor(code: number, message: string, method?: string) {
    super(code, message, method);
    this.name = "MigrateError";
    this.dc = this.value ?? 0;
    this.kind = this.type.slice(
      0,
      this.type.length - "_MIGRATE".length,
    ) as MigrateKind;
  }
}

const SUFFIX = /^(.*?)_(\d+)$/;
const FLOOD_TYPES = new Set([
  "FLOOD_WAIT",
  "FLOOD_PREMIUM_WAIT",
  "SLOWMODE_WAIT",
  "FLOOD_TEST_PHONE_WAIT",
]);
const MIGRATE_TYPES = new Set([
  "PHONE_MIGRATE",
  "NETWORK_MIGRATE",
  "USER_MIGRATE",
  "FILE_MIGRATE",
  "STATS_MIGRATE",
]);

function parseErrorText(
  text: string,
): { type: string; value: number | undefined } {
  const match = SUFFIX.exec(text);
  if (match === null) return { type: text, value: undefined };
  const value = Number(match[2]);
  return Number.isSafeInteger(value)
    ? { type: match[1], value }
    : { type: text, value: undefined };
}

/**
 * Builds the most specific error class for an `rpc_error` of the server:
 * {@linkcode FloodWait}, {@linkcode MigrateError} or a plain {@linkcode RpcError}.
 */
export function rpcErrorFrom(
  code: number,
  message: string,
  method?: string,
): RpcError {
  const { type, value } = parseErrorText(message);
  if (value !== undefined && FLOOD_TYPES.has(type)) {
    return new FloodWait(code, message, method);
  }
  if (value !== undefined && MIGRATE_TYPES.has(type)) {
    return new MigrateError(code, message, method);
  }
  return new RpcError(code, message, method);
}
