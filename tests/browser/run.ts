/**
 * The browser end-to-end suite, driven from Deno (`deno run -A
 * tests/browser/run.ts`, or `scripts/test_browser.sh`): builds the browser
 * bundle, starts the local test DC and an HTTP server on localhost serving
 * the page, the bundle and the DC's control endpoints, then drives Debian's
 * Chromium with playwright-core:
 *
 * 1. the scenario over WebSocket with the session in IndexedDB (fresh: one
 *    key exchange);
 * 2. the page reloaded: the scenario again from IndexedDB, with no key
 *    exchange and no login;
 * 3. a client given no storage option (IndexedDB `sparrow:sparrow` by
 *    default): logs in, and after a reload resumes with no key exchange and
 *    no login;
 * 4. the storage contract for IndexedDbStorage and LocalStorageStorage.
 *
 * Without Chromium the suite says so and counts nothing as passed; with
 * `CI=true` a missing browser is a failure. Ends with `N passed, N failed`.
 *
 * @module
 */

import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { buildBrowserBundle } from "../../scripts/build_browser.ts";
import {
  serveHarness,
  startRuntimeHarness,
  type StaticFile,
} from "../e2e/runtimes_harness.ts";
import type {
  ContractOutcome,
  DefaultScenarioResult,
  PageApi,
} from "./page.ts";
import type { ScenarioResult } from "../e2e/runtimes_scenario.ts";

const HERE = dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Launch flags that work as root on these machines (TOOLING.md §5). */
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

