/**
 * Login state of the test world, shared by every DC: bot tokens the DC
 * issued, phone codes sent, 2FA passwords (stored as SRP verifiers, checked
 * with real server-side SRP), QR login tokens, exported authorizations
 * between DCs, and the error-injection knobs (`FLOOD_WAIT_X`, `*_MIGRATE_X`
 * on demand). Accounts themselves live in the {@link World}.
 *
 * Phone numbers follow Telegram's test DCs ("Test servers"): `99966XYYYY`
 * lives on DC `X`, and the login code of every account is its home DC id
 * repeated five times (`22222` on DC 2). Other numbers live where they were
 * created (`createUser({ homeDc })`) or, when new, on the DC that first
 * received them.
 *
 * @module
 */

import { bigintToBytes, randomBytes } from "../../crypto/mod.ts";
import {
  computeSrpVerifier,
  createSrpServerRound,
  type SrpServerRound,
} from "../../crypto/srp_server.ts";
import type { SrpAlgo } from "../../crypto/srp.ts";
import { DH_PRIME } from "./dh_prime.ts";
import type { AuthKeyStore, StoredAuthKey } from "./auth_keys.ts";
import type { ServerSession } from "./session.ts";
import type { World, WorldUser } from "./world.ts";

/** What the auth world needs from a DC (the `DataCenter` class has it). */
export interface AuthDc {
  /** The DC id. */
  readonly id: number;
  /** Its auth keys. */
  readonly keys: AuthKeyStore;
  /** The sessions of one auth key. */
  sessionsOf(authKeyId: bigint): ServerSession[];
}

/** A bot created by a test, with the token it logs in with. */
export interface CreatedBot {
  /** The bot's account. */
  user: WorldUser;
  /** `<bot id>:<secret>`, for `auth.importBotAuthorization`. */
  token: string;
}

/** Fields of {@link AuthWorld.createUser}. */
export interface NewUserFields {
  /** Phone number, digits (a leading `+` and punctuation are dropped). */
  phone: string;
  /** First name (default `"User"`). */
  firstName?: string;
  /** Last name. */
  lastName?: string;
  /** Username without `@`. */
  username?: string;
  /** Home DC (default: `X` for `99966XYYYY`, else 1). */
  homeDc?: number;
  /** A 2FA password. */
  password?: string;
  /** The password hint. */
  passwordHint?: string;
}

/** Fields of {@link AuthWorld.createBot}. */
export interface NewBotFields {
  /** Username without `@` (default `test<id>_bot`). */
  username?: string;
  /** First name (default `"Test bot"`). */
  firstName?: string;
  /** Home DC (default 1). */
  homeDc?: number;
}

/** An error the DC answers on demand, instead of running the method. */
export interface InjectedError {
  /** The method it applies to (`"help.getConfig"`), or every method when absent. */
  method?: string;
  /** Only on this DC, or on any when absent. */
  dc?: number;
  /** The error code (420 for `FLOOD_WAIT_X`, 303 for `*_MIGRATE_X`). */
  code: number;
  /** The error message (`FLOOD_WAIT_5`). */
  message: string;
  /** How many calls get it (default 1). */
  count?: number;
}

/** Counters of what the login machinery did, for tests. */
export interface AuthStats {
  /** Successful `auth.importBotAuthorization` calls. */
  botLogins: number;
  /** Successful user logins (code, password, sign-up, QR). */
  userLogins: number;
  /** `auth.sendCode` calls that sent a code. */
  codesSent: number;
  /** `auth.signUp` calls that created an account. */
  signUps: number;
  /** `auth.checkPassword` calls (right or wrong). */
  passwordChecks: number;
  /** Successful `auth.importAuthorization` calls. */
  importedAuthorizations: number;
  /** Errors answered from {@link AuthWorld.injectError}. */
  injectedErrors: number;
}

/** A phone code sent by `auth.sendCode`. */
export interface PendingCode {
  /** The number, digits only. */
  phone: string;
  /** The code. */
  code: string;
  /** When it stops being valid (server Unix seconds). */
  expiresAt: number;
  /** Set once `auth.signIn` found no account: `auth.signUp` may use the hash. */
  signUpAllowed: boolean;
}

/** A 2FA password, as a server keeps it: never the password itself. */
export interface StoredPassword {
  /** Its KDF parameters. */
  algo: SrpAlgo;
  /** v = g^x mod p. */
  verifier: Uint8Array;
  /** The hint shown to the user. */
  hint?: string;
}

/** A QR login token. */
export interface LoginTokenRecord {
  /** The token bytes. */
  token: Uint8Array;
  /** The DC that issued it. */
  dcId: number;
  /** The auth key that asked for it. */
  authKeyId: bigint;
  /** When it expires (server Unix seconds). */
  expiresAt: number;
  /** The user who accepted it, once accepted. */
  acceptedBy?: number;
  /** Set once a login completed with it. */
  used: boolean;
}

