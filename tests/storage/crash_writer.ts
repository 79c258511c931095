/**
 * Child process of the FileStorage crash test: opens the storage at argv[2],
 * prints `ready <n>` with the state number it found, then for every `go` line
 * on stdin writes the next state in one batch and prints
 * `committed <n> <milliseconds>`. The parent kills it at random points.
 * State 0 is the empty store; each write sets the keys that differ from the
 * previous state.
 */
import process from "node:process";
import { createInterface } from "node:readline";
import { FileStorage } from "../../storage/file_storage_node.ts";
import { crashState } from "./crash_state.ts";
import { valuesEqual as sameValue } from "./contract_assert.ts";

const storage = await FileStorage.open(process.argv[2]);
let current = (await storage.get("state/number") ?? 0) as number;
process.stdout.write(`ready ${current}\n`);
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line !== "go") continue;
  const started = performance.now();
  current++;
  // Only what changed: a small batch, or one with the blob every 4th state.
  const previous = current === 1 ? {} : crashState(current - 1);
  await storage.batch(
    Object.entries(crashState(current))
      .filter(([key, value]) => !sameValue(previous[key], value))
      .map(([key, value]) => ({ type: "set" as const, key, value })),
  );
  process.stdout.write(
    `committed ${current} ${(performance.now() - started).toFixed(2)}\n`,
  );
}
await storage.close();
