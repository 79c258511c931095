/**
 * A deliberately small, raw MTProto client for the test DC's own tests:
 * every step is explicit so a test can send exactly the bytes it wants
 * (a wrong seqno, salt 0, a container as the first message, ...). Built from
 * crypto/, tl/ and transport/ only; it is not the library's client.
 *
 * @module
 */

import {
  aesIgeDecrypt,
  aesIgeEncrypt,
  authKeyId,
  bigintFromBytes,
  bigintToBytes,
  checkAnswerWithHash,
  checkDhParams,
  checkDhValue,
  decryptMessage,
  encryptMessage,
  factorizePQ,
  modPow,
  newNonceHash,
  randomBytes,
  rsaEncryptLegacy,
  rsaPadEncrypt,
  type RsaPublicKey,
  sha1,
  tmpAesKeyIv,
  withHashAndPadding,
} from "../../crypto/mod.ts";
import {
  decodeMsgContainer,
  decodeRpcResult,
  deserialize,
  encodeMsgContainer,
  GZIP_PACKED_ID,
  gzipUnpack,
  MSG_CONTAINER_ID,
  RPC_RESULT_ID,
  serialize,
  type TLFunction,
  type TLObject,
} from "../../tl/mod.ts";
import {
  serverErrorFromPayload,
  type TransportError,
  TransportServerError,
} from "../../transport/errors.ts";
import {
  openTransport,
  type Transport,
  type TransportOptions,
} from "../../transport/transport.ts";

/** A frame, a server transport error code, or the end of the connection. */
export type RawEvent =
  | { kind: "frame"; payload: Uint8Array }
  | { kind: "error"; code: number }
  | { kind: "quickAck"; token: number }
  | { kind: "closed"; error?: TransportError };

/** A transport connection whose frames are read one at a time. */
export class RawConnection {
  #queue: RawEvent[] = [];
  #waiters: ((event: RawEvent) => void)[] = [];
  #closed = false;

  private constructor(private transport: Transport) {}

  /** Opens a connection (TCP or WebSocket, any framing) to the DC. */
  static async open(options: TransportOptions): Promise<RawConnection> {
    const holder: { self?: RawConnection } = {};
    const pending: RawEvent[] = [];
    const push = (
      event: RawEvent,
    ) => (holder.self ? holder.self.#push(event) : pending.push(event));
    const transport = await openTransport(options, {
      onFrame: (payload) => {
        const error = serverErrorFromPayload(payload);
        push(
          error
            ? { kind: "error", code: error.code }
            : { kind: "frame", payload },
        );
      },
      onQuickAck: (token) => push({ kind: "quickAck", token }),
      onClose: (error) => {
        // The transport layer ends the connection on a server error code; surface the code first.
        if (error instanceof TransportServerError) {
          push({ kind: "error", code: error.code });
        }
        push({ kind: "closed", error });
      },
    });
    const self = new RawConnection(transport);
    holder.self = self;
    for (const event of pending) self.#push(event);
    return self;
  }

  #push(event: RawEvent): void {
    if (event.kind === "closed") this.#closed = true;
    const waiter = this.#waiters.shift();
    if (waiter) waiter(event);
    else this.#queue.push(event);
  }

  /** True once the server (or we) closed the connection. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Sends one MTProto packet, optionally asking for a quick ack. */
  send(payload: Uint8Array, quickAck = false): void {
    this.transport.send(payload, quickAck ? { quickAck } : undefined);
  }

  /** The next event; rejects after `timeoutMs` (a test that hangs should fail, not stall the suite). */
  next(timeoutMs = 5000): Promise<RawEvent> {
    const queued = this.#queue.shift();
    if (queued) {
      if (queued.kind === "closed") this.#queue.unshift(queued);
      return Promise.resolve(queued);
    }
    if (this.#closed) return Promise.resolve({ kind: "closed" });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        reject(new Error(`no frame from the test DC within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter = (event: RawEvent) => {
        clearTimeout(timer);
        if (event.kind === "closed") this.#queue.unshift(event);
        resolve(event);
      };
      this.#waiters.push(waiter);
    });
  }

  /** The next frame's payload; throws on a transport error code or a closed connection. */
  async nextPayload(timeoutMs?: number): Promise<Uint8Array> {
    let event = await this.next(timeoutMs);
    while (event.kind === "quickAck") event = await this.next(timeoutMs);
    if (event.kind === "frame") return event.payload;
    if (event.kind === "error") {
      throw new Error(`transport error ${event.code}`);
    }
    throw new Error("connection closed");
  }

  /** Sends an unencrypted message. */
  sendPlain(body: Uint8Array, msgId = clientMsgId()): void {
    const packet = new Uint8Array(20 + body.length);
    const view = new DataView(packet.buffer);
    view.setBigInt64(8, msgId, true);
    view.setInt32(16, body.length, true);
    packet.set(body, 20);
    this.send(packet);
  }

  /** Reads an unencrypted message and decodes its body. */
  async recvPlain(): Promise<Record<string, unknown>> {
    const payload = await this.nextPayload();
    const view = new DataView(
      payload.buffer,
      payload.byteOffset,
      payload.byteLength,
    );
    if (view.getBigInt64(0, true) !== 0n) {
      throw new Error("expected an unencrypted message");
    }
    const length = view.getInt32(16, true);
    return deserialize(payload.subarray(20, 20 + length)) as unknown as Record<
      string,
      unknown
    >;
  }

  /** Closes the connection and waits until it is gone. */
  async close(): Promise<void> {
    this.transport.close();
    while (!this.#closed) await this.next(5000).catch(() => undefined);
  }
}

