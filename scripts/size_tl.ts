/**
 * Measures the browser bundle size of the TL layer alone: bundles
 * `tl/mod.ts` with esbuild (from node_modules), plain and minified, and
 * prints raw, minified and gzipped sizes.
 *
 * Run: `node_modules/.bin/deno run -A scripts/size_tl.ts`
 *
 * @module
 */
import { gzipSync } from "node:zlib";

const root = new URL("../", import.meta.url).pathname;
const esbuild = `${root}node_modules/.bin/esbuild`;

async function bundle(minify: boolean): Promise<Uint8Array> {
  const args = [
    `${root}tl/mod.ts`,
    "--bundle",
    "--format=esm",
    "--platform=browser",
    "--target=es2022",
    ...(minify ? ["--minify"] : []),
  ];
  const out = await new Deno.Command(esbuild, {
    args,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  return out.stdout;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const raw = await bundle(false);
const min = await bundle(true);
const gz = gzipSync(min, { level: 9 });
console.log(
  `TL layer (tl/mod.ts, with pako): raw ${kb(raw.length)}, minified ${
    kb(min.length)
  }, minified+gzip ${kb(gz.length)}`,
);
