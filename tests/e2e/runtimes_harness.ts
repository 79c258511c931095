/**
 * The local DC side of the cross-runtime scenario (`runtimes_scenario.ts`):
 * starts a test DC with a bot and a user, and serves what the other runtimes
 * need over HTTP on loopback: the DC's addresses and key (`GET /config`), a
 * way to make the user write to the bot (`POST /send-to-bot`, the text as
 * body), the count of bot logins (`GET /bot-logins`, JSON number or null),
 * and static files (the browser page and bundle).
 *
 * Runs under Deno (the DC's runtime); Node.js and Chromium reach it over HTTP.
 *
 * @module
 */

import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { startTestDc, type TestDc } from "../dc/mod.ts";
import type { ScenarioConfig } from "./runtimes_scenario.ts";

/** A running DC with the scenario's accounts. */
export interface RuntimeHarness {
  /** The DC itself (knobs, world). */
  dc: TestDc;
  /** What a scenario needs to know. */
  config: ScenarioConfig;
  /** Makes the user send `text` to the bot. */
  sendToBot(text: string): Promise<void>;
  /** Successful bot logins so far (undefined without login support). */
  botLogins(): Promise<number | undefined>;
  /** Stops the DC. */
  stop(): Promise<void>;
}

/** The DC's login support (`dc.auth`), where it exists. */
interface AuthSupport {
  createBot(fields: { username?: string; firstName?: string }): {
    user: { id: number };
    token: string;
  };
  stats: { botLogins: number };
}

function authSupport(dc: TestDc): AuthSupport | undefined {
  const auth = (dc as unknown as { auth?: AuthSupport }).auth;
  return typeof auth?.createBot === "function" ? auth : undefined;
}

/** Starts a one-DC world with a bot (`runtime_bot`) and a user who writes to it. */
export async function startRuntimeHarness(): Promise<RuntimeHarness> {
  const dc = await startTestDc({ dcCount: 1 });
  const auth = authSupport(dc);
  const created = auth?.createBot({
    username: "runtime_bot",
    firstName: "Runtime bot",
  });
  const bot = created?.user ?? dc.world.createUser({
    bot: true,
    firstName: "Runtime bot",
    username: "runtime_bot",
    homeDc: 1,
  });
  const user = dc.world.createUser({
    bot: false,
    firstName: "Runtime user",
    phone: "15550001234",
    homeDc: 1,
  });
  const config: ScenarioConfig = {
    dcs: dc.dcs.map(({ id, host, port, wsUrl }) => ({ id, host, port, wsUrl })),
    publicKeyPem: dc.publicKey.pem,
    botToken: created?.token,
    user: { id: user.id, accessHash: String(user.accessHash) },
  };
  return {
    dc,
    config,
    sendToBot: (text) => {
      dc.chats.sendMessage(user.id, { type: "user", id: bot.id }, text);
      return Promise.resolve();
    },
    botLogins: () => Promise.resolve(auth?.stats.botLogins),
    stop: () => dc.stop(),
  };
}

/** A static file the control server serves. */
export interface StaticFile {
  /** `Content-Type`. */
  type: string;
  /** The bytes or text. */
  body: string | Uint8Array;
}

/** The control server of {@link serveHarness}. */
export interface HarnessServer {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Stops listening. */
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of request) chunks.push(chunk as Uint8Array);
  return new TextDecoder().decode(
    chunks.length === 1 ? chunks[0] : new Uint8Array(
      chunks.reduce((all, c) => [...all, ...c], [] as number[]),
    ),
  );
}

/** Serves `GET /config`, `GET /bot-logins`, `POST /send-to-bot` and `files` (by path, e.g. `/index.html`) on loopback. */
export async function serveHarness(
  harness: RuntimeHarness,
  files: ReadonlyMap<string, StaticFile> = new Map(),
): Promise<HarnessServer> {
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    try {
      if (request.method === "GET" && path === "/config") {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify(harness.config));
      } else if (request.method === "GET" && path === "/bot-logins") {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify(await harness.botLogins() ?? null));
      } else if (request.method === "POST" && path === "/send-to-bot") {
        await harness.sendToBot(await readBody(request));
        response.writeHead(204).end();
      } else if (request.method === "GET" && files.has(path)) {
        const file = files.get(path)!;
        response.writeHead(200, {
          "content-type": file.type,
          "cache-control": "no-store",
        });
        response.end(file.body);
      } else {
        response.writeHead(404).end();
      }
    } catch (error) {
      response.writeHead(500, { "content-type": "text/plain" });
      response.end(String(error));
    }
  };
  const server = createServer((request, response) => {
    void handle(request, response);
  });
  await new Promise<void>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve())
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
