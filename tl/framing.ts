import { TLError } from "./errors.ts";
import { GZIP_PACKED_ID, TLReader } from "./reader.ts";
import { TLWriter } from "./writer.ts";
import { gunzipBounded, gzipBytes } from "./gzip.ts";

/** `msg_container#73f1f8dc messages:vector<%Message> = MessageContainer` */
export const MSG_CONTAINER_ID = 0x73f1f8dc;
/** `rpc_result#f35c6d01 req_msg_id:long result:Object = RpcResult` */
export const RPC_RESULT_ID = 0xf35c6d01;
export { GZIP_PACKED_ID };

/** One inner message: `message msg_id:long seqno:int bytes:int body:Object`. */
export interface InnerMessage {
  /** The message id. */
  msg_id: bigint;
  /** The sequence number. */
  seqno: number;
  /** The serialized body (a boxed object), kept as raw bytes. */
  body: Uint8Array;
}

/** The most messages a container may hold (Telegram's limit is 1020). */
export const MAX_CONTAINER_MESSAGES = 1020;

function writeMessage(w: TLWriter, m: InnerMessage): void {
  w.writeInt64(m.msg_id);
  w.writeInt32(m.seqno);
  if (!(m.body instanceof Uint8Array) || m.body.length % 4 !== 0) {
    throw new TLError(
      "message body must be a Uint8Array whose length is a multiple of 4",
    );
  }
  w.writeInt32(m.body.length);
  w.writeRaw(m.body);
}

/** Encodes one bare `message` (as inside a container). */
export function encodeMessage(m: InnerMessage): Uint8Array {
  const w = new TLWriter(m.body.length + 16);
  writeMessage(w, m);
  return w.finish();
}

/** Encodes a boxed `msg_container` of the given messages. */
export function encodeMsgContainer(
  messages: readonly InnerMessage[],
): Uint8Array {
  if (messages.length > MAX_CONTAINER_MESSAGES) {
    throw new TLError(
      `a container holds at most ${MAX_CONTAINER_MESSAGES} messages`,
    );
  }
  let size = 8;
  for (const m of messages) size += 16 + m.body.length;
  const w = new TLWriter(size);
  w.writeUint32(MSG_CONTAINER_ID);
  w.writeInt32(messages.length);
  messages.forEach((m, i) => {
    try {
      writeMessage(w, m);
    } catch (e) {
      throw e instanceof TLError
        ? e.prepend(`msg_container.messages[${i}]`)
        : e;
    }
  });
  return w.finish();
}

/** Decodes a boxed `msg_container`; each body stays raw bytes (a copy). */
export function decodeMsgContainer(bytes: Uint8Array): InnerMessage[] {
  const r = new TLReader(bytes);
  const id = r.readUint32();
  if (id !== MSG_CONTAINER_ID) {
    throw new TLError(`expected msg_container, got 0x${id.toString(16)}`);
  }
  const count = r.readUint32();
  if (count * 16 > r.remaining) {
    throw new TLError(
      `msg_container of ${count} messages cannot fit in ${r.remaining} bytes`,
    );
  }
  const out: InnerMessage[] = [];
  for (let i = 0; i < count; i++) {
    try {
      const msg_id = r.readInt64();
      const seqno = r.readInt32();
      const len = r.readInt32();
      if (len < 0 || len % 4 !== 0 || len > r.remaining) {
        throw new TLError(
          `bad message body length ${len} (${r.remaining} bytes left)`,
        );
      }
      out.push({ msg_id, seqno, body: r.readRaw(len) });
    } catch (e) {
      throw e instanceof TLError
        ? e.prepend(`msg_container.messages[${i}]`)
        : e;
    }
  }
  if (r.remaining !== 0) {
    throw new TLError(`${r.remaining} bytes left over after msg_container`);
  }
  return out;
}

/** Encodes a boxed `rpc_result` around an already serialized result. */
export function encodeRpcResult(
  req_msg_id: bigint,
  result: Uint8Array,
): Uint8Array {
  const w = new TLWriter(result.length + 12);
  w.writeUint32(RPC_RESULT_ID);
  w.writeInt64(req_msg_id);
  w.writeRaw(result);
  return w.finish();
}

/** The parts of an `rpc_result`. */
export interface RpcResultParts {
  /** The id of the request this answers. */
  req_msg_id: bigint;
  /** The serialized result (a copy; may itself be `gzip_packed` or `rpc_error`). */
  result: Uint8Array;
}

/** Decodes a boxed `rpc_result`. */
export function decodeRpcResult(bytes: Uint8Array): RpcResultParts {
  const r = new TLReader(bytes);
  const id = r.readUint32();
  if (id !== RPC_RESULT_ID) {
    throw new TLError(`expected rpc_result, got 0x${id.toString(16)}`);
  }
  const req_msg_id = r.readInt64();
  if (r.remaining < 4) throw new TLError("rpc_result without a result");
  return { req_msg_id, result: r.readRaw(r.remaining) };
}

/** Wraps serialized bytes in a boxed `gzip_packed`. */
export function gzipPack(bytes: Uint8Array): Uint8Array {
  const packed = gzipBytes(bytes);
  const w = new TLWriter(packed.length + 12);
  w.writeUint32(GZIP_PACKED_ID);
  w.writeBytes(packed);
  return w.finish();
}

/** Unwraps a boxed `gzip_packed`, refusing to inflate past `maxSize` bytes. */
export function gzipUnpack(bytes: Uint8Array, maxSize: number): Uint8Array {
  const r = new TLReader(bytes);
  const id = r.readUint32();
  if (id !== GZIP_PACKED_ID) {
    throw new TLError(`expected gzip_packed, got 0x${id.toString(16)}`);
  }
  const packed = r.readBytes();
  if (r.remaining !== 0) {
    throw new TLError(`${r.remaining} bytes left over after gzip_packed`);
  }
  return gunzipBounded(packed, maxSize);
}
