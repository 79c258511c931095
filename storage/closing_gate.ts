import { StorageError } from "./storage_error.ts";

/**
 * What every backend does about `close()`: once it has begun, calls reject
 * with code `"closed"`; `close()` waits for the calls accepted before it.
 */
export class ClosingGate {
  readonly #store: string;
  #closing = false;
  #accepted = new Set<Promise<unknown>>();

  /** @param store the storage's name, for the `"closed"` error */
  constructor(store: string) {
    this.#store = store;
  }

  /** Throws a {@linkcode StorageError} of code `"closed"` once closing has begun. */
  check(): void {
    if (this.#closing) {
      throw new StorageError("closed", this.#store, "the storage is closed");
    }
  }

  /** Runs `work` (unless closing has begun: then it rejects), for `close()` to wait for. */
  run<T>(work: () => Promise<T>): Promise<T> {
    try {
      this.check();
    } catch (error) {
      return Promise.reject(error);
    }
    const call = work();
    this.#accepted.add(call);
    const done = () => this.#accepted.delete(call);
    call.then(done, done);
    return call;
  }

  /**
   * Refuses further calls and waits for the accepted ones to settle. False
   * when closing had already begun (the caller has nothing left to release).
   */
  async close(): Promise<boolean> {
    if (this.#closing) return false;
    this.#closing = true;
    await Promise.allSettled([...this.#accepted]);
    return true;
  }
}