let passed = 0;
let failed = 0;
let skipped = 0;
function report(name: string, ok: boolean, detail = ""): void {
  if (ok) passed++;
  else failed++;
  console.log(
    `${ok ? "ok" : "FAILED"}: ${name}${
      detail ? `\n    ${detail.replaceAll("\n", "\n    ")}` : ""
    }`,
  );
}
function skip(name: string, reason: string): void {
  skipped++;
  console.log(`skipped: ${name} (${reason})`);
}
function finish(): never {
  if (skipped > 0) console.log(`${skipped} skipped (not counted as passed)`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

if (!existsSync(CHROMIUM)) {
  const message = `Chromium not found at ${CHROMIUM}: ` +
    "apt-get install -y chromium (or set CHROMIUM_PATH)";
  if (process.env.CI === "true") {
    report("a browser to run the browser suite in", false, message);
  } else {
    console.log(`!! ${message}`);
    skip("the whole browser suite", "no Chromium");
  }
  finish();
}

function checkScenario(
  name: string,
  result: ScenarioResult,
  resumed: boolean,
): void {
  report(
    name,
    result.keyExchanges === (resumed ? 0 : 1) && result.pings === 100,
    JSON.stringify(result),
  );
  const loginStep = resumed
    ? "after reload: getMe answers for the same bot, without a new login"
    : "bot login, getMe, a message received as an update, a reply";
  if (result.skipped.length > 0) skip(loginStep, result.skipped.join("; "));
  else report(loginStep, result.meId !== undefined, JSON.stringify(result));
}

const work = mkdtempSync(join(tmpdir(), "sparrow-browser-e2e-"));
const harness = await startRuntimeHarness();
let server: Awaited<ReturnType<typeof serveHarness>> | undefined;
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: CHROMIUM_ARGS,
});
try {
  const bundle = await buildBrowserBundle(work);
  console.log(
    `bundle: ${bundle.minified.raw} bytes minified, ${bundle.minified.gzip} gzipped`,
  );
  report(
    "the whole client with the TL layer is at most 200 KB gzipped",
    bundle.minified.gzip <= 200_000,
    `${bundle.minified.gzip} bytes`,
  );
  const page = await build({
    entryPoints: [join(HERE, "page.ts")],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const files = new Map<string, StaticFile>([
    ["/", { type: "text/html", body: readFileSync(join(HERE, "index.html")) }],
    ["/page.js", {
      type: "text/javascript",
      body: page.outputFiles[0].contents,
    }],
    ["/sparrow.min.js", {
      type: "text/javascript",
      body: readFileSync(bundle.minified.file),
    }],
  ]);
  server = await serveHarness(harness, files);

  const context = await browser.newContext();
  const tab = await context.newPage();
  const pageErrors: string[] = [];
  tab.on("pageerror", (error) => pageErrors.push(String(error)));
  const requested: string[] = [];
  tab.on("request", (request) => requested.push(request.url()));
  const open = async () => {
    await tab.goto(`${server!.url}/`);
    await tab.waitForFunction(() =>
      (globalThis as { sparrowTest?: unknown }).sparrowTest !== undefined
    );
  };
  const call = <T>(
    fn: (api: PageApi, arg: boolean) => Promise<T> | T,
    arg = false,
  ) =>
    tab.evaluate(
      ([source, value]) => {
        const api =
          (globalThis as unknown as { sparrowTest: PageApi }).sparrowTest;
        return (0, eval)(source)(api, value) as Promise<T>;
      },
      [fn.toString(), arg] as const,
    );

  await open();
  const environment = await call((api) => api.environment());
  report(
    "the page has WebSocket and IndexedDB and no Node.js process object",
    environment.webSocket && environment.indexedDB && !environment.process,
    JSON.stringify(environment),
  );

  try {
    checkScenario(
      "WebSocket + IndexedDB, fresh session: key exchange, 100 pings",
      await call((api) => api.scenario(false)),
      false,
    );
  } catch (error) {
    report("WebSocket + IndexedDB, fresh session", false, String(error));
  }

  const checkDefault = (
    name: string,
    outcome: DefaultScenarioResult,
    resumed: boolean,
  ) => {
    report(
      name,
      outcome.databases.includes("sparrow:sparrow"),
      JSON.stringify(outcome.databases),
    );
    checkScenario(`${name}: the scenario`, outcome.result, resumed);
  };
  try {
    checkDefault(
      'no storage option: the session goes to IndexedDB "sparrow:sparrow"',
      await call((api, resumed) => api.defaultScenario(resumed), false),
      false,
    );
  } catch (error) {
    report("no storage option, fresh session", false, String(error));
  }

  await tab.reload();
  await open();
  try {
    checkScenario(
      "page reloaded: the session from IndexedDB, no key exchange, 100 pings",
      await call((api) => api.scenario(true)),
      true,
    );
  } catch (error) {
    report("page reloaded: the session from IndexedDB", false, String(error));
  }
  try {
    checkDefault(
      "page reloaded, no storage option: resumed from IndexedDB by default",
      await call((api, resumed) => api.defaultScenario(resumed), true),
      true,
    );
  } catch (error) {
    report("page reloaded, no storage option", false, String(error));
  }

  const outcomes: ContractOutcome[] = await call((api) => api.contract());
  for (const backend of ["IndexedDbStorage", "LocalStorageStorage"]) {
    const mine = outcomes.filter((o) => o.name.startsWith(`${backend}: `));
    const failures = mine.filter((o) => o.error !== undefined);
    report(
      `storage contract in Chromium: ${backend} (${mine.length} cases)`,
      mine.length > 0 && failures.length === 0,
      failures.map((f) => `${f.name}: ${f.error}`).join("\n"),
    );
  }

  report(
    "no page errors, and nothing but localhost was fetched",
    pageErrors.length === 0 &&
      requested.every((url) => url.startsWith(server!.url)),
    [...pageErrors, ...requested.filter((u) => !u.startsWith(server!.url))]
      .join("\n"),
  );
  await context.close();
} catch (error) {
  report(
    "the browser suite ran to the end",
    false,
    String((error as Error)?.stack ?? error),
  );
} finally {
  await browser.close();
  await server?.close();
  await harness.stop();
  rmSync(work, { recursive: true, force: true });
}
finish();
