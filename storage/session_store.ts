import { migrateStorage, type Migration, VERSION_KEY } from "./migrate.ts";
import { PEER_KINDS, type PeerKind, type PeerRecord } from "./peer_record.ts";
import type { Storage, StorageOp, StorageValue } from "./storage.ts";
import { StorageError } from "./storage_error.ts";

/**
 * The session format version this code writes. Stored under `version`; a
 * store with a newer one is refused, an older one migrated.
 */
export const SESSION_STORE_VERSION = 1;

/** Migrations of the session format, by the version they start from. */
const SESSION_MIGRATIONS: Record<number, Migration> = {};

/**
 * Peers written per batch by {@linkcode SessionStore.putPeers} (up to five
 * ops each), so that batches stay within the limits of every backend.
 */
export const PEERS_PER_BATCH = 100;
/** The most ops {@linkcode SessionStore} puts in one batch. */
const MAX_BATCH_OPS = 500;

/** The length of an MTProto authorization key, in bytes. */
export const AUTH_KEY_LENGTH = 256;

/** The logged-in account. */
export interface AccountRecord {
  /** The account's user id. */
  userId: bigint;
  /** Whether the account is a bot. */
  isBot: boolean;
}

/** A temporary (PFS) authorization key bound to a DC's permanent key. */
export interface TempAuthKeyRecord {
  /** The 256-byte key. */
  key: Uint8Array;
  /** When it expires, in Unix seconds. */
  expiresAt: number;
}

/** The common update state (`updates.state`). */
export interface UpdateStateRecord {
  /** The common message box's pts. */
  pts: number;
  /** The secret-chat (and bot) qts. */
  qts: number;
  /** The seq of the last `updates`/`updatesCombined`. */
  seq: number;
  /** The date of the last update, in Unix seconds. */
  date: number;
}

/** The authorization of one DC. */
export interface DcAuthorization {
  /** The DC's id. */
  id: number;
  /** Its permanent 256-byte auth key. */
  authKey: Uint8Array;
  /** Its last server salt, if known. */
  salt?: bigint;
}

/**
 * Everything needed to resume a session without logging in: what a session
 * string carries.
 */
export interface Authorization {
  /** The DC the account lives on; one of `dcs`. */
  mainDc: number;
  /** Every DC with an auth key (at least the main one). */
  dcs: DcAuthorization[];
  /** The logged-in account, if any. */
  account?: AccountRecord;
}

/** Options of {@linkcode SessionStore.open}. */
export interface SessionStoreOptions {
  /**
   * Extra migrations by the version they start from, for formats this code
   * does not know yet (tests, forks). Built-in migrations come first.
   */
  migrations?: Readonly<Record<number, Migration>>;
}

const KEY_MAIN_DC = "main_dc";
const KEY_ACCOUNT = "account";
const KEY_UPDATE_STATE = "updates/state";
const PREFIX_CHANNEL_PTS = "updates/channel/";
const PREFIX_PEER = "peer/";
const PREFIX_USERNAME = "username/";
const PREFIX_PHONE = "phone/";
const dcKey = (
  dcId: number,
  what: "auth_key" | "salt" | "temp_key" | "time_offset",
) => `dc/${dcId}/${what}`;
/** Far more than any clock is off (a century); anything larger is not an offset. */
const MAX_TIME_OFFSET_SECONDS = 86_400 * 366 * 100;

type Shape = Record<string, StorageValue>;

function isRecord(value: StorageValue | undefined): value is Shape {
  return value !== null && typeof value === "object" && !Array.isArray(value) &&
    !(value instanceof Uint8Array);
}

const isInt32 = (v: unknown): v is number =>
  typeof v === "number" && Number.isInteger(v) && v >= -0x80000000 &&
  v <= 0x7fffffff;
const isDcId = (v: unknown): v is number =>
  typeof v === "number" && Number.isInteger(v) && v > 0 && v <= 0x7fffffff;
const isTimeOffset = (v: unknown): v is number =>
  typeof v === "number" && Number.isFinite(v) &&
  Math.abs(v) <= MAX_TIME_OFFSET_SECONDS;
const isAuthKey = (v: unknown): v is Uint8Array =>
  v instanceof Uint8Array && v.length === AUTH_KEY_LENGTH;

function normalizeUsername(username: string): string {
  return username.replace(/^@/, "").toLowerCase();
}

function normalizePhone(phone: string): string {
  return phone.replace(/[^0-9]/g, "");
}

