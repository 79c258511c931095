/**
 * The sender: the I/O shell around {@linkcode Session} for one DC. It opens
 * the transport, runs the auth-key exchange when there is no key, feeds
 * packets both ways, keeps timers for acks, keep-alive pings and the
 * session's timeouts, and reconnects with backoff when the connection drops.
 * {@linkcode Sender.disconnect} leaves no timer or socket behind.
 *
 * @module
 */

import { type RsaPublicKey, SecurityError } from "../crypto/mod.ts";
import {
  deserialize,
  serialize,
  type TLFunction,
  type TLObject,
} from "../tl/mod.ts";
import {
  openTransport,
  type Transport,
  TransportError,
  type TransportOptions,
  TransportServerError,
} from "../transport/mod.ts";
import { AuthKeyExchangeError } from "./auth_key_error.ts";
import {
  type AuthKeyExchangeResult,
  finish,
  step1,
  step2,
  step3,
} from "./auth_key_exchange.ts";
import { MessageIdGenerator } from "./message_id.ts";
import { decodePlainMessage, encodePlainMessage } from "./plain_message.ts";
import { Session, type SessionOptions } from "./session.ts";
import { RequestAbortedError } from "./session_errors.ts";
import type { SessionEvent } from "./session_events.ts";
import { abortErrorOf } from "./invoke_options.ts";

/** How to reach the DC: TCP host and port, or a WebSocket URL. */
export interface DcEndpoint {
  /** TCP host. */
  host?: string;
  /** TCP port. */
  port?: number;
  /** WebSocket URL (`wss://…/apiws`). */
  url?: string;
}

/** Transport settings of a sender (everything of `TransportOptions` but the address and DC). */
export type SenderTransportOptions = Omit<
  TransportOptions,
  "dcId" | "host" | "port" | "url" | "signal"
>;

/** Callbacks of a {@linkcode Sender}. */
export interface SenderHooks {
  /** A new auth key was created (persist it with the salt). */
  onAuthKey?(authKey: Uint8Array, serverSalt: bigint): void;
  /** The server does not know our auth key any more (transport error −404): forget it. */
  onAuthKeyLost?(): void;
  /** The server salt changed (persist it). */
  onSalt?(salt: bigint): void;
  /** An update or other unsolicited object arrived. */
  onUpdate?(update: TLObject): void;
  /** The server created a new session: updates may have been missed. */
  onNewSession?(): void;
  /**
   * The offset to the server's clock (seconds to add to the local clock) was
   * learnt: from the key exchange, or from a `bad_msg_notification` 16/17.
   * Persist it with the auth key, so that a reused key starts with it.
   */
  onTimeOffset?(offset: number): void;
  /** A message was ignored (duplicate, replay, bad msg_id): `error.check` says why. */
  onIgnored?(error: SecurityError): void;
  /** The connection was lost (before a reconnection is attempted). */
  onDisconnected?(error: Error | undefined): void;
}

