import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UpdateLoop } from "../../../client/updates/update_loop.ts";
import { MemoryStorage } from "../../../storage/memory_storage.ts";
import { SessionStore } from "../../../storage/session_store.ts";
import type { TLFunction } from "../../../tl/mod.ts";

describe("UpdateLoop.start", () => {
  it("a start that failed to read the storage can be tried again", async () => {
    const store = await SessionStore.open(new MemoryStorage());
    let storeFails = true;
    const calls: string[] = [];
    const loop = new UpdateLoop({
      store: () =>
        storeFails
          ? Promise.reject(new Error("storage is not open yet"))
          : Promise.resolve(store),
      invoke: (fn: TLFunction) => {
        calls.push(fn._);
        // Never answered: the test only looks at what start() asks for.
        return new Promise(() => {});
      },
      inputChannel: () => Promise.resolve(undefined),
      remember: () => {},
    });
    await assert.rejects(loop.start(), /storage is not open yet/);
    assert.equal(loop.running, false);
    storeFails = false;
    await loop.start();
    assert.equal(loop.running, true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.deepEqual(calls, ["updates.getState"]);
    loop.stop();
  });
});
