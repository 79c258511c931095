import { decodeBase64, encodeBase64 } from "./base64.ts";
import { crc32 } from "./crc32.ts";
import {
  type AccountRecord,
  AUTH_KEY_LENGTH,
  type Authorization,
  type DcAuthorization,
  type SessionStore,
} from "./session_store.ts";
import { StorageError } from "./storage_error.ts";

/** How a {@linkcode StorageError} about a session string names its "store". */
export const SESSION_STRING_STORE = "session string";

/** The version character every session string of this format starts with. */
const FORMAT = "1";

/** What a session string carries (see {@linkcode Authorization}). */
export type SessionStringData = Authorization;

const fail = (
  detail: string,
  code: "corrupt" | "version" | "invalid" = "corrupt",
): never => {
  throw new StorageError(code, SESSION_STRING_STORE, detail);
};

const isDcId = (id: unknown): id is number =>
  typeof id === "number" && Number.isInteger(id) && id > 0 && id <= 0x7fffffff;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const isInt64 = (v: unknown): v is bigint =>
  typeof v === "bigint" && v >= INT64_MIN && v <= INT64_MAX;

/**
 * Encodes a session as a string: `"1"` followed by the base64url of
 * `flags:u8 (1 = account, 2 = bot) · mainDc:i32 · [userId:i64] · count:u8 ·
 * count × (dcId:i32 · hasSalt:u8 · authKey:256 bytes · [salt:i64]) ·
 * crc32:u32` (little-endian), about 380 characters for one DC. The CRC makes a
 * mistyped or damaged string an error instead of a wrong key.
 */
export function encodeSessionString(data: SessionStringData): string {
  const { mainDc, dcs, account } = data;
  if (!isDcId(mainDc)) fail(`bad main DC ${mainDc}`, "invalid");
  if (!Array.isArray(dcs) || dcs.length === 0 || dcs.length > 255) {
    fail("a session needs between 1 and 255 DCs", "invalid");
  }
  if (!dcs.some((dc) => dc.id === mainDc)) {
    fail(`no auth key for the main DC ${mainDc}`, "invalid");
  }
  if (new Set(dcs.map((dc) => dc.id)).size !== dcs.length) {
    fail("a DC is listed twice", "invalid");
  }
  if (account && !isInt64(account.userId)) {
    fail("bad account user id", "invalid");
  }
  let size = 1 + 4 + (account ? 8 : 0) + 1 + 4;
  for (const dc of dcs) {
    if (!isDcId(dc.id)) fail(`bad DC id ${dc.id}`, "invalid");
    if (
      !(dc.authKey instanceof Uint8Array) ||
      dc.authKey.length !== AUTH_KEY_LENGTH
    ) {
      fail(
        `the auth key of DC ${dc.id} is not ${AUTH_KEY_LENGTH} bytes`,
        "invalid",
      );
    }
    if (dc.salt !== undefined && !isInt64(dc.salt)) {
      fail(`bad salt of DC ${dc.id}`, "invalid");
    }
    size += 4 + 1 + AUTH_KEY_LENGTH + (dc.salt === undefined ? 0 : 8);
  }
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  let at = 0;
  bytes[at++] = (account ? 1 : 0) | (account?.isBot ? 2 : 0);
  view.setInt32(at, mainDc, true);
  at += 4;
  if (account) {
    view.setBigInt64(at, account.userId, true);
    at += 8;
  }
  bytes[at++] = dcs.length;
  for (const dc of dcs) {
    view.setInt32(at, dc.id, true);
    at += 4;
    bytes[at++] = dc.salt === undefined ? 0 : 1;
    bytes.set(dc.authKey, at);
    at += AUTH_KEY_LENGTH;
    if (dc.salt !== undefined) {
      view.setBigInt64(at, dc.salt, true);
      at += 8;
    }
  }
  view.setUint32(at, crc32(bytes.subarray(0, at)), true);
  return FORMAT + encodeBase64(bytes, true);
}

