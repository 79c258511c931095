import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  Composer,
  MiddlewareError,
  run,
} from "../../../client/middleware/composer.ts";
import type { Context } from "../../../client/middleware/context.ts";
import { InvalidInputError } from "../../../client/types/invalid_input_error.ts";
import { contextOf, dummyMessage } from "./helpers.ts";

type Ctx = ReturnType<typeof contextOf>;

describe("Composer", () => {
  it("runs middleware in order, each passing on with next()", async () => {
    const seen: string[] = [];
    const composer = new Composer<Ctx>();
    composer.use(async (_ctx, next) => {
      seen.push("a:before");
      await next();
      seen.push("a:after");
    });
    composer.use((_ctx, next) => {
      seen.push("b");
      return next();
    });
    composer.use(() => {
      seen.push("c");
    });
    composer.use(() => {
      seen.push("never");
    });
    await run(
      composer.middleware(),
      contextOf({ message: dummyMessage({ text: "x" }) }),
    );
    assert.deepEqual(seen, ["a:before", "b", "c", "a:after"]);
  });

  it("stops at a handler that does not call next", async () => {
    const seen: string[] = [];
    const composer = new Composer<Ctx>();
    composer.on("message", () => {
      seen.push("message");
    });
    composer.on("message:text", () => {
      seen.push("text");
    });
    await run(
      composer.middleware(),
      contextOf({ message: dummyMessage({ text: "x" }) }),
    );
    assert.deepEqual(seen, ["message"]);
  });

  it("passes updates a filter rejects on to later middleware", async () => {
    const seen: string[] = [];
    const composer = new Composer<Ctx>();
    composer.on("callback_query", () => {
      seen.push("callback");
    });
    composer.on("message:text", (ctx) => {
      // Narrowed: msg and its text are defined.
      seen.push(ctx.msg.text.toUpperCase());
    });
    await run(
      composer.middleware(),
      contextOf({ message: dummyMessage({ text: "x" }) }),
    );
    assert.deepEqual(seen, ["X"]);
  });

  it("nests: the composer returned by on() gets its own middleware", async () => {
    const seen: string[] = [];
    const composer = new Composer<Ctx>();
    const texts = composer.on("message:text");
    texts.use(async (ctx, next) => {
      seen.push(`outer ${ctx.msg.text}`);
      await next();
    });
    texts.hears("hello", (ctx) => {
      seen.push(`hears ${ctx.match}`);
    });
    composer.use(() => {
      seen.push("after");
    });
    await run(
      composer.middleware(),
      contextOf({ message: dummyMessage({ text: "hello" }) }),
    );
    await run(
      composer.middleware(),
      contextOf({ message: dummyMessage({ text: "bye" }) }),
    );
    assert.deepEqual(seen, [
      "outer hello",
      "hears hello",
      "outer bye",
      "after",
    ]);
  });

  it("refuses next() called twice", async () => {
    const composer = new Composer<Ctx>();
    composer.use(async (_ctx, next) => {
      await next();
      await next();
    });
    await assert.rejects(
      run(composer.middleware(), contextOf({ message: dummyMessage() })),
      MiddlewareError,
    );
  });

  it("propagates errors thrown by handlers", async () => {
    const composer = new Composer<Ctx>();
    composer.on("message", () => {
      throw new Error("boom");
    });
    await assert.rejects(
      run(composer.middleware(), contextOf({ message: dummyMessage() })),
      /boom/,
    );
  });

  it("matches commands with arguments, and /cmd@thisbot but not @otherbot", async () => {
    const seen: string[] = [];
    const composer = new Composer<Ctx>();
    composer.command(["start", "help"], (ctx) => {
      seen.push(`${ctx.msg.text} -> ${JSON.stringify(ctx.match)}`);
    });
    for (
      const text of [
        "/start",
        "/start payload 1",
        "/help@test_bot",
        "/help@Test_Bot x",
        "/start@other_bot",
        "/stop",
        "start",
        "x /start",
        "/startx",
      ]
    ) {
      await run(
        composer.middleware(),
        contextOf({ message: dummyMessage({ text }) }),
      );
    }
    assert.deepEqual(seen, [
      '/start -> ""',
      '/start payload 1 -> "payload 1"',
      '/help@test_bot -> ""',
      '/help@Test_Bot x -> "x"',
    ]);
    assert.throws(() => composer.command("bad command"), InvalidInputError);
  });

  it("matches callback data by string and by regular expression", async () => {
    const seen: unknown[] = [];
    const composer = new Composer<Ctx>();
    composer.callbackQuery("exact", (ctx) => {
      seen.push(["exact", ctx.match]);
    });
    composer.callbackQuery(/^vote:(\w+)$/, (ctx) => {
      seen.push(["vote", ctx.match[1], ctx.callbackQuery.data]);
    });
    const from = { id: 7, is_bot: false, first_name: "Ann" };
    for (const data of ["exact", "vote:yes", "exactly", "vote:"]) {
      await run(
        composer.middleware(),
        contextOf({
          callback_query: { id: "1", from, chat_instance: "0", data },
        }),
      );
    }
    assert.deepEqual(seen, [["exact", "exact"], ["vote", "yes", "vote:yes"]]);
  });

  it("filters inline queries, and drops with drop()", async () => {
    const seen: string[] = [];
    const composer = new Composer<Ctx>();
    composer.drop((ctx) => ctx.from?.id === 666).inlineQuery(
      /^gif (.+)/,
      (ctx) => {
        seen.push(ctx.match[1]);
      },
    );
    const query = (id: number, text: string) =>
      contextOf({
        inline_query: {
          id: "1",
          from: { id, is_bot: false, first_name: "U" },
          query: text,
          offset: "",
        },
      });
    await run(composer.middleware(), query(1, "gif cats"));
    await run(composer.middleware(), query(666, "gif dogs"));
    await run(composer.middleware(), query(1, "png owls"));
    assert.deepEqual(seen, ["cats"]);
  });

  it("branches", async () => {
    const seen: string[] = [];
    const composer = new Composer<Ctx>();
    composer.branch(
      (ctx: Context) => ctx.chat?.type === "private",
      () => void seen.push("private"),
      () => void seen.push("group"),
    );
    await run(composer.middleware(), contextOf({ message: dummyMessage() }));
    await run(
      composer.middleware(),
      contextOf({
        message: dummyMessage({ chat: { id: -5, type: "group", title: "G" } }),
      }),
    );
    assert.deepEqual(seen, ["private", "group"]);
  });

  it("refuses middleware that is not a function", () => {
    assert.throws(() => new Composer<Ctx>(42 as never), InvalidInputError);
  });
});
