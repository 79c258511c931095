import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { startTestDc, type TestDc } from "../dc/mod.ts";
import type { HandlerError } from "../../client/methods/high_level_client.ts";
import { clientAs, waitFor } from "./updates_helpers.ts";

describe("handler errors", () => {
  let dc: TestDc;
  before(async () => {
    dc = await startTestDc({ dcCount: 1 });
  });
  after(async () => {
    await dc.stop();
  });

  it("go to client.catch and never stop the update loop", async () => {
    const alice = dc.world.createUser({
      bot: false,
      firstName: "A",
      homeDc: 1,
    });
    const botUser = dc.world.createUser({
      bot: true,
      firstName: "B",
      username: "err_bot",
      homeDc: 1,
    });
    const bot = await clientAs(dc, botUser.id);
    try {
      const errors: HandlerError[] = [];
      const handled: string[] = [];
      bot.catch((error) => void errors.push(error));
      bot.on("message:text", (ctx) => {
        if (ctx.msg.text.startsWith("fail")) {
          throw new Error(`boom ${ctx.msg.text}`);
        }
        handled.push(ctx.msg.text);
      });
      // The loop has its state from the server before the messages arrive.
      await bot.updates.idle();
      for (const text of ["one", "fail 1", "two", "fail 2", "three"]) {
        dc.chats.sendMessage(alice.id, { type: "user", id: botUser.id }, text);
      }
      await waitFor(
        () => handled.length === 3 && errors.length === 2,
        "every update handled",
        5000,
      ).catch((e) => {
        throw new Error(
          `${e.message}: ${JSON.stringify(handled)} ${errors.map(String)}`,
        );
      });
      assert.deepEqual(handled, ["one", "two", "three"]);
      assert.deepEqual(errors.map((e) => (e.error as Error).message), [
        "boom fail 1",
        "boom fail 2",
      ]);
      assert.equal(errors[0].ctx.msg?.text, "fail 1");
      assert.equal(errors[0].ctx.raw._, "updateNewMessage");
    } finally {
      await bot.disconnect();
    }
  });
});