let lastMsgId = 0n;

/** A client msg_id for `offsetSeconds` from now: time-based, divisible by 4, increasing. */
export function clientMsgId(offsetSeconds = 0): bigint {
  const time = Date.now() / 1000 + offsetSeconds;
  let id = ((BigInt(Math.floor(time)) << 32n) |
    BigInt(Math.floor((time % 1) * 2 ** 32))) & ~3n;
  if (offsetSeconds === 0) {
    if (id <= lastMsgId) id = lastMsgId + 4n;
    lastMsgId = id;
  }
  return id;
}

/** Which inner data the client sends in `req_DH_params`. */
export interface KeyExchangeOptions {
  /** DC number written in `p_q_inner_data_*dc`; omitted for plain `p_q_inner_data`. */
  dc?: number;
  /** Ask for a temporary key valid this many seconds. */
  expiresIn?: number;
  /** Use the older RSA encoding instead of RSA_PAD. */
  legacyRsa?: boolean;
  /** Use `req_pq` instead of `req_pq_multi`. */
  oldReqPq?: boolean;
}

/** The result of a key exchange. */
export interface ExchangedKey {
  /** The 256-byte auth key. */
  authKey: Uint8Array;
  /** Its id. */
  authKeyId: bigint;
  /** The first server salt. */
  salt: bigint;
  /** `server_time` from `server_DH_inner_data`. */
  serverTime: number;
  /** How many `dh_gen_retry` answers came before `dh_gen_ok`. */
  retries: number;
}

