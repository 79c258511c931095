/**
 * The TL layer: generated layer-228 types, the binary reader and writer,
 * and the hand-framed MTProto objects.
 *
 * @module
 */
export * from "./types.ts";
export { TLError } from "./errors.ts";
export {
  BOOL_FALSE_ID,
  BOOL_TRUE_ID,
  DEFAULT_MAX_GZIP_SIZE,
  TLReader,
  type TLReaderOptions,
  VECTOR_ID,
} from "./reader.ts";
export { TLWriter } from "./writer.ts";
export {
  deserialize,
  deserializeResult,
  serialize,
  serializeResult,
} from "./codec.ts";
export {
  decodeMsgContainer,
  decodeRpcResult,
  encodeMessage,
  encodeMsgContainer,
  encodeRpcResult,
  GZIP_PACKED_ID,
  gzipPack,
  gzipUnpack,
  type InnerMessage,
  MAX_CONTAINER_MESSAGES,
  MSG_CONTAINER_ID,
  RPC_RESULT_ID,
  type RpcResultParts,
} from "./framing.ts";
