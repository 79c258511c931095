/**
 * QR code login ("Login via QR code"): `auth.exportLoginToken` gives a token
 * to show as `tg://login?token=<base64url>`; when a logged-in app accepts it
 * the server sends `updateLoginToken`, and the next `auth.exportLoginToken`
 * completes the login (or names the DC to finish it on with
 * `auth.importLoginToken`). A token expires after about 30 seconds: the
 * callback then receives a fresh URL.
 *
 * @module
 */

import { encodeBase64 } from "../storage/base64.ts";
import type { RawUser, TLObject, TypeAuthLoginToken } from "../tl/mod.ts";
import { loggedInUser } from "./login_bot.ts";
import type { LoginHost } from "./login_host.ts";
import { checkPassword, type PasswordInfo } from "./login_password.ts";
import type { LoginInput } from "./login_prompt.ts";
import { RpcError } from "./rpc_error.ts";

/** What the QR callback receives each time the code changes. */
export interface QrCodeInfo {
  /** `tg://login?token=<base64url>`: encode it as a QR code. */
  url: string;
  /** When the token expires (a new one follows). */
  expires: Date;
  /** The raw token. */
  token: Uint8Array;
}

/** The inputs of a QR login. */
export interface QrLoginOptions {
  /** Called with every new login URL (the first, and after each expiry). */
  qr: (info: QrCodeInfo) => void | Promise<void>;
  /** The 2FA password, if the account has one. */
  password?: LoginInput<string, PasswordInfo>;
  /** User ids already logged in on this client, which must not accept the code. */
  exceptIds?: bigint[];
  /** Aborts the wait for the code to be scanned. */
  signal?: AbortSignal;
}

/** The `tg://login` URL of a login token. */
export function loginTokenUrl(token: Uint8Array): string {
  return `tg://login?token=${encodeBase64(token, true)}`;
}

/** Whether a server object carries `updateLoginToken`. */
export function hasLoginTokenUpdate(update: TLObject): boolean {
  const object = update as {
    _: string;
    update?: TLObject;
    updates?: TLObject[];
  };
  if (object._ === "updateLoginToken") return true;
  if (object._ === "updateShort" && object.update) {
    return object.update._ === "updateLoginToken";
  }
  if (
    (object._ === "updates" || object._ === "updatesCombined") &&
    Array.isArray(object.updates)
  ) return object.updates.some((u) => u._ === "updateLoginToken");
  return false;
}

const MIN_WAIT_MS = 1000;
const MAX_WAIT_MS = 120_000;

/** Logs in by QR code; resolves with the account's `user`. */
export async function loginQr(
  host: LoginHost,
  options: QrLoginOptions,
): Promise<RawUser> {
  if (typeof options.qr !== "function") {
    throw new TypeError("qr must be a function receiving the login URL");
  }
  let accepted = false;
  let wake: (() => void) | undefined;
  const stop = host.onServerUpdate((update) => {
    if (!hasLoginTokenUpdate(update)) return;
    accepted = true;
    wake?.();
  });
  try {
    for (;;) {
      options.signal?.throwIfAborted();
      const outcome = await passwordAware(host, options, () =>
        host.invoke({
          _: "auth.exportLoginToken",
          api_id: host.apiId,
          api_hash: host.apiHash,
          except_ids: options.exceptIds ?? [],
        }) as Promise<TypeAuthLoginToken>);
      if (outcome.user) {
        await host.completeLogin(outcome.user);
        return outcome.user;
      }
      const token = outcome.token!;
      if (accepted) {
        accepted = false;
        continue;
      }
      await options.qr({
        url: loginTokenUrl(token.token),
        expires: new Date(token.expires * 1000),
        token: token.token,
      });
      const waitMs = Math.min(
        MAX_WAIT_MS,
        Math.max(MIN_WAIT_MS, token.expires * 1000 - Date.now()),
      );
      await new Promise<void>((resolve, reject) => {
        const end = () => {
          clearTimeout(timer);
          options.signal?.removeEventListener("abort", aborted);
          wake = undefined;
        };
        const done = () => {
          end();
          resolve();
        };
        const aborted = () => {
          end();
          reject(options.signal!.reason);
        };
        const timer = setTimeout(done, waitMs);
        options.signal?.addEventListener("abort", aborted, { once: true });
        wake = done;
        if (options.signal?.aborted) aborted();
        else if (accepted) done();
      });
      accepted = false;
    }
  } finally {
    stop();
  }
}

/**
 * Runs an export/import call and follows its answer: a migration to the
 * account's DC, a success, or the 2FA step.
 */
async function passwordAware(
  host: LoginHost,
  options: QrLoginOptions,
  call: () => Promise<TypeAuthLoginToken>,
): Promise<
  {
    user?: RawUser;
    token?: Extract<TypeAuthLoginToken, { _: "auth.loginToken" }>;
  }
> {
  try {
    let result = await call();
    for (let hops = 0; result._ === "auth.loginTokenMigrateTo"; hops++) {
      if (hops >= 3) throw new RpcError(303, "LOGIN_TOKEN_MIGRATE_LOOP");
      await host.moveMainDc(result.dc_id);
      result = await host.invoke({
        _: "auth.importLoginToken",
        token: result.token,
      }) as TypeAuthLoginToken;
    }
    if (result._ === "auth.loginTokenSuccess") {
      return {
        user: loggedInUser(result.authorization, "auth.exportLoginToken"),
      };
    }
    return { token: result };
  } catch (caught) {
    if (
      caught instanceof RpcError && caught.message === "SESSION_PASSWORD_NEEDED"
    ) {
      return { user: await checkPassword(host, options.password) };
    }
    throw caught;
  }
}