/** Options of a {@linkcode Sender}. */
export interface SenderOptions {
  /** The DC id (as in the obfuscation header: the plain number). */
  dcId: number;
  /** Where the DC listens. */
  endpoint: DcEndpoint;
  /** Framing, obfuscation, adapter. */
  transport?: SenderTransportOptions;
  /** RSA keys trusted for the key exchange. */
  publicKeys: readonly RsaPublicKey[];
  /** The DC id written into `p_q_inner_data_dc` (see `innerDataDcId`); `dcId` by default. */
  innerDataDcId?: number;
  /** An existing auth key; without one, connecting creates a key first. */
  authKey?: Uint8Array;
  /** The last known salt of that key. */
  serverSalt?: bigint;
  /** The last known offset to the server's clock, in seconds (default 0). */
  timeOffset?: number;
  /** Callbacks. */
  hooks?: SenderHooks;
  /** Wraps the first request of each session (for `invokeWithLayer(initConnection(...))`). */
  wrapFirstRequest?: (fn: TLFunction) => TLFunction;
  /** Send a keep-alive `ping_delay_disconnect` this often (default 60 000 ms). */
  pingIntervalMs?: number;
  /** The `disconnect_delay` of those pings in seconds (default 75). */
  pingDisconnectDelay?: number;
  /** How long acks may wait to ride along with something else (default 300 ms). */
  ackDelayMs?: number;
  /** First reconnection delay, doubled on each failure (default 200 ms). */
  reconnectDelayMs?: number;
  /** Largest reconnection delay (default 5000 ms). */
  maxReconnectDelayMs?: number;
  /** Requests in flight fail with `RequestAbortedError("connection_failed")` after this long without a connection (default 30 000 ms). */
  reconnectTimeoutMs?: number;
  /** How long each step of the key exchange may take (default 15 000 ms). */
  exchangeStepTimeoutMs?: number;
  /** Tuning of the session (tests). */
  session?: Partial<Omit<SessionOptions, "authKey" | "serverSalt">>;
  /** The clock, ms since the epoch (tests). */
  now?: () => number;
}

interface PendingCall {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** Options of {@linkcode Sender.invoke}. */
export interface SenderInvokeOptions {
  /**
   * Gives up on the call: unsent, it is taken out of the queue; sent, an
   * `rpc_drop_answer` follows it. Rejects with the signal's reason when that
   * is a `RequestAbortedError`, else with `RequestAbortedError("aborted")`.
   */
  signal?: AbortSignal;
}

interface FrameWaiter {
  resolve(payload: Uint8Array): void;
  reject(error: Error): void;
}

const HOUSEKEEPING_INTERVAL_MS = 1000;

/** One connection (and its session) to one DC. */
export class Sender {
  readonly #options: SenderOptions;
  readonly #hooks: SenderHooks;
  readonly #now: () => number;
  #authKey: Uint8Array | undefined;
  #serverSalt: bigint;
  #timeOffset: number;
  #session: Session | undefined;
  /** A session that lost its key; its requests move to the next session. */
  #orphan: Session | undefined;
  #needsInit = true;
  readonly #pending = new Map<bigint, PendingCall>();

  #transport: Transport | undefined;
  #transportClosed: Promise<void> | undefined;
  #generation = 0;
  #connecting: Promise<void> | undefined;
  #abort: AbortController | undefined;
  #frameWaiter: FrameWaiter | undefined;
  #exchanging = false;
  #userClosed = true;
  #keyExchanges = 0;

  #flushQueued = false;
  #ackTimer: ReturnType<typeof setTimeout> | undefined;
  #housekeeping: ReturnType<typeof setInterval> | undefined;
  #lastPingAt = 0;
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  #reconnectAttempt = 0;
  #lostAt: number | undefined;

  /**
   * Creates a sender for one DC; nothing happens until {@linkcode connect} or {@linkcode invoke}.
   *
   * @param options where to connect, how, and with which key
   */
  constructor(options: SenderOptions) {
    this.#options = options;
    this.#hooks = options.hooks ?? {};
    this.#now = options.now ?? Date.now;
    this.#authKey = options.authKey;
    this.#serverSalt = options.serverSalt ?? 0n;
    this.#timeOffset = options.timeOffset ?? 0;
  }

  /** The DC this sender talks to. */
  get dcId(): number {
    return this.#options.dcId;
  }

  /** The auth key in use, once there is one. */
  get authKey(): Uint8Array | undefined {
    return this.#authKey;
  }

  /** Whether a connection is open and ready for requests. */
  get connected(): boolean {
    return this.#transport !== undefined && !this.#transport.closed &&
      !this.#exchanging && this.#session !== undefined;
  }

  /** How many auth-key exchanges this sender has run. */
  get keyExchanges(): number {
    return this.#keyExchanges;
  }

  /** Seconds to add to the local clock to get the server's clock, as last learnt. */
  get timeOffset(): number {
    return this.#timeOffset;
  }

