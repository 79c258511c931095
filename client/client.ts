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
import { MemoryStorage } from "../storage/memory_storage.ts";
import { SessionStore } from "../storage/session_store.ts";
import type { Storage } from "../storage/storage.ts";
import { innerDataDcId } from "./auth_key_exchange.ts";
import { type DcAddress, PRODUCTION_DCS, TEST_DCS } from "./dc_addresses.ts";
import { type DcEndpoint, Sender, type SenderOptions } from "./sender.ts";
import { PeerCache } from "./methods/peer_cache.ts";
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
  /** Where the auth keys, salts and the main DC are kept (a `MemoryStorage` by default). */
  storage?: Storage;
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
  readonly #storage: Storage;
  readonly #publicKeys: readonly RsaPublicKey[];
  #store: SessionStore | undefined;
  #sender: Sender | undefined;
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
    this.#storage = options.storage ?? new MemoryStorage();
    this.#publicKeys = [
      ...TELEGRAM_PUBLIC_KEYS,
      ...(options.publicKeys ?? []).map((
        key,
      ) => (typeof key === "string" ? parseRsaPublicKeyPem(key) : key)),
    ];
    // Passed as `never`: checking a generic function against another
    // `ResultOf`-typed signature is too deep for tsc; both are `Client.invoke`.
    const invoke = (fn: TLFunction) => this.#invoke(fn);
    const openStore = async () =>
      this.#store ??= await SessionStore.open(this.#storage);
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
    }, options.updates || {});
    this.#updates.dispatcher.on((update, batch) => this.handleUpdate(update, batch));
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

  /** How many auth keys this client has created (0 when it reused stored ones). */
  get keyExchangeCount(): number {
    return this.#sender?.keyExchanges ?? 0;
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
    this.#store ??= await SessionStore.open(this.#storage);
    if (this.#sender === undefined) {
      const dc = (await this.#store.getMainDc()) ?? this.#options.initialDc ??
        2;
      const authKey = await this.#store.getAuthKey(dc);
      const serverSalt = authKey === undefined
        ? undefined
        : await this.#store.getSalt(dc);
      this.#sender = new Sender(this.#senderOptions(dc, authKey, serverSalt));
    }
    await this.#sender.connect();
    const store = this.#store;
    const dc = this.#sender.dcId;
    this.#persist(async () => {
      if ((await store.getMainDc()) === undefined) await store.setMainDc(dc);
    });
    if (this.#options.updates !== false && !this.#updates.running) {
      const account = await store.getAccount();
      if (account) {
        this.peers.setSelfId(account.userId);
        void this.#updates.start().catch((error) => {
          this.#writeError = error;
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
   */
  invoke<F extends TLFunction>(fn: F): Promise<ResultOf<F>> {
    return this.#invoke(fn) as Promise<never>;
  }

  async #invoke(fn: TLFunction): Promise<unknown> {
    if (this.#sender === undefined) await this.connect();
    const result = await this.#sender!.invoke(fn);
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
   * timer and waits for pending storage writes. The storage stays open.
   */
  async disconnect(): Promise<void> {
    const updatesStopped = this.#updates.stop();
    await this.#sender?.disconnect();
    await updatesStopped;
    await this.#connecting?.catch(() => {});
    await this.#writes;
  }

  #senderOptions(
    dc: number,
    authKey: Uint8Array | undefined,
    serverSalt: bigint | undefined,
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
      wrapFirstRequest: (fn) => this.#wrap(fn),
      pingIntervalMs: options.connection?.pingIntervalMs,
      ackDelayMs: options.connection?.ackDelayMs,
      reconnectDelayMs: options.connection?.reconnectDelayMs,
      maxReconnectDelayMs: options.connection?.maxReconnectDelayMs,
      reconnectTimeoutMs: options.connection?.reconnectTimeoutMs,
      session: { probeAfterMs: options.connection?.probeAfterMs },
      hooks: {
        onAuthKey: (key, salt) =>
          this.#persist(async () => {
            await this.#store!.setAuthKey(dc, key);
            await this.#store!.setSalt(dc, salt);
          }),
        onAuthKeyLost: () =>
          this.#persist(() => this.#store!.setAuthKey(dc, undefined)),
        onSalt: (salt) => this.#persist(() => this.#store!.setSalt(dc, salt)),
        onUpdate: (update) => {
          options.onUpdate?.(update);
          if (this.#updates.running && isUpdates(update)) {
            this.#updates.feed(update);
          }
        },
        onNewSession: () => this.#updates.sessionCreated(),
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
