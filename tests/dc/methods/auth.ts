/**
 * `auth.*` methods of the test DC: bot login, phone login with sign-up and
 * 2FA, QR login, export/import of authorizations between DCs, log-out.
 * Behaviour and error names as documented on core.telegram.org ("User
 * Authorization", "Two-factor authentication", "QR code login", "Working
 * with different Data Centers").
 *
 * @module
 */

import { SecurityError } from "../../../crypto/mod.ts";
import { verifySrpM1 } from "../../../crypto/srp_server.ts";
import { serialize, type TLObject } from "../../../tl/mod.ts";
import { type AuthWorld, authWorld, normalizePhone } from "../auth_world.ts";
import type { MethodTable, RpcContext } from "../rpc.ts";
import { RpcFailure } from "../rpc_error.ts";
import { chatWorld } from "../updates/chat_world.ts";
import type { WorldUser } from "../world.ts";

type Request = Record<string, unknown>;

function auth(ctx: RpcContext): AuthWorld {
  return authWorld(ctx.world, ctx.now);
}

function checkApi(request: Request): void {
  if (typeof request.api_id !== "number" || request.api_id <= 0) {
    throw new RpcFailure(400, "API_ID_INVALID");
  }
  if (typeof request.api_hash === "string" && request.api_hash === "") {
    throw new RpcFailure(400, "API_ID_INVALID");
  }
}

/** The `auth.authorization` a login answers with (and the key logged in). */
function loggedIn(ctx: RpcContext, user: WorldUser): unknown {
  auth(ctx).authorize(ctx.dc.id, ctx.authKey, user.id);
  return {
    _: "auth.authorization",
    user: chatWorld(ctx.world, ctx.now).userObject(user.id, user.id),
  };
}

/** Users (not bots) must come to their home DC to log in: `303 <kind>_MIGRATE_X` otherwise. */
function requireHomeDc(ctx: RpcContext, user: WorldUser, kind: string): void {
  if (user.homeDc !== ctx.dc.id) {
    throw new RpcFailure(303, `${kind}_MIGRATE_${user.homeDc}`);
  }
}

function checkPhone(raw: unknown): string {
  if (typeof raw !== "string") {
    throw new RpcFailure(400, "PHONE_NUMBER_INVALID");
  }
  const phone = normalizePhone(raw);
  if (phone.length < 5 || phone.length > 15 || /[a-z]/i.test(raw)) {
    throw new RpcFailure(400, "PHONE_NUMBER_INVALID");
  }
  return phone;
}

/** `auth.importBotAuthorization`: a token this world issued logs the key in as the bot (on its home DC). */
function importBotAuthorization(request: Request, ctx: RpcContext): unknown {
  checkApi(request);
  const bot = auth(ctx).botByToken(String(request.bot_auth_token ?? ""));
  if (!bot) throw new RpcFailure(400, "ACCESS_TOKEN_INVALID");
  requireHomeDc(ctx, bot, "USER");
  auth(ctx).stats.botLogins++;
  return loggedIn(ctx, bot);
}

/** `auth.sendCode`: a code for a registered or a new number, on the number's DC. */
function sendCode(request: Request, ctx: RpcContext): unknown {
  checkApi(request);
  const world = auth(ctx);
  const phone = checkPhone(request.phone_number);
  const user = world.userByPhone(phone);
  const homeDc = user?.homeDc ?? world.phoneHomeDc(phone) ?? ctx.dc.id;
  if (homeDc !== ctx.dc.id) {
    throw new RpcFailure(303, `PHONE_MIGRATE_${homeDc}`);
  }
  const code = world.codeFor(homeDc);
  const hash = world.sendCode(phone, code);
  return {
    _: "auth.sentCode",
    // A registered account gets the code in its other sessions; a new number by SMS.
    type: user
      ? { _: "auth.sentCodeTypeApp", length: code.length }
      : { _: "auth.sentCodeTypeSms", length: code.length },
    phone_code_hash: hash,
    next_type: { _: "auth.codeTypeSms" },
    timeout: 60,
  };
}

/** Finds the pending code for a request (`phone_number`, `phone_code_hash`), with Telegram's errors. */
function pendingCodeOf(request: Request, ctx: RpcContext) {
  const phone = checkPhone(request.phone_number);
  const hash = request.phone_code_hash;
  if (typeof hash !== "string" || hash === "") {
    throw new RpcFailure(400, "PHONE_CODE_HASH_EMPTY");
  }
  const pending = auth(ctx).pendingCode(hash);
  if (!pending || pending.expiresAt <= ctx.now()) {
    throw new RpcFailure(400, "PHONE_CODE_EXPIRED");
  }
  if (pending.phone !== phone) {
    throw new RpcFailure(400, "PHONE_NUMBER_INVALID");
  }
  return { phone, hash, pending };
}

