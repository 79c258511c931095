/**
 * `client.start()`: picks the login flow from the options (bot token, phone
 * number, QR code) and runs it.
 *
 * @module
 */

import type { RawUser } from "../tl/mod.ts";
import { loginBot } from "./login_bot.ts";
import type { LoginHost } from "./login_host.ts";
import type { PasswordInfo } from "./login_password.ts";
import type { LoginInput } from "./login_prompt.ts";
import { loginQr, type QrCodeInfo } from "./login_qr.ts";
import { type CodeInfo, loginUser } from "./login_user.ts";

/**
 * Options of `client.start()`: a `botToken`, or a `phone` with `code` (and
 * `password`, `firstName`, `lastName` as needed), or a `qr` callback. Each
 * user input is a value or a callback; a callback is asked again after a
 * wrong answer (`PHONE_CODE_INVALID`, `PASSWORD_HASH_INVALID`), a plain value
 * makes that error throw.
 */
export interface StartOptions {
  /** Log in as a bot with the token from @BotFather (`<bot id>:<secret>`). */
  botToken?: string;
  /** Log in as a user with this phone number (international format). */
  phone?: LoginInput<string>;
  /** The login code Telegram sent (on Telegram's test DCs: the DC id five times). */
  code?: LoginInput<string, CodeInfo>;
  /** The 2FA password, for accounts that have one. */
  password?: LoginInput<string, PasswordInfo>;
  /** The first name, to sign up a number that has no account yet. */
  firstName?: LoginInput<string>;
  /** The last name, for a sign-up. */
  lastName?: LoginInput<string>;
  /** Log in by QR code: called with each `tg://login?token=...` URL to show. */
  qr?: (info: QrCodeInfo) => void | Promise<void>;
  /** QR login: user ids already logged in here, which may not accept the code. */
  exceptIds?: bigint[];
  /** Aborts a QR login while it waits for the code to be scanned. */
  signal?: AbortSignal;
}

/** Runs the login flow the options ask for; resolves with the account's `user`. */
export function login(
  host: LoginHost,
  options: StartOptions,
): Promise<RawUser> {
  const flows = [
    options.botToken !== undefined,
    options.phone !== undefined,
    options.qr !== undefined,
  ].filter(Boolean).length;
  if (flows !== 1) {
    throw new TypeError(
      "start() needs exactly one of botToken, phone or qr (the storage holds no logged-in account)",
    );
  }
  if (options.botToken !== undefined) return loginBot(host, options.botToken);
  if (options.phone !== undefined) {
    return loginUser(host, {
      phone: options.phone,
      code: options.code,
      password: options.password,
      firstName: options.firstName,
      lastName: options.lastName,
    });
  }
  return loginQr(host, {
    qr: options.qr!,
    password: options.password,
    exceptIds: options.exceptIds,
    signal: options.signal,
  });
}

/** The bot id at the start of a bot token, if it has one. */
export function botIdOfToken(token: string): bigint | undefined {
  const match = /^([0-9]{1,19}):/.exec(token);
  return match ? BigInt(match[1]) : undefined;
}
