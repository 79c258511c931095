/**
 * The MTProto 2.0 auth-key exchange as sans-IO steps:
 *
 * ```
 * const a = step1(options);                      // send a.request (req_pq_multi)
 * const b = step2(a.state, resPQ);                // send b.request (req_DH_params)
 * const c = step3(b.state, serverDhParams, now);  // send c.request (set_client_DH_params)
 * const d = finish(c.state, dhGenAnswer);         // d.type === "done" | "retry"
 * ```
 *
 * Every check of Telegram's security guidelines is made: nonces and
 * server_nonce, the RSA key fingerprint, pq's factors, the SHA1 of the
 * decrypted answer and its padding, dh_prime and g, g_a and g_b ranges, and
 * new_nonce_hash1/2/3. Requests are returned as TL objects; the I/O shell
 * serializes them into unencrypted messages.
 *
 * @module
 */

import {
  aesIgeDecrypt,
  aesIgeEncrypt,
  bigintFromBytes,
  bigintToBytes,
  checkDhParams,
  checkDhValue,
  factorizePQ,
  modPow,
  newNonceHash,
  randomBytes,
  rsaPadEncrypt,
  type RsaPublicKey,
  SecurityError,
  sha1,
  tmpAesKeyIv,
} from "../crypto/mod.ts";
import {
  type RawReqDHParamsRequest,
  type RawReqPqMultiRequest,
  type RawSetClientDHParamsRequest,
  serialize,
  TLReader,
  type TypeResPQ,
  type TypeServerDHParams,
  type TypeSetClientDHParamsAnswer,
} from "../tl/mod.ts";
import { AuthKeyExchangeError } from "./auth_key_error.ts";

/** Options of an auth-key exchange. */
export interface AuthKeyExchangeOptions {
  /**
   * The DC id written into `p_q_inner_data_dc`: the DC number, plus 10000 on
   * the test servers, negative for a media-only DC (see {@linkcode innerDataDcId}).
   */
  dcId: number;
  /** The RSA public keys the client trusts; one must match a fingerprint the server offers. */
  publicKeys: readonly RsaPublicKey[];
  /** Source of randomness (tests inject fixed bytes); `randomBytes` by default. */
  random?: (length: number) => Uint8Array;
}

/** What the exchange carries from one step to the next. Opaque to callers. */
export interface AuthKeyExchangeState {
  /** Options the exchange was started with. */
  readonly options: AuthKeyExchangeOptions;
  /** The client's nonce (int128 read little-endian). */
  readonly nonce: bigint;
  /** The server's nonce, once known. */
  readonly serverNonce?: bigint;
  /** The client's new_nonce (int256 read little-endian), once chosen. */
  readonly newNonce?: bigint;
  /** The server's DH parameters, once received and checked. */
  readonly dh?: {
    /** The 2048-bit safe prime. */
    readonly prime: bigint;
    /** The generator. */
    readonly g: number;
    /** The server's g^a mod p. */
    readonly gA: bigint;
    /** Seconds to add to the local clock to get the server's clock. */
    readonly timeOffset: number;
    /** AES-IGE key of the exchange (from the nonces). */
    readonly tmpKey: Uint8Array;
    /** AES-IGE iv of the exchange. */
    readonly tmpIv: Uint8Array;
  };
  /** The auth key this attempt of step 3 would create. */
  readonly authKey?: Uint8Array;
  /** The retry_id sent with the last `set_client_DH_params` (0 on the first attempt). */
  readonly retryId?: bigint;
  /** How many times step 3 has run. */
  readonly attempts?: number;
}

/** A step's output: the request to send and the state for the next step. */
export interface AuthKeyExchangeStep<R> {
  /** State to hand to the next step. */
  state: AuthKeyExchangeState;
  /** The request to send (unencrypted). */
  request: R;
}

/** The result of a finished exchange. */
export interface AuthKeyExchangeResult {
  /** The 256-byte permanent auth key. */
  authKey: Uint8Array;
  /** The first server salt: new_nonce[0:8] xor server_nonce[0:8], read little-endian. */
  serverSalt: bigint;
  /** Seconds to add to the local clock to get the server's clock. */
  timeOffset: number;
}

/** What {@linkcode finish} gives: the key, or another `set_client_DH_params` to send. */
export type AuthKeyExchangeOutcome =
  | ({
    /** The exchange succeeded. */
    type: "done";
  } & AuthKeyExchangeResult)
  | ({
    /** The server asked for a retry (`dh_gen_retry`): send `request`, then call `finish` again. */
    type: "retry";
  } & AuthKeyExchangeStep<RawSetClientDHParamsRequest>);