/** `auth.signIn`: checks the code; logs in, asks for the 2FA password, or says sign-up is required. */
function signIn(request: Request, ctx: RpcContext): unknown {
  const world = auth(ctx);
  const { phone, hash, pending } = pendingCodeOf(request, ctx);
  const code = request.phone_code;
  if (typeof code !== "string" || code === "") {
    throw new RpcFailure(400, "PHONE_CODE_EMPTY");
  }
  if (code !== pending.code) throw new RpcFailure(400, "PHONE_CODE_INVALID");
  const user = world.userByPhone(phone);
  if (!user) {
    pending.signUpAllowed = true;
    return { _: "auth.authorizationSignUpRequired" };
  }
  requireHomeDc(ctx, user, "USER");
  world.dropCode(hash);
  if (world.password(user.id)) {
    world.setPasswordPending(ctx.dc.id, ctx.authKey, user.id);
    throw new RpcFailure(401, "SESSION_PASSWORD_NEEDED");
  }
  world.stats.userLogins++;
  return loggedIn(ctx, user);
}

/** `auth.signUp`: creates the account for a number `auth.signIn` found free. */
function signUp(request: Request, ctx: RpcContext): unknown {
  const world = auth(ctx);
  const { phone, hash, pending } = pendingCodeOf(request, ctx);
  if (!pending.signUpAllowed) {
    // The code was never checked: signIn comes first.
    throw new RpcFailure(400, "PHONE_CODE_INVALID");
  }
  if (world.userByPhone(phone)) {
    throw new RpcFailure(400, "PHONE_NUMBER_OCCUPIED");
  }
  const firstName = String(request.first_name ?? "").trim();
  if (firstName === "" || firstName.length > 64) {
    throw new RpcFailure(400, "FIRSTNAME_INVALID");
  }
  const lastName = String(request.last_name ?? "").trim();
  if (lastName.length > 64) throw new RpcFailure(400, "LASTNAME_INVALID");
  world.dropCode(hash);
  const user = world.createUser({
    phone,
    firstName,
    lastName: lastName || undefined,
    homeDc: ctx.dc.id,
  });
  world.stats.signUps++;
  world.stats.userLogins++;
  return loggedIn(ctx, user);
}

/** `auth.checkPassword`: the SRP proof of the 2FA password, after the code (or QR) step. */
function checkPassword(request: Request, ctx: RpcContext): unknown {
  const world = auth(ctx);
  const userId = world.passwordPending(ctx.dc.id, ctx.authKey);
  if (userId === undefined) {
    // Nothing asked for a password on this key.
    throw new RpcFailure(400, "PASSWORD_HASH_INVALID");
  }
  world.stats.passwordChecks++;
  const input = request.password as Request;
  if (input?._ !== "inputCheckPasswordSRP") {
    throw new RpcFailure(400, "PASSWORD_HASH_INVALID");
  }
  const round = world.takeSrpRound(input.srp_id as bigint);
  if (!round || round.userId !== userId) {
    throw new RpcFailure(400, "SRP_ID_INVALID");
  }
  if (world.password(userId) !== round.password) {
    throw new RpcFailure(400, "SRP_PASSWORD_CHANGED");
  }
  try {
    verifySrpM1(
      round.password.algo,
      round.password.verifier,
      round.round,
      input.A as Uint8Array,
      input.M1 as Uint8Array,
    );
  } catch (error) {
    if (error instanceof SecurityError && error.check === "M1") {
      throw new RpcFailure(400, "PASSWORD_HASH_INVALID");
    }
    throw new RpcFailure(400, "SRP_A_INVALID");
  }
  const user = ctx.world.user(userId)!;
  world.stats.userLogins++;
  return loggedIn(ctx, user);
}

/** `auth.logOut`: the key is no longer logged in. */
function logOut(_request: Request, ctx: RpcContext): unknown {
  ctx.requireUser();
  auth(ctx).unauthorize(ctx.dc.id, ctx.authKey);
  return { _: "auth.loggedOut" };
}

/** `auth.exportAuthorization`: a ticket to log the same account in on another DC. */
function exportAuthorization(request: Request, ctx: RpcContext): unknown {
  const userId = ctx.requireUser();
  const dcId = request.dc_id as number;
  if (dcId === ctx.dc.id || !auth(ctx).dc(dcId)) {
    throw new RpcFailure(400, "DC_ID_INVALID");
  }
  const { id, bytes } = auth(ctx).exportAuthorization(userId, dcId);
  return { _: "auth.exportedAuthorization", id, bytes };
}

/** `auth.importAuthorization`: logs this key in with a ticket exported for this DC. */
function importAuthorization(request: Request, ctx: RpcContext): unknown {
  const world = auth(ctx);
  const userId = world.takeExportedAuthorization(
    request.id as bigint,
    request.bytes as Uint8Array,
    ctx.dc.id,
  );
  if (userId === undefined) throw new RpcFailure(400, "AUTH_BYTES_INVALID");
  world.stats.importedAuthorizations++;
  const user = ctx.world.user(userId)!;
  world.authorize(ctx.dc.id, ctx.authKey, user.id);
  return {
    _: "auth.authorization",
    user: chatWorld(ctx.world, ctx.now).userObject(user.id, user.id),
  };
}

