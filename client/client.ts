/**
 * The `Client`: connects to Telegram (or any MTProto server), keeps the auth
 * key and salt in a storage, and invokes raw API functions with fully typed
 * results.
 *
 * ```ts
 * const client = new Client({ apiId, apiHash, storage: new MemoryStorage() });
 * await client.connect();
 * const config = await client.invoke({ _: "help.getConfig" });
 * await client.disconnect();
 * ```
 *
 * @module
 */

import {
  parseRsaPublicKeyPem,
  type RsaPublicKey,
  type SecurityError,
  TELEGRAM_PUBLIC_KEYS,
} from "../crypto/mod.ts";
import {
  LAYER,
  type RawUser,
  type ResultOf,
  type TLFunction,
  type TLObject,
} from "../tl/mod.ts";
import type {
  ConnectionKind,
  Connector,
  Framing,
  WebSocketConstructor,
} from "../transport/mod.ts";
import { SessionStore } from "../storage/session_store.ts";
import {
  decodeSessionString,
  exportSession as exportSessionString,
  type SessionStringData,
} from "../storage/session_string.ts";
import type { Storage } from "../storage/storage.ts";
import { innerDataDcId } from "./auth_key_exchange.ts";
import { type DcAddress, PRODUCTION_DCS, TEST_DCS } from "./dc_addresses.ts";
import { type DcEndpoint, Sender, type SenderOptions } from "./sender.ts";
import { PeerCache } from "./methods/peer_cache.ts";
import { invokeWithRetries, type RetryHost } from "./invoke_retry.ts";
import type { LoginHost } from "./login_host.ts";
import { botIdOfToken, login, type StartOptions } from "./start.ts";
import { RpcError } from "./rpc_error.ts";
import { RequestAbortedError } from "./session_errors.ts";
import { CallAbort, type InvokeOptions } from "./invoke_options.ts";
import { resolveStorage } from "./default_storage.ts";
import { AccountMismatchError } from "./account_mismatch_error.ts";
import { type User, userFromTl } from "./types/user.ts";
import { HighLevelClient } from "./methods/high_level_client.ts";
import { markPeerId } from "../storage/peer_record.ts";
import {
  affectedChannelId,
  isUpdates,
  sentMessageContext,
  type UpdateHandler,
  UpdateLoop,
  type UpdateLoopOptions,
} from "./updates/mod.ts";

/** How the client reaches DCs. */
export interface ClientTransportOptions {
  /** Framing (default `"intermediate"`; `"paddedIntermediate"` with a `dd` MTProxy secret). */
  framing?: Framing;
  /** Obfuscate TCP streams (WebSocket always is). Default false. */
  obfuscated?: boolean;
  /** `"tcp"`, `"websocket"` or `"auto"` (default: TCP where `node:net` loads, else WebSocket). */
  connection?: ConnectionKind;
  /** Use the DCs' IPv6 addresses (default false). */
  ipv6?: boolean;
  /** MTProxy secret; then give the proxy as the address of every DC in `dcs`. */
  secret?: string | Uint8Array;
  /** WebSocket constructor to use instead of the global one (the `ws` package on Node 20). */
  WebSocket?: WebSocketConstructor;
  /** Connect timeout (default 10 000 ms). */
  connectTimeoutMs?: number;
  /** A custom byte-stream connector (instead of TCP/WebSocket). */
  connector?: Connector;
}

/** Timers and limits of connections (defaults suit Telegram; tests shorten them). */
export interface ClientConnectionOptions {
  /** Keep-alive ping interval (default 60 000 ms). */
  pingIntervalMs?: number;
  /** How long acks may wait to ride along (default 300 ms). */
  ackDelayMs?: number;
  /** First reconnection delay, doubled on each failure (default 200 ms). */
  reconnectDelayMs?: number;
  /** Largest reconnection delay (default 5000 ms). */
  maxReconnectDelayMs?: number;
  /** Requests in flight fail after this long without a connection (default 30 000 ms). */
  reconnectTimeoutMs?: number;
  /** Ask the server about a request after this long without news of it (default 10 000 ms). */
  probeAfterMs?: number;
}

