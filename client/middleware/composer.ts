/**
 * `Composer`: middleware in the style of grammY. Middleware runs in the order it was added;
 * each one calls `next()` to hand the update on, or does not, to stop it there.
 *
 * ```ts
 * client.use(async (ctx, next) => { console.log(ctx.update); await next(); });
 * client.command("start", (ctx) => ctx.reply("Hello!"));
 * client.on("message:text", (ctx) => ctx.reply(ctx.msg.text));
 * client.callbackQuery(/^vote:(\w+)$/, (ctx) => ctx.answerCallbackQuery(`Voted ${ctx.match[1]}`));
 * ```
 *
 * @module
 */
import type { Chat } from "../types/chat.ts";
import { InvalidInputError } from "../types/invalid_input_error.ts";
import type { Message } from "../types/message.ts";
import type { Context } from "./context.ts";
import { compileFilters, type Filter, type FilterQuery } from "./filter.ts";

/** Calls the rest of the middleware; resolves when it has finished. */
export type NextFunction = () => Promise<void>;

/** A middleware function. */
export type MiddlewareFn<C> = (ctx: C, next: NextFunction) => unknown;

/** Something that gives a middleware function (a `Composer`, say). */
export interface MiddlewareObj<C> {
  /** The middleware function. */
  middleware(): MiddlewareFn<C>;
}

/** A middleware function or object. */
export type Middleware<C> = MiddlewareFn<C> | MiddlewareObj<C>;

/** What `command`, `hears`, `callbackQuery` and `inlineQuery` match: a whole string or a regular expression. */
export type Trigger = string | RegExp;

/** A context whose `match` is a string (a command's arguments). */
export type CommandContext<C> = C & { match: string; msg: Message; chat: Chat };

/** A context whose `match` is what the trigger matched. */
export type MatchedContext<C, T extends Trigger> = C & {
  match: T extends RegExp ? RegExpMatchArray : string;
};

/** The error `next()` throws when a middleware calls it twice. */
export class MiddlewareError extends Error {
  /**
   * Creates an instance.
   *
   * @param message what went wrong
   */
  constructor(message: string) {
    super(message);
    this.name = "MiddlewareError";
  }
}

function flatten<C>(middleware: Middleware<C>): MiddlewareFn<C> {
  if (typeof middleware === "function") return middleware;
  if (middleware !== null && typeof middleware?.middleware === "function") {
    return (ctx, next) => middleware.middleware()(ctx, next);
  }
  throw new InvalidInputError(
    "middleware",
    "must be a function or have a middleware() method",
  );
}

function concat<C>(
  first: MiddlewareFn<C>,
  andThen: MiddlewareFn<C>,
): MiddlewareFn<C> {
  return async (ctx, next) => {
    let called = false;
    await first(ctx, async () => {
      if (called) throw new MiddlewareError("next() called more than once");
      called = true;
      await andThen(ctx, next);
    });
  };
}

const pass = <C>(_ctx: C, next: NextFunction) => next();