/** Finishes a QR login on this key for the account that accepted `token`. */
function qrLoggedIn(
  ctx: RpcContext,
  record: { acceptedBy?: number; used: boolean },
): unknown {
  const world = auth(ctx);
  const user = ctx.world.user(record.acceptedBy!)!;
  record.used = true;
  if (world.password(user.id)) {
    world.setPasswordPending(ctx.dc.id, ctx.authKey, user.id);
    throw new RpcFailure(401, "SESSION_PASSWORD_NEEDED");
  }
  world.stats.userLogins++;
  return { _: "auth.loginTokenSuccess", authorization: loggedIn(ctx, user) };
}

/**
 * `auth.exportLoginToken`: a fresh token to show as a QR code; once another
 * session accepted it, the login (`auth.loginTokenSuccess`), or the DC to
 * finish it on (`auth.loginTokenMigrateTo`).
 */
function exportLoginToken(request: Request, ctx: RpcContext): unknown {
  checkApi(request);
  const world = auth(ctx);
  const accepted = world.acceptedTokenOf(ctx.dc.id, ctx.authKey.id);
  if (accepted) {
    const user = ctx.world.user(accepted.acceptedBy!)!;
    if (user.homeDc !== ctx.dc.id) {
      return {
        _: "auth.loginTokenMigrateTo",
        dc_id: user.homeDc,
        token: accepted.token,
      };
    }
    return qrLoggedIn(ctx, accepted);
  }
  const record = world.newLoginToken(ctx.dc.id, ctx.authKey.id);
  return {
    _: "auth.loginToken",
    expires: record.expiresAt,
    token: record.token,
  };
}

/** `auth.importLoginToken`: finishes, on the account's DC, a QR login accepted elsewhere. */
function importLoginToken(request: Request, ctx: RpcContext): unknown {
  const record = auth(ctx).loginToken(request.token as Uint8Array);
  if (!record) throw new RpcFailure(400, "AUTH_TOKEN_INVALID");
  if (record.used) throw new RpcFailure(400, "AUTH_TOKEN_ALREADY_ACCEPTED");
  if (record.acceptedBy === undefined) {
    if (record.expiresAt <= ctx.now()) {
      throw new RpcFailure(400, "AUTH_TOKEN_EXPIRED");
    }
    return {
      _: "auth.loginToken",
      expires: record.expiresAt,
      token: record.token,
    };
  }
  const user = ctx.world.user(record.acceptedBy)!;
  if (user.homeDc !== ctx.dc.id) {
    return {
      _: "auth.loginTokenMigrateTo",
      dc_id: user.homeDc,
      token: record.token,
    };
  }
  return qrLoggedIn(ctx, record);
}

/** `auth.acceptLoginToken`: a logged-in user accepts a QR token; the token's session gets `updateLoginToken`. */
function acceptLoginToken(request: Request, ctx: RpcContext): unknown {
  const userId = ctx.requireUser();
  if (ctx.world.user(userId)?.bot) {
    throw new RpcFailure(400, "BOT_METHOD_INVALID");
  }
  const world = auth(ctx);
  const record = world.loginToken(request.token as Uint8Array);
  if (!record) throw new RpcFailure(400, "AUTH_TOKEN_INVALID");
  if (record.acceptedBy !== undefined) {
    throw new RpcFailure(400, "AUTH_TOKEN_ALREADY_ACCEPTED");
  }
  if (record.expiresAt <= ctx.now()) {
    throw new RpcFailure(400, "AUTH_TOKEN_EXPIRED");
  }
  record.acceptedBy = userId;
  const date = Math.floor(ctx.now());
  world.pushToKey(
    record.dcId,
    record.authKeyId,
    serialize(
      {
        _: "updateShort",
        update: { _: "updateLoginToken" },
        date,
      } as TLObject,
    ),
  );
  const info = ctx.authKey.connection;
  return {
    _: "authorization",
    hash: 1n,
    device_model: "QR login",
    platform: "",
    system_version: "",
    api_id: info?.apiId ?? 0,
    app_name: "",
    app_version: "",
    date_created: date,
    date_active: date,
    ip: "127.0.0.1",
    country: "",
    region: "",
  };
}

/** `auth.cancelCode`: forgets a sent code. */
function cancelCode(request: Request, ctx: RpcContext): unknown {
  const { hash } = pendingCodeOf(request, ctx);
  auth(ctx).dropCode(hash);
  return true;
}

/** The `auth.*` handlers. */
export const authMethods: MethodTable = {
  "auth.importBotAuthorization": importBotAuthorization,
  "auth.sendCode": sendCode,
  "auth.signIn": signIn,
  "auth.signUp": signUp,
  "auth.checkPassword": checkPassword,
  "auth.logOut": logOut,
  "auth.exportAuthorization": exportAuthorization,
  "auth.importAuthorization": importAuthorization,
  "auth.exportLoginToken": exportLoginToken,
  "auth.importLoginToken": importLoginToken,
  "auth.acceptLoginToken": acceptLoginToken,
  "auth.cancelCode": cancelCode,
};
