/**
 * Every timer the test DC starts goes through one {@link TimerSet}, so
 * `stop()` and `restart()` can clear them all (Deno's test sanitizers fail a
 * test that leaves a timer behind).
 *
 * @module
 */

/** A set of pending timeouts that can be cleared at once. */
export class TimerSet {
  #timers = new Set<ReturnType<typeof setTimeout>>();

  /** Like `setTimeout`; returns a handle for {@link cancel}. */
  after(ms: number, fn: () => void): ReturnType<typeof setTimeout> {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      fn();
    }, ms);
    this.#timers.add(timer);
    return timer;
  }

  /** Cancels one timer (a no-op for an unknown or fired one). */
  cancel(timer: ReturnType<typeof setTimeout> | undefined): void {
    if (timer === undefined) return;
    clearTimeout(timer);
    this.#timers.delete(timer);
  }

  /** Cancels every pending timer. */
  clear(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  /** How many timers are pending. */
  get size(): number {
    return this.#timers.size;
  }
}
