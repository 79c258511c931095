/**
 * The local test DC: a real MTProto server for Sparrow's tests (and for
 * anyone who wants to try a client offline). `startTestDc()` starts a small
 * world of DCs on loopback, each with a TCP listener (every framing,
 * obfuscated or not) and a WebSocket listener, its own RSA key, the server
 * side of the key exchange, encrypted MTProto 2.0 sessions, and a handful of
 * API methods; knobs make it misbehave on purpose.
 *
 * ```ts
 * const dc = await startTestDc();
 * // connect a client to dc.dcs[0].host:dc.dcs[0].port, trusting dc.publicKey
 * await dc.stop();
 * ```
 *
 * @module
 */

import { ServerClock } from "./clock.ts";
import { DataCenter, type DcShared } from "./data_center.ts";
import { KnobState, MALICIOUS_MODES, type MaliciousMode } from "./knobs.ts";
import { DcListeners, LOOPBACK } from "./listeners.ts";
import {
  generateServerRsaKey,
  processServerRsaKey,
  type ServerRsaKey,
} from "./rsa_key.ts";
import { TimerSet } from "./timers.ts";
import { World } from "./world.ts";
import { type ChatWorld, chatWorld } from "./updates/chat_world.ts";
import { type AuthWorld, authWorld } from "./auth_world.ts";

export { MALICIOUS_MODES, type MaliciousMode } from "./knobs.ts";
export { RpcFailure } from "./rpc_error.ts";
export type { World, WorldUser } from "./world.ts";
export type {
  AuthStats,
  AuthWorld,
  CreatedBot,
  InjectedError,
  NewBotFields,
  NewUserFields,
} from "./auth_world.ts";
export type {
  ChatWorld,
  MessageOptions,
  PeerRef,
  WorldChannel,
  WorldChat,
} from "./updates/chat_world.ts";
export type { DeliveryKnobSettings } from "./updates/delivery.ts";

/** Options of {@link startTestDc}. */
export interface TestDcOptions {
  /** How many DCs (ids 1..N) to run in this world. Default 2. */
  dcCount?: number;
  /**
   * Seconds each server salt stays current (old salts are accepted for as
   * long again, at most 1800 s). Default 1800, as on Telegram; tests set a few
   * seconds to exercise rotation.
   */
  saltLifetimeSeconds?: number;
  /** Start in a malicious mode (see {@link MaliciousMode}). */
  malicious?: MaliciousMode;
  /**
   * Listen on fixed ports: DC n gets TCP `basePort + 2(n−1)` and WebSocket
   * `basePort + 2(n−1) + 1`. Default: ephemeral ports chosen by the system.
   */
  basePort?: number;
  /** Generate a fresh RSA key instead of the one shared by every test DC of this process. */
  freshRsaKey?: boolean;
}

/** One DC's addresses. */
export interface TestDcAddress {
  /** DC id. */
  id: number;
  /** `127.0.0.1`. */
  host: string;
  /** TCP port (abridged, intermediate, padded intermediate, full; obfuscated or not). */
  port: number;
  /** `ws://127.0.0.1:<port>/apiws` (subprotocol `binary`, obfuscated framings only). */
  wsUrl: string;
}

/** The server's RSA public key, as clients need it. */
export interface TestDcPublicKey {
  /** Modulus. */
  n: bigint;
  /** Public exponent. */
  e: bigint;
  /** Telegram-style fingerprint (lower 64 bits of SHA1 of the TL-serialized n and e). */
  fingerprint: bigint;
  /** PKCS#1 PEM (`-----BEGIN RSA PUBLIC KEY-----`). */
  pem: string;
}