/** Options of {@linkcode Client}. */
export interface ClientOptions {
  /** The api_id from my.telegram.org. */
  apiId: number;
  /** The api_hash from my.telegram.org. */
  apiHash: string;
  /**
   * Where the auth keys, salts, main DC, account, peers and update state are
   * kept: a `Storage`, or a name: in browsers an `IndexedDbStorage` of that
   * name, on Deno, Node.js and Bun a `FileStorage` at that path. By default
   * `IndexedDbStorage("sparrow")` in browsers and a `MemoryStorage`
   * elsewhere. A storage the client opens itself (from a name, or the
   * browser default) is opened on first use (a `StorageError` then rejects
   * `connect()`/`start()`) and closed by `disconnect()`.
   */
  storage?: Storage | string;
  /**
   * A session string from {@linkcode Client.exportSession}: its main DC, auth
   * keys and account go into the storage (unless the storage already holds
   * this very session, which may be newer).
   */
  session?: string;
  /**
   * Flood waits (`FLOOD_WAIT_X`, `FLOOD_PREMIUM_WAIT_X`) of at most this many
   * seconds are slept through and the call repeated; longer ones throw
   * `FloodWait`. Default 60; 0 throws every one.
   */
  floodSleepThreshold?: number;
  /** Use Telegram's test servers (default false). */
  testMode?: boolean;
  /** The DC to start with when the storage names none (default 2). */
  initialDc?: number;
  /**
   * Addresses per DC id, overriding the defaults (any host and port, or a
   * WebSocket URL): `{ 1: { host: "127.0.0.1", port: 4430 } }`.
   */
  dcs?: Readonly<Record<number, DcEndpoint>>;
  /** Transport settings. */
  transport?: ClientTransportOptions;
  /** Connection timers and limits. */
  connection?: ClientConnectionOptions;
  /** Extra server RSA keys to trust (objects or PEM strings), besides Telegram's. */
  publicKeys?: readonly (RsaPublicKey | string)[];
  /** `initConnection.device_model` (default `"Sparrow"`). */
  deviceModel?: string;
  /** `initConnection.system_version` (default the runtime's user agent). */
  systemVersion?: string;
  /** `initConnection.app_version` (default `"0.1.0"`). */
  appVersion?: string;
  /** `initConnection.system_lang_code` (default `"en"`). */
  systemLangCode?: string;
  /** `initConnection.lang_pack` (default `""`). */
  langPack?: string;
  /** `initConnection.lang_code` (default `"en"`). */
  langCode?: string;
  /** Called with every update or other unsolicited object the server sends. */
  onUpdate?: (update: TLObject) => void;
  /** Called when a message was ignored (duplicate, replay, bad msg_id); `error.check` says why. */
  onSecurityWarning?: (error: SecurityError) => void;
  /**
   * The update loop: gap handling, catch-up, handler concurrency. It starts
   * by itself on `connect()` when the storage holds a logged-in account (or
   * with {@linkcode Client.startUpdates}); `false` turns it off.
   */
  updates?: ClientUpdateOptions | false;
}

/** Options of the client's update loop. */
export type ClientUpdateOptions = UpdateLoopOptions;

const AFFECTED = new Set([
  "messages.affectedMessages",
  "messages.affectedHistory",
  "messages.affectedFoundMessages",
]);

