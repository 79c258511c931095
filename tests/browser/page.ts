/**
 * Runs in Chromium (bundled by `run.ts` into `/page.js`): loads the browser
 * bundle `/sparrow.min.js` as users would, and exposes the phases the driver
 * calls with `page.evaluate`:
 * - `scenario(resumed)`: the cross-runtime scenario over WebSocket, the
 *   session in IndexedDB (the same database across page reloads);
 * - `defaultScenario(resumed)`: the same with a client given no storage
 *   option, which keeps its session in IndexedDB (`sparrow:sparrow`) by
 *   default;
 * - `contract()`: the storage contract for IndexedDbStorage and
 *   LocalStorageStorage.
 *
 * @module
 */

import {
  type ContractCase,
  runContractCase,
  storageContract,
  type StorageFactory,
} from "../storage/contract.ts";
import {
  runScenario,
  type ScenarioConfig,
  type ScenarioResult,
} from "../e2e/runtimes_scenario.ts";

type Sparrow = typeof import("../../mod.ts");

/** One contract case's outcome. */
export interface ContractOutcome {
  /** Backend and case. */
  name: string;
  /** The error, when it failed. */
  error?: string;
}

/** The scenario's result with no storage option, and the databases it left. */
export interface DefaultScenarioResult {
  /** The scenario's result. */
  result: ScenarioResult;
  /** The names of the page's IndexedDB databases afterwards. */
  databases: string[];
}

/** What the page exposes on `globalThis.sparrowTest`. */
export interface PageApi {
  /** Runs the scenario (session database `sparrow:e2e`). */
  scenario(resumed: boolean): Promise<ScenarioResult>;
  /** Runs the scenario with no storage option (the default: IndexedDB `sparrow:sparrow`). */
  defaultScenario(resumed: boolean): Promise<DefaultScenarioResult>;
  /** Runs the storage contract for both browser backends. */
  contract(): Promise<ContractOutcome[]>;
  /** What the page saw of the environment. */
  environment(): { webSocket: boolean; indexedDB: boolean; process: boolean };
}

const bundleUrl = "/sparrow.min.js";
const sparrow = await import(bundleUrl) as Sparrow;

/** The harness's side of the scenario: bot logins counted, a user who writes. */
const harnessHooks = {
  botLogins: async () =>
    (await (await fetch("/bot-logins")).json()) as number | undefined ??
      undefined,
  sendToBot: async (text: string) => {
    const response = await fetch("/send-to-bot", {
      method: "POST",
      body: text,
    });
    if (!response.ok) throw new Error(`send-to-bot: ${response.status}`);
  },
};

async function scenario(resumed: boolean): Promise<ScenarioResult> {
  const config = await (await fetch("/config")).json() as ScenarioConfig;
  const storage = new sparrow.IndexedDbStorage("e2e");
  try {
    return await runScenario(sparrow, {
      config,
      connection: "websocket",
      storage,
      resumed,
      ...harnessHooks,
    });
  } finally {
    await storage.close();
  }
}

async function defaultScenario(
  resumed: boolean,
): Promise<DefaultScenarioResult> {
  const config = await (await fetch("/config")).json() as ScenarioConfig;
  const result = await runScenario(sparrow, {
    config,
    connection: "websocket",
    resumed,
    ...harnessHooks,
  });
  const databases = (await indexedDB.databases()).map((d) => d.name ?? "");
  return { result, databases };
}

async function contract(): Promise<ContractOutcome[]> {
  const run = Math.random().toString(36).slice(2);
  let counter = 0;
  const factories: [string, StorageFactory][] = [
    ["IndexedDbStorage", {
      create: () =>
        Promise.resolve(
          new sparrow.IndexedDbStorage(`contract-${run}-${++counter}`),
        ),
      reopen: async (storage) => {
        await storage.close();
        const name = (storage as InstanceType<Sparrow["IndexedDbStorage"]>)
          .databaseName.slice("sparrow:".length);
        return new sparrow.IndexedDbStorage(name);
      },
    }],
    ["LocalStorageStorage", {
      create: () =>
        Promise.resolve(
          new sparrow.LocalStorageStorage(`contract-${run}-${++counter}`),
        ),
      reopen: async (storage) => {
        await storage.close();
        const prefix =
          (storage as InstanceType<Sparrow["LocalStorageStorage"]>).prefix;
        return new sparrow.LocalStorageStorage(
          prefix.slice("sparrow:".length, -1),
        );
      },
    }],
  ];
  const outcomes: ContractOutcome[] = [];
  for (const [backend, factory] of factories) {
    for (const testCase of storageContract as ContractCase[]) {
      const name = `${backend}: ${testCase.name}`;
      try {
        await runContractCase(testCase, factory);
        outcomes.push({ name });
      } catch (error) {
        outcomes.push({
          name,
          error: String((error as Error)?.stack ?? error),
        });
      }
    }
  }
  return outcomes;
}

const api: PageApi = {
  scenario,
  defaultScenario,
  contract,
  environment: () => ({
    webSocket: typeof WebSocket === "function",
    indexedDB: typeof indexedDB === "object",
    process: typeof (globalThis as { process?: unknown }).process !==
      "undefined",
  }),
};
(globalThis as { sparrowTest?: PageApi }).sparrowTest = api;
document.getElementById("status")!.textContent = "ready";
