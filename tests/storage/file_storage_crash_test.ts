import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { FileStorage } from "../../storage/file_storage_node.ts";
import { crashState } from "./crash_state.ts";
import { valuesEqual } from "./contract_assert.ts";

const KILLS = 50;
const writer = fileURLToPath(new URL("./crash_writer.ts", import.meta.url));
const isDeno = "Deno" in globalThis;
const writerArgs = (path: string) =>
  isDeno
    ? ["run", "--allow-all", "--no-check", writer, path]
    : ["--import", "tsx", writer, path];

const root = await mkdtemp(join(tmpdir(), "sparrow-crash-"));
after(() => rm(root, { recursive: true, force: true }));

/** Reads the storage and checks that it holds exactly one whole state. */
async function readState(path: string): Promise<number> {
  const storage = await FileStorage.open(path);
  try {
    const number = (await storage.get("state/number") ?? 0) as number;
    const stored = Object.fromEntries(await storage.list(""));
    // valuesEqual, not deepEqual: a diff of large blobs takes minutes.
    assert.ok(
      valuesEqual(stored, number === 0 ? {} : crashState(number)),
      `the file holds a mix of states around state ${number}`,
    );
    return number;
  } finally {
    await storage.close();
  }
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe("FileStorage crash safety", () => {
  it(
    `a writer killed at random points ${KILLS} times leaves the old or the new state`,
    {
      // A guard against a hung child, not a speed check.
      timeout: 300_000,
    },
    async () => {
      const path = join(root, "crash.session");
      let state = 0;
      let writeMs = 5;
      const outcomes = { old: 0, new: 0 };
      for (let kill = 0; kill < KILLS; kill++) {
        const child = spawn(process.execPath, writerArgs(path), {
          stdio: ["pipe", "pipe", "inherit"],
        });
        const exited = new Promise((done) => child.once("exit", done));
        const lines = createInterface({ input: child.stdout! })
          [Symbol.asyncIterator]();
        const next = async () => {
          const { value, done } = await lines.next();
          assert.ok(!done, "the writer ended early");
          return String(value).split(" ");
        };
        assert.deepEqual(await next(), ["ready", String(state)]);
        // Some whole writes first, then a kill somewhere in the last one.
        const wholeWrites = Math.floor(Math.random() * 3);
        for (let i = 0; i < wholeWrites; i++) {
          child.stdin!.write("go\n");
          const [word, number, ms] = await next();
          assert.equal(word, "committed");
          assert.equal(Number(number), ++state);
          writeMs = (writeMs + Number(ms)) / 2;
        }
        child.stdin!.write("go\n");
        const delay = Math.random() * writeMs * 1.5;
        if (delay > 0.5) await sleep(delay);
        child.kill("SIGKILL");
        await exited;
        await lines.return?.();
        const found = await readState(path);
        assert.ok(
          found === state || found === state + 1,
          `after a kill during the write of state ${
            state + 1
          }, found state ${found}`,
        );
        outcomes[found === state ? "old" : "new"]++;
        state = found;
      }
      // Which side of the write the kills landed on (informative, random).
      console.log(
        `crash test: ${outcomes.old} kills left the old state, ${outcomes.new} the new one; ` +
          `a write took about ${writeMs.toFixed(1)} ms`,
      );
    },
  );
});
