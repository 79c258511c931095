import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { abortErrorOf, CallAbort } from "../../client/invoke_options.ts";
import type { InvokeOptions } from "../../client/invoke_options.ts";
import { RequestAbortedError } from "../../client/session_errors.ts";

type Handle = ReturnType<typeof setTimeout>;

/**
 * Creates a CallAbort, noting the timer its constructor starts; `cleared()`
 * says whether that timer was cleared or has fired since (so none is left).
 */
function tracked(options: InvokeOptions) {
  const realSet = globalThis.setTimeout;
  const realClear = globalThis.clearTimeout;
  let handle: Handle | undefined;
  let done = false;
  globalThis.setTimeout = ((fn: () => void, ms?: number) => {
    const h = realSet(() => {
      done = true;
      fn();
    }, ms);
    handle = h;
    return h;
  }) as typeof setTimeout;
  let abort: CallAbort;
  try {
    abort = new CallAbort(options);
  } finally {
    globalThis.setTimeout = realSet;
  }
  globalThis.clearTimeout = ((h?: Handle) => {
    if (h !== undefined && h === handle) done = true;
    realClear(h);
  }) as typeof clearTimeout;
  return {
    abort,
    started: handle !== undefined,
    leftBehind: () => handle !== undefined && !done,
    restore: () => (globalThis.clearTimeout = realClear),
  };
}

const never = () => new Promise<never>(() => {});

describe("CallAbort", () => {
  it("a timeout aborts with RequestAbortedError(timeout) and leaves no timer", async () => {
    const t = tracked({ timeoutMs: 5 });
    try {
      assert.ok(t.started);
      const error = await t.abort.race(never()).then(() => 0, (e) => e);
      assert.ok(error instanceof RequestAbortedError);
      assert.equal(error.reason, "timeout");
      assert.equal(t.abort.signal.reason, error);
      t.abort.dispose();
      assert.equal(t.leftBehind(), false);
    } finally {
      t.restore();
    }
  });

  it("a call that settles in time: dispose() clears the timer, nothing aborts", async () => {
    const t = tracked({ timeoutMs: 60_000 });
    try {
      assert.equal(await t.abort.race(Promise.resolve(42)), 42);
      t.abort.dispose();
      assert.equal(t.leftBehind(), false);
      assert.equal(t.abort.signal.aborted, false);
    } finally {
      t.restore();
    }
  });

  it("the caller's signal aborts with reason aborted and the signal's reason as cause", async () => {
    const controller = new AbortController();
    const t = tracked({ signal: controller.signal, timeoutMs: 60_000 });
    try {
      const result = t.abort.race(never()).then(() => 0, (e) => e);
      const why = new Error("closed the tab");
      controller.abort(why);
      const error = await result;
      assert.ok(error instanceof RequestAbortedError);
      assert.equal(error.reason, "aborted");
      assert.equal(error.cause, why);
      assert.equal(t.leftBehind(), false, "aborting clears the timer");
    } finally {
      t.restore();
    }
  });

  it("after dispose(), the caller's signal no longer reaches it", () => {
    const controller = new AbortController();
    const abort = new CallAbort({ signal: controller.signal });
    abort.dispose();
    controller.abort();
    assert.equal(abort.signal.aborted, false);
  });

  it("an already aborted signal aborts at once, starting no timer; race rejects without waiting", async () => {
    const controller = new AbortController();
    controller.abort("gone");
    const t = tracked({ signal: controller.signal, timeoutMs: 1000 });
    try {
      assert.equal(t.started, false);
      assert.equal(t.abort.signal.aborted, true);
      let settled = false;
      const work = new Promise<number>((_, reject) =>
        queueMicrotask(() => {
          settled = true;
          reject(new Error("late failure, ignored"));
        })
      );
      const error = await t.abort.race(work).then(() => 0, (e) => e);
      assert.ok(error instanceof RequestAbortedError);
      assert.equal(error.cause, "gone");
      await work.catch(() => {});
      assert.ok(settled);
    } finally {
      t.restore();
    }
  });

  it("passes a RequestAbortedError reason through, and refuses a bad timeout", () => {
    const controller = new AbortController();
    const reason = new RequestAbortedError("timeout", "mine");
    controller.abort(reason);
    assert.equal(abortErrorOf(controller.signal), reason);
    for (const timeoutMs of [-1, NaN, "5" as unknown as number]) {
      assert.throws(() => new CallAbort({ timeoutMs }), RangeError);
    }
    // Infinity means no deadline: no timer.
    const t = tracked({ timeoutMs: Infinity });
    t.restore();
    assert.equal(t.started, false);
  });
});
