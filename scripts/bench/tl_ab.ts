/**
 * The TL codec against mtcute in alternating rounds, shared by
 * `tl_compare.ts` (Deno) and `tl_browser_page.ts` (Chromium): each prints the
 * median and 10th-percentile round times, which other processes on a shared
 * machine disturb least (they can only add time).
 *
 * @module
 */
import { deserialize, serialize } from "../../tl/mod.ts";
import { TlBinaryReader, TlBinaryWriter } from "@mtcute/tl-runtime";
import { __tlReaderMap, __tlWriterMap } from "@mtcute/core/utils.js";
import { Long } from "@mtcute/core";
import { bigMessages, sendMessage, toMtcute } from "./tl_fixture.ts";

/** Calls per round of each comparison. */
export interface TlComparisonIterations {
  /** Deserializations of the big `messages.messages`. */
  deserialize: number;
  /** Serializations of the big `messages.messages`. */
  serialize: number;
  /** Serializations of `messages.sendMessage`. */
  sendMessage: number;
}

/** The q-quantile of `xs` (0.5: the median). */
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length * q)];
}

/** Times `a` (ours) and `b` (mtcute) in alternating rounds; returns two report lines. */
function compare(
  name: string,
  a: () => void,
  b: () => void,
  iters: number,
  rounds = 60,
): string {
  const ta: number[] = [];
  const tb: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let t = performance.now();
    for (let i = 0; i < iters; i++) a();
    ta.push((performance.now() - t) / iters);
    t = performance.now();
    for (let i = 0; i < iters; i++) b();
    tb.push((performance.now() - t) / iters);
  }
  const row = (q: number) => {
    const ma = quantile(ta, q) * 1000;
    const mb = quantile(tb, q) * 1000;
    return `sparrow ${ma.toFixed(2).padStart(8)} µs  mtcute ${
      mb.toFixed(2).padStart(8)
    } µs  ratio ${(mb / ma).toFixed(2)}x`;
  };
  return `${name.padEnd(32)} median: ${row(0.5)}\n${"".padEnd(32)}    p10: ${
    row(0.1)
  }`;
}

/** Runs the three comparisons and returns the report. */
export function runTlComparison(iterations: TlComparisonIterations): string {
  const toLong = (b: bigint) =>
    Long.fromString(BigInt.asIntN(64, b).toString());
  const ours = bigMessages();
  const oursBytes = serialize(ours);
  // deno-lint-ignore no-explicit-any
  const theirs = toMtcute(ours, toLong) as any;
  const theirsBytes = TlBinaryWriter.serializeObject(__tlWriterMap, theirs);
  const send = sendMessage();
  // deno-lint-ignore no-explicit-any
  const sendTheirs = toMtcute(send, toLong) as any;
  return [
    compare(
      "deserialize messages.messages",
      () => deserialize(oursBytes),
      () => TlBinaryReader.deserializeObject(__tlReaderMap, theirsBytes),
      iterations.deserialize,
    ),
    compare(
      "serialize messages.messages",
      () => serialize(ours),
      () => TlBinaryWriter.serializeObject(__tlWriterMap, theirs),
      iterations.serialize,
    ),
    compare(
      "serialize messages.sendMessage",
      () => serialize(send),
      () => TlBinaryWriter.serializeObject(__tlWriterMap, sendTheirs),
      iterations.sendMessage,
    ),
  ].join("\n");
}