/** Runs the client side of "Creating an Authorization Key" with every client check. */
export async function exchangeKey(
  connection: RawConnection,
  publicKey: RsaPublicKey,
  options: KeyExchangeOptions = {},
): Promise<ExchangedKey> {
  const nonce = bigintFromBytes(randomBytes(16), true);
  connection.sendPlain(
    serialize(
      { _: options.oldReqPq ? "req_pq" : "req_pq_multi", nonce } as TLFunction,
    ),
  );
  const resPq = await connection.recvPlain();
  if (resPq._ !== "resPQ" || resPq.nonce !== nonce) {
    throw new Error("resPQ nonce mismatch");
  }
  const fingerprints = resPq.server_public_key_fingerprints as bigint[];
  if (
    !fingerprints.some((f) =>
      BigInt.asIntN(64, f) === BigInt.asIntN(64, publicKey.fingerprint)
    )
  ) {
    throw new Error("the server does not offer our key");
  }
  const serverNonce = resPq.server_nonce as bigint;
  const pq = bigintFromBytes(resPq.pq as Uint8Array);
  const [p, q] = factorizePQ(pq);
  const newNonce = bigintFromBytes(randomBytes(32), true);
  const common = {
    pq: resPq.pq as Uint8Array,
    p: bigintToBytes(p, 4),
    q: bigintToBytes(q, 4),
    nonce,
    server_nonce: serverNonce,
    new_nonce: newNonce,
  };
  const inner = options.expiresIn !== undefined
    ? options.dc !== undefined
      ? {
        _: "p_q_inner_data_temp_dc",
        ...common,
        dc: options.dc,
        expires_in: options.expiresIn,
      }
      : { _: "p_q_inner_data_temp", ...common, expires_in: options.expiresIn }
    : options.dc !== undefined
    ? { _: "p_q_inner_data_dc", ...common, dc: options.dc }
    : { _: "p_q_inner_data", ...common };
  const innerBytes = serialize(inner as TLObject);
  const encrypted = options.legacyRsa
    ? rsaEncryptLegacy(innerBytes, publicKey)
    : rsaPadEncrypt(innerBytes, publicKey);
  connection.sendPlain(serialize({
    _: "req_DH_params",
    nonce,
    server_nonce: serverNonce,
    p: bigintToBytes(p, 4),
    q: bigintToBytes(q, 4),
    public_key_fingerprint: publicKey.fingerprint,
    encrypted_data: encrypted,
  } as TLFunction));
  const dhParams = await connection.recvPlain();
  if (dhParams._ !== "server_DH_params_ok") {
    throw new Error(`expected server_DH_params_ok, got ${dhParams._}`);
  }
  if (dhParams.nonce !== nonce || dhParams.server_nonce !== serverNonce) {
    throw new Error("server_DH_params nonce mismatch");
  }
  const { key, iv } = tmpAesKeyIv(newNonce, serverNonce);
  const answer = deserialize(
    checkAnswerWithHash(
      aesIgeDecrypt(dhParams.encrypted_answer as Uint8Array, key, iv),
    ),
  ) as unknown as {
    nonce: bigint;
    server_nonce: bigint;
    g: number;
    dh_prime: Uint8Array;
    g_a: Uint8Array;
    server_time: number;
  };
  if (answer.nonce !== nonce || answer.server_nonce !== serverNonce) {
    throw new Error("server_DH_inner_data nonce mismatch");
  }
  const dhPrime = bigintFromBytes(answer.dh_prime);
  checkDhParams(dhPrime, answer.g);
  const gA = bigintFromBytes(answer.g_a);
  checkDhValue(gA, dhPrime, "g_a");

  let retryId = 0n;
  for (let retries = 0; retries < 5; retries++) {
    const b = bigintFromBytes(randomBytes(256)) % (dhPrime - 2n) + 1n;
    const gB = modPow(BigInt(answer.g), b, dhPrime);
    const clientInner = serialize({
      _: "client_DH_inner_data",
      nonce,
      server_nonce: serverNonce,
      retry_id: retryId,
      g_b: bigintToBytes(gB, 256),
    } as TLObject);
    connection.sendPlain(serialize({
      _: "set_client_DH_params",
      nonce,
      server_nonce: serverNonce,
      encrypted_data: aesIgeEncrypt(withHashAndPadding(clientInner), key, iv),
    } as TLFunction));
    const result = await connection.recvPlain();
    const authKey = bigintToBytes(modPow(gA, b, dhPrime), 256);
    if (result._ === "dh_gen_ok") {
      if (result.new_nonce_hash1 !== newNonceHash(newNonce, authKey, 1)) {
        throw new Error("new_nonce_hash1 mismatch");
      }
      return {
        authKey,
        authKeyId: authKeyId(authKey),
        salt: BigInt.asIntN(64, (newNonce ^ serverNonce) & 0xffffffffffffffffn),
        serverTime: answer.server_time,
        retries,
      };
    }
    if (result._ !== "dh_gen_retry") {
      throw new Error(`key exchange failed: ${result._}`);
    }
    if (result.new_nonce_hash2 !== newNonceHash(newNonce, authKey, 2)) {
      throw new Error("new_nonce_hash2 mismatch");
    }
    const hash = sha1(authKey);
    retryId = new DataView(hash.buffer, hash.byteOffset, 8).getBigInt64(
      0,
      true,
    );
  }
  throw new Error("too many dh_gen_retry");
}

/** One message received in an encrypted session (containers already opened). */
export interface ReceivedMessage {
  /** Its msg_id. */
  msgId: bigint;
  /** Its seqno. */
  seqno: number;
  /** The raw body. */
  body: Uint8Array;
  /** The decoded body (`rpc_result` bodies decoded as `{ _: "rpc_result", req_msg_id, result }`). */
  object: Record<string, unknown>;
}

/** What the outer packet carried, for tests that check the envelope. */
export interface ReceivedPacket {
  /** Server salt in the header. */
  salt: bigint;
  /** Session id in the header. */
  sessionId: bigint;
  /** msg_id of the outer message (the container's, if any). */
  msgId: bigint;
  /** seqno of the outer message. */
  seqno: number;
  /** The messages, containers opened. */
  messages: ReceivedMessage[];
}

function decodeBody(body: Uint8Array): Record<string, unknown> {
  const id = new DataView(body.buffer, body.byteOffset, 4).getUint32(0, true);
  if (id === RPC_RESULT_ID) {
    const { req_msg_id, result } = decodeRpcResult(body);
    let inner = result;
    if (
      new DataView(inner.buffer, inner.byteOffset, 4).getUint32(0, true) ===
        GZIP_PACKED_ID
    ) {
      inner = gzipUnpack(inner, 1 << 24);
    }
    return { _: "rpc_result", req_msg_id, result: inner };
  }
  return deserialize(body) as unknown as Record<string, unknown>;
}

