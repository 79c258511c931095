/**
 * Builds the browser bundle: `mod.ts` with its npm dependencies, one ESM
 * file, for browsers (WebSocket transport, IndexedDB/localStorage storage),
 * with no Node built-ins and no polyfills.
 *
 * `deno run -A scripts/build_browser.ts [--outdir dist/browser] [--metafile]`
 *
 * Writes `sparrow.js` (readable) and `sparrow.min.js` (minified) and prints
 * their raw and gzipped sizes. `--metafile` also writes
 * `sparrow.min.meta.json` and prints the largest inputs (what to look at when
 * the bundle grows).
 *
 * The one Node-only module that `mod.ts` reaches,
 * `storage/file_storage_node.ts` (`node:fs`; statically from `mod.ts`,
 * dynamically from the client's default storage), is replaced by a
 * `FileStorage` that throws a `StorageError` when constructed or opened; `node:net` is only reached
 * through a guarded dynamic import that browsers never run (the transport
 * picks WebSocket there), and `node:crypto` through
 * `process.getBuiltinModule`, absent in browsers.
 *
 * @module
 */

import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type Metafile, type Plugin } from "esbuild";

/** The repository root. */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Sizes of one output file. */
export interface BundleSize {
  /** The file written. */
  file: string;
  /** Bytes as written. */
  raw: number;
  /** Bytes after gzip -9. */
  gzip: number;
}

/** What {@link buildBrowserBundle} produced. */
export interface BrowserBundle {
  /** The readable bundle. */
  plain: BundleSize;
  /** The minified bundle. */
  minified: BundleSize;
  /** esbuild's metafile of the minified build. */
  metafile: Metafile;
}

/**
 * Replaces the Node-only file storage with a stub, so that the bundle has no
 * `node:` import. The stub keeps the class name so that `instanceof` and
 * error messages stay meaningful.
 */
const browserStubs: Plugin = {
  name: "sparrow-browser-stubs",
  setup(build) {
    build.onResolve({ filter: /file_storage_node\.ts$/ }, (args) => ({
      path: resolve(args.resolveDir, args.path),
      namespace: "sparrow-browser-stub",
    }));
    build.onLoad(
      { filter: /.*/, namespace: "sparrow-browser-stub" },
      () => ({
        resolveDir: join(ROOT, "storage"),
        loader: "ts",
        contents: `
import { StorageError } from "./storage_error.ts";
/** Not available in browsers: use IndexedDbStorage or LocalStorageStorage. */
export class FileStorage {
  constructor(path: string) {
    throw new StorageError("io", "file " + JSON.stringify(String(path)),
      "FileStorage needs a file system (Deno, Node.js, Bun); in a browser use IndexedDbStorage or LocalStorageStorage");
  }
  static open(path: string): Promise<FileStorage> {
    return new Promise((resolve) => resolve(new FileStorage(path)));
  }
}
`,
      }),
    );
  },
};

/** esbuild options shared by both outputs. */
function options(minify: boolean, outfile: string) {
  return {
    entryPoints: [join(ROOT, "mod.ts")],
    bundle: true,
    format: "esm" as const,
    platform: "browser" as const,
    target: "es2022",
    minify,
    outfile,
    metafile: true,
    legalComments: "none" as const,
    plugins: [browserStubs],
    logLevel: "warning" as const,
  };
}

function sizeOf(file: string, bytes: Uint8Array): BundleSize {
  return {
    file,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
  };
}

/** Builds `sparrow.js` and `sparrow.min.js` into `outdir`. */
export async function buildBrowserBundle(
  outdir: string,
): Promise<BrowserBundle> {
  mkdirSync(outdir, { recursive: true });
  const plainFile = join(outdir, "sparrow.js");
  const minFile = join(outdir, "sparrow.min.js");
  const plain = await build({ ...options(false, plainFile), write: false });
  const min = await build({ ...options(true, minFile), write: false });
  for (const result of [plain, min]) {
    for (const out of result.outputFiles) writeFileSync(out.path, out.contents);
  }
  const text = new TextDecoder().decode(min.outputFiles[0].contents);
  const nodeImport =
    /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']node:(?!net["'])/;
  if (nodeImport.test(text)) {
    throw new Error(
      'the browser bundle imports a node: module (only the guarded import("node:net") may remain)',
    );
  }
  return {
    plain: sizeOf(plainFile, plain.outputFiles[0].contents),
    minified: sizeOf(minFile, min.outputFiles[0].contents),
    metafile: min.metafile!,
  };
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

/** The inputs that weigh most in the minified output, grouped by folder or package. */
export function largestInputs(
  metafile: Metafile,
): { name: string; bytes: number }[] {
  const groups = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1];
      const name = pkg ?? path.replace(/^sparrow-browser-stub:/, "");
      groups.set(name, (groups.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...groups].map(([name, bytes]) => ({ name, bytes })).sort((a, b) =>
    b.bytes - a.bytes
  );
}

if (import.meta.main) {
  const at = process.argv.indexOf("--outdir");
  const outdir = resolve(
    ROOT,
    at >= 0 ? process.argv[at + 1] : join("dist", "browser"),
  );
  const bundle = await buildBrowserBundle(outdir);
  for (const size of [bundle.plain, bundle.minified]) {
    console.log(
      `${size.file}: ${kb(size.raw)} raw, ${kb(size.gzip)} gzipped`,
    );
  }
  if (process.argv.includes("--metafile")) {
    const metaPath = join(outdir, "sparrow.min.meta.json");
    writeFileSync(metaPath, JSON.stringify(bundle.metafile));
    console.log(`largest inputs of the minified bundle (${metaPath}):`);
    for (const { name, bytes } of largestInputs(bundle.metafile).slice(0, 15)) {
      console.log(`  ${kb(bytes).padStart(10)}  ${name}`);
    }
  }
}
