/**
 * A FIFO of received bytes for the frame decoders: chunks go in as they
 * arrive and whole frames come out, without ever allocating more than the
 * bytes actually received.
 *
 * @module
 */

/**
 * Queue of byte chunks. Chunks are kept by reference (not copied): callers
 * must not modify a chunk after pushing it.
 */
export class ByteQueue {
  #chunks: Uint8Array[] = [];
  #first = 0; // index of the oldest chunk still holding unread bytes
  #head = 0; // bytes already consumed from #chunks[#first]
  #length = 0;

  /** Number of unread bytes. */
  get length(): number {
    return this.#length;
  }

  /** Appends a chunk (kept by reference). */
  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.#length += chunk.length;
  }

  /** The byte at `index` (0 = oldest unread). `index` must be below `length`. */
  byteAt(index: number): number {
    let i = index + this.#head;
    for (let c = this.#first; c < this.#chunks.length; c++) {
      const chunk = this.#chunks[c];
      if (i < chunk.length) return chunk[i];
      i -= chunk.length;
    }
    throw new RangeError("ByteQueue.byteAt past the end");
  }

  /** Little-endian uint32 at `index`; `index + 4` must not exceed `length`. */
  uint32At(index: number): number {
    return (this.byteAt(index) | (this.byteAt(index + 1) << 8) |
      (this.byteAt(index + 2) << 16) |
      (this.byteAt(index + 3) << 24)) >>> 0;
  }

  /** Copies `n` unread bytes from the front without consuming them. */
  peek(n: number): Uint8Array {
    return this.#read(n, false);
  }

  /**
   * Removes and returns the first `n` bytes. A view into the received chunk
   * when it lies in one chunk, else a fresh concatenation.
   */
  take(n: number): Uint8Array {
    return this.#read(n, true);
  }

  /** Removes and returns everything unread. */
  takeAll(): Uint8Array {
    return this.take(this.#length);
  }

  /** Drops the first `n` bytes. */
  skip(n: number): void {
    this.#consume(n);
  }

  #read(n: number, consume: boolean): Uint8Array {
    if (n > this.#length) throw new RangeError("ByteQueue read past the end");
    if (n === 0) return new Uint8Array(0);
    const first = this.#chunks[this.#first];
    let out: Uint8Array;
    if (first.length - this.#head >= n) {
      out = first.subarray(this.#head, this.#head + n);
      if (!consume) out = out.slice();
    } else {
      out = new Uint8Array(n);
      let written = 0;
      let offset = this.#head;
      for (let c = this.#first; written < n; c++) {
        const chunk = this.#chunks[c];
        const part = Math.min(chunk.length - offset, n - written);
        out.set(chunk.subarray(offset, offset + part), written);
        written += part;
        offset = 0;
      }
    }
    if (consume) this.#consume(n);
    return out;
  }

  #consume(n: number): void {
    if (n > this.#length) throw new RangeError("ByteQueue skip past the end");
    this.#length -= n;
    while (n > 0) {
      const available = this.#chunks[this.#first].length - this.#head;
      if (n < available) {
        this.#head += n;
        break;
      }
      n -= available;
      this.#first++;
      this.#head = 0;
    }
    // Compact lazily so that consuming many small chunks stays linear.
    if (this.#first === this.#chunks.length) {
      this.#chunks = [];
      this.#first = 0;
    } else if (this.#first >= 64 && this.#first * 2 >= this.#chunks.length) {
      this.#chunks = this.#chunks.slice(this.#first);
      this.#first = 0;
    }
  }
}
