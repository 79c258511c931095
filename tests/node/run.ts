/**
 * The Node.js end-to-end suite, driven from Deno (`deno run -A
 * tests/node/run.ts`, or `scripts/test_node.sh`):
 *
 * 1. `npm pack` (whose `prepack` builds `dist/`), the tarball installed into
 *    a temporary project;
 * 2. the local test DC started here, reachable over HTTP (`runtimes_harness.ts`);
 * 3. the scenario of `tests/e2e/runtimes_scenario.ts`, transpiled to plain
 *    JavaScript, run by `node` over TCP with the package loaded by `import`
 *    and by `require()`, each fresh and then resumed from its session file;
 * 4. a TypeScript consumer type-checked against the installed `.d.ts`;
 * 5. with the packaging checks, `deno publish --dry-run` for JSR.
 *
 * Prints each check and ends with `N passed, N failed`; exits 1 on a failure.
 *
 * @module
 */

import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { serveHarness, startRuntimeHarness } from "../e2e/runtimes_harness.ts";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "..", "..");
const BIN = join(ROOT, "node_modules", ".bin");

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

function run(
  command: string,
  args: string[],
  cwd: string,
): { ok: boolean; output: string } {
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, PATH: `${BIN}:${process.env.PATH}` },
  });
  return {
    ok: result.status === 0,
    output: `${result.stdout ?? ""}${result.stderr ?? ""}${
      result.error ? String(result.error) : ""
    }`,
  };
}

/** Runs a node script in `cwd`; resolves with its JSON check lines. */
function runNode(script: string, cwd: string, url: string): Promise<{
  code: number | null;
  checks: { name: string; ok: boolean; detail: string; skip?: string }[];
  output: string;
}> {
  return new Promise((resolve) => {
    const child = spawn("node", [script, url], { cwd });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => stdout += chunk);
    child.stderr.on("data", (chunk) => stderr += chunk);
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      const checks = stdout.split("\n").filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line));
      resolve({ code, checks, output: `${stdout}${stderr}` });
    });
  });
}

const CONSUMER =
  `import { Client, MemoryStorage, RpcError } from "@sparrow/sparrow";

const client: Client = new Client({
  apiId: 1,
  apiHash: "0123456789abcdef0123456789abcdef",
  storage: new MemoryStorage(),
});

export async function pingOnce(): Promise<bigint> {
  const pong = await client.invoke({ _: "ping", ping_id: 1n });
  return pong.ping_id;
}

export function isFlood(error: unknown): boolean {
  return error instanceof RpcError && error.code === 420;
}

// @ts-expect-error: an unknown TL function is a type error
void client.invoke({ _: "no.suchMethod" });
`;

const work = mkdtempSync(join(tmpdir(), "sparrow-node-e2e-"));
const harness = await startRuntimeHarness();
const server = await serveHarness(harness);
try {
  const nodeVersion = run("node", ["--version"], ROOT).output.trim();
  console.log(`Node ${nodeVersion}, working in ${work}`);

  // JSR readiness sits with the packaging checks: deno.json "exports" ("."
  // and "./deno-kv"), no slow types, the publish include list; offline.
  const jsr = run("deno", ["publish", "--dry-run", "--allow-dirty"], ROOT);
  report(
    "JSR: deno publish --dry-run passes (no slow types)",
    jsr.ok && jsr.output.includes("Dry run complete"),
    jsr.ok ? "" : jsr.output,
  );

  const pack = run(
    "npm",
    ["pack", "--silent", "--pack-destination", work],
    ROOT,
  );
  const tarball = pack.output.trim().split("\n").filter((l) =>
    l.endsWith(".tgz")
  ).at(-1);
  report(
    "npm pack (prepack builds dist/)",
    pack.ok && tarball !== undefined,
    pack.ok ? tarball : pack.output,
  );
  if (!pack.ok || tarball === undefined) {
    throw new Error("cannot go on without a tarball");
  }

  const listing = run("tar", ["-tzf", join(work, tarball)], work).output.split(
    "\n",
  );
  report(
    "the tarball holds dist/ (ESM + .d.ts + browser bundle), no sources or tests",
    listing.includes("package/dist/mod.js") &&
      listing.includes("package/dist/mod.d.ts") &&
      listing.includes("package/dist/browser/sparrow.min.js") &&
      !listing.some((f) => /^package\/(tests|scripts|client|tl)\//.test(f)),
    `${listing.filter(Boolean).length} files`,
  );

  writeFileSync(
    join(work, "package.json"),
    JSON.stringify({ name: "sparrow-node-e2e", private: true }),
  );
  const install = run("npm", [
    "install",
    "--no-audit",
    "--no-fund",
    "--prefer-offline",
    "--ignore-scripts",
    join(work, tarball),
    "typescript@6.0.3",
    "@types/node@^20.19.0",
  ], work);
  report(
    "npm install of the tarball into an empty project",
    install.ok,
    install.ok ? "" : install.output,
  );

  const scenario = await build({
    entryPoints: [join(ROOT, "tests", "e2e", "runtimes_scenario.ts")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  writeFileSync(join(work, "scenario.mjs"), scenario.outputFiles[0].contents);
  for (const file of ["e2e_common.mjs", "e2e_import.mjs", "e2e_require.cjs"]) {
    copyFileSync(join(HERE, file), join(work, file));
  }

  for (const script of ["e2e_import.mjs", "e2e_require.cjs"]) {
    const result = await runNode(script, work, server.url);
    for (const check of result.checks) {
      if (check.skip !== undefined) {
        skipped++;
        console.log(`skipped: ${check.name} (${check.skip})`);
      } else report(check.name, check.ok, check.ok ? "" : check.detail);
    }
    // One load check and, per run (fresh, resumed), the scenario and its login part.
    const expected = 5;
    if (result.code !== 0 || result.checks.length !== expected) {
      report(
        `${script} ran to the end`,
        false,
        `exit ${result.code}, ${result.checks.length}/${expected} checks\n${result.output}`,
      );
    }
  }

  writeFileSync(join(work, "consumer.ts"), CONSUMER);
  const tsc = run(join(work, "node_modules", ".bin", "tsc"), [
    "--noEmit",
    "--strict",
    "--module",
    "nodenext",
    "--moduleResolution",
    "nodenext",
    "--target",
    "es2022",
    "--lib",
    "es2022,dom",
    "--types",
    "node",
    "consumer.ts",
  ], work);
  report(
    "a TypeScript consumer type-checks against the installed .d.ts (nodenext)",
    tsc.ok,
    tsc.output,
  );
} catch (error) {
  report(
    "the Node suite ran to the end",
    false,
    String((error as Error)?.stack ?? error),
  );
} finally {
  await server.close();
  await harness.stop();
  rmSync(work, { recursive: true, force: true });
}

if (skipped > 0) console.log(`${skipped} skipped (not counted as passed)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