/** How long a phone code stays valid (Telegram: a few minutes). */
export const CODE_LIFETIME_SECONDS = 300;
/** How long a QR login token stays valid (Telegram: 30 s). */
export const LOGIN_TOKEN_LIFETIME_SECONDS = 30;

const TEST_NUMBER = /^99966([0-9])[0-9]{4}$/;

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function randomLong(): bigint {
  return new DataView(randomBytes(8).buffer).getBigInt64(0, true);
}

/** Telegram's bot token secrets: 35 characters of base64url. */
function tokenSecret(): string {
  const alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  return Array.from(randomBytes(35), (b) => alphabet[b & 63]).join("");
}

/** The login state of one world. */
export class AuthWorld {
  readonly #dcs: AuthDc[] = [];
  readonly #botSecrets = new Map<number, string>();
  readonly #passwords = new Map<number, StoredPassword>();
  readonly #codes = new Map<string, PendingCode>();
  readonly #srpRounds = new Map<
    bigint,
    { userId: number; round: SrpServerRound; password: StoredPassword }
  >();
  /** Auth keys that passed the code step of an account with 2FA, by DC and key id. */
  readonly #passwordPending = new Map<string, number>();
  readonly #loginTokens = new Map<string, LoginTokenRecord>();
  readonly #exported = new Map<
    bigint,
    { userId: number; bytes: Uint8Array; dcId: number; expiresAt: number }
  >();
  #injected: (InjectedError & { count: number })[] = [];
  /** How long new QR login tokens live, in seconds (tests shorten it). */
  loginTokenLifetimeSeconds: number = LOGIN_TOKEN_LIFETIME_SECONDS;
  /** What happened so far. */
  readonly stats: AuthStats = {
    botLogins: 0,
    userLogins: 0,
    codesSent: 0,
    signUps: 0,
    passwordChecks: 0,
    importedAuthorizations: 0,
    injectedErrors: 0,
  };

  /**
   * @param world the accounts
   * @param now server time, Unix seconds
   */
  constructor(readonly world: World, readonly now: () => number) {}

  /** Adds a DC (keys and sessions) of this world. */
  attach(dc: AuthDc): void {
    if (!this.#dcs.includes(dc)) this.#dcs.push(dc);
    this.#dcs.sort((a, b) => a.id - b.id);
  }

  /** The DC with this id, if it is part of the world. */
  dc(id: number): AuthDc | undefined {
    return this.#dcs.find((dc) => dc.id === id);
  }

  /** Every DC id of the world. */
  get dcIds(): number[] {
    return this.#dcs.map((dc) => dc.id);
  }

  // --- accounts ------------------------------------------------------------

  /** Creates a bot and the token it logs in with (`<bot id>:<secret>`). */
  createBot(fields: NewBotFields = {}): CreatedBot {
    const homeDc = fields.homeDc ?? 1;
    this.#checkDc(homeDc);
    const user = this.world.createUser({
      bot: true,
      firstName: fields.firstName ?? "Test bot",
      homeDc,
    });
    user.username = fields.username ?? `test${user.id}_bot`;
    const secret = tokenSecret();
    this.#botSecrets.set(user.id, secret);
    return { user, token: `${user.id}:${secret}` };
  }

  /** Creates a user with a phone number (and optionally a 2FA password). */
  createUser(fields: NewUserFields): WorldUser {
    const phone = normalizePhone(fields.phone);
    if (phone === "") throw new RangeError("a user needs a phone number");
    if (this.userByPhone(phone)) {
      throw new Error(`phone ${phone} is already taken`);
    }
    const homeDc = fields.homeDc ?? this.phoneHomeDc(phone) ?? 1;
    this.#checkDc(homeDc);
    const user = this.world.createUser({
      bot: false,
      firstName: fields.firstName ?? "User",
      lastName: fields.lastName,
      username: fields.username,
      phone,
      homeDc,
    });
    if (fields.password !== undefined) {
      this.setPassword(user.id, fields.password, fields.passwordHint);
    }
    return user;
  }

  #checkDc(id: number): void {
    if (this.#dcs.length > 0 && !this.dc(id)) {
      throw new RangeError(`DC ${id} is not part of this world`);
    }
  }