/**
 * The typed, versioned view of a {@linkcode Storage} that the client keeps its
 * session in: the main DC, an auth key and salt per DC, the account, a peer
 * cache and the update state.
 *
 * Every read checks what it finds: data of the wrong shape gives a
 * {@linkcode StorageError} of code `"corrupt"` naming the store and the key,
 * never a silent default. Keys (format 1): `version`, `main_dc`,
 * `dc/<id>/auth_key`, `dc/<id>/salt`, `dc/<id>/temp_key`,
 * `dc/<id>/time_offset` (optional, added later without a new version: older
 * code never reads it), `account`,
 * `peer/<marked id>`, `username/<lowercase>`, `phone/<digits>`,
 * `updates/state`, `updates/channel/<channel id>`.
 */
export class SessionStore {
  /** The storage underneath. */
  readonly storage: Storage;
  /** Serializes read-modify-write sequences (the peer indexes). */
  #lock: Promise<unknown> = Promise.resolve();

  private constructor(storage: Storage) {
    this.storage = storage;
  }

  /**
   * Opens a session in `storage`: stamps an empty storage with
   * {@linkcode SESSION_STORE_VERSION}, migrates an older one, and refuses a
   * newer or foreign one with a {@linkcode StorageError}.
   */
  static async open(
    storage: Storage,
    options: SessionStoreOptions = {},
  ): Promise<SessionStore> {
    await migrateStorage(storage, {
      current: SESSION_STORE_VERSION,
      migrations: { ...SESSION_MIGRATIONS, ...options.migrations },
    });
    return new SessionStore(storage);
  }

