/**
 * Small helpers of the interop tests: a bound on every step (so a client
 * that never answers fails the test instead of hanging it), with the
 * client's log attached to the failure.
 *
 * @module
 */

/** How long one step against the local DC may take before the test fails. */
export const STEP_MS = 10_000;

/** Fails with `what` and the log's tail when `promise` takes longer than `ms`. */
export async function within<T>(
  what: string,
  promise: Promise<T>,
  log: readonly string[],
  ms = STEP_MS,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `${what}: no answer within ${ms} ms; client log tail:\n${
              log.slice(-40).join("\n")
            }`,
          ),
        ),
      ms,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `condition` every 20 ms until it holds, failing after `ms` with the log's tail. */
export async function until(
  what: string,
  condition: () => boolean,
  log: readonly string[],
  ms = STEP_MS,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(
        `${what}: not within ${ms} ms; client log tail:\n${
          log.slice(-40).join("\n")
        }`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The log lines that report a `bad_msg_notification` (never expected from a well-behaved exchange). */
export function badMsgLines(log: readonly string[]): string[] {
  return log.filter((line) =>
    /bad_msg_notification|Handling bad msg /.test(line)
  );
}
