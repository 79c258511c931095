import { Deflate, Inflate } from "pako";
import { TLError } from "./errors.ts";

/**
 * Inflates gzip (or zlib) data, refusing to produce more than `maxSize`
 * bytes: the output is collected in chunks and the inflater is stopped as
 * soon as the bound is passed, so a small "zip bomb" cannot allocate much.
 */
export function gunzipBounded(data: Uint8Array, maxSize: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate({ chunkSize: 16384 });
  inflater.onData = (chunk: Uint8Array) => {
    total += chunk.length;
    if (total > maxSize) {
      throw new TLError(
        `gzip_packed inflates past the bound of ${maxSize} bytes`,
      );
    }
    chunks.push(chunk);
  };
  let status = 0;
  inflater.onEnd = (s: number) => {
    status = s;
  };
  try {
    inflater.push(data, true);
  } catch (e) {
    if (e instanceof TLError) throw e;
    throw new TLError(`bad gzip_packed data: ${(e as Error).message}`);
  }
  if (status !== 0) {
    throw new TLError(`bad gzip_packed data: ${inflater.msg || status}`);
  }
  if (!inflater.ended) {
    throw new TLError("bad gzip_packed data: truncated stream");
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let p = 0;
  for (const c of chunks) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}

/** Compresses with gzip (the format of `gzip_packed`). */
export function gzipBytes(data: Uint8Array): Uint8Array {
  const d = new Deflate({ gzip: true, level: 6 });
  d.push(data, true);
  if (d.err) throw new TLError(`gzip failed: ${d.msg}`);
  return d.result as Uint8Array;
}