/** An encrypted session over a {@link RawConnection}. */
export class RawSession {
  /** The session id. */
  sessionId: bigint = new DataView(randomBytes(8).buffer).getBigInt64(0, true);
  #contentCount = 0;

  constructor(
    /** The connection. */
    public connection: RawConnection,
    /** The auth key. */
    readonly authKey: Uint8Array,
    /** The salt to send. */
    public salt: bigint,
  ) {}

  /** The next seqno (content-related messages increment the counter). */
  nextSeqno(content: boolean): number {
    return content ? this.#contentCount++ * 2 + 1 : this.#contentCount * 2;
  }

  /** Encrypts and sends one message with exactly these header fields. */
  sendRaw(
    fields: {
      msgId: bigint;
      seqno: number;
      body: Uint8Array;
      salt?: bigint;
      sessionId?: bigint;
      quickAck?: boolean;
    },
  ): Uint8Array {
    const plaintext = new Uint8Array(32 + fields.body.length);
    const view = new DataView(plaintext.buffer);
    view.setBigInt64(0, fields.salt ?? this.salt, true);
    view.setBigInt64(8, fields.sessionId ?? this.sessionId, true);
    view.setBigInt64(16, fields.msgId, true);
    view.setInt32(24, fields.seqno, true);
    view.setInt32(28, fields.body.length, true);
    plaintext.set(fields.body, 32);
    const packet = encryptMessage(this.authKey, plaintext, "client");
    this.connection.send(packet, fields.quickAck);
    return packet;
  }

  /** Sends a TL object as one message; returns its msg_id. */
  send(object: TLObject | TLFunction, content = true): bigint {
    const msgId = clientMsgId();
    this.sendRaw({
      msgId,
      seqno: this.nextSeqno(content),
      body: serialize(object),
    });
    return msgId;
  }

  /** Sends several objects in one container; returns their msg_ids (the container's last). */
  sendContainer(
    items: { object: TLObject | TLFunction; content: boolean }[],
  ): bigint[] {
    const inner = items.map((item) => ({
      msg_id: clientMsgId(),
      seqno: this.nextSeqno(item.content),
      body: serialize(item.object),
    }));
    const containerId = clientMsgId();
    this.sendRaw({
      msgId: containerId,
      seqno: this.nextSeqno(false),
      body: encodeMsgContainer(inner),
    });
    return [...inner.map((m) => m.msg_id), containerId];
  }

  /** Receives and decrypts one packet (a transport error code or closing throws). */
  async recv(timeoutMs?: number): Promise<ReceivedPacket> {
    const payload = await this.connection.nextPayload(timeoutMs);
    const plaintext = decryptMessage(this.authKey, payload, "server");
    const view = new DataView(
      plaintext.buffer,
      plaintext.byteOffset,
      plaintext.byteLength,
    );
    const msgId = view.getBigInt64(16, true);
    const seqno = view.getInt32(24, true);
    const body = plaintext.slice(32, 32 + view.getInt32(28, true));
    const isContainer = view.getUint32(32, true) === MSG_CONTAINER_ID;
    const messages = isContainer
      ? decodeMsgContainer(body).map((m) => ({
        msgId: m.msg_id,
        seqno: m.seqno,
        body: m.body,
        object: decodeBody(m.body),
      }))
      : [{ msgId, seqno, body, object: decodeBody(body) }];
    return {
      salt: view.getBigInt64(0, true),
      sessionId: view.getBigInt64(8, true),
      msgId,
      seqno,
      messages,
    };
  }

  /** Messages of already received packets that {@link waitFor} has not handed out yet. */
  #unread: ReceivedMessage[] = [];

  /**
   * Receives messages until one satisfies `predicate`; returns it and the
   * messages before it. Messages after it in the same packet stay for the next call.
   */
  async waitFor(
    predicate: (message: ReceivedMessage) => boolean,
    timeoutMs = 5000,
  ): Promise<{ match: ReceivedMessage; seen: ReceivedMessage[] }> {
    const seen: ReceivedMessage[] = [];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (this.#unread.length > 0) {
        const message = this.#unread.shift()!;
        seen.push(message);
        if (predicate(message)) return { match: message, seen };
      }
      this.#unread =
        (await this.recv(Math.max(1, deadline - Date.now()))).messages;
    }
  }
}

/** Wraps a query in `invokeWithLayer(228, initConnection(...))`, as clients do for their first call. */
export function withInit(query: TLFunction, layer = 228): TLFunction {
  return {
    _: "invokeWithLayer",
    layer,
    query: {
      _: "initConnection",
      api_id: 1,
      device_model: "test",
      system_version: "test",
      app_version: "0.1",
      system_lang_code: "en",
      lang_pack: "",
      lang_code: "en",
      query,
    },
  } as unknown as TLFunction;
}