/** How many times `dh_gen_retry` is honoured before giving up. */
const MAX_ATTEMPTS = 5;
const MAX_PQ = (1n << 64n) - 1n;

/**
 * The DC id for `p_q_inner_data_dc`: `dc` itself for production, `dc + 10000`
 * on the test servers, negated for a media-only DC.
 */
export function innerDataDcId(
  dc: number,
  options: { testMode?: boolean; media?: boolean } = {},
): number {
  const id = options.testMode ? dc + 10000 : dc;
  return options.media ? -id : id;
}

/** Step 1: a fresh nonce and `req_pq_multi`. */
export function step1(
  options: AuthKeyExchangeOptions,
): AuthKeyExchangeStep<RawReqPqMultiRequest> {
  const random = options.random ?? randomBytes;
  const nonce = bigintFromBytes(exactly(random(16), 16, "nonce"), true);
  return { state: { options, nonce }, request: { _: "req_pq_multi", nonce } };
}

/**
 * Step 2: checks `resPQ`, factors pq, picks a trusted RSA key among the
 * server's fingerprints and builds `req_DH_params` with `p_q_inner_data_dc`
 * encrypted by RSA_PAD.
 */
export function step2(
  state: AuthKeyExchangeState,
  resPQ: TypeResPQ,
): AuthKeyExchangeStep<RawReqDHParamsRequest> {
  if (resPQ._ !== "resPQ") {
    throw new AuthKeyExchangeError(
      `expected resPQ, got ${(resPQ as { _: string })._}`,
    );
  }
  if (resPQ.nonce !== state.nonce) {
    throw new SecurityError("nonce", "resPQ carries a nonce other than ours");
  }
  const fingerprints = new Set(resPQ.server_public_key_fingerprints);
  const key = state.options.publicKeys.find((k) =>
    fingerprints.has(k.fingerprint)
  );
  if (key === undefined) {
    const offered = resPQ.server_public_key_fingerprints.map((f) =>
      BigInt.asUintN(64, f).toString(16)
    );
    throw new SecurityError(
      "rsa_fingerprint",
      `none of the server's keys (${offered.join(", ")}) is trusted`,
    );
  }
  if (resPQ.pq.length === 0 || resPQ.pq.length > 8) {
    throw new SecurityError(
      "pq",
      `pq of ${resPQ.pq.length} bytes (expected 1 to 8)`,
    );
  }
  const pq = bigintFromBytes(resPQ.pq);
  if (pq < 6n || pq > MAX_PQ) throw new SecurityError("pq", "pq out of range");
  const [p, q] = factorizePQ(pq);
  if (p * q !== pq || p <= 1n || q <= 1n) {
    throw new SecurityError("pq", "pq has no proper factors");
  }

  const random = state.options.random ?? randomBytes;
  const newNonce = bigintFromBytes(exactly(random(32), 32, "new_nonce"), true);
  const pBytes = minimalBytes(p);
  const qBytes = minimalBytes(q);
  const inner = serialize({
    _: "p_q_inner_data_dc",
    pq: resPQ.pq,
    p: pBytes,
    q: qBytes,
    nonce: state.nonce,
    server_nonce: resPQ.server_nonce,
    new_nonce: newNonce,
    dc: state.options.dcId,
  });
  const encrypted = rsaPadEncrypt(inner, key);
  return {
    state: { ...state, serverNonce: resPQ.server_nonce, newNonce },
    request: {
      _: "req_DH_params",
      nonce: state.nonce,
      server_nonce: resPQ.server_nonce,
      p: pBytes,
      q: qBytes,
      public_key_fingerprint: key.fingerprint,
      encrypted_data: encrypted,
    },
  };
}

/**
 * Step 3: checks `server_DH_params_ok` (nonces, the SHA1 and padding of the
 * decrypted answer, dh_prime, g, g_a), picks b, checks g_b, and builds
 * `set_client_DH_params`. `nowMs` is the local time, used for the offset to
 * the server's clock.
 */
