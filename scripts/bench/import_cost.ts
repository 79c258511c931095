/**
 * Import cost of the npm build on Node.js, in fresh processes: how much
 * longer a process that imports the package runs, and how much more memory
 * it peaks at, than an empty one.
 *
 * `deno run -A scripts/bench/import_cost.ts [--runs 21] [--module dist/mod.js] [--compare]`
 *
 * Needs `dist/` (`npm run build`). Each run is a fresh `node` process; empty
 * and importing processes alternate so that machine load hits both alike. The
 * medians are reported:
 * - wall: the whole process's wall time (spawn to exit), minus the empty
 *   process's;
 * - import: the time `await import()` itself took inside the process;
 * - peak RSS: `process.resourceUsage().maxRSS` at exit, minus the empty
 *   process's.
 * `--compare` adds GramJS (`telegram`) and mtcute (`@mtcute/core`) from
 * devDependencies.
 *
 * @module
 */

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import process from "node:process";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** What one fresh process measured. */
interface Sample {
  /** Wall time of the whole process, ms. */
  wallMs: number;
  /** Time spent in `await import(...)`, ms (0 for the empty process). */
  importMs: number;
  /** Peak resident set size, bytes. */
  maxRss: number;
}

/** The medians of one module's runs, relative to the empty process. */
export interface ImportCost {
  /** The module measured. */
  module: string;
  /** Median extra wall time over the empty process, ms. */
  wallMs: number;
  /** Median time of the `import()` itself, ms. */
  importMs: number;
  /** Median extra peak RSS over the empty process, bytes. */
  rssBytes: number;
}

function runNode(specifier: string | undefined): Sample {
  const script = specifier === undefined
    ? "console.log(JSON.stringify({ importMs: 0, maxRss: process.resourceUsage().maxRSS * 1024 }));"
    : `const t = performance.now(); await import(${
      JSON.stringify(specifier)
    }); const importMs = performance.now() - t;
       console.log(JSON.stringify({ importMs, maxRss: process.resourceUsage().maxRSS * 1024 }));`;
  const start = performance.now();
  const result = spawnSync(
    "node",
    ["--input-type=module", "-e", script],
    { encoding: "utf8", cwd: ROOT },
  );
  const wallMs = performance.now() - start;
  if (result.status !== 0) {
    throw new Error(`node failed for ${specifier}: ${result.stderr}`);
  }
  const { importMs, maxRss } = JSON.parse(result.stdout.trim());
  return { wallMs, importMs, maxRss };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Measures `specifiers` against an empty process, `runs` times each (interleaved). */
export function measureImportCost(
  specifiers: string[],
  runs: number,
): ImportCost[] {
  runNode(undefined); // warm the file cache
  for (const s of specifiers) runNode(s);
  const empty: Sample[] = [];
  const samples: Sample[][] = specifiers.map(() => []);
  for (let i = 0; i < runs; i++) {
    empty.push(runNode(undefined));
    specifiers.forEach((s, j) => samples[j].push(runNode(s)));
  }
  const emptyWall = median(empty.map((s) => s.wallMs));
  const emptyRss = median(empty.map((s) => s.maxRss));
  return specifiers.map((module, j) => ({
    module,
    wallMs: median(samples[j].map((s) => s.wallMs)) - emptyWall,
    importMs: median(samples[j].map((s) => s.importMs)),
    rssBytes: median(samples[j].map((s) => s.maxRss)) - emptyRss,
  }));
}

if (import.meta.main) {
  const option = (name: string) => {
    const at = process.argv.indexOf(name);
    return at >= 0 ? process.argv[at + 1] : undefined;
  };
  const runs = Number(option("--runs") ?? 21);
  const modulePath = resolve(ROOT, option("--module") ?? "dist/mod.js");
  if (!existsSync(modulePath)) {
    console.error(`${modulePath} is missing: run npm run build first`);
    process.exit(1);
  }
  const specifiers = [pathToFileURL(modulePath).href];
  if (process.argv.includes("--compare")) {
    specifiers.push("telegram", "@mtcute/core");
  }
  const results = measureImportCost(specifiers, runs);
  console.log(
    `import cost on Node ${
      spawnSync("node", ["--version"], { encoding: "utf8" }).stdout.trim()
    }, median of ${runs} fresh processes, over an empty process:`,
  );
  for (const r of results) {
    console.log(
      `  ${r.module}: +${r.wallMs.toFixed(1)} ms wall (import() ${
        r.importMs.toFixed(1)
      } ms), +${(r.rssBytes / 1048576).toFixed(1)} MiB peak RSS`,
    );
  }
}
