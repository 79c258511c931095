/**
 * The TL codec against mtcute in headless Chromium (Debian's, driven by
 * playwright-core): bundles `tl_browser_page.ts` with esbuild and prints the
 * same table as `tl_compare.ts`.
 *
 * Run: `node_modules/.bin/deno run -A scripts/bench/tl_browser.ts`
 * (`CHROMIUM_PATH` overrides `/usr/bin/chromium`).
 *
 * @module
 */
import { dirname, join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium } from "playwright-core";

const HERE = dirname(fileURLToPath(import.meta.url));
const bundle = await build({
  entryPoints: [join(HERE, "tl_browser_page.ts")],
  bundle: true,
  write: false,
  format: "iife",
  platform: "browser",
  minify: true,
  target: "es2022",
  logLevel: "error",
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
try {
  const page = await browser.newPage();
  await page.addScriptTag({ content: bundle.outputFiles[0].text });
  console.log(`Chromium ${browser.version()}`);
  console.log(
    await page.evaluate(() =>
      (globalThis as unknown as { runTlBench: () => string }).runTlBench()
    ),
  );
} finally {
  await browser.close();
}