export function step3(
  state: AuthKeyExchangeState,
  params: TypeServerDHParams,
  nowMs: number = Date.now(),
): AuthKeyExchangeStep<RawSetClientDHParamsRequest> {
  const { serverNonce, newNonce } = requireStep2(state);
  if (params.nonce !== state.nonce) {
    throw new SecurityError(
      "nonce",
      "Server_DH_Params carries a nonce other than ours",
    );
  }
  if (params.server_nonce !== serverNonce) {
    throw new SecurityError(
      "server_nonce",
      "Server_DH_Params carries a server_nonce other than resPQ's",
    );
  }
  if (params._ === "server_DH_params_fail") {
    const expected = bigintFromBytes(
      sha1(bigintToBytes(newNonce, 32, true)).subarray(4, 20),
      true,
    );
    if (params.new_nonce_hash !== expected) {
      throw new SecurityError(
        "new_nonce_hash",
        "server_DH_params_fail with a wrong new_nonce_hash",
      );
    }
    throw new AuthKeyExchangeError(
      "the server refused the DH parameters (server_DH_params_fail)",
    );
  }
  if (params._ !== "server_DH_params_ok") {
    throw new AuthKeyExchangeError(
      `expected Server_DH_Params, got ${(params as { _: string })._}`,
    );
  }
  const { key: tmpKey, iv: tmpIv } = tmpAesKeyIv(newNonce, serverNonce);
  const encrypted = params.encrypted_answer;
  if (encrypted.length === 0 || encrypted.length % 16 !== 0) {
    throw new SecurityError(
      "encrypted_answer",
      `encrypted_answer of ${encrypted.length} bytes is not whole AES blocks`,
    );
  }
  const answer = aesIgeDecrypt(encrypted, tmpKey, tmpIv);
  if (answer.length < 20 + 4) {
    throw new SecurityError("encrypted_answer", "encrypted_answer too short");
  }
  const reader = new TLReader(answer.subarray(20));
  let inner;
  try {
    inner = reader.readObject();
  } catch (cause) {
    throw new SecurityError(
      "answer_hash",
      `the decrypted answer is not a TL object (${String(cause)})`,
    );
  }
  const consumed = reader.offset;
  if (
    !bytesEqual(
      sha1(answer.subarray(20, 20 + consumed)),
      answer.subarray(0, 20),
    )
  ) {
    throw new SecurityError(
      "answer_hash",
      "SHA1 of the decrypted server_DH_inner_data does not match",
    );
  }
  if (answer.length - 20 - consumed >= 16) {
    throw new SecurityError(
      "answer_padding",
      "more than 15 bytes of padding after server_DH_inner_data",
    );
  }
  if (inner._ !== "server_DH_inner_data") {
    throw new AuthKeyExchangeError(
      `expected server_DH_inner_data, got ${inner._}`,
    );
  }
  if (inner.nonce !== state.nonce) {
    throw new SecurityError(
      "nonce",
      "server_DH_inner_data carries a nonce other than ours",
    );
  }
  if (inner.server_nonce !== serverNonce) {
    throw new SecurityError(
      "server_nonce",
      "server_DH_inner_data carries a server_nonce other than resPQ's",
    );
  }
  const prime = bigintFromBytes(inner.dh_prime);
  checkDhParams(prime, inner.g);
  const gA = bigintFromBytes(inner.g_a);
  checkDhValue(gA, prime, "g_a");
  const dh = {
    prime,
    g: inner.g,
    gA,
    timeOffset: inner.server_time - Math.floor(nowMs / 1000),
    tmpKey,
    tmpIv,
  };
  return clientDhParams({ ...state, dh }, 0n);
}

/**
 * Step 4: checks the server's answer to `set_client_DH_params`. `dh_gen_ok`
 * gives the auth key and the first salt; `dh_gen_retry` gives a new
 * `set_client_DH_params` (with a fresh b and the retry_id) to send;
 * `dh_gen_fail` throws.
 */
