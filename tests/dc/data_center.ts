/**
 * One test DC: its auth keys, the key exchange, its MTProto sessions and the
 * API dispatcher; fed packets by its connections. The listeners (sockets)
 * live in `listeners.ts`; the world (accounts, messages) is shared by every
 * DC of a test.
 *
 * @module
 */

import {
  aesIgeDecrypt,
  decryptMessage,
  messageKeyIv,
  sha256,
} from "../../crypto/mod.ts";
import { AuthKeyStore } from "./auth_keys.ts";
import { type ServerClock, ServerMsgIdGenerator } from "./clock.ts";
import type { DcConnection, PayloadHandler } from "./connection.ts";
import { HandshakeServer } from "./handshake.ts";
import type { KnobState } from "./knobs.ts";
import { ALL_METHODS } from "./methods/mod.ts";
import { type DcInfo, type RpcContext, RpcDispatcher } from "./rpc.ts";
import type { ServerRsaKey } from "./rsa_key.ts";
import { ServerSession, type SessionHost } from "./session.ts";
import type { TimerSet } from "./timers.ts";
import type { World } from "./world.ts";

/** What every DC of a test world shares. */
export interface DcShared {
  /** Server time. */
  clock: ServerClock;
  /** Misbehaviour switches. */
  knobs: KnobState;
  /** Timers (cleared on stop and restart). */
  timers: TimerSet;
  /** The server key. */
  rsaKey: ServerRsaKey;
  /** Accounts, chats, messages. */
  world: World;
  /** Seconds each server salt stays current. */
  saltLifetime: number;
  /** Every DC's TCP address (for `help.getConfig`). */
  addresses(): { id: number; host: string; port: number }[];
}

/**
 * The quick ack token of an encrypted packet ("MTProto transports"): the
 * first 32 bits of SHA256(auth_key[88..120] + decrypted data with padding),
 * read little-endian, with the most significant bit set.
 */
export function quickAckToken(authKey: Uint8Array, packet: Uint8Array): number {
  const msgKey = packet.subarray(8, 24);
  const { key, iv } = messageKeyIv(authKey, msgKey, "client");
  const plaintext = aesIgeDecrypt(packet.subarray(24), key, iv);
  const hash = sha256(authKey.subarray(88, 120), plaintext);
  return (new DataView(hash.buffer, hash.byteOffset, 4).getUint32(0, true) |
    0x80000000) >>> 0;
}

/** Too many sessions per DC means a misbehaving client; the oldest are forgotten (as Telegram may). */
const MAX_SESSIONS = 10000;

/** The protocol state of one DC. */
export class DataCenter implements PayloadHandler, SessionHost {
  /** Auth keys by id. */
  readonly keys: AuthKeyStore = new AuthKeyStore();
  /** The API dispatcher. */
  readonly dispatcher: RpcDispatcher = new RpcDispatcher(ALL_METHODS);
  readonly #sessions = new Map<string, ServerSession>();
  readonly #handshake: HandshakeServer;
  #plainMsgIds: ServerMsgIdGenerator;
  readonly #info: DcInfo;