  /** How many requests are waiting for an answer. */
  get pendingRequests(): number {
    return this.#pending.size;
  }

  /**
   * Connects (creating an auth key first if there is none). Resolves once
   * requests can be sent; rejects with a `TransportError`, a
   * `SecurityError` (naming the failed check) or an `AuthKeyExchangeError`.
   */
  connect(): Promise<void> {
    this.#userClosed = false;
    if (this.connected) return Promise.resolve();
    if (this.#connecting !== undefined) return this.#connecting;
    this.#clearReconnectTimer();
    const attempt = this.#open().finally(() => {
      if (this.#connecting === attempt) this.#connecting = undefined;
    });
    this.#connecting = attempt;
    return attempt;
  }

  /**
   * Sends `fn` and resolves with its decoded result, or rejects with an
   * `RpcError`, `BadMessageError`, `RequestAbortedError`, `SecurityError`
   * or `TLError`. Connects first when needed.
   */
  async invoke(
    fn: TLFunction,
    options: SenderInvokeOptions = {},
  ): Promise<unknown> {
    const signal = options.signal;
    if (signal?.aborted) throw abortErrorOf(signal);
    if (this.#session === undefined && this.#orphan === undefined) {
      await untilAborted(this.connect(), signal);
    } else if (
      !this.connected && this.#connecting === undefined &&
      this.#reconnectTimer === undefined
    ) {
      await untilAborted(this.connect(), signal);
    }
    // The signal may fire in the same turn the connection opened, after
    // untilAborted settled and before its listener below exists.
    if (signal?.aborted) throw abortErrorOf(signal);
    // While reconnecting, requests wait in the session (or in the one whose key was lost).
    const session = this.#session ?? this.#orphan;
    if (session === undefined) {
      throw new RequestAbortedError("connection_failed", "no session");
    }
    let request = fn;
    let wrapped = false;
    // A caller who sends invokeWithLayer themselves has done the wrapping.
    if (fn._ === "invokeWithLayer") this.#needsInit = false;
    if (this.#needsInit && this.#options.wrapFirstRequest !== undefined) {
      this.#needsInit = false;
      wrapped = true;
      request = this.#options.wrapFirstRequest(fn);
    }
    const id = session.enqueue(request, this.#now());
    const result = new Promise<unknown>((resolve, reject) =>
      this.#pending.set(id, { resolve, reject })
    );
    this.#scheduleFlush(true);
    if (signal === undefined) return await result;
    const onAbort = () => this.#abortCall(id, wrapped, abortErrorOf(signal));
    signal.addEventListener("abort", onAbort, { once: true });
    try {
      return await result;
    } finally {
      signal.removeEventListener("abort", onAbort);
    }
  }

  /** Gives up on a call the caller aborted (see {@linkcode SenderInvokeOptions}). */
  #abortCall(id: bigint, wrapped: boolean, error: Error): void {
    const call = this.#pending.get(id);
    if (call === undefined) return;
    this.#pending.delete(id);
    const now = this.#now();
    // The request lives in the session it was queued in, or in the one its
    // requests moved to after the key was lost (ids are kept).
    let outcome = this.#session?.cancel(id, now) ?? "unknown";
    if (outcome === "unknown" && this.#orphan !== undefined) {
      outcome = this.#orphan.cancel(id, now);
    }
    // The initConnection wrapper may never have reached the server: the next
    // request carries it again (repeating it is harmless).
    if (wrapped) this.#needsInit = true;
    if (outcome === "dropped") this.#scheduleFlush(true);
    call.reject(error);
  }