/** Switches that make the DC misbehave on purpose. They apply to every DC of the world. */
export interface TestDcKnobs {
  /**
   * Counts messages (frames) received from now on, across all DCs; when the
   * `messages`-th arrives, every open connection is dropped before that
   * message is processed. One-shot: the knob then disarms.
   */
  dropConnectionsAfter(messages: number): void;
  /** Closes every open connection and refuses new ones (TCP reset, WebSocket 503) for `ms` milliseconds. */
  refuseConnectionsFor(ms: number): void;
  /**
   * Sets the server clock `seconds` ahead of real time (negative: behind). Not
   * cumulative. Every server msg_id, `server_time` and salt window follows the
   * new clock. Since server msg_ids may never decrease within a session, a
   * change makes every DC forget its sessions: each client's next message
   * opens a new one (`new_session_created`), and a client whose time is now
   * off gets bad_msg_notification 16 or 17 whose msg_id carries the new time.
   */
  skewClock(seconds: number): void;
  /** Forgets every server salt: the next message from each client gets `bad_server_salt` with a fresh salt. */
  forceBadSalt(): void;
  /** Holds back every RPC result for `ms` milliseconds (acks still go out at once); 0 turns it off. */
  delayResponses(ms: number): void;
  /**
   * The next `count` RPC results are generated but never transmitted (lost in
   * the network): the client recovers them by reconnecting, re-sending the
   * same msg_id, or asking with `msgs_state_req`.
   */
  dropResponses(count: number): void;
  /** The next `count` key exchanges answer `dh_gen_retry` once each (as on an auth_key_id collision). */
  forceDhGenRetry(count: number): void;
  /**
   * Closes every listener and socket and clears every timer, forgets what a
   * real DC holds only in memory (sessions, temporary keys, key exchanges in
   * progress), keeps permanent keys and the world, and listens again on the
   * same ports.
   */
  restart(): Promise<void>;
  /** Switches a malicious mode on, or off when `mode` is undefined. */
  setMalicious(mode?: MaliciousMode): void;
  /** Turns every knob off (clock skew 0, no delays, drops, refusals or malice). */
  reset(): void;
}

/** A running test world. */
export interface TestDc {
  /** The DCs, ordered by id. */
  dcs: TestDcAddress[];
  /** The server key every DC uses. */
  publicKey: TestDcPublicKey;
  /** Misbehaviour switches. */
  knobs: TestDcKnobs;
  /** The shared world (accounts, chats, messages), for tests that set up scenarios. */
  world: World;
  /**
   * Chats, channels, messages and updates of the world (send as any account,
   * edit, delete, press buttons), with the update-delivery knobs
   * (`chats.delivery.configure({ withholdRate, duplicateRate, reorderRate })`,
   * `chats.delivery.forceTooLong()`) and difference limits (`chats.limits`).
   */
  chats: ChatWorld;
  /**
   * Login: `auth.createBot()` gives a bot and its token,
   * `auth.createUser({ phone, homeDc, password })` a user (test numbers
   * `99966XYYYY` live on DC X; the code is X five times), `auth.floodWait()`
   * and `auth.injectError()` answer errors on demand, `auth.stats` counts
   * logins, `auth.permanentKeyCount()` the keys created.
   */
  auth: AuthWorld;
  /** Closes every listener, socket and timer. */
  stop(): Promise<void>;
}