/** A Telegram client: `connect()`, `invoke()`, `disconnect()`. */
export class Client extends HighLevelClient {
  readonly #options: ClientOptions;
  /** The storage once resolved (a name is opened on first use). */
  #storage: Storage | undefined;
  /** Whether the client opened the storage itself, and closes it on disconnect. */
  #ownsStorage = false;
  readonly #publicKeys: readonly RsaPublicKey[];
  #store: SessionStore | undefined;
  #storeOpening: Promise<SessionStore> | undefined;
  readonly #session: SessionStringData | undefined;
  #sender: Sender | undefined;
  /** Connections to DCs other than the main one (file DCs, former main DCs). */
  readonly #others = new Map<number, Sender>();
  /** DCs the account's authorization was exported to, in this process. */
  readonly #exported = new Map<number, Promise<void>>();
  readonly #moves = new Map<number, Promise<void>>();
  readonly #serverListeners = new Set<(update: TLObject) => void>();
  readonly #sleeps = new Set<() => void>();
  readonly #retry: RetryHost;
  #connecting: Promise<void> | undefined;
  #writes: Promise<void> = Promise.resolve();
  #writeError: unknown;
  readonly #updates: UpdateLoop;
  /** The peer cache: every user and chat seen, access hashes kept in the storage. */
  readonly peers: PeerCache;

