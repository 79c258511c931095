/**
 * CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as used by the full
 * transport's frame checksum.
 *
 * @module
 */

const TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/**
 * Updates a running CRC-32 with more bytes. Start with `0`; the result of one
 * call is the `previous` of the next, so a checksum can span several buffers.
 */
export function crc32(data: Uint8Array, previous = 0): number {
  let c = ~previous;
  for (let i = 0; i < data.length; i++) {
    c = TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  }
  return ~c >>> 0;
}
