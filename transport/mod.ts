/**
 * Sparrow's transport layer: framing codecs, obfuscation, MTProxy secrets,
 * connection adapters, and {@link openTransport} that ties them together.
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
