/**
 * Sparrow's transport layer: framing codecs, obfuscation, MTProxy secrets,
 * connection adapters, and {@link openTransport} that ties them together.
 *
 * - Framings (sans-IO, client or server role): abridged, intermediate,
 *   padded intermediate, full (seqno + CRC-32). Quick acks on all but full.
 *   Decoders take any chunking and throw `TransportError` for malformed or
 *   oversized frames (default limit 16 MiB) and `TransportServerError`
 *   (with `code`) for the server's 4-byte error codes (−404, −429, −444).
 * - Obfuscation (obfuscated2) for abridged, intermediate and padded
 *   intermediate, from either side; the server side accepts MTProxy secrets.
 * - MTProxy: plain 16-byte and `dd` secrets. Fake-TLS (`ee`) is refused with
 *   a `TransportError`.
 * - Connections: TCP through `node:net` (Deno, Node.js, Bun), WebSocket
 *   through the global `WebSocket` or a given constructor (always obfuscated,
 *   `binary` subprotocol, `/apiws`). Browser bundles never load `node:net`.
 *
 * @module
 */

export {
  serverErrorFromPayload,
  serverErrorPayload,
  TRANSPORT_AUTH_KEY_UNKNOWN,
  TRANSPORT_FLOOD,
  TRANSPORT_INVALID_DC,
  TransportError,
  TransportServerError,
} from "./errors.ts";
export type { AesCtr } from "../crypto/mod.ts";
export {
  BaseFrameCodec,
  type DecodedFrame,
  decodeFrames,
  DEFAULT_MAX_FRAME_LENGTH,
  type EncodeOptions,
  type FrameCodec,
  type FrameCodecOptions,
  type Framing,
  type PayloadFrame,
  type QuickAckFrame,
  type Role,
} from "./frame_codec.ts";
export { ABRIDGED_TAG, AbridgedCodec } from "./abridged.ts";
export {
  INTERMEDIATE_TAG,
  IntermediateCodec,
  PADDED_INTERMEDIATE_TAG,
  PaddedIntermediateCodec,
  trimMtprotoPadding,
} from "./intermediate.ts";
export { FullCodec } from "./full.ts";
export { createFrameCodec, FRAMINGS } from "./create_frame_codec.ts";
export { ByteQueue } from "./byte_queue.ts";
export { crc32 } from "./crc32.ts";
export {
  acceptClientObfuscation,
  buildClientObfuscation,
  type ClientObfuscation,
  type DcIdFieldOptions,
  framingFromObfuscationTag,
  generateObfuscationRandom,
  isAllowedObfuscationPrefix,
  ObfuscatedCodec,
  OBFUSCATION_HEADER_LENGTH,
  OBFUSCATION_TAGS,
  obfuscationDcField,
  obfuscationTag,
  type ServerObfuscation,
} from "./obfuscation.ts";
export { type MtproxySecret, parseMtproxySecret } from "./mtproxy_secret.ts";
export {
  type Connection,
  type ConnectionHandlers,
  type ConnectOptions,
  type Connector,
  DEFAULT_CONNECT_TIMEOUT_MS,
} from "./connection.ts";
export { connectTcp, loadNodeNet, type TcpEndpoint } from "./tcp_node.ts";
export {
  connectWebSocket,
  globalWebSocket,
  type WebSocketConstructor,
  type WebSocketEndpoint,
  type WebSocketLike,
} from "./websocket.ts";
export {
  connect,
  type ConnectEndpoint,
  type ConnectionKind,
  resolveConnectionKind,
} from "./connect.ts";
export {
  createClientCodec,
  openTransport,
  type Transport,
  type TransportHandlers,
  type TransportOptions,
} from "./transport.ts";
