/**
 * Login inputs that are either a value or a callback the client asks (again
 * after a wrong answer), and the error for an input that is missing.
 *
 * @module
 */

import type { RpcError } from "./rpc_error.ts";

/**
 * A login input: the value itself, or a (possibly async) function the client
 * calls when it needs it, with `info` about why (a callback is asked again
 * after a wrong answer; a plain value is not).
 */
export type LoginInput<T, Info = Record<never, never>> =
  | T
  | ((info: Info & LoginRetryInfo) => T | Promise<T>);

/** What every login callback is told. */
export interface LoginRetryInfo {
  /** The server's answer to the previous attempt (`PHONE_CODE_INVALID`, `PASSWORD_HASH_INVALID`), if this is a retry. */
  error?: RpcError;
  /** How many times this input was asked before (0 the first time). */
  attempt: number;
}

/** `start()` needed an input the caller did not give (`firstName` for a new account, `password` with 2FA). */
export class LoginInputMissingError extends Error {
  /** The name of the missing option (`"firstName"`, `"password"`, `"code"`, `"phone"`). */
  readonly input: string;

  /**
   * Creates the error.
   *
   * @param input the name of the missing `start()` option
   * @param why what the server asked for
   */
  constructor(input: string, why: string) {
    super(`start() needs the "${input}" option: ${why}`);
    this.name = "LoginInputMissingError";
    this.input = input;
  }
}

/** How many times one input is asked at most before the last error is thrown. */
export const MAX_LOGIN_ATTEMPTS = 10;

/**
 * Resolves a login input. A plain value cannot be asked again: with an
 * `error` from a previous attempt it throws that error instead.
 */
export async function askInput<T, Info>(
  input: LoginInput<T, Info> | undefined,
  name: string,
  why: string,
  info: Info & LoginRetryInfo,
): Promise<T> {
  if (input === undefined) throw new LoginInputMissingError(name, why);
  if (typeof input !== "function") {
    if (info.error !== undefined) throw info.error;
    return input;
  }
  if (info.attempt >= MAX_LOGIN_ATTEMPTS && info.error !== undefined) {
    throw info.error;
  }
  return await (input as (info: Info & LoginRetryInfo) => T | Promise<T>)(
    info,
  );
}