  /**
   * Closes the connection, stops every timer and rejects every request in
   * flight with `RequestAbortedError("disconnected")`. Resolves once the
   * socket is released.
   */
  async disconnect(): Promise<void> {
    this.#userClosed = true;
    this.#clearReconnectTimer();
    this.#stopTimers();
    this.#abort?.abort();
    this.#failAll(
      new RequestAbortedError("disconnected", "the client disconnected"),
    );
    this.#frameWaiter?.reject(
      new RequestAbortedError("disconnected", "the client disconnected"),
    );
    this.#frameWaiter = undefined;
    const closed = this.#transportClosed;
    this.#transport?.close();
    await this.#connecting?.catch(() => {});
    await closed;
  }

  // ----- connecting -----

  async #open(): Promise<void> {
    const generation = ++this.#generation;
    const abort = new AbortController();
    this.#abort = abort;
    let markClosed!: () => void;
    const closed = new Promise<void>((resolve) => (markClosed = resolve));
    const { dcId, endpoint } = this.#options;
    let transport: Transport;
    try {
      transport = await openTransport(
        { ...this.#options.transport, ...endpoint, dcId, signal: abort.signal },
        {
          onFrame: (payload) => {
            if (generation === this.#generation) this.#onFrame(payload);
          },
          onClose: (error) => {
            markClosed();
            if (generation === this.#generation) this.#onTransportClose(error);
          },
        },
      );
    } catch (error) {
      throw error instanceof Error ? error : new TransportError(String(error));
    }
    this.#transport = transport;
    this.#transportClosed = closed;
    try {
      if (this.#userClosed) {
        throw new RequestAbortedError(
          "disconnected",
          "the client disconnected",
        );
      }
      if (this.#authKey === undefined) {
        const result = await this.#exchangeKey(transport);
        this.#keyExchanges++;
        this.#authKey = result.authKey;
        this.#serverSalt = result.serverSalt;
        this.#timeOffset = result.timeOffset;
        const session = this.#newSession(
          result.authKey,
          result.serverSalt,
          result.timeOffset,
        );
        this.#orphan?.moveRequestsTo(session);
        this.#orphan = undefined;
        this.#hooks.onAuthKey?.(result.authKey, result.serverSalt);
        this.#hooks.onTimeOffset?.(result.timeOffset);
      } else if (this.#session === undefined) {
        this.#newSession(this.#authKey, this.#serverSalt, this.#timeOffset);
      } else {
        this.#session.connectionReset(this.#now());
      }
      if (transport.closed) {
        throw new TransportError("the connection closed while connecting");
      }
    } catch (error) {
      transport.close();
      await closed;
      throw error;
    }
    this.#lostAt = undefined;
    this.#reconnectAttempt = 0;
    this.#startTimers();
    this.#flush();
  }

  #newSession(authKey: Uint8Array, salt: bigint, timeOffset: number): Session {
    this.#session = new Session({
      ...this.#options.session,
      authKey,
      serverSalt: salt,
      timeOffset,
    });
    this.#needsInit = true;
    return this.#session;
  }

  async #exchangeKey(transport: Transport): Promise<AuthKeyExchangeResult> {
    this.#exchanging = true;
    const ids = new MessageIdGenerator();
    const timeoutMs = this.#options.exchangeStepTimeoutMs ?? 15_000;
    const call = async <N extends string>(
      request: TLFunction,
      expected: readonly N[],
    ) => {
      // Sent first: if sending throws, no waiter (and no timer) is left behind.
      // The answer cannot arrive before the waiter exists (it comes on a later event).
      transport.send(
        encodePlainMessage(ids.next(this.#now()), serialize(request)),
      );
      const frame = new Promise<Uint8Array>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new AuthKeyExchangeError(
                `no answer to ${request._} within ${timeoutMs} ms`,
              ),
            ),
          timeoutMs,
        );
        this.#frameWaiter = {
          resolve: (payload) => {
            clearTimeout(timer);
            resolve(payload);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        };
      });
      const payload = await frame;
      this.#frameWaiter = undefined;
      const answer = deserialize(decodePlainMessage(payload).body);
      if (!(expected as readonly string[]).includes(answer._)) {
        throw new AuthKeyExchangeError(
          `expected ${
            expected.join(" or ")
          } in answer to ${request._}, got ${answer._}`,
        );
      }
      return answer as Extract<TLObject, { _: N }>;
    };
    try {
      const options = {
        dcId: this.#options.innerDataDcId ?? this.#options.dcId,
        publicKeys: this.#options.publicKeys,
      };
      const first = step1(options);
      const resPQ = await call(first.request, ["resPQ"]);
      const second = step2(first.state, resPQ);
      const params = await call(second.request, [
        "server_DH_params_ok",
        "server_DH_params_fail",
      ]);
      const third = step3(second.state, params, this.#now());
      const answers = ["dh_gen_ok", "dh_gen_retry", "dh_gen_fail"] as const;
      let outcome = finish(third.state, await call(third.request, answers));
      while (outcome.type === "retry") {
        outcome = finish(outcome.state, await call(outcome.request, answers));
      }
      return outcome;
    } finally {
      this.#exchanging = false;
      this.#frameWaiter = undefined;
    }
  }

  // ----- receiving -----

  #onFrame(payload: Uint8Array): void {
    if (this.#exchanging) {
      this.#frameWaiter?.resolve(payload);
      return;
    }
    const session = this.#session;
    if (session === undefined) return;
    let events: SessionEvent[];
    try {
      events = session.unpack(payload, this.#now());
    } catch (error) {
      this.#halt(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    this.#dispatch(events);
    this.#scheduleFlush(session.hasQueued || session.pendingAcks >= 64);
  }

  #dispatch(events: SessionEvent[]): void {
    for (const event of events) {
      switch (event.type) {
        case "result": {
          const call = this.#pending.get(event.requestId);
          this.#pending.delete(event.requestId);
          call?.resolve(event.result);
          break;
        }
        case "error": {
          const call = this.#pending.get(event.requestId);
          this.#pending.delete(event.requestId);
          call?.reject(event.error);
          break;
        }
        case "update":
          this.#hooks.onUpdate?.(event.update);
          break;
        case "new_session":
          this.#needsInit = true;
          this.#hooks.onNewSession?.();
          break;
        case "salt":
          this.#serverSalt = event.salt;
          this.#hooks.onSalt?.(event.salt);
          break;
        case "time_offset":
          this.#timeOffset = event.offset;
          this.#hooks.onTimeOffset?.(event.offset);
          break;
        case "ignored":
          this.#hooks.onIgnored?.(event.error);
          break;
      }
    }
  }

  /**
   * The connection cannot be trusted (a failed envelope check): every
   * request in flight fails with the error, and no reconnection is tried;
   * the next `invoke` connects again.
   */
  #halt(error: Error): void {
    this.#failAll(error);
    this.#stopTimers();
    this.#clearReconnectTimer();
    this.#generation++; // ignore whatever this connection still delivers
    const transport = this.#transport;
    this.#transport = undefined;
    transport?.close();
  }

  #failAll(error: Error): void {
    if (this.#session !== undefined) {
      this.#dispatch(this.#session.failAll(error));
    }
    if (this.#orphan !== undefined) this.#dispatch(this.#orphan.failAll(error));
    for (const call of this.#pending.values()) call.reject(error);
    this.#pending.clear();
  }

  #onTransportClose(error: TransportError | undefined): void {
    this.#transport = undefined;
    this.#stopTimers();
    this.#frameWaiter?.reject(
      error ?? new TransportError("the connection closed"),
    );
    this.#frameWaiter = undefined;
    if (this.#userClosed) return;
    this.#hooks.onDisconnected?.(error);
    if (error instanceof TransportServerError && error.authKeyUnknown) {
      this.#forgetKey();
    }
    if (this.#connecting === undefined) this.#scheduleReconnect();
  }

  #forgetKey(): void {
    this.#authKey = undefined;
    this.#serverSalt = 0n;
    if (this.#session !== undefined) {
      this.#orphan = this.#session;
      this.#session = undefined;
    }
    this.#hooks.onAuthKeyLost?.();
  }

  #scheduleReconnect(): void {
    if (this.#userClosed || this.#reconnectTimer !== undefined) return;
    this.#lostAt ??= this.#now();
    const base = this.#options.reconnectDelayMs ?? 200;
    const max = this.#options.maxReconnectDelayMs ?? 5000;
    // ±20 % jitter, so that many clients cut off together do not all come back at once.
    const delay =
      Math.min(max, base * 2 ** Math.min(this.#reconnectAttempt, 20)) *
      (0.8 + 0.4 * Math.random());
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = undefined;
      this.connect().catch((error) => {
        if (this.#userClosed) return;
        if (error instanceof SecurityError) {
          this.#halt(error);
          return;
        }
        if (error instanceof TransportServerError && error.authKeyUnknown) {
          this.#forgetKey();
        }
        this.#reconnectAttempt++;
        if (
          this.#now() - (this.#lostAt ?? 0) >=
            (this.#options.reconnectTimeoutMs ?? 30_000)
        ) {
          this.#failAll(
            new RequestAbortedError(
              "connection_failed",
              `could not reconnect to DC ${this.dcId}`,
              { cause: error },
            ),
          );
        }
        this.#scheduleReconnect();
      });
    }, delay);
  }

  #clearReconnectTimer(): void {
    if (this.#reconnectTimer !== undefined) clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = undefined;
  }

  // ----- sending -----

  #scheduleFlush(now: boolean): void {
    if (now) {
      if (this.#flushQueued) return;
      this.#flushQueued = true;
      queueMicrotask(() => {
        this.#flushQueued = false;
        this.#flush();
      });
    } else if (this.#ackTimer === undefined && this.#transport !== undefined) {
      this.#ackTimer = setTimeout(() => {
        this.#ackTimer = undefined;
        this.#flush();
      }, this.#options.ackDelayMs ?? 300);
    }
  }

  #flush(): void {
    const transport = this.#transport;
    const session = this.#session;
    if (
      transport === undefined || transport.closed || this.#exchanging ||
      session === undefined
    ) return;
    if (this.#ackTimer !== undefined) {
      clearTimeout(this.#ackTimer);
      this.#ackTimer = undefined;
    }
    try {
      const now = this.#now();
      for (
        let packet = session.pack(now);
        packet !== undefined;
        packet = session.pack(now)
      ) transport.send(packet);
    } catch (error) {
      // A closed transport reports through onClose; anything else is a bug worth surfacing.
      if (!(error instanceof TransportError)) {
        this.#halt(error instanceof Error ? error : new Error(String(error)));
      }
    }
  }

  #startTimers(): void {
    this.#stopTimers();
    this.#lastPingAt = this.#now();
    this.#housekeeping = setInterval(
      () => this.#housekeep(),
      HOUSEKEEPING_INTERVAL_MS,
    );
  }

  #stopTimers(): void {
    if (this.#housekeeping !== undefined) clearInterval(this.#housekeeping);
    this.#housekeeping = undefined;
    if (this.#ackTimer !== undefined) clearTimeout(this.#ackTimer);
    this.#ackTimer = undefined;
  }

  #housekeep(): void {
    const session = this.#session;
    if (session === undefined || !this.connected) return;
    const now = this.#now();
    this.#dispatch(session.tick(now));
    if (now - this.#lastPingAt >= (this.#options.pingIntervalMs ?? 60_000)) {
      this.#lastPingAt = now;
      session.enqueuePing(now, this.#options.pingDisconnectDelay ?? 75);
    }
    if (session.hasQueued) this.#flush();
  }
}

/** Waits for `work`, or rejects as soon as `signal` fires (`work` carries on). */
function untilAborted<T>(work: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (signal === undefined) return work;
  if (signal.aborted) {
    work.catch(() => {});
    return Promise.reject(abortErrorOf(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortErrorOf(signal));
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() =>
      signal.removeEventListener("abort", onAbort)
    );
  });
}