  /** Sets (or with `undefined` removes) the 2FA password of an account. */
  setPassword(userId: number, password: string | undefined, hint?: string) {
    if (password === undefined) {
      this.#passwords.delete(userId);
      return;
    }
    // As a client setting a password does: the server's salt1 extended with
    // 32 random bytes; the server keeps only the verifier.
    const algo: SrpAlgo = {
      _: "passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow",
      salt1: concat(randomBytes(8), randomBytes(32)),
      salt2: randomBytes(16),
      g: 3,
      p: bigintToBytes(DH_PRIME, 256),
    };
    this.#passwords.set(userId, {
      algo,
      verifier: computeSrpVerifier(password, algo),
      hint,
    });
  }

  /** The stored password of an account, if it has one. */
  password(userId: number): StoredPassword | undefined {
    return this.#passwords.get(userId);
  }

  /** The account with this phone number. */
  userByPhone(phone: string): WorldUser | undefined {
    const digits = normalizePhone(phone);
    if (digits === "") return undefined;
    for (const user of this.world.users()) {
      if (!user.bot && user.phone === digits) return user;
    }
    return undefined;
  }

  /** The DC a test number (`99966XYYYY`) belongs to, if it is one of this world's. */
  phoneHomeDc(phone: string): number | undefined {
    const match = TEST_NUMBER.exec(normalizePhone(phone));
    if (!match) return undefined;
    const id = Number(match[1]);
    return this.dc(id) || this.#dcs.length === 0 ? id : undefined;
  }

  /** The login code of an account on `homeDc`: the DC id five times, as on Telegram's test DCs. */
  codeFor(homeDc: number): string {
    return String(homeDc).repeat(5);
  }

  /** Checks a bot token; returns the bot, or undefined when the token is not one this world issued. */
  botByToken(token: string): WorldUser | undefined {
    const match = /^([0-9]{1,15}):([A-Za-z0-9_-]{30,50})$/.exec(token);
    if (!match) return undefined;
    const id = Number(match[1]);
    const secret = this.#botSecrets.get(id);
    if (secret === undefined || secret !== match[2]) return undefined;
    return this.world.user(id);
  }

  // --- authorizing keys ----------------------------------------------------

  /** Logs an auth key in as `userId` (and ends any pending 2FA step). */
  authorize(dcId: number, key: StoredAuthKey, userId: number): void {
    key.userId = userId;
    this.#passwordPending.delete(`${dcId}:${key.id}`);
  }

  /** Logs an auth key out. */
  unauthorize(dcId: number, key: StoredAuthKey): void {
    key.userId = undefined;
    this.#passwordPending.delete(`${dcId}:${key.id}`);
  }

  /** Marks a key as having passed the code step for an account with 2FA. */
  setPasswordPending(dcId: number, key: StoredAuthKey, userId: number): void {
    this.#passwordPending.set(`${dcId}:${key.id}`, userId);
  }

  /** The account whose password this key still has to give, if any. */
  passwordPending(dcId: number, key: StoredAuthKey): number | undefined {
    return this.#passwordPending.get(`${dcId}:${key.id}`);
  }

  /** How many permanent auth keys the DCs of this world hold (key exchanges that made one). */
  permanentKeyCount(): number {
    let count = 0;
    for (const dc of this.#dcs) {
      for (const key of dc.keys.all()) if (key.kind === "perm") count++;
    }
    return count;
  }

  // --- phone codes ---------------------------------------------------------

  /** Records a sent code; returns its `phone_code_hash`. */
  sendCode(phone: string, code: string): string {
    const hash = hex(randomBytes(9));
    this.#codes.set(hash, {
      phone: normalizePhone(phone),
      code,
      expiresAt: this.now() + CODE_LIFETIME_SECONDS,
      signUpAllowed: false,
    });
    this.stats.codesSent++;
    return hash;
  }

  /** The pending code with this hash (expired ones included: the caller says `PHONE_CODE_EXPIRED`). */
  pendingCode(hash: string): PendingCode | undefined {
    return this.#codes.get(hash);
  }

  /** Makes every pending code expire (a knob for `PHONE_CODE_EXPIRED`). */
  expireCodes(): void {
    for (const code of this.#codes.values()) code.expiresAt = 0;
  }

  /** Forgets a code (used, or cancelled). */
  dropCode(hash: string): void {
    this.#codes.delete(hash);
  }

  // --- SRP -----------------------------------------------------------------

  /** Starts an SRP round for an account's password; returns `srp_id`, `srp_B`. */
  startSrp(
    userId: number,
  ): { srpId: bigint; B: Uint8Array; password: StoredPassword } | undefined {
    const password = this.#passwords.get(userId);
    if (!password) return undefined;
    const round = createSrpServerRound(password.algo, password.verifier);
    const srpId = randomLong();
    this.#srpRounds.set(srpId, { userId, round, password });
    return { srpId, B: round.B, password };
  }

  /** Takes (single use) the SRP round with this id. */
  takeSrpRound(
    srpId: bigint,
  ):
    | { userId: number; round: SrpServerRound; password: StoredPassword }
    | undefined {
    const round = this.#srpRounds.get(srpId);
    this.#srpRounds.delete(srpId);
    return round;
  }

  // --- exported authorizations ---------------------------------------------

  /** `auth.exportAuthorization`: a one-time ticket to log `userId` in on `dcId`. */
  exportAuthorization(
    userId: number,
    dcId: number,
  ): { id: bigint; bytes: Uint8Array } {
    const id = randomLong();
    const bytes = randomBytes(32);
    this.#exported.set(id, {
      userId,
      bytes,
      dcId,
      expiresAt: this.now() + 300,
    });
    return { id, bytes };
  }

  /** Takes (single use) an exported authorization for `dcId`; undefined when it does not match. */
  takeExportedAuthorization(
    id: bigint,
    bytes: Uint8Array,
    dcId: number,
  ): number | undefined {
    const ticket = this.#exported.get(id);
    if (
      !ticket || ticket.dcId !== dcId || ticket.expiresAt < this.now() ||
      hex(ticket.bytes) !== hex(bytes)
    ) return undefined;
    this.#exported.delete(id);
    return ticket.userId;
  }

  // --- QR login ------------------------------------------------------------

  /** A new login token for an unauthorized key. */
  newLoginToken(dcId: number, authKeyId: bigint): LoginTokenRecord {
    const record: LoginTokenRecord = {
      token: randomBytes(32),
      dcId,
      authKeyId,
      expiresAt: Math.floor(this.now()) + this.loginTokenLifetimeSeconds,
      used: false,
    };
    for (const [id, old] of this.#loginTokens) {
      if (old.dcId === dcId && old.authKeyId === authKeyId && !old.acceptedBy) {
        this.#loginTokens.delete(id);
      }
    }
    this.#loginTokens.set(hex(record.token), record);
    return record;
  }

  /** The login token with these bytes, if any. */
  loginToken(token: Uint8Array): LoginTokenRecord | undefined {
    return this.#loginTokens.get(hex(token));
  }

  /** The accepted, unused token an auth key asked for, if any. */
  acceptedTokenOf(
    dcId: number,
    authKeyId: bigint,
  ): LoginTokenRecord | undefined {
    for (const record of this.#loginTokens.values()) {
      if (
        record.dcId === dcId && record.authKeyId === authKeyId &&
        record.acceptedBy !== undefined && !record.used
      ) return record;
    }
    return undefined;
  }

  /** Sends a raw update body to every connected session of an auth key on a DC. */
  pushToKey(dcId: number, authKeyId: bigint, body: Uint8Array): void {
    const dc = this.dc(dcId);
    if (!dc) return;
    for (const session of dc.sessionsOf(authKeyId)) {
      if (session.linked) session.pushUpdate(body);
    }
  }

  // --- error injection -----------------------------------------------------

  /** Answers the next matching call(s) with an error instead of running them. */
  injectError(error: InjectedError): void {
    const count = error.count ?? 1;
    if (!Number.isInteger(count) || count < 1) {
      throw new RangeError("count must be a positive integer");
    }
    this.#injected.push({ ...error, count });
  }

  /** Answers the next `count` calls (of `method`, or of any) with `420 FLOOD_WAIT_<seconds>`. */
  floodWait(
    seconds: number,
    options: { method?: string; count?: number; dc?: number } = {},
  ): void {
    if (!Number.isInteger(seconds) || seconds < 0) {
      throw new RangeError("seconds must be a non-negative integer");
    }
    this.injectError({
      ...options,
      code: 420,
      message: `FLOOD_WAIT_${seconds}`,
    });
  }

  /** Drops every injected error not yet used. */
  clearInjectedErrors(): void {
    this.#injected = [];
  }

  /** The injected error for this call, if one matches (consumes it). */
  takeInjectedError(
    method: string,
    dcId: number,
  ): { code: number; message: string } | undefined {
    const index = this.#injected.findIndex((e) =>
      (e.method === undefined || e.method === method) &&
      (e.dc === undefined || e.dc === dcId)
    );
    if (index < 0) return undefined;
    const error = this.#injected[index];
    if (--error.count === 0) this.#injected.splice(index, 1);
    this.stats.injectedErrors++;
    return { code: error.code, message: error.message };
  }
}

/** Digits of a phone number. */
export function normalizePhone(phone: string): string {
  return phone.replace(/[^0-9]/g, "");
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

const WORLDS = new WeakMap<World, AuthWorld>();

/** The login state of `world` (created on first use). */
export function authWorld(world: World, now?: () => number): AuthWorld {
  let auth = WORLDS.get(world);
  if (!auth) {
    auth = new AuthWorld(world, now ?? (() => Date.now() / 1000));
    WORLDS.set(world, auth);
  }
  return auth;
}