function toRegExps(
  triggers: Trigger | readonly Trigger[],
  argument: string,
): RegExp[] {
  const list = Array.isArray(triggers) ? triggers : [triggers];
  if (list.length === 0) {
    throw new InvalidInputError(argument, "give at least one trigger");
  }
  return list.map((trigger) => {
    if (trigger instanceof RegExp) return trigger;
    if (typeof trigger === "string") {
      return new RegExp(`^${trigger.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
    }
    throw new InvalidInputError(argument, "a trigger is a string or a RegExp");
  });
}

function matchAny(
  text: string | undefined,
  triggers: RegExp[],
): RegExpMatchArray | undefined {
  if (text === undefined) return undefined;
  for (const trigger of triggers) {
    trigger.lastIndex = 0;
    const match = text.match(trigger);
    if (match) return match;
  }
  return undefined;
}

/** `/name`, `/name@bot`, then the arguments. */
const COMMAND =
  /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]+))?(?:\s+([\s\S]*))?$/;

/** Middleware composed in order, with helpers to register handlers for some updates only. */
export class Composer<C extends Context> implements MiddlewareObj<C> {
  #handler: MiddlewareFn<C>;

  /**
   * Creates an instance.
   *
   * @param middleware the first middleware
   */
  constructor(...middleware: Middleware<C>[]) {
    this.#handler = middleware.length === 0
      ? pass
      : middleware.map(flatten).reduce(concat);
  }

  /** The composed middleware. */
  middleware(): MiddlewareFn<C> {
    return this.#handler;
  }

  /** Adds middleware that runs for every update; returns a composer for more of it. */
  use(...middleware: Middleware<C>[]): Composer<C> {
    const composer = new Composer<C>(...middleware);
    this.#handler = concat(this.#handler, flatten(composer));
    return composer;
  }

  /**
   * Runs `trueMiddleware` when the predicate holds, else `falseMiddleware`; either way the
   * chosen branch decides whether the rest runs.
   */
  branch(
    predicate: (ctx: C) => boolean | Promise<boolean>,
    trueMiddleware: Middleware<C>,
    falseMiddleware: Middleware<C>,
  ): Composer<C> {
    return this.use(async (ctx, next) => {
      const branch = (await predicate(ctx)) ? trueMiddleware : falseMiddleware;
      await flatten(branch)(ctx, next);
    });
  }

  /** Adds middleware that runs for the updates the predicate accepts; others pass on. */
  filter<D extends C>(
    predicate: (ctx: C) => ctx is D,
    ...middleware: Middleware<D>[]
  ): Composer<D>;
  /** Adds middleware that runs for the updates the predicate accepts; others pass on. */
  filter(
    predicate: (ctx: C) => boolean | Promise<boolean>,
    ...middleware: Middleware<C>[]
  ): Composer<C>;
  filter(
    predicate: (ctx: C) => boolean | Promise<boolean>,
    ...middleware: Middleware<C>[]
  ): Composer<C> {
    const composer = new Composer<C>(...middleware);
    this.branch(predicate, composer, pass);
    return composer;
  }

  /** Adds middleware that runs for the updates the predicate rejects. */
  drop(
    predicate: (ctx: C) => boolean | Promise<boolean>,
    ...middleware: Middleware<C>[]
  ): Composer<C> {
    return this.filter(async (ctx) => !(await predicate(ctx)), ...middleware);
  }

  /**
   * Adds middleware for the updates matching a filter query (or any of several):
   * `"message:text"`, `"callback_query:data"`, `":photo"`, `"update:updateUserTyping"`… The
   * context's type is narrowed accordingly.
   */
  on<Q extends FilterQuery>(
    filter: Q | Q[],
    ...middleware: Middleware<Filter<C, Q>>[]
  ): Composer<Filter<C, Q>> {
    const predicate = compileFilters(filter);
    return this.filter(
      (ctx): ctx is Filter<C, Q> => predicate(ctx),
      ...(middleware as Middleware<C>[]),
    ) as unknown as Composer<Filter<C, Q>>;
  }

  /**
   * Adds middleware for a command (`/start`, `/start@thisbot args`) at the start of a new
   * message's text or caption; `ctx.match` is the rest of the text. A command addressed to
   * another bot (`/start@otherbot`) does not match.
   */
  command(
    command: string | readonly string[],
    ...middleware: Middleware<CommandContext<C>>[]
  ): Composer<CommandContext<C>> {
    const names = new Set(
      (typeof command === "string" ? [command] : command).map((name) =>
        name.replace(/^\//, "")
      ),
    );
    if (names.size === 0) {
      throw new InvalidInputError("command", "give at least one command");
    }
    for (const name of names) {
      if (!/^[A-Za-z0-9_]{1,32}$/.test(name)) {
        throw new InvalidInputError(
          "command",
          `${JSON.stringify(name)} is not a command name`,
        );
      }
    }
    return this.filter((ctx): ctx is CommandContext<C> => {
      const msg = ctx.message ?? ctx.channelPost;
      const text = msg?.text ?? msg?.caption;
      if (text === undefined) return false;
      const match = COMMAND.exec(text);
      if (!match || !names.has(match[1])) return false;
      const addressee = match[2];
      const me = ctx.me?.username;
      if (
        addressee !== undefined && addressee.toLowerCase() !== me?.toLowerCase()
      ) {
        return false;
      }
      ctx.match = (match[3] ?? "").trim();
      return true;
    }, ...middleware);
  }

  /** Adds middleware for new messages whose text (or caption) matches a trigger. */
  hears<T extends Trigger>(
    trigger: T | readonly T[],
    ...middleware: Middleware<MatchedContext<C, T>>[]
  ): Composer<MatchedContext<C, T>> {
    const triggers = toRegExps(trigger, "trigger");
    return this.filter((ctx): ctx is MatchedContext<C, T> => {
      const msg = ctx.message ?? ctx.channelPost;
      const match = matchAny(msg?.text ?? msg?.caption, triggers);
      if (!match) return false;
      ctx.match = typeof trigger === "string" ? match[0] : match;
      return true;
    }, ...middleware);
  }

  /** Adds middleware for callback queries whose data matches a trigger. */
  callbackQuery<T extends Trigger>(
    trigger: T | readonly T[],
    ...middleware: Middleware<
      MatchedContext<C, T> & Filter<C, "callback_query:data">
    >[]
  ): Composer<MatchedContext<C, T> & Filter<C, "callback_query:data">> {
    const triggers = toRegExps(trigger, "trigger");
    return this.filter(
      (ctx): ctx is MatchedContext<C, T> & Filter<C, "callback_query:data"> => {
        const match = matchAny(ctx.callbackQuery?.data, triggers);
        if (!match) return false;
        ctx.match = typeof trigger === "string" ? match[0] : match;
        return true;
      },
      ...middleware,
    );
  }

  /** Adds middleware for inline queries whose text matches a trigger. */
  inlineQuery<T extends Trigger>(
    trigger: T | readonly T[],
    ...middleware: Middleware<
      MatchedContext<C, T> & Filter<C, "inline_query">
    >[]
  ): Composer<MatchedContext<C, T> & Filter<C, "inline_query">> {
    const triggers = toRegExps(trigger, "trigger");
    return this.filter(
      (ctx): ctx is MatchedContext<C, T> & Filter<C, "inline_query"> => {
        const match = matchAny(ctx.inlineQuery?.query, triggers);
        if (!match) return false;
        ctx.match = typeof trigger === "string" ? match[0] : match;
        return true;
      },
      ...middleware,
    );
  }
}

/** Runs middleware for one context to the end (the last `next()` does nothing). */
export async function run<C>(
  middleware: MiddlewareFn<C>,
  ctx: C,
): Promise<void> {
  let called = false;
  await middleware(ctx, () => {
    if (called) throw new MiddlewareError("next() called more than once");
    called = true;
    return Promise.resolve();
  });
}
