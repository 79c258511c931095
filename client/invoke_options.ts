/**
 * Per-call options of `Client.invoke`: an `AbortSignal` and a timeout, and
 * the small controller that turns both into one signal whose reason is a
 * {@linkcode RequestAbortedError}.
 *
 * @module
 */

import { RequestAbortedError } from "./session_errors.ts";

/** Options of one call of `Client.invoke`. */
export interface InvokeOptions {
  /**
   * Gives up on the call when the signal fires: a request not yet sent is
   * never sent; one already sent gets an `rpc_drop_answer` (the server may
   * still have run it). The promise rejects with
   * `RequestAbortedError("aborted")`, whose `cause` is the signal's reason.
   */
  signal?: AbortSignal;
  /**
   * Gives up on the call after this many milliseconds (flood waits and
   * reconnections included), as the signal would, rejecting with
   * `RequestAbortedError("timeout")`.
   */
  timeoutMs?: number;
}

/** The error a call given up on through `signal` rejects with. */
export function abortErrorOf(signal: AbortSignal): RequestAbortedError {
  const reason: unknown = signal.reason;
  if (reason instanceof RequestAbortedError) return reason;
  return new RequestAbortedError("aborted", "the call was aborted", {
    cause: reason,
  });
}

/**
 * One call's deadline and the caller's signal as one signal. `dispose()`
 * clears the timer and the listener; call it when the call settles.
 */
export class CallAbort {
  readonly #controller = new AbortController();
  readonly #source: AbortSignal | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #onSourceAbort = () => {
    this.#abort(abortErrorOf(this.#source!));
  };

  /**
   * Arms the timeout and listens to the caller's signal.
   *
   * @param options the caller's signal and timeout
   */
  constructor(options: InvokeOptions) {
    const { signal, timeoutMs } = options;
    if (
      timeoutMs !== undefined &&
      !(typeof timeoutMs === "number" && timeoutMs >= 0)
    ) {
      throw new RangeError("timeoutMs must be a number of milliseconds ≥ 0");
    }
    this.#source = signal;
    if (signal?.aborted) {
      this.#abort(abortErrorOf(signal));
      return;
    }
    signal?.addEventListener("abort", this.#onSourceAbort, { once: true });
    if (timeoutMs !== undefined && timeoutMs !== Infinity) {
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        this.#abort(
          new RequestAbortedError(
            "timeout",
            `no answer within ${timeoutMs} ms`,
          ),
        );
      }, timeoutMs);
    }
  }

  /** Fires with a `RequestAbortedError` as its reason. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /**
   * Settles like `work`, or rejects with the abort error as soon as the
   * signal fires (`work`'s own later outcome is then ignored).
   */
  race<T>(work: Promise<T>): Promise<T> {
    const signal = this.#controller.signal;
    if (signal.aborted) {
      work.catch(() => {});
      return Promise.reject(signal.reason);
    }
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener("abort", onAbort, { once: true });
      work.then(resolve, reject).finally(() =>
        signal.removeEventListener("abort", onAbort)
      );
    });
  }

  /** Clears the timer and stops listening to the caller's signal. */
  dispose(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#source?.removeEventListener("abort", this.#onSourceAbort);
  }

  #abort(error: RequestAbortedError): void {
    this.dispose();
    this.#controller.abort(error);
  }
}
