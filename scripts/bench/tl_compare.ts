/**
 * A quick A/B timer for the TL codec against mtcute: alternates rounds of
 * each and prints the median and 10th-percentile round times (robust on a
 * busy machine).
 * Run: `node_modules/.bin/deno run -A scripts/bench/tl_compare.ts`
 *
 * @module
 */
import { runTlComparison } from "./tl_ab.ts";

console.log(
  runTlComparison({ deserialize: 100, serialize: 100, sendMessage: 20000 }),
);