/** Starts a test world of `options.dcCount` DCs on loopback. */
export async function startTestDc(
  options: TestDcOptions = {},
): Promise<TestDc> {
  const dcCount = options.dcCount ?? 2;
  if (!Number.isInteger(dcCount) || dcCount < 1 || dcCount > 100) {
    throw new RangeError(
      `dcCount must be an integer from 1 to 100, got ${dcCount}`,
    );
  }
  const saltLifetime = options.saltLifetimeSeconds ?? 1800;
  if (!(saltLifetime >= 1)) {
    throw new RangeError(
      `saltLifetimeSeconds must be at least 1, got ${saltLifetime}`,
    );
  }
  if (
    options.malicious !== undefined &&
    !MALICIOUS_MODES.includes(options.malicious)
  ) {
    throw new RangeError(
      `unknown malicious mode ${JSON.stringify(options.malicious)}`,
    );
  }
  const basePort = options.basePort;
  if (
    basePort !== undefined &&
    !(Number.isInteger(basePort) && basePort > 0 &&
      basePort + 2 * dcCount <= 65536)
  ) {
    throw new RangeError(
      `basePort must leave room for ${
        2 * dcCount
      } ports below 65536, got ${basePort}`,
    );
  }
  const ports = (id: number) =>
    basePort === undefined
      ? undefined
      : { tcp: basePort + 2 * (id - 1), ws: basePort + 2 * (id - 1) + 1 };
  const rsaKey: ServerRsaKey = options.freshRsaKey
    ? generateServerRsaKey()
    : processServerRsaKey();
  const clock = new ServerClock();
  const knobs = new KnobState();
  knobs.malicious = options.malicious;
  const timers = new TimerSet();
  const world = new World(() => clock.now());
  const chats = chatWorld(world, () => clock.now());
  const auth = authWorld(world, () => clock.now());
  const listeners: DcListeners[] = [];
  const shared: DcShared = {
    clock,
    knobs,
    timers,
    rsaKey,
    world,
    saltLifetime: Math.floor(saltLifetime),
    addresses: () =>
      listeners.map((l, i) => ({ id: i + 1, host: LOOPBACK, port: l.tcpPort })),
  };
  const dropAllConnections = () => {
    for (const l of listeners) l.dropConnections();
  };
  const dataCenters: DataCenter[] = [];
  for (let id = 1; id <= dcCount; id++) {
    const dc = new DataCenter(id, shared);
    dataCenters.push(dc);
    chats.delivery.attach(dc);
    auth.attach(dc);
    listeners.push(
      new DcListeners(dc, {
        knobs,
        timers,
        dropAllConnections,
        refusing: () => knobs.refusing(),
      }, ports(id)),
    );
  }
  try {
    for (const l of listeners) await l.start();
  } catch (error) {
    await Promise.all(listeners.map((l) => l.close()));
    throw error;
  }

  let stopped = false;
  const closeAll = async () => {
    await Promise.all(listeners.map((l) => l.close()));
    timers.clear();
  };

  const knobApi: TestDcKnobs = {
    dropConnectionsAfter(messages) {
      if (!Number.isInteger(messages) || messages < 1) {
        throw new RangeError("messages must be a positive integer");
      }
      knobs.dropAfterMessages = messages;
    },
    refuseConnectionsFor(ms) {
      knobs.refuseUntil = Date.now() + Math.max(0, ms);
      dropAllConnections();
    },
    skewClock(seconds) {
      if (clock.skewSeconds === seconds) return;
      clock.skewSeconds = seconds;
      for (const dc of dataCenters) dc.clockChanged();
    },
    forceBadSalt() {
      for (const dc of dataCenters) dc.invalidateSalts();
    },
    delayResponses(ms) {
      knobs.responseDelayMs = Math.max(0, ms);
    },
    dropResponses(count) {
      knobs.responsesToDrop = Math.max(0, Math.floor(count));
    },
    forceDhGenRetry(count) {
      knobs.forcedDhRetries = Math.max(0, Math.floor(count));
    },
    async restart() {
      if (stopped) throw new Error("the test DC is stopped");
      await closeAll();
      for (const dc of dataCenters) dc.restart();
      for (const l of listeners) await l.start();
    },
    setMalicious(mode) {
      if (mode !== undefined && !MALICIOUS_MODES.includes(mode)) {
        throw new RangeError(`unknown malicious mode ${JSON.stringify(mode)}`);
      }
      knobs.malicious = mode;
    },
    reset() {
      knobs.reset();
      auth.clearInjectedErrors();
      knobApi.skewClock(0);
    },
  };

  return {
    dcs: listeners.map((l, i) => ({
      id: i + 1,
      host: LOOPBACK,
      port: l.tcpPort,
      wsUrl: `ws://${LOOPBACK}:${l.wsPort}/apiws`,
    })),
    publicKey: {
      n: rsaKey.n,
      e: rsaKey.e,
      fingerprint: rsaKey.fingerprint,
      pem: rsaKey.pem,
    },
    knobs: knobApi,
    world,
    chats,
    auth,
    async stop() {
      if (stopped) return;
      stopped = true;
      chats.dispose();
      await closeAll();
    },
  };
}
