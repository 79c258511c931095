/**
 * A minimal platform for mtcute (`@mtcute/core` 0.30.3) under Deno and Node,
 * written for the interop tests: mtcute's own Deno/Node packages are not on
 * the npm registry for this version (`@mtcute/deno` lives on JSR, and
 * `@mtcute/node` pulls a native SQLite build), so these tests supply the three
 * pieces `@mtcute/core` leaves to a platform: a crypto provider (AES and
 * hashes from `@mtcute/wasm`, the rest from `node:crypto`), a logger sink, and
 * transports that dial the test DC (TCP through `node:net`, WebSocket through
 * the runtime's `WebSocket`, or the `ws` package where there is none, as on
 * Node 20).
 *
 * @module
 */

import { readFileSync } from "node:fs";
import { connect as netConnect, type Socket } from "node:net";
import { fileURLToPath } from "node:url";
import { createHmac, pbkdf2 as nodePbkdf2, randomFillSync } from "node:crypto";
import { ConnectionClosedError, connectWs } from "@fuman/net";
import { WebSocket as NodeWebSocket } from "ws";
import {
  BaseCryptoProvider,
  type BasicDcOption,
  type IAesCtr,
  type ICryptoProvider,
  type IEncryptionScheme,
  parsePublicKey,
} from "@mtcute/core/utils.js";
import {
  IntermediatePacketCodec,
  type IPacketCodec,
  type ITelegramConnection,
  ObfuscatedPacketCodec,
  PaddedIntermediatePacketCodec,
  type TelegramTransport,
} from "@mtcute/core";
import type { ICorePlatform } from "@mtcute/core";
import {
  createCtr256,
  ctr256,
  deflateMaxSize,
  freeCtr256,
  getWasmUrl,
  gunzip,
  ige256Decrypt,
  ige256Encrypt,
  initSync,
  sha1,
  sha256,
} from "@mtcute/wasm";
// Not in the package's export map; loaded by file so that it is the very
// module instance @mtcute/core consults.
import { __publicKeyIndex } from "../../node_modules/@mtcute/core/tl/binary/rsa-keys.js";

let wasmReady = false;

/** mtcute's crypto needs, served by `@mtcute/wasm` and `node:crypto`. */
export class InteropCryptoProvider extends BaseCryptoProvider
  implements ICryptoProvider {
  /** Loads the WASM module once per process. */
  initialize(): void {
    if (wasmReady) return;
    initSync(readFileSync(fileURLToPath(getWasmUrl())));
    wasmReady = true;
  }
  /** Fills `buf` with random bytes. */
  randomFill(buf: Uint8Array): void {
    randomFillSync(buf);
  }
  /** SHA-1. */
  sha1(data: Uint8Array): Uint8Array {
    return sha1(data);
  }
  /** SHA-256. */
  sha256(data: Uint8Array): Uint8Array {
    return sha256(data);
  }
  /** HMAC-SHA256 (only for passwords, unused against the test DC so far). */
  hmacSha256(data: Uint8Array, key: Uint8Array): Uint8Array {
    return new Uint8Array(createHmac("sha256", key).update(data).digest());
  }
  /** PBKDF2 (SRP 2FA). */
  pbkdf2(
    password: Uint8Array,
    salt: Uint8Array,
    iterations: number,
    keylen = 64,
    algo = "sha512",
  ): Promise<Uint8Array> {
    return new Promise((resolve, reject) =>
      nodePbkdf2(
        password,
        salt,
        iterations,
        keylen,
        algo,
        (error, key) => error ? reject(error) : resolve(new Uint8Array(key)),
      )
    );
  }
  /** AES-256-CTR (obfuscation); the key/IV stream continues across calls. */
  createAesCtr(key: Uint8Array, iv: Uint8Array): IAesCtr {
    const ctx = createCtr256(key, iv);
    return {
      process: (data) => ctr256(ctx, data),
      close: () => freeCtr256(ctx),
    };
  }
  /** AES-256-IGE (MTProto packets). */
  createAesIge(key: Uint8Array, iv: Uint8Array): IEncryptionScheme {
    return {
      encrypt: (data) => ige256Encrypt(data, key, iv),
      decrypt: (data) => ige256Decrypt(data, key, iv),
    };
  }
  /** Compresses to at most `maxSize` bytes (zlib format, as mtcute's own providers do), else null. */
  gzip(data: Uint8Array, maxSize: number): Uint8Array | null {
    return deflateMaxSize(data, maxSize);
  }
  /** Inflates a gzip stream. */
  gunzip(data: Uint8Array): Uint8Array {
    return gunzip(data);
  }
}

/** A platform that keeps mtcute's log lines in memory (printed on failure by the tests). */
export function interopPlatform(logLines: string[]): ICorePlatform {
  return {
    beforeExit: () => () => {},
    log: (_color, level, tag, fmt, args) => {
      logLines.push(`${level} ${tag} ${fmt} ${args.map(String).join(" ")}`);
    },
    getDefaultLogLevel: () => null,
    getDeviceModel: () => "sparrow-interop",
  };
}

