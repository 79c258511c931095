/**
 * The end-to-end scenario every runtime runs against the local test DC:
 * connect (with or without a key exchange), bot login, `getMe`, 100
 * pipelined pings, a message from a user received as an update and a reply
 * sent. The same code runs under Deno (on the sources), on Node.js (on the
 * packed npm tarball, transpiled to plain JavaScript) and in Chromium (on the
 * browser bundle): the library is passed in, never imported, and the
 * checks use no `node:` module.
 *
 * @module
 */

import type { Client, ClientOptions, Storage } from "../../mod.ts";

/** What the runtime's harness tells the scenario about the local DC. */
export interface ScenarioConfig {
  /** The DCs: id, TCP host/port and WebSocket URL. */
  dcs: { id: number; host: string; port: number; wsUrl: string }[];
  /** The test DC's RSA public key (PEM). */
  publicKeyPem: string;
  /** A bot token the DC accepts, once the DC issues them (login support). */
  botToken?: string;
  /** The user who writes to the bot (id and the access hash the bot sees). */
  user?: { id: number; accessHash: string };
}

/** The part of the library the scenario uses. */
export interface ScenarioLibrary {
  /** The library's `Client`. */
  Client: typeof Client;
}

/** How one run goes. */
export interface ScenarioOptions {
  /** The DC's addresses and keys. */
  config: ScenarioConfig;
  /** TCP or WebSocket. */
  connection: "tcp" | "websocket";
  /** The storage to keep the session in (a fresh `MemoryStorage` when absent). */
  storage?: Storage;
  /** Whether the storage already holds a session (then no key exchange or login may happen). */
  resumed?: boolean;
  /** Asks the harness to have the user send `text` to the bot. */
  sendToBot?: (text: string) => Promise<void>;
  /** The DC's count of bot logins, to check that a resumed session logs in no more. */
  botLogins?: () => Promise<number | undefined>;
  /** Progress lines. */
  log?: (line: string) => void;
}

/** What one run did; a step that could not run says why in `skipped`. */
export interface ScenarioResult {
  /** Key exchanges the client made (1 fresh, 0 resumed). */
  keyExchanges: number;
  /** Pongs checked. */
  pings: number;
  /** The bot's own user id from `getMe`, when logged in. */
  meId?: string;
  /** The text of the message received as an update. */
  received?: string;
  /** The reply's message id. */
  replyId?: number;
  /** Steps not run, with the reason. */
  skipped: string[];
}

/** A failed check of the scenario. */
export class ScenarioFailure extends Error {
  /** @param message what did not hold */
  constructor(message: string) {
    super(message);
    this.name = "ScenarioFailure";
  }
}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new ScenarioFailure(message);
}

