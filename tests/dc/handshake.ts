/**
 * The server half of the auth-key exchange ("Creating an Authorization Key"),
 * sans-IO: {@link HandshakeServer.handle} takes the body of one unencrypted
 * client message and returns the body to send back, or `-404` when the query
 * is incorrect (the docs: "the server returns a -404 error and the handshake
 * must be restarted").
 *
 * Exchanges are kept by `(nonce, server_nonce)` for ten minutes, so a client
 * that repeats exactly the same request gets exactly the same answer, and an
 * exchange may continue on another connection.
 *
 * @module
 */

import {
  aesIgeDecrypt,
  aesIgeEncrypt,
  authKeyId,
  bigintFromBytes,
  bigintToBytes,
  modPow,
  newNonceHash,
  randomBytes,
  sha1,
  tmpAesKeyIv,
} from "../../crypto/mod.ts";
import {
  deserialize,
  serialize,
  type TLObject,
  TLReader,
} from "../../tl/mod.ts";
import type { AuthKeyStore } from "./auth_keys.ts";
import type { ServerClock } from "./clock.ts";
import { DH_G, DH_PRIME } from "./dh_prime.ts";
import type { MaliciousMode } from "./knobs.ts";
import { randomPq } from "./primes.ts";
import {
  legacyHashMatches,
  rsaLegacyDecrypt,
  rsaPadDecrypt,
  type ServerRsaKey,
} from "./rsa_key.ts";
import { SaltSchedule } from "./salts.ts";

/** What to send back for one unencrypted message. */
export type HandshakeReply =
  | { kind: "reply"; body: Uint8Array }
  | { kind: "error"; code: -404 | -444; reason: string };

/** What the handshake needs from its DC. */
export interface HandshakeContext {
  /** This DC's id (1, 2, ...). */
  dcId: number;
  /** The server key clients encrypt to. */
  rsaKey: ServerRsaKey;
  /** Where finished keys go. */
  keys: AuthKeyStore;
  /** Server time (honours the clock-skew knob). */
  clock: ServerClock;
  /** Salt lifetime and grace for new keys, seconds. */
  saltLifetime: number;
  /** Grace after a salt's window, seconds. */
  saltGrace: number;
  /** The malicious mode in force, if any. */
  malicious(): MaliciousMode | undefined;
  /** Asks whether to answer `dh_gen_retry` even without a collision (a knob); consumes one forced retry. */
  takeForcedRetry(): boolean;
}

interface Exchange {
  nonce: bigint;
  serverNonce: bigint;
  p: bigint;
  q: bigint;
  pq: bigint;
  createdAt: number;
  resPq: Uint8Array;
  reqPqBytes: Uint8Array;
  // Set by req_DH_params.
  dhRequest?: Uint8Array;
  dhAnswer?: Uint8Array;
  newNonce?: bigint;
  a?: bigint;
  dhPrime?: bigint;
  tmpKey?: Uint8Array;
  tmpIv?: Uint8Array;
  dcInInnerData?: number;
  expiresIn?: number;
  // Set by set_client_DH_params.
  retryAuxHash?: bigint;
  setRequest?: Uint8Array;
  setAnswer?: Uint8Array;
  done?: boolean;
}

/** How long an unfinished (or just finished) exchange is remembered, seconds. */
const EXCHANGE_TTL = 600;
/** A bound on remembered exchanges, so a flood of `req_pq` cannot grow memory without limit. */
const MAX_EXCHANGES = 4096;
const TWO_POW_1984 = 1n << (2048n - 64n);

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function minimalBigEndian(n: bigint): Uint8Array {
  let length = 0;
  for (let v = n; v > 0n; v >>= 8n) length++;
  return bigintToBytes(n, Math.max(length, 1));
}

/** The 64 higher-order bits of SHA1(auth_key), read as a TL long (the first 8 hash bytes, little-endian). */
export function authKeyAuxHash(authKey: Uint8Array): bigint {
  const hash = sha1(authKey);
  return new DataView(hash.buffer, hash.byteOffset, 8).getBigInt64(0, true);
}

/** Whether `value` is a DH value the server accepts: 1 < v < p−1, and at least 2^(2048−64) away from both ends. */
function dhValueOk(value: bigint, prime: bigint): boolean {
  return value > 1n && value < prime - 1n && value >= TWO_POW_1984 &&
    value <= prime - TWO_POW_1984;
}