/**
 * Decodes a string made by {@linkcode encodeSessionString}. Anything else (a
 * different version, bad characters, wrong length, a checksum mismatch, bad
 * fields) gives a {@linkcode StorageError} whose store is
 * {@linkcode SESSION_STRING_STORE}.
 */
export function decodeSessionString(text: string): SessionStringData {
  if (typeof text !== "string" || text.length === 0) {
    fail("empty session string");
  }
  const trimmed = text.trim();
  if (trimmed[0] !== FORMAT) {
    fail(
      /^[0-9]/.test(trimmed)
        ? `session string format ${
          trimmed[0]
        } is not supported (this library reads ${FORMAT})`
        : "not a Sparrow session string",
      /^[2-9]/.test(trimmed) ? "version" : "corrupt",
    );
  }
  const bytes = decodeBase64(trimmed.slice(1), true) ??
    fail("the session string has characters outside base64url (damaged?)");
  if (bytes.length < 1 + 4 + 1 + 4) {
    fail("the session string is too short (truncated?)");
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const body = bytes.length - 4;
  if (view.getUint32(body, true) !== crc32(bytes.subarray(0, body))) {
    fail(
      "the session string's checksum does not match (truncated or mistyped?)",
    );
  }
  let at = 0;
  const need = (n: number) => {
    if (at + n > body) fail("the session string is truncated");
  };
  const flags = bytes[at++];
  if (flags & ~3 || (flags & 2 && !(flags & 1))) {
    fail("bad session string flags");
  }
  const mainDc = view.getInt32(at, true);
  at += 4;
  let account: AccountRecord | undefined;
  if (flags & 1) {
    need(8);
    account = { userId: view.getBigInt64(at, true), isBot: (flags & 2) !== 0 };
    at += 8;
  }
  need(1);
  const count = bytes[at++];
  const dcs: DcAuthorization[] = [];
  for (let i = 0; i < count; i++) {
    need(4 + 1 + AUTH_KEY_LENGTH);
    const id = view.getInt32(at, true);
    const hasSalt = bytes[at + 4];
    at += 5;
    if (!isDcId(id) || hasSalt > 1) fail("bad DC entry in the session string");
    const dc: DcAuthorization = {
      id,
      authKey: bytes.slice(at, at + AUTH_KEY_LENGTH),
    };
    at += AUTH_KEY_LENGTH;
    if (hasSalt) {
      need(8);
      dc.salt = view.getBigInt64(at, true);
      at += 8;
    }
    dcs.push(dc);
  }
  if (at !== body) fail("the session string has trailing data");
  if (!isDcId(mainDc) || !dcs.some((dc) => dc.id === mainDc)) {
    fail("the session string has no auth key for its main DC");
  }
  if (new Set(dcs.map((dc) => dc.id)).size !== dcs.length) {
    fail("the session string lists a DC twice");
  }
  return account ? { mainDc, dcs, account } : { mainDc, dcs };
}

/**
 * Exports the authorization held by `store` (main DC, auth keys, salts,
 * account; not the peer cache or update state) as a session string. Throws a
 * {@linkcode StorageError} of code `"invalid"` when there is nothing to
 * export (no main DC or no auth key for it).
 */
export async function exportSession(store: SessionStore): Promise<string> {
  const auth = await store.getAuthorization();
  if (!auth) {
    throw new StorageError(
      "invalid",
      store.storage.name,
      "no session to export (no main DC with an auth key)",
    );
  }
  return encodeSessionString(auth);
}

/**
 * Replaces the authorization in `store` with the one in `session` (see
 * {@linkcode SessionStore.setAuthorization}); a bad string changes nothing.
 */
export async function importSession(
  store: SessionStore,
  session: string,
): Promise<void> {
  await store.setAuthorization(decodeSessionString(session));
}
