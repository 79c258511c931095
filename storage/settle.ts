/**
 * Runs `work` now and gives its result, or what it threw, as a promise: for
 * storage methods that do their work synchronously but must never throw.
 */
export function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error);
  }
}