/** The server side of the key exchange for one DC. */
export class HandshakeServer {
  #exchanges = new Map<string, Exchange>();
  #byNonce = new Map<bigint, Exchange>();

  constructor(private readonly ctx: HandshakeContext) {}

  /** Handles the body of one unencrypted client message. */
  handle(body: Uint8Array): HandshakeReply {
    this.#expire();
    let request: TLObject | { _: string; [k: string]: unknown };
    try {
      request = deserialize(body) as { _: string };
    } catch (error) {
      return fail(`undecodable plain message: ${(error as Error).message}`);
    }
    switch (request._) {
      case "req_pq":
      case "req_pq_multi":
        return this.#reqPq(request.nonce as bigint, body);
      case "req_DH_params":
        return this.#reqDhParams(request as unknown as ReqDhParams, body);
      case "set_client_DH_params":
        return this.#setClientDhParams(
          request as unknown as SetClientDhParams,
          body,
        );
      default:
        return fail(`${request._} is not allowed in an unencrypted message`);
    }
  }

  /** Forgets every unfinished exchange (a restart). */
  clear(): void {
    this.#exchanges.clear();
    this.#byNonce.clear();
  }

  #expire(): void {
    const limit = this.ctx.clock.now() - EXCHANGE_TTL;
    for (const [key, exchange] of this.#exchanges) {
      if (
        exchange.createdAt >= limit && this.#exchanges.size <= MAX_EXCHANGES
      ) break;
      this.#exchanges.delete(key);
      if (this.#byNonce.get(exchange.nonce) === exchange) {
        this.#byNonce.delete(exchange.nonce);
      }
    }
  }

  #reqPq(nonce: bigint, requestBytes: Uint8Array): HandshakeReply {
    const previous = this.#byNonce.get(nonce);
    if (
      previous && !previous.dhRequest &&
      equalBytes(previous.reqPqBytes, requestBytes)
    ) {
      return { kind: "reply", body: previous.resPq };
    }
    const { p, q, pq } = randomPq();
    const serverNonce = bigintFromBytes(randomBytes(16), true);
    const malicious = this.ctx.malicious();
    const resPq = serialize({
      _: "resPQ",
      nonce: malicious === "wrong_nonce" ? nonce ^ 1n : nonce,
      server_nonce: serverNonce,
      pq: minimalBigEndian(pq),
      server_public_key_fingerprints: [this.ctx.rsaKey.fingerprint],
    });
    const exchange: Exchange = {
      nonce,
      serverNonce,
      p,
      q,
      pq,
      createdAt: this.ctx.clock.now(),
      resPq,
      reqPqBytes: requestBytes.slice(),
    };
    this.#exchanges.set(exchangeKey(nonce, serverNonce), exchange);
    this.#byNonce.set(nonce, exchange);
    return { kind: "reply", body: resPq };
  }

  #reqDhParams(request: ReqDhParams, requestBytes: Uint8Array): HandshakeReply {
    const exchange = this.#exchanges.get(
      exchangeKey(request.nonce, request.server_nonce),
    );
    if (!exchange) {
      return fail("req_DH_params for an unknown (nonce, server_nonce)");
    }
    if (exchange.dhRequest) {
      if (equalBytes(exchange.dhRequest, requestBytes) && exchange.dhAnswer) {
        return { kind: "reply", body: exchange.dhAnswer };
      }
      return fail("a second, different req_DH_params for the same exchange");
    }
    if (
      bigintFromBytes(request.p) !== exchange.p ||
      bigintFromBytes(request.q) !== exchange.q
    ) {
      return fail("p and q do not factor pq as sent");
    }
    if (
      BigInt.asIntN(64, request.public_key_fingerprint) !==
        BigInt.asIntN(64, this.ctx.rsaKey.fingerprint)
    ) {
      return fail("unknown public_key_fingerprint");
    }
    const inner = this.#decryptInnerData(request.encrypted_data);
    if (!inner) {
      return fail(
        "encrypted_data does not decrypt to p_q_inner_data with a valid hash",
      );
    }
    if (
      ![
        "p_q_inner_data",
        "p_q_inner_data_dc",
        "p_q_inner_data_temp",
        "p_q_inner_data_temp_dc",
      ].includes(inner._)
    ) {
      return fail(`encrypted_data holds ${inner._}, not p_q_inner_data`);
    }
    if (
      inner.nonce !== exchange.nonce ||
      inner.server_nonce !== exchange.serverNonce ||
      bigintFromBytes(inner.pq) !== exchange.pq ||
      bigintFromBytes(inner.p) !== exchange.p ||
      bigintFromBytes(inner.q) !== exchange.q
    ) {
      return fail(
        "p_q_inner_data does not match the exchange (nonce, server_nonce, pq, p or q)",
      );
    }
    if (inner.dc !== undefined) {
      const id = Math.abs(inner.dc);
      if (id !== this.ctx.dcId && id !== this.ctx.dcId + 10000) {
        return fail(
          `p_q_inner_data names DC ${inner.dc}, this is DC ${this.ctx.dcId}`,
        );
      }
      exchange.dcInInnerData = inner.dc;
    }
    if (inner.expires_in !== undefined) {
      if (inner.expires_in <= 0) return fail("expires_in must be positive");
      exchange.expiresIn = inner.expires_in;
    }

    const malicious = this.ctx.malicious();
    // A deliberately broken prime for the security tests: odd, 2048 bits, but not a safe prime.
    const dhPrime = malicious === "bad_dh_prime" ? DH_PRIME - 2n : DH_PRIME;
    let a: bigint;
    let gA: bigint;
    do {
      a = bigintFromBytes(randomBytes(256)) % (dhPrime - 3n) + 2n;
      gA = modPow(BigInt(DH_G), a, dhPrime);
    } while (!dhValueOk(gA, dhPrime));
    if (malicious === "g_a_out_of_range") gA = dhPrime - 1n;

    const { key, iv } = tmpAesKeyIv(inner.new_nonce, exchange.serverNonce);
    const answer = serialize({
      _: "server_DH_inner_data",
      nonce: exchange.nonce,
      server_nonce: exchange.serverNonce,
      g: DH_G,
      dh_prime: bigintToBytes(dhPrime, 256),
      g_a: bigintToBytes(gA, 256),
      server_time: this.ctx.clock.unixTime(),
    });
    const hash = sha1(answer);
    const unpadded = 20 + answer.length;
    const withHash = new Uint8Array(Math.ceil(unpadded / 16) * 16);
    withHash.set(hash, 0);
    withHash.set(answer, 20);
    withHash.set(randomBytes(withHash.length - unpadded), unpadded);
    const body = serialize({
      _: "server_DH_params_ok",
      nonce: exchange.nonce,
      server_nonce: exchange.serverNonce,
      encrypted_answer: aesIgeEncrypt(withHash, key, iv),
    });
    Object.assign(exchange, {
      dhRequest: requestBytes.slice(),
      dhAnswer: body,
      newNonce: inner.new_nonce,
      a,
      dhPrime,
      tmpKey: key,
      tmpIv: iv,
    });
    return { kind: "reply", body };
  }

  #decryptInnerData(encrypted: Uint8Array): PQInnerData | undefined {
    const padded = rsaPadDecrypt(this.ctx.rsaKey, encrypted);
    if (padded) {
      try {
        return new TLReader(padded).readObject() as unknown as PQInnerData;
      } catch {
        // Not RSA_PAD after all (a 1-in-2^256 hash coincidence): fall through to the legacy form.
      }
    }
    const legacy = rsaLegacyDecrypt(this.ctx.rsaKey, encrypted);
    if (!legacy) return undefined;
    try {
      const reader = new TLReader(legacy.rest);
      const inner = reader.readObject() as unknown as PQInnerData;
      return legacyHashMatches(legacy.hash, legacy.rest, reader.offset)
        ? inner
        : undefined;
    } catch {
      return undefined;
    }
  }

  #setClientDhParams(
    request: SetClientDhParams,
    requestBytes: Uint8Array,
  ): HandshakeReply {
    const exchange = this.#exchanges.get(
      exchangeKey(request.nonce, request.server_nonce),
    );
    if (
      !exchange?.newNonce || !exchange.tmpKey || !exchange.tmpIv ||
      exchange.a === undefined || !exchange.dhPrime
    ) {
      return fail("set_client_DH_params before req_DH_params");
    }
    if (
      exchange.setRequest && equalBytes(exchange.setRequest, requestBytes) &&
      exchange.setAnswer
    ) {
      return { kind: "reply", body: exchange.setAnswer };
    }
    if (exchange.done) {
      return fail("set_client_DH_params after the exchange finished");
    }
    const encrypted = request.encrypted_data;
    if (encrypted.length === 0 || encrypted.length % 16 !== 0) {
      return fail("encrypted_data is not a multiple of 16 bytes");
    }
    const plain = aesIgeDecrypt(encrypted, exchange.tmpKey, exchange.tmpIv);
    let inner: ClientDhInnerData;
    let consumed: number;
    try {
      const reader = new TLReader(plain.subarray(20));
      inner = reader.readObject() as unknown as ClientDhInnerData;
      consumed = reader.offset;
    } catch {
      return fail("encrypted_data does not decrypt to client_DH_inner_data");
    }
    if (inner._ !== "client_DH_inner_data") {
      return fail(`encrypted_data holds ${inner._}`);
    }
    if (plain.length - 20 - consumed >= 16) {
      return fail("client_DH_inner_data padding is longer than 15 bytes");
    }
    if (
      !equalBytes(
        sha1(plain.subarray(20, 20 + consumed)),
        plain.subarray(0, 20),
      )
    ) {
      return fail("client_DH_inner_data hash mismatch");
    }
    if (
      inner.nonce !== exchange.nonce ||
      inner.server_nonce !== exchange.serverNonce
    ) {
      return fail("client_DH_inner_data nonces do not match");
    }

    const newNonce = exchange.newNonce;
    const answer = (
      kind: "dh_gen_ok" | "dh_gen_retry" | "dh_gen_fail",
      authKey: Uint8Array,
    ): HandshakeReply => {
      const n = kind === "dh_gen_ok" ? 1 : kind === "dh_gen_retry" ? 2 : 3;
      const body = serialize(
        {
          _: kind,
          nonce: exchange.nonce,
          server_nonce: exchange.serverNonce,
          [`new_nonce_hash${n}`]: newNonceHash(
            newNonce,
            authKey,
            n as 1 | 2 | 3,
          ),
        } as unknown as TLObject,
      );
      exchange.setRequest = requestBytes.slice();
      exchange.setAnswer = body;
      return { kind: "reply", body };
    };

    const expectedRetry = exchange.retryAuxHash ?? 0n;
    const gB = bigintFromBytes(inner.g_b);
    const authKey = bigintToBytes(
      modPow(gB, exchange.a, exchange.dhPrime),
      256,
    );
    if (
      BigInt.asIntN(64, inner.retry_id) !== expectedRetry ||
      !dhValueOk(gB, exchange.dhPrime)
    ) {
      exchange.done = true;
      return answer("dh_gen_fail", authKey);
    }
    const id = authKeyId(authKey);
    if (this.ctx.keys.has(id) || this.ctx.takeForcedRetry()) {
      exchange.retryAuxHash = authKeyAuxHash(authKey);
      return answer("dh_gen_retry", authKey);
    }
    const now = this.ctx.clock.now();
    const salts = new SaltSchedule(this.ctx.saltLifetime, this.ctx.saltGrace);
    const initialSalt = (newNonce ^ exchange.serverNonce) & 0xffffffffffffffffn;
    salts.setInitialSalt(initialSalt, now);
    const temporary = exchange.expiresIn !== undefined;
    this.ctx.keys.add({
      id: BigInt.asIntN(64, id),
      key: authKey,
      kind: temporary ? "temp" : "perm",
      expiresAt: temporary ? now + exchange.expiresIn! : undefined,
      createdAt: now,
      dcInInnerData: exchange.dcInInnerData,
      salts,
    });
    exchange.done = true;
    return answer("dh_gen_ok", authKey);
  }
}

function exchangeKey(nonce: bigint, serverNonce: bigint): string {
  return `${nonce.toString(16)}:${serverNonce.toString(16)}`;
}

function fail(reason: string): HandshakeReply {
  return { kind: "error", code: -404, reason };
}

interface ReqDhParams {
  nonce: bigint;
  server_nonce: bigint;
  p: Uint8Array;
  q: Uint8Array;
  public_key_fingerprint: bigint;
  encrypted_data: Uint8Array;
}

interface SetClientDhParams {
  nonce: bigint;
  server_nonce: bigint;
  encrypted_data: Uint8Array;
}

interface PQInnerData {
  _: string;
  pq: Uint8Array;
  p: Uint8Array;
  q: Uint8Array;
  nonce: bigint;
  server_nonce: bigint;
  new_nonce: bigint;
  dc?: number;
  expires_in?: number;
}

interface ClientDhInnerData {
  _: string;
  nonce: bigint;
  server_nonce: bigint;
  retry_id: bigint;
  g_b: Uint8Array;
}