/** A TCP socket from `node:net` seen as a fuman connection. */
class NodeTcpConnection implements ITelegramConnection {
  readonly #socket: Socket;
  readonly #chunks: Uint8Array[] = [];
  #error: Error | null = null;
  #ended = false;
  #wake: (() => void) | null = null;

  constructor(socket: Socket) {
    this.#socket = socket;
    socket.setNoDelay(true);
    socket.on("data", (chunk: Uint8Array) => {
      this.#chunks.push(new Uint8Array(chunk));
      this.#notify();
    });
    socket.on("end", () => {
      this.#ended = true;
      this.#notify();
    });
    socket.on("close", () => {
      this.#ended = true;
      this.#notify();
    });
    socket.on("error", (error: Error) => {
      this.#error = error;
      this.#notify();
    });
  }

  get localAddress(): null {
    return null;
  }
  get remoteAddress(): null {
    return null;
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }

  async read(into: Uint8Array): Promise<number> {
    while (this.#chunks.length === 0) {
      if (this.#error) throw this.#error;
      if (this.#ended) throw new ConnectionClosedError();
      await new Promise<void>((resolve) => this.#wake = resolve);
    }
    const head = this.#chunks[0];
    const n = Math.min(head.length, into.length);
    into.set(head.subarray(0, n));
    if (n === head.length) this.#chunks.shift();
    else this.#chunks[0] = head.subarray(n);
    return n;
  }

  write(bytes: Uint8Array): Promise<void> {
    if (this.#error) return Promise.reject(this.#error);
    if (this.#ended) return Promise.reject(new ConnectionClosedError());
    return new Promise((resolve, reject) =>
      this.#socket.write(bytes, (error) => error ? reject(error) : resolve())
    );
  }

  close(): void {
    this.#ended = true;
    this.#socket.destroy();
    this.#notify();
  }
}

function dialTcp(host: string, port: number): Promise<ITelegramConnection> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host, port });
    const onError = (error: Error) => reject(error);
    socket.once("error", onError);
    socket.once("connect", () => {
      socket.off("error", onError);
      resolve(new NodeTcpConnection(socket));
    });
  });
}

/** The framings mtcute 0.30 can speak. */
export type MtcuteFraming =
  | "intermediate"
  | "padded"
  | "obfuscated-intermediate"
  | "obfuscated-padded";

function codecFor(framing: MtcuteFraming): IPacketCodec {
  switch (framing) {
    case "intermediate":
      return new IntermediatePacketCodec();
    case "padded":
      return new PaddedIntermediatePacketCodec();
    case "obfuscated-intermediate":
      return new ObfuscatedPacketCodec(new IntermediatePacketCodec());
    case "obfuscated-padded":
      return new ObfuscatedPacketCodec(new PaddedIntermediatePacketCodec());
  }
}

/** Where the test DCs listen, by DC id. */
export interface InteropDcPorts {
  /** TCP port of DC `id`. */
  tcp(id: number): number;
  /** WebSocket URL of DC `id`. */
  ws(id: number): string;
}

/** TCP to the test DC (whatever address the session holds, the port comes from `ports`). */
export function tcpTransport(
  ports: InteropDcPorts,
  framing: MtcuteFraming,
): TelegramTransport {
  return {
    connect: (dc: BasicDcOption) => dialTcp("127.0.0.1", ports.tcp(dc.id)),
    packetCodec: () => codecFor(framing),
  };
}

/** WebSocket (`binary` subprotocol, obfuscated intermediate, as mtcute's web transport) to the test DC. */
export function webSocketTransport(ports: InteropDcPorts): TelegramTransport {
  return {
    connect: (dc: BasicDcOption) =>
      connectWs({
        url: ports.ws(dc.id),
        protocols: "binary",
        // Node 20 has no global WebSocket (without a flag); `ws` stands in.
        implementation: globalThis.WebSocket ??
          (NodeWebSocket as unknown as typeof WebSocket),
      }),
    packetCodec: () => codecFor("obfuscated-intermediate"),
  };
}

/**
 * Adds the test DC's key (PKCS#1 PEM) to mtcute's table of server keys.
 *
 * mtcute 0.30 files a key under its fingerprint as 16 zero-padded hex digits
 * but looks fingerprints up as `Long.toString(16)`, which drops leading zeros;
 * Telegram's own keys happen to have none, a test key may (the shared one
 * does). So the key is filed under the unpadded spelling as well.
 */
export function trustServerKey(crypto: ICryptoProvider, pem: string): void {
  const parsed = parsePublicKey(crypto, pem);
  __publicKeyIndex[parsed.fingerprint] = parsed;
  __publicKeyIndex[parsed.fingerprint.replace(/^0+(?=.)/, "")] = parsed;
}