  #corrupt(key: string, detail: string): never {
    throw new StorageError("corrupt", this.storage.name, detail, { key });
  }

  #invalid(detail: string): never {
    throw new StorageError("invalid", this.storage.name, detail);
  }

  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#lock.then(work);
    this.#lock = result.catch(() => {});
    return result;
  }

  /** The DC the account lives on, if known. */
  async getMainDc(): Promise<number | undefined> {
    const value = await this.storage.get(KEY_MAIN_DC);
    if (value === undefined || isDcId(value)) return value;
    return this.#corrupt(KEY_MAIN_DC, "the main DC is not a DC id");
  }

  /** Records the DC the account lives on. */
  async setMainDc(dcId: number): Promise<void> {
    if (!isDcId(dcId)) this.#invalid(`bad DC id ${dcId}`);
    return await this.storage.set(KEY_MAIN_DC, dcId);
  }

  /** The permanent auth key for `dcId`, if there is one. */
  async getAuthKey(dcId: number): Promise<Uint8Array | undefined> {
    const key = dcKey(dcId, "auth_key");
    const value = await this.storage.get(key);
    if (value === undefined || isAuthKey(value)) return value;
    return this.#corrupt(key, `an auth key must be ${AUTH_KEY_LENGTH} bytes`);
  }

  /**
   * Stores the permanent auth key for `dcId`, or with `undefined` forgets it
   * together with its salt, temporary key and time offset.
   */
  async setAuthKey(
    dcId: number,
    authKey: Uint8Array | undefined,
  ): Promise<void> {
    if (!isDcId(dcId)) this.#invalid(`bad DC id ${dcId}`);
    if (authKey === undefined) {
      return await this.storage.batch([
        { type: "delete", key: dcKey(dcId, "auth_key") },
        { type: "delete", key: dcKey(dcId, "salt") },
        { type: "delete", key: dcKey(dcId, "temp_key") },
        { type: "delete", key: dcKey(dcId, "time_offset") },
      ]);
    }
    if (!isAuthKey(authKey)) {
      this.#invalid(`an auth key must be ${AUTH_KEY_LENGTH} bytes`);
    }
    return await this.storage.set(dcKey(dcId, "auth_key"), authKey);
  }

  /** The last server salt of `dcId`, if any. */
  async getSalt(dcId: number): Promise<bigint | undefined> {
    const key = dcKey(dcId, "salt");
    const value = await this.storage.get(key);
    if (value === undefined || typeof value === "bigint") return value;
    return this.#corrupt(key, "a salt must be a bigint");
  }

  /** Stores the current server salt of `dcId`. */
  async setSalt(dcId: number, salt: bigint): Promise<void> {
    if (!isDcId(dcId)) this.#invalid(`bad DC id ${dcId}`);
    if (typeof salt !== "bigint") this.#invalid("a salt must be a bigint");
    return await this.storage.set(dcKey(dcId, "salt"), salt);
  }

  /**
   * The offset to `dcId`'s clock (seconds to add to the local clock), as last
   * learnt with its auth key, if known.
   */
  async getTimeOffset(dcId: number): Promise<number | undefined> {
    const key = dcKey(dcId, "time_offset");
    const value = await this.storage.get(key);
    if (value === undefined || isTimeOffset(value)) return value;
    return this.#corrupt(key, "a time offset must be a number of seconds");
  }

  /** Stores (or with `undefined` forgets) the offset to `dcId`'s clock, in seconds. */
  async setTimeOffset(
    dcId: number,
    offset: number | undefined,
  ): Promise<void> {
    if (!isDcId(dcId)) this.#invalid(`bad DC id ${dcId}`);
    const key = dcKey(dcId, "time_offset");
    if (offset === undefined) return await this.storage.delete(key);
    if (!isTimeOffset(offset)) {
      this.#invalid("a time offset must be a finite number of seconds");
    }
    return await this.storage.set(key, offset);
  }

  /** The temporary auth key of `dcId`, if any (expired ones included). */
  async getTempAuthKey(dcId: number): Promise<TempAuthKeyRecord | undefined> {
    const key = dcKey(dcId, "temp_key");
    const value = await this.storage.get(key);
    if (value === undefined) return undefined;
    if (isRecord(value) && isAuthKey(value.key) && isInt32(value.expiresAt)) {
      return { key: value.key, expiresAt: value.expiresAt };
    }
    return this.#corrupt(key, "malformed temporary auth key");
  }

  /** Stores (or with `undefined` forgets) the temporary auth key of `dcId`. */
  async setTempAuthKey(
    dcId: number,
    record: TempAuthKeyRecord | undefined,
  ): Promise<void> {
    if (!isDcId(dcId)) this.#invalid(`bad DC id ${dcId}`);
    const key = dcKey(dcId, "temp_key");
    if (record === undefined) return await this.storage.delete(key);
    if (!isAuthKey(record.key) || !isInt32(record.expiresAt)) {
      this.#invalid("malformed temporary auth key");
    }
    return await this.storage.set(key, {
      key: record.key,
      expiresAt: record.expiresAt,
    });
  }

  /** The ids of every DC that has a permanent auth key, ascending. */
  async listAuthorizedDcs(): Promise<number[]> {
    const ids: number[] = [];
    for (const [key] of await this.storage.list("dc/")) {
      const match = /^dc\/([0-9]+)\/auth_key$/.exec(key);
      if (match) ids.push(Number(match[1]));
    }
    return ids.sort((a, b) => a - b);
  }

  /** The logged-in account, if any. */
  async getAccount(): Promise<AccountRecord | undefined> {
    const value = await this.storage.get(KEY_ACCOUNT);
    if (value === undefined) return undefined;
    if (
      isRecord(value) && typeof value.userId === "bigint" &&
      typeof value.isBot === "boolean"
    ) {
      return { userId: value.userId, isBot: value.isBot };
    }
    return this.#corrupt(KEY_ACCOUNT, "malformed account record");
  }

  /** Records (or with `undefined` forgets) the logged-in account. */
  async setAccount(account: AccountRecord | undefined): Promise<void> {
    if (account === undefined) return await this.storage.delete(KEY_ACCOUNT);
    if (
      typeof account.userId !== "bigint" || typeof account.isBot !== "boolean"
    ) {
      this.#invalid("malformed account record");
    }
    return await this.storage.set(KEY_ACCOUNT, {
      userId: account.userId,
      isBot: account.isBot,
    });
  }

  #checkPeer(record: PeerRecord): Shape {
    const { id, kind, accessHash, username, phone, min } = record;
    if (typeof id !== "bigint" || id === 0n) {
      this.#invalid("a peer id must be a non-zero bigint");
    }
    if (!PEER_KINDS.includes(kind)) {
      this.#invalid(`unknown peer kind ${JSON.stringify(kind)}`);
    }
    if (typeof accessHash !== "bigint") {
      this.#invalid("an access hash must be a bigint");
    }
    const stored: Shape = { kind, accessHash };
    if (username !== undefined) {
      if (typeof username !== "string" || normalizeUsername(username) === "") {
        this.#invalid("a username must be a non-empty string");
      }
      stored.username = username.replace(/^@/, "");
    }
    if (phone !== undefined) {
      if (typeof phone !== "string" || normalizePhone(phone) === "") {
        this.#invalid("a phone number must hold digits");
      }
      stored.phone = normalizePhone(phone);
    }
    if (min !== undefined) {
      if (typeof min?.peerId !== "bigint" || !isInt32(min.msgId)) {
        this.#invalid("a min peer needs the peerId and msgId it was seen in");
      }
      stored.min = { peerId: min.peerId, msgId: min.msgId };
    }
    return stored;
  }

  #readPeer(
    key: string,
    value: StorageValue | undefined,
  ): PeerRecord | undefined {
    if (value === undefined) return undefined;
    const idText = key.slice(PREFIX_PEER.length);
    const bad = (): never => this.#corrupt(key, "malformed peer record");
    if (!/^-?[1-9][0-9]*$/.test(idText) || !isRecord(value)) return bad();
    const { kind, accessHash, username, phone, min } = value;
    if (
      !PEER_KINDS.includes(kind as PeerKind) ||
      typeof accessHash !== "bigint" ||
      (username !== undefined && typeof username !== "string") ||
      (phone !== undefined && typeof phone !== "string")
    ) {
      return bad();
    }
    const record: PeerRecord = {
      id: BigInt(idText),
      kind: kind as PeerKind,
      accessHash,
    };
    if (username !== undefined) record.username = username as string;
    if (phone !== undefined) record.phone = phone as string;
    if (min !== undefined) {
      if (
        !isRecord(min) || typeof min.peerId !== "bigint" || !isInt32(min.msgId)
      ) return bad();
      record.min = { peerId: min.peerId, msgId: min.msgId };
    }
    return record;
  }

  /** The cached peer with this marked id, if any. */
  async getPeer(id: bigint): Promise<PeerRecord | undefined> {
    const key = PREFIX_PEER + id;
    return this.#readPeer(key, await this.storage.get(key));
  }

  async #getPeerByIndex(indexKey: string): Promise<PeerRecord | undefined> {
    const id = await this.storage.get(indexKey);
    if (id === undefined) return undefined;
    if (typeof id !== "bigint") {
      return this.#corrupt(indexKey, "malformed peer index");
    }
    return this.getPeer(id);
  }

  /** The cached peer with this username (case-insensitive, `@` optional). */
  async getPeerByUsername(username: string): Promise<PeerRecord | undefined> {
    const normalized = normalizeUsername(username);
    if (normalized === "") return undefined;
    const peer = await this.#getPeerByIndex(PREFIX_USERNAME + normalized);
    return peer?.username !== undefined &&
        normalizeUsername(peer.username) === normalized
      ? peer
      : undefined;
  }

  /** The cached user with this phone number (any punctuation ignored). */
  async getPeerByPhone(phone: string): Promise<PeerRecord | undefined> {
    const normalized = normalizePhone(phone);
    if (normalized === "") return undefined;
    const peer = await this.#getPeerByIndex(PREFIX_PHONE + normalized);
    return peer?.phone === normalized ? peer : undefined;
  }

  /**
   * Adds or updates peers, with their username and phone indexes, in one
   * atomic batch. A "min" record never replaces a full one (its access hash
   * is only valid with its message); a full record always replaces a min one.
   * A record without `username`/`phone` clears the stored one: pass what the
   * server sent. Written in batches of {@linkcode PEERS_PER_BATCH} peers, each
   * atomic.
   */
  async putPeers(records: readonly PeerRecord[]): Promise<void> {
    const checked = records.map((record) =>
      [record.id, this.#checkPeer(record)] as const
    );
    return await this.#exclusive(async () => {
      for (let i = 0; i < checked.length; i += PEERS_PER_BATCH) {
        await this.#putPeers(checked.slice(i, i + PEERS_PER_BATCH));
      }
    });
  }

  async #putPeers(checked: (readonly [bigint, Shape])[]): Promise<void> {
    const ops: StorageOp[] = [];
    const pending = new Map<bigint, Shape>();
    const pendingIndex = new Map<string, bigint | undefined>();
    const setIndex = (key: string, id: bigint) => {
      ops.push({ type: "set", key, value: id });
      pendingIndex.set(key, id);
    };
    // An old index entry is removed only if it still points to this peer:
    // another peer may have taken the username since.
    const dropIndex = async (key: string, id: bigint) => {
      const owner = pendingIndex.has(key)
        ? pendingIndex.get(key)
        : await this.storage.get(key);
      if (owner !== id) return;
      ops.push({ type: "delete", key });
      pendingIndex.set(key, undefined);
    };
    for (const [id, stored] of checked) {
      const key = PREFIX_PEER + id;
      const old = pending.has(id)
        ? this.#readPeer(key, pending.get(id))
        : await this.getPeer(id);
      if (old && !old.min && stored.min) continue;
      const oldUsername = old?.username && normalizeUsername(old.username);
      const newUsername = stored.username &&
        normalizeUsername(stored.username as string);
      if (oldUsername && oldUsername !== newUsername) {
        await dropIndex(PREFIX_USERNAME + oldUsername, id);
      }
      if (newUsername) setIndex(PREFIX_USERNAME + newUsername, id);
      if (old?.phone && old.phone !== stored.phone) {
        await dropIndex(PREFIX_PHONE + old.phone, id);
      }
      if (stored.phone) setIndex(PREFIX_PHONE + (stored.phone as string), id);
      ops.push({ type: "set", key, value: stored });
      pending.set(id, stored);
    }
    if (ops.length > 0) await this.storage.batch(ops);
  }

  /** Removes a peer (and its indexes) from the cache. */
  async deletePeer(id: bigint): Promise<void> {
    return await this.#exclusive(async () => {
      const old = await this.getPeer(id);
      if (!old) return;
      const ops: StorageOp[] = [{ type: "delete", key: PREFIX_PEER + id }];
      if (old.username) {
        const indexKey = PREFIX_USERNAME + normalizeUsername(old.username);
        if (await this.storage.get(indexKey) === id) {
          ops.push({ type: "delete", key: indexKey });
        }
      }
      if (old.phone) {
        const indexKey = PREFIX_PHONE + old.phone;
        if (await this.storage.get(indexKey) === id) {
          ops.push({ type: "delete", key: indexKey });
        }
      }
      await this.storage.batch(ops);
    });
  }

  /** The common update state, if any. */
  async getUpdateState(): Promise<UpdateStateRecord | undefined> {
    const value = await this.storage.get(KEY_UPDATE_STATE);
    if (value === undefined) return undefined;
    if (
      isRecord(value) && isInt32(value.pts) && isInt32(value.qts) &&
      isInt32(value.seq) &&
      isInt32(value.date)
    ) {
      return {
        pts: value.pts,
        qts: value.qts,
        seq: value.seq,
        date: value.date,
      };
    }
    return this.#corrupt(KEY_UPDATE_STATE, "malformed update state");
  }

  /** Stores (or with `undefined` forgets) the common update state. */
  async setUpdateState(state: UpdateStateRecord | undefined): Promise<void> {
    if (state === undefined) return await this.storage.delete(KEY_UPDATE_STATE);
    const { pts, qts, seq, date } = state;
    if (![pts, qts, seq, date].every(isInt32)) {
      this.#invalid("malformed update state");
    }
    return await this.storage.set(KEY_UPDATE_STATE, { pts, qts, seq, date });
  }

  /** The pts of a channel (by its TL id, unmarked), if known. */
  async getChannelPts(channelId: bigint): Promise<number | undefined> {
    const key = PREFIX_CHANNEL_PTS + channelId;
    const value = await this.storage.get(key);
    if (value === undefined || isInt32(value)) return value;
    return this.#corrupt(key, "a channel pts must be an integer");
  }

  /** Stores (or with `undefined` forgets) a channel's pts (TL id, unmarked). */
  async setChannelPts(
    channelId: bigint,
    pts: number | undefined,
  ): Promise<void> {
    if (typeof channelId !== "bigint" || channelId <= 0n) {
      this.#invalid("bad channel id");
    }
    const key = PREFIX_CHANNEL_PTS + channelId;
    if (pts === undefined) return await this.storage.delete(key);
    if (!isInt32(pts)) this.#invalid("a channel pts must be an integer");
    return await this.storage.set(key, pts);
  }

  /** Every stored channel pts, by TL channel id. */
  async listChannelPts(): Promise<Map<bigint, number>> {
    const out = new Map<bigint, number>();
    for (const [key, value] of await this.storage.list(PREFIX_CHANNEL_PTS)) {
      const idText = key.slice(PREFIX_CHANNEL_PTS.length);
      if (!/^[1-9][0-9]*$/.test(idText) || !isInt32(value)) {
        this.#corrupt(key, "malformed channel pts");
      }
      out.set(BigInt(idText), value as number);
    }
    return out;
  }

  /**
   * The main DC with the auth keys and salts of every DC and the account, or
   * `undefined` when there is no main DC or no auth key for it.
   */
  async getAuthorization(): Promise<Authorization | undefined> {
    const mainDc = await this.getMainDc();
    if (mainDc === undefined) return undefined;
    const dcs: DcAuthorization[] = [];
    for (const id of await this.listAuthorizedDcs()) {
      const authKey = await this.getAuthKey(id);
      if (!authKey) continue;
      const salt = await this.getSalt(id);
      dcs.push(salt === undefined ? { id, authKey } : { id, authKey, salt });
    }
    if (!dcs.some((dc) => dc.id === mainDc)) return undefined;
    const account = await this.getAccount();
    return account ? { mainDc, dcs, account } : { mainDc, dcs };
  }

  /**
   * Replaces the stored authorization with `auth` in one atomic batch (old
   * auth keys, salts and temporary keys go). The peer cache and update state
   * are kept only when `auth` is for the same account as before: access
   * hashes are valid for one account only.
   */
  async setAuthorization(auth: Authorization): Promise<void> {
    const { mainDc, dcs, account } = auth;
    if (!isDcId(mainDc)) this.#invalid(`bad main DC ${mainDc}`);
    if (!dcs.some((dc) => dc.id === mainDc)) {
      this.#invalid(`no auth key for the main DC ${mainDc}`);
    }
    const ops: StorageOp[] = [];
    for (const dc of dcs) {
      if (!isDcId(dc.id)) this.#invalid(`bad DC id ${dc.id}`);
      if (!isAuthKey(dc.authKey)) {
        this.#invalid(`an auth key must be ${AUTH_KEY_LENGTH} bytes`);
      }
      ops.push({
        type: "set",
        key: dcKey(dc.id, "auth_key"),
        value: dc.authKey,
      });
      if (dc.salt !== undefined) {
        if (typeof dc.salt !== "bigint") {
          this.#invalid("a salt must be a bigint");
        }
        ops.push({ type: "set", key: dcKey(dc.id, "salt"), value: dc.salt });
      }
    }
    if (account) {
      if (
        typeof account.userId !== "bigint" || typeof account.isBot !== "boolean"
      ) {
        this.#invalid("malformed account record");
      }
      ops.push({
        type: "set",
        key: KEY_ACCOUNT,
        value: { userId: account.userId, isBot: account.isBot },
      });
    }
    ops.push({ type: "set", key: KEY_MAIN_DC, value: mainDc });
    return await this.#exclusive(async () => {
      const previous = await this.getAccount().catch(() => undefined);
      const sameAccount = previous !== undefined && account !== undefined &&
        previous.userId === account.userId;
      const written = new Set(ops.map((op) => op.key));
      const stale = (await this.storage.list("")).map(([key]) => key)
        .filter((key) => key !== VERSION_KEY && !written.has(key));
      const isAuth = (key: string) =>
        key === KEY_ACCOUNT || key.startsWith("dc/");
      if (!sameAccount) {
        await this.#deleteInChunks(stale.filter((key) => !isAuth(key)));
      }
      await this.storage.batch([
        ...stale.filter(isAuth).map((key): StorageOp => ({
          type: "delete",
          key,
        })),
        ...ops,
      ]);
    });
  }

  async #deleteInChunks(keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += MAX_BATCH_OPS) {
      await this.storage.batch(
        keys.slice(i, i + MAX_BATCH_OPS).map((key) => ({
          type: "delete",
          key,
        })),
      );
    }
  }

  /**
   * Forgets everything but the format version (auth keys, account, peers,
   * update state), atomically: what logging out leaves behind.
   */
  async clear(): Promise<void> {
    await this.#exclusive(async () => {
      const all = (await this.storage.list("")).map(([key]) => key)
        .filter((key) => key !== VERSION_KEY);
      // The authorization goes first, in one batch; the (possibly large) rest
      // in chunks, which backends with a batch size limit can take.
      const isAuth = (key: string) =>
        key === KEY_MAIN_DC || key === KEY_ACCOUNT || key.startsWith("dc/");
      await this.storage.batch(
        all.filter(isAuth).map((key) => ({ type: "delete", key })),
      );
      await this.#deleteInChunks(all.filter((key) => !isAuth(key)));
    });
  }
}