  constructor(
    /** The DC id (1, 2, ...). */
    readonly id: number,
    private readonly shared: DcShared,
  ) {
    this.#plainMsgIds = new ServerMsgIdGenerator(shared.clock);
    this.#handshake = new HandshakeServer({
      dcId: id,
      rsaKey: shared.rsaKey,
      keys: this.keys,
      clock: shared.clock,
      saltLifetime: shared.saltLifetime,
      saltGrace: Math.min(1800, shared.saltLifetime),
      malicious: () => shared.knobs.malicious,
      takeForcedRetry: () => shared.knobs.takeForcedRetry(),
    });
    this.#info = { id, all: () => shared.addresses() };
  }

  /** Server time. */
  get clock(): ServerClock {
    return this.shared.clock;
  }

  /** Misbehaviour switches. */
  get knobs(): KnobState {
    return this.shared.knobs;
  }

  /** Timers. */
  get timers(): TimerSet {
    return this.shared.timers;
  }

  /** Handles one packet from a client connection. */
  handlePayload(
    connection: DcConnection,
    payload: Uint8Array,
    quickAck = false,
  ): void {
    if (payload.length < 8) return connection.close();
    const view = new DataView(
      payload.buffer,
      payload.byteOffset,
      payload.byteLength,
    );
    const authKeyId = view.getBigInt64(0, true);
    if (authKeyId === 0n) return this.#handlePlain(connection, payload, view);
    const key = this.keys.get(authKeyId, this.clock.now());
    if (!key) return connection.sendError(-404);
    let plaintext: Uint8Array;
    try {
      plaintext = decryptMessage(key.key, payload, "client");
    } catch {
      // "Error 404 ... during normal operation ... if some MTProto fields are incorrect."
      return connection.sendError(-404);
    }
    if (quickAck) connection.sendQuickAck(quickAckToken(key.key, payload));
    const header = new DataView(
      plaintext.buffer,
      plaintext.byteOffset,
      plaintext.byteLength,
    );
    const salt = header.getBigInt64(0, true);
    const sessionId = header.getBigInt64(8, true);
    const msgId = header.getBigInt64(16, true);
    const seqno = header.getInt32(24, true);
    const length = header.getInt32(28, true);
    const body = plaintext.subarray(32, 32 + length);
    this.#session(key.id, sessionId).receive(
      connection,
      salt,
      msgId,
      seqno,
      body,
    );
  }

  #handlePlain(
    connection: DcConnection,
    payload: Uint8Array,
    view: DataView,
  ): void {
    if (payload.length < 20) return connection.sendError(-404);
    const length = view.getInt32(16, true);
    if (length !== payload.length - 20) return connection.sendError(-404);
    const reply = this.#handshake.handle(payload.subarray(20));
    if (reply.kind === "error") return connection.sendError(reply.code);
    const packet = new Uint8Array(20 + reply.body.length);
    const out = new DataView(packet.buffer);
    out.setBigInt64(8, this.#plainMsgIds.next(true), true);
    out.setInt32(16, reply.body.length, true);
    packet.set(reply.body, 20);
    connection.sendPayload(packet);
  }

  #session(authKeyId: bigint, sessionId: bigint): ServerSession {
    const key = `${authKeyId}:${sessionId}`;
    let session = this.#sessions.get(key);
    if (!session) {
      session = new ServerSession(
        this,
        this.keys.get(authKeyId, this.clock.now())!,
        sessionId,
      );
      this.#sessions.set(key, session);
      if (this.#sessions.size > MAX_SESSIONS) {
        const [oldestKey, oldest] = this.#sessions.entries().next().value!;
        oldest.dispose();
        this.#sessions.delete(oldestKey);
      }
    }
    return session;
  }

  /** SessionHost: the context of an API call. */
  rpcContext(
    session: ServerSession,
    msgId: bigint,
  ): Omit<RpcContext, "layer" | "requireUser"> {
    return {
      dc: this.#info,
      world: this.shared.world,
      authKey: session.authKey,
      sessionId: session.sessionId,
      msgId,
      now: () => this.clock.now(),
      markWithoutUpdates: () => {
        session.withoutUpdates = true;
      },
    };
  }

  /** SessionHost: `destroy_session`. */
  destroySession(authKeyId: bigint, sessionId: bigint): boolean {
    const key = `${authKeyId}:${sessionId}`;
    const session = this.#sessions.get(key);
    if (!session) return false;
    session.dispose();
    this.#sessions.delete(key);
    return true;
  }

  /** SessionHost: `destroy_auth_key`. */
  destroyAuthKey(authKeyId: bigint): void {
    this.keys.delete(authKeyId);
    for (const [key, session] of this.#sessions) {
      if (session.authKey.id === authKeyId) {
        session.dispose();
        this.#sessions.delete(key);
      }
    }
  }

  /** The sessions of an auth key (for pushing updates later). */
  sessionsOf(authKeyId: bigint): ServerSession[] {
    return [...this.#sessions.values()].filter((s) =>
      s.authKey.id === authKeyId
    );
  }

  /** Forces the next message of every key to be answered with `bad_server_salt` (the `forceBadSalt` knob). */
  invalidateSalts(): void {
    for (const key of this.keys.all()) key.salts.invalidate();
  }

  /**
   * The clock was changed (the `skewClock` knob). Server msg_ids must follow
   * the clock, and within a session they may never decrease; so the sessions
   * are forgotten (a server may forget sessions at any time) and the next
   * message of each client starts a new one, announced by
   * `new_session_created`, whose msg_ids follow the new clock.
   */
  clockChanged(): void {
    for (const session of this.#sessions.values()) session.dispose();
    this.#sessions.clear();
    this.#plainMsgIds = new ServerMsgIdGenerator(this.shared.clock);
  }

  /**
   * A restart: what lived only in memory is gone (sessions, temporary keys,
   * unfinished key exchanges); permanent keys stay, as on a real DC.
   */
  restart(): void {
    for (const session of this.#sessions.values()) session.dispose();
    this.#sessions.clear();
    this.keys.dropTemporary();
    this.#handshake.clear();
  }
}