  /**
   * Creates a client; nothing is sent until {@linkcode Client.connect} or
   * {@linkcode Client.invoke}.
   *
   * @param options credentials, storage, addresses and transport
   */
  constructor(options: ClientOptions) {
    super();
    if (!Number.isInteger(options.apiId) || options.apiId <= 0) {
      throw new RangeError("apiId must be a positive integer");
    }
    if (typeof options.apiHash !== "string") {
      throw new TypeError("apiHash must be a string");
    }
    this.#options = options;
    const storage = options.storage;
    if (
      storage !== undefined && typeof storage !== "string" &&
      (typeof storage !== "object" || storage === null)
    ) {
      throw new TypeError("storage must be a Storage or a name");
    }
    // A bad session string fails here, before anything is written.
    this.#session = options.session === undefined
      ? undefined
      : decodeSessionString(options.session);
    const threshold = options.floodSleepThreshold ?? 60;
    if (!(threshold >= 0)) {
      throw new RangeError("floodSleepThreshold must be a number of seconds");
    }
    this.#retry = {
      invokeMain: (fn) => this.#invokeMain(fn),
      invokeOn: (dc, fn) => this.#invokeOn(dc, fn),
      moveMainDc: (dc) => this.#moveMainDc(dc),
      floodSleepThreshold: threshold,
      sleep: (ms) => this.#sleep(ms),
    };
    this.#publicKeys = [
      ...TELEGRAM_PUBLIC_KEYS,
      ...(options.publicKeys ?? []).map((
        key,
      ) => (typeof key === "string" ? parseRsaPublicKeyPem(key) : key)),
    ];
    // Passed as `never`: checking a generic function against another
    // `ResultOf`-typed signature is too deep for tsc; both are `Client.invoke`.
    const invoke = (fn: TLFunction) => this.#invoke(fn, undefined);
    const openStore = () => this.#openStore();
    this.peers = new PeerCache({
      store: openStore,
      invoke: invoke as never,
    });
    this.#updates = new UpdateLoop({
      invoke: invoke as never,
      store: openStore,
      inputChannel: async (id) => {
        const record = await (await openStore()).getPeer(
          markPeerId("channel", id),
        );
        return record && !record.min
          ? {
            _: "inputChannel",
            channel_id: id,
            access_hash: record.accessHash,
          }
          : undefined;
      },
      remember: (users, chats, messages) =>
        this.peers.remember({ users: [...users], chats: [...chats] }, messages),
      knowsPeer: (peer) => this.peers.knows(peer),
    }, options.updates || {});
    this.#updates.dispatcher.on((update, batch) =>
      this.handleUpdate(update, batch)
    );
  }

  /**
   * The update loop: `updates.dispatcher.on(handler)` adds a raw-update
   * handler, `updates.idle()` waits until everything received is handled.
   */
  get updates(): UpdateLoop {
    return this.#updates;
  }

  /**
   * Adds a handler of raw updates (every `Update`, short forms expanded, in
   * order per chat); returns a function that removes it.
   */
  onUpdate(handler: UpdateHandler): () => void {
    return this.#updates.dispatcher.on(handler);
  }

  /**
   * Starts the update loop (connecting first): catches up from the stored
   * state with `updates.getDifference`, or starts from `updates.getState`.
   * Needs a logged-in account.
   */
  async startUpdates(): Promise<void> {
    if (this.#options.updates === false) {
      throw new Error("updates are disabled in this client's options");
    }
    await this.connect();
    await this.#updates.start();
  }

  /** The DC the client is connected to (or will connect to), once known. */
  get dcId(): number | undefined {
    return this.#sender?.dcId;
  }

  /** Whether a connection is open and ready. */
  get connected(): boolean {
    return this.#sender?.connected ?? false;
  }

  /** How many auth keys this client has created, on every DC (0 when it reused stored ones). */
  get keyExchangeCount(): number {
    let count = this.#sender?.keyExchanges ?? 0;
    for (const sender of this.#others.values()) count += sender.keyExchanges;
    return count;
  }

  /**
   * Opens the storage (a name or the default, on first use) and the session
   * store once, importing `options.session` first, if given. A failure is
   * not remembered: the next call tries again.
   */
  #openStore(): Promise<SessionStore> {
    this.#storeOpening ??= (async () => {
      if (this.#storage === undefined) {
        const resolved = await resolveStorage(this.#options.storage);
        this.#storage = resolved.storage;
        this.#ownsStorage = resolved.owned;
      }
      const store = await SessionStore.open(this.#storage);
      const session = this.#session;
      if (session !== undefined) {
        const current = await store.getAuthorization();
        const mainKey = (auth: SessionStringData | undefined) =>
          auth?.dcs.find((dc) => dc.id === auth.mainDc)?.authKey.join();
        if (
          current === undefined || mainKey(current) !== mainKey(session) ||
          current.account?.userId !== session.account?.userId
        ) await store.setAuthorization(session);
      }
      return this.#store = store;
    })();
    const opening = this.#storeOpening;
    opening.catch(() => {
      if (this.#storeOpening === opening) this.#storeOpening = undefined;
    });
    return opening;
  }

  /** Closes a storage the client opened itself (releasing a file's lock); it reopens on next use. */
  async #closeOwnedStorage(): Promise<void> {
    await this.#storeOpening?.catch(() => {});
    const storage = this.#storage;
    if (!this.#ownsStorage || storage === undefined) return;
    this.#storage = undefined;
    this.#store = undefined;
    this.#storeOpening = undefined;
    this.#ownsStorage = false;
    await storage.close();
  }

  /**
   * Connects to the main DC (from the storage, else `initialDc`), creating
   * and storing an auth key first if the storage has none.
   */
  connect(): Promise<void> {
    this.#connecting ??= this.#connect().finally(
      () => (this.#connecting = undefined),
    );
    return this.#connecting;
  }

  async #connect(): Promise<void> {
    const opened = await this.#openStore();
    if (this.#sender === undefined) {
      const dc = (await opened.getMainDc()) ?? this.#options.initialDc ?? 2;
      this.#sender = await this.#newSender(dc);
    }
    await this.#sender.connect();
    const store = opened;
    const dc = this.#sender.dcId;
    this.#persist(async () => {
      if ((await store.getMainDc()) === undefined) await store.setMainDc(dc);
    });
    if (this.#options.updates !== false && !this.#updates.running) {
      const account = await store.getAccount();
      if (account) {
        this.peers.setSelfId(account.userId);
        // Nobody awaits this start: its failure (reading the stored update
        // state) goes where the loop's own errors go. After a disconnect the
        // storage may be closed under it, which is no news.
        void this.#updates.start().catch((error) => {
          if (this.#updates.stopped) return;
          const report = (this.#options.updates || {}).onLoopError ??
            ((e: unknown) => console.error("update loop:", e));
          report(error);
        });
      }
    }
  }

  /**
   * Invokes a raw API function and resolves with its result, typed from the
   * schema. The first call of a session is wrapped in
   * `invokeWithLayer(LAYER, initConnection(...))`. Rejects with `RpcError`
   * (and subclasses such as `FloodWait`, `MigrateError`), `BadMessageError`,
   * `RequestAbortedError`, `SecurityError`, `TransportError` or `TLError`.
   *
   * `options.signal` and `options.timeoutMs` give up on the call: it rejects
   * with `RequestAbortedError` of reason `"aborted"` or `"timeout"`; a
   * request not yet sent is never sent, one already sent is followed by an
   * `rpc_drop_answer` (the server may still have run it).
   */
  invoke<F extends TLFunction>(
    fn: F,
    options?: InvokeOptions,
  ): Promise<ResultOf<F>> {
    return this.#invoke(fn, options) as Promise<never>;
  }

  async #invoke(
    fn: TLFunction,
    options: InvokeOptions | undefined,
  ): Promise<unknown> {
    if (options?.signal === undefined && options?.timeoutMs === undefined) {
      return await this.#invokeUntil(fn, undefined);
    }
    const abort = new CallAbort(options);
    try {
      return await abort.race(this.#invokeUntil(fn, abort.signal));
    } finally {
      abort.dispose();
    }
  }

  async #invokeUntil(
    fn: TLFunction,
    signal: AbortSignal | undefined,
  ): Promise<unknown> {
    if (this.#sender === undefined) await this.connect();
    if (signal?.aborted) throw signal.reason;
    const retry: RetryHost = signal === undefined ? this.#retry : {
      ...this.#retry,
      invokeMain: (fn) => this.#invokeMain(fn, signal),
      invokeOn: (dc, fn) => this.#invokeOn(dc, fn, signal),
      sleep: (ms) => this.#sleep(ms, signal),
    };
    const result = await invokeWithRetries(retry, fn);
    if (
      this.#updates.running && result !== null && typeof result === "object"
    ) {
      if (isUpdates(result)) {
        this.#updates.feed(result, sentMessageContext(fn, this.peers.selfId));
      } else if (AFFECTED.has((result as { _?: string })._ ?? "")) {
        this.#updates.feedAffected(
          result as { pts: number; pts_count: number },
          affectedChannelId(fn),
        );
      }
    }
    return result;
  }

  /**
   * Disconnects: rejects requests in flight with
   * `RequestAbortedError("disconnected")`, closes the socket, stops every
   * timer and waits for pending storage writes. A storage passed in as an
   * object stays open; one the client opened itself (from a name, or the
   * browser default) is closed, and opened again on next use.
   */
  async disconnect(): Promise<void> {
    await this.#disconnect();
    await this.#closeOwnedStorage();
  }

  async #disconnect(): Promise<void> {
    const updatesStopped = this.#updates.stop();
    for (const cancel of [...this.#sleeps]) cancel();
    await Promise.all([
      this.#sender?.disconnect(),
      ...[...this.#others.values()].map((sender) => sender.disconnect()),
    ]);
    await updatesStopped;
    await this.#connecting?.catch(() => {});
    await this.#writes;
  }

  /**
   * Logs in, unless the storage already holds a logged-in account (then it
   * asks nothing and only checks the account with `users.getUsers`). With
   * `{ botToken }` as a bot; with `{ phone, code, password, firstName,
   * lastName }` as a user (each a value or a callback, asked again after a
   * wrong answer); with `{ qr }` by QR code. Resolves with the account.
   * A `botToken` of another bot than the stored account rejects with
   * `AccountMismatchError`.
   * Starts the update loop (unless `updates: false`).
   */
  async start(options: StartOptions = {}): Promise<User> {
    await this.connect();
    const store = await this.#openStore();
    const account = await store.getAccount();
    if (account !== undefined) {
      const tokenBot = options.botToken === undefined
        ? undefined
        : botIdOfToken(options.botToken);
      if (tokenBot !== undefined && tokenBot !== account.userId) {
        throw new AccountMismatchError(account.userId, tokenBot);
      }
      try {
        return await this.getMe();
      } catch (error) {
        // The authorization was revoked (logged out elsewhere, key dropped): log in again.
        if (!(error instanceof RpcError) || error.code !== 401) throw error;
        await this.#updates.stop();
        await store.setAccount(undefined);
        this.peers.setSelfId(undefined);
      }
    }
    return userFromTl(await login(this.#loginHost(), options));
  }

  /**
   * Logs out (`auth.logOut`), disconnects, and clears the storage: auth keys,
   * account, peers and update state. The client can `start()` again (with a
   * new auth key).
   */
  async logOut(): Promise<void> {
    const store = await this.#openStore();
    if (await store.getAccount() !== undefined) {
      try {
        await this.#invoke({ _: "auth.logOut" }, undefined);
      } catch (error) {
        // Already logged out on the server: only the local data is left to clear.
        if (!(error instanceof RpcError) || error.code !== 401) throw error;
      }
    }
    await this.#disconnect();
    this.#sender = undefined;
    this.#others.clear();
    this.#exported.clear();
    await store.clear();
    this.peers.setSelfId(undefined);
    await this.#closeOwnedStorage();
  }

  /**
   * The session as a string (main DC, auth keys, salts, account) that
   * `new Client({ session })` restores. It is as secret as a password.
   */
  async exportSession(): Promise<string> {
    await this.#writes;
    return await exportSessionString(await this.#openStore());
  }

  #loginHost(): LoginHost {
    return {
      apiId: this.#options.apiId,
      apiHash: this.#options.apiHash,
      invoke: (fn) => this.#invoke(fn, undefined),
      moveMainDc: (dc) => this.#moveMainDc(dc),
      onServerUpdate: (listener) => {
        this.#serverListeners.add(listener);
        return () => this.#serverListeners.delete(listener);
      },
      completeLogin: (user) => this.#completeLogin(user),
    };
  }

  async #completeLogin(user: RawUser): Promise<void> {
    const store = await this.#openStore();
    await this.#writes;
    await store.setMainDc(this.#sender!.dcId);
    await store.setAccount({ userId: user.id, isBot: user.bot === true });
    this.#exported.clear();
    this.peers.setSelfId(user.id);
    await this.peers.remember({ users: [user] });
    if (this.#options.updates !== false && !this.#updates.running) {
      // The first updates.getState is done when start() resolves.
      await this.#updates.start();
      await this.#updates.idle();
    }
  }

  async #newSender(dc: number): Promise<Sender> {
    const store = await this.#openStore();
    const authKey = await store.getAuthKey(dc);
    const serverSalt = authKey === undefined
      ? undefined
      : await store.getSalt(dc);
    const timeOffset = await store.getTimeOffset(dc);
    return new Sender(
      this.#senderOptions(dc, authKey, serverSalt, timeOffset),
    );
  }

  #invokeMain(fn: TLFunction, signal?: AbortSignal): Promise<unknown> {
    if (this.#sender === undefined) {
      return this.connect().then(() => this.#sender!.invoke(fn, { signal }));
    }
    return this.#sender.invoke(fn, { signal });
  }

  /**
   * Invokes on DC `dc` over a second connection (FILE_MIGRATE, STATS_MIGRATE),
   * exporting the account's authorization there first (once per process);
   * an `AUTH_KEY_UNREGISTERED` there exports it again.
   */
  async #invokeOn(
    dc: number,
    fn: TLFunction,
    signal?: AbortSignal,
  ): Promise<unknown> {
    if (this.#sender === undefined) await this.connect();
    if (dc === this.#sender!.dcId) {
      return await this.#sender!.invoke(fn, { signal });
    }
    let sender = this.#others.get(dc);
    if (sender === undefined) {
      sender = await this.#newSender(dc);
      const raced = this.#others.get(dc);
      if (raced !== undefined) sender = raced;
      else this.#others.set(dc, sender);
    }
    const account = await (await this.#openStore()).getAccount();
    if (account === undefined) return await sender.invoke(fn, { signal });
    for (let attempt = 0;; attempt++) {
      await this.#exportAuthorization(dc, sender);
      try {
        return await sender.invoke(fn, { signal });
      } catch (error) {
        if (
          attempt === 0 && error instanceof RpcError && error.code === 401 &&
          error.message === "AUTH_KEY_UNREGISTERED"
        ) {
          this.#exported.delete(dc);
          continue;
        }
        throw error;
      }
    }
  }

  #exportAuthorization(dc: number, sender: Sender): Promise<void> {
    let done = this.#exported.get(dc);
    if (done === undefined) {
      done = (async () => {
        const exported = await invokeWithRetries(this.#retry, {
          _: "auth.exportAuthorization",
          dc_id: dc,
        }) as { id: bigint; bytes: Uint8Array };
        await sender.invoke({
          _: "auth.importAuthorization",
          id: exported.id,
          bytes: exported.bytes,
        });
      })();
      this.#exported.set(dc, done);
      done.catch(() => {
        if (this.#exported.get(dc) === done) this.#exported.delete(dc);
      });
    }
    return done;
  }

  /**
   * Makes `dc` the main DC (PHONE_MIGRATE, USER_MIGRATE, NETWORK_MIGRATE, a
   * QR login finishing elsewhere): its stored auth key is used, or a new one
   * created; the main DC is persisted. The former main connection stays
   * available for calls on its DC.
   */
  #moveMainDc(dc: number): Promise<void> {
    if (this.#sender?.dcId === dc) return Promise.resolve();
    let move = this.#moves.get(dc);
    if (move === undefined) {
      move = (async () => {
        this.#endpoint(dc); // an unknown DC fails here, before anything changes
        const existing = this.#others.get(dc);
        const next = existing ?? await this.#newSender(dc);
        // Connected before the switch: a DC that cannot be reached leaves the
        // main DC (in memory and in the storage) as it was.
        try {
          await next.connect();
        } catch (error) {
          if (existing === undefined) void next.disconnect();
          throw error;
        }
        if (this.#sender?.dcId === dc) return;
        this.#others.delete(dc);
        const old = this.#sender;
        this.#sender = next;
        if (old !== undefined) {
          this.#others.set(old.dcId, old);
          if (old.pendingRequests === 0) void old.disconnect();
        }
        const store = await this.#openStore();
        this.#persist(() => store.setMainDc(dc));
        await this.#writes;
      })().finally(() => this.#moves.delete(dc));
      this.#moves.set(dc, move);
    }
    return move;
  }

  /**
   * Sleeps through a flood wait; a disconnect cuts it short with
   * `RequestAbortedError("disconnected")`, the call's signal with its reason.
   */
  #sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const end = () => {
        clearTimeout(timer);
        this.#sleeps.delete(cancel);
        signal?.removeEventListener("abort", onAbort);
      };
      const cancel = () => {
        end();
        reject(
          new RequestAbortedError(
            "disconnected",
            "the client disconnected during a flood wait",
          ),
        );
      };
      const onAbort = () => {
        end();
        reject(signal!.reason);
      };
      const timer = setTimeout(() => {
        end();
        resolve();
      }, ms);
      this.#sleeps.add(cancel);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  #senderOptions(
    dc: number,
    authKey: Uint8Array | undefined,
    serverSalt: bigint | undefined,
    timeOffset: number | undefined,
  ): SenderOptions {
    const options = this.#options;
    const testMode = options.testMode ?? false;
    const transport = options.transport ?? {};
    return {
      dcId: dc,
      endpoint: this.#endpoint(dc),
      transport: {
        framing: transport.framing,
        obfuscated: transport.obfuscated,
        connection: transport.connection,
        secret: transport.secret,
        WebSocket: transport.WebSocket,
        connectTimeoutMs: transport.connectTimeoutMs,
        connector: transport.connector,
        testMode,
      },
      publicKeys: this.#publicKeys,
      innerDataDcId: innerDataDcId(dc, { testMode }),
      authKey,
      serverSalt,
      timeOffset,
      wrapFirstRequest: (fn) => this.#wrap(fn),
      pingIntervalMs: options.connection?.pingIntervalMs,
      ackDelayMs: options.connection?.ackDelayMs,
      reconnectDelayMs: options.connection?.reconnectDelayMs,
      maxReconnectDelayMs: options.connection?.maxReconnectDelayMs,
      reconnectTimeoutMs: options.connection?.reconnectTimeoutMs,
      session: { probeAfterMs: options.connection?.probeAfterMs },
      hooks: {
        onAuthKey: (key, salt) =>
          this.#persistInStore(async (store) => {
            await store.setAuthKey(dc, key);
            await store.setSalt(dc, salt);
          }),
        onAuthKeyLost: () =>
          this.#persistInStore((store) => store.setAuthKey(dc, undefined)),
        onSalt: (salt) =>
          this.#persistInStore((store) => store.setSalt(dc, salt)),
        onTimeOffset: (offset) =>
          this.#persistInStore((store) => store.setTimeOffset(dc, offset)),
        onUpdate: (update) => {
          // Connections to other DCs (files, exported authorizations) may get
          // copies of the account's updates; the main DC's are the ones.
          if (this.#sender?.dcId !== dc) return;
          for (const listener of [...this.#serverListeners]) listener(update);
          options.onUpdate?.(update);
          if (this.#updates.running && isUpdates(update)) {
            this.#updates.feed(update);
          }
        },
        onNewSession: () => {
          // Only the main DC's sessions carry the account's updates.
          if (this.#sender?.dcId === dc) this.#updates.sessionCreated();
        },
        onIgnored: options.onSecurityWarning,
      },
    };
  }

  #endpoint(dc: number): DcEndpoint {
    const override = this.#options.dcs?.[dc];
    if (override !== undefined) return override;
    const table: Readonly<Record<number, DcAddress>> = this.#options.testMode
      ? TEST_DCS
      : PRODUCTION_DCS;
    const address = table[dc];
    if (address === undefined) {
      throw new RangeError(
        `no address known for DC ${dc}; pass it in options.dcs`,
      );
    }
    const ipv6 = this.#options.transport?.ipv6 ?? false;
    return {
      host: ipv6 ? address.ipv6 : address.ipv4,
      port: address.port,
      url: address.webSocketUrl,
    };
  }

  #wrap(fn: TLFunction): TLFunction {
    const o = this.#options;
    const userAgent = (globalThis as { navigator?: { userAgent?: string } })
      .navigator?.userAgent;
    return {
      _: "invokeWithLayer",
      layer: LAYER,
      query: {
        _: "initConnection",
        api_id: o.apiId,
        device_model: o.deviceModel ?? "Sparrow",
        system_version: o.systemVersion ?? userAgent ?? "unknown",
        app_version: o.appVersion ?? "0.1.0",
        system_lang_code: o.systemLangCode ?? "en",
        lang_pack: o.langPack ?? "",
        lang_code: o.langCode ?? "en",
        query: fn,
      },
    };
  }

  /** {@linkcode Client.#persist} with the session store (opened again if a disconnect closed it). */
  #persistInStore(write: (store: SessionStore) => Promise<void>): void {
    this.#persist(async () =>
      await write(this.#store ?? await this.#openStore())
    );
  }

  /** Runs storage writes one after another, so a salt never overtakes its key. */
  #persist(write: () => Promise<void>): void {
    this.#writes = this.#writes.then(write).catch((error) => {
      this.#writeError = error;
    });
  }

  /** The last error a background storage write hit, if any (writes are retried with the next change). */
  get storageError(): unknown {
    return this.#writeError;
  }
}