export function finish(
  state: AuthKeyExchangeState,
  answer: TypeSetClientDHParamsAnswer,
): AuthKeyExchangeOutcome {
  const { serverNonce, newNonce } = requireStep2(state);
  const { dh, authKey } = state;
  if (dh === undefined || authKey === undefined) {
    throw new AuthKeyExchangeError("finish() called before step3()");
  }
  if (answer.nonce !== state.nonce) {
    throw new SecurityError(
      "nonce",
      `${answer._} carries a nonce other than ours`,
    );
  }
  if (answer.server_nonce !== serverNonce) {
    throw new SecurityError(
      "server_nonce",
      `${answer._} carries a server_nonce other than resPQ's`,
    );
  }
  switch (answer._) {
    case "dh_gen_ok": {
      if (answer.new_nonce_hash1 !== newNonceHash(newNonce, authKey, 1)) {
        throw new SecurityError(
          "new_nonce_hash1",
          "dh_gen_ok carries a wrong new_nonce_hash1",
        );
      }
      const saltBytes = bigintToBytes(newNonce, 32, true).subarray(0, 8);
      const serverNonceBytes = bigintToBytes(serverNonce, 16, true);
      for (let i = 0; i < 8; i++) saltBytes[i] ^= serverNonceBytes[i];
      return {
        type: "done",
        authKey,
        serverSalt: BigInt.asIntN(64, bigintFromBytes(saltBytes, true)),
        timeOffset: dh.timeOffset,
      };
    }
    case "dh_gen_retry": {
      if (answer.new_nonce_hash2 !== newNonceHash(newNonce, authKey, 2)) {
        throw new SecurityError(
          "new_nonce_hash2",
          "dh_gen_retry carries a wrong new_nonce_hash2",
        );
      }
      if ((state.attempts ?? 1) >= MAX_ATTEMPTS) {
        throw new AuthKeyExchangeError(
          `the server asked for a retry ${MAX_ATTEMPTS} times (dh_gen_retry)`,
        );
      }
      const retryId = bigintFromBytes(sha1(authKey).subarray(0, 8), true);
      return {
        type: "retry",
        ...clientDhParams(state, BigInt.asIntN(64, retryId)),
      };
    }
    case "dh_gen_fail": {
      if (answer.new_nonce_hash3 !== newNonceHash(newNonce, authKey, 3)) {
        throw new SecurityError(
          "new_nonce_hash3",
          "dh_gen_fail carries a wrong new_nonce_hash3",
        );
      }
      throw new AuthKeyExchangeError(
        "the server refused the key (dh_gen_fail)",
      );
    }
    default:
      throw new AuthKeyExchangeError(
        `expected Set_client_DH_params_answer, got ${
          (answer as { _: string })._
        }`,
      );
  }
}

/** Picks b, computes g_b and the auth key, and encrypts client_DH_inner_data. */
function clientDhParams(
  state: AuthKeyExchangeState,
  retryId: bigint,
): AuthKeyExchangeStep<RawSetClientDHParamsRequest> {
  const { serverNonce } = requireStep2(state);
  const dh = state.dh!;
  const random = state.options.random ?? randomBytes;
  const b = bigintFromBytes(exactly(random(256), 256, "b"));
  const gB = modPow(BigInt(dh.g), b, dh.prime);
  checkDhValue(gB, dh.prime, "g_b");
  const authKey = bigintToBytes(modPow(dh.gA, b, dh.prime), 256);
  const inner = serialize({
    _: "client_DH_inner_data",
    nonce: state.nonce,
    server_nonce: serverNonce,
    retry_id: retryId,
    g_b: bigintToBytes(gB, 256),
  });
  const hash = sha1(inner);
  const paddingLength = (16 - ((hash.length + inner.length) % 16)) % 16;
  const plain = new Uint8Array(hash.length + inner.length + paddingLength);
  plain.set(hash, 0);
  plain.set(inner, hash.length);
  plain.set(
    exactly(random(paddingLength), paddingLength, "padding"),
    hash.length + inner.length,
  );
  return {
    state: { ...state, authKey, retryId, attempts: (state.attempts ?? 0) + 1 },
    request: {
      _: "set_client_DH_params",
      nonce: state.nonce,
      server_nonce: serverNonce,
      encrypted_data: aesIgeEncrypt(plain, dh.tmpKey, dh.tmpIv),
    },
  };
}

function requireStep2(
  state: AuthKeyExchangeState,
): { serverNonce: bigint; newNonce: bigint } {
  if (state.serverNonce === undefined || state.newNonce === undefined) {
    throw new AuthKeyExchangeError("step called before step2()");
  }
  return { serverNonce: state.serverNonce, newNonce: state.newNonce };
}

function exactly(bytes: Uint8Array, length: number, what: string): Uint8Array {
  if (bytes.length !== length) {
    throw new RangeError(
      `random source gave ${bytes.length} bytes for ${what}, not ${length}`,
    );
  }
  return bytes;
}

function minimalBytes(n: bigint): Uint8Array {
  let length = 0;
  for (let v = n; v > 0n; v >>= 8n) length++;
  return bigintToBytes(n, Math.max(length, 1));
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}