function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  what: string,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new ScenarioFailure(`${what}: no answer in ${ms} ms`)),
        ms,
      );
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Runs the scenario; throws a {@link ScenarioFailure} (or the library's error) when a step fails. */
export async function runScenario(
  library: ScenarioLibrary,
  options: ScenarioOptions,
): Promise<ScenarioResult> {
  const log = options.log ?? (() => {});
  const { config } = options;
  const dcs = Object.fromEntries(
    config.dcs.map((dc) => [
      dc.id,
      options.connection === "websocket"
        ? { url: dc.wsUrl }
        : { host: dc.host, port: dc.port },
    ]),
  );
  const clientOptions: ClientOptions = {
    apiId: 1,
    apiHash: "0123456789abcdef0123456789abcdef",
    initialDc: 1,
    dcs,
    publicKeys: [config.publicKeyPem],
    transport: {
      connection: options.connection,
      framing: options.connection === "websocket" ? "intermediate" : "abridged",
      obfuscated: options.connection === "websocket",
    },
    connection: { reconnectDelayMs: 50, reconnectTimeoutMs: 20_000 },
  };
  if (options.storage) clientOptions.storage = options.storage;
  const client = new library.Client(clientOptions);
  const result: ScenarioResult = { keyExchanges: 0, pings: 0, skipped: [] };
  try {
    await withTimeout(client.connect(), 20_000, "connect");
    check(client.connected, "connected after connect()");
    result.keyExchanges = client.keyExchangeCount;
    check(
      result.keyExchanges === (options.resumed ? 0 : 1),
      `${result.keyExchanges} key exchanges, expected ${
        options.resumed ? 0 : 1
      }`,
    );
    log(
      `connected over ${options.connection}, ${result.keyExchanges} key exchange(s)`,
    );

    const start = (client as unknown as {
      start?: (params: { botToken: string }) => Promise<unknown>;
    }).start;
    const canLogin = typeof start === "function" &&
      config.botToken !== undefined;
    if (canLogin) {
      const loginsBefore = await options.botLogins?.();
      await withTimeout(
        start.call(client, { botToken: config.botToken! }),
        20_000,
        "bot login",
      );
      const users = await client.invoke({
        _: "users.getUsers",
        id: [{ _: "inputUserSelf" }],
      });
      const me = users[0];
      check(me?._ === "user", "getMe returned a user");
      check(me._ === "user" && me.bot === true, "getMe: the account is a bot");
      result.meId = String(me.id);
      const loginsAfter = await options.botLogins?.();
      if (loginsBefore !== undefined && loginsAfter !== undefined) {
        const expected = options.resumed ? 0 : 1;
        check(
          loginsAfter - loginsBefore === expected,
          `${
            loginsAfter - loginsBefore
          } bot logins at the DC, expected ${expected}`,
        );
      }
      log(`logged in as bot ${result.meId}`);
    } else {
      result.skipped.push(
        typeof start === "function"
          ? "login, getMe, message: the DC issued no bot token"
          : "login, getMe, message: Client.start() does not exist yet",
      );
    }

    const pongs = await withTimeout(
      Promise.all(
        Array.from(
          { length: 100 },
          (_, i) => client.invoke({ _: "ping", ping_id: BigInt(i + 1) }),
        ),
      ),
      20_000,
      "100 pings",
    );
    pongs.forEach((pong, i) =>
      check(
        pong.ping_id === BigInt(i + 1),
        `pong ${i} has ping_id ${pong.ping_id}`,
      )
    );
    result.pings = pongs.length;
    log("100 pings answered");

    if (canLogin && options.sendToBot && config.user) {
      const text = `hello from the ${options.connection} scenario ${
        Math.random().toString(36).slice(2)
      }`;
      const received = new Promise<string>((resolve) => {
        client.onUpdate((update) => {
          if (
            update._ === "updateNewMessage" &&
            update.message._ === "message" && update.message.message === text
          ) resolve(update.message.message);
        });
      });
      await options.sendToBot(text);
      result.received = await withTimeout(received, 20_000, "the update");
      log("the user's message arrived as an update");
      const sent = await client.invoke({
        _: "messages.sendMessage",
        peer: {
          _: "inputPeerUser",
          user_id: BigInt(config.user.id),
          access_hash: BigInt(config.user.accessHash),
        },
        message: `echo: ${text}`,
        random_id: BigInt(Date.now()) * 1000n +
          BigInt(Math.floor(Math.random() * 1000)),
      });
      if (sent._ === "updateShortSentMessage") result.replyId = sent.id;
      else if (sent._ === "updates" || sent._ === "updatesCombined") {
        for (const update of sent.updates) {
          if (update._ === "updateMessageID") result.replyId = update.id;
          if (
            update._ === "updateNewMessage" && update.message._ === "message"
          ) result.replyId ??= update.message.id;
        }
      }
      check(result.replyId !== undefined, `the reply was sent (${sent._})`);
      log(`replied, message id ${result.replyId}`);
    } else if (canLogin) {
      result.skipped.push("message: the harness cannot make a user write");
    }
  } finally {
    await client.disconnect();
  }
  return result;
}
