/**
 * The in-page half of `tl_browser.ts`: the TL codec against mtcute in
 * alternating rounds, as in `tl_compare.ts`. Bundled for the browser; sets
 * `globalThis.runTlBench`.
 *
 * @module
 */
import { runTlComparison } from "./tl_ab.ts";

// Browsers round performance.now(), so rounds last milliseconds.
(globalThis as { runTlBench?: () => string }).runTlBench = () =>
  runTlComparison({ deserialize: 100, serialize: 30, sendMessage: 5000 });
