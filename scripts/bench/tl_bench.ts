/**
 * TL codec benchmark, side by side with mtcute (`@mtcute/tl-runtime` with the
 * reader/writer maps of `@mtcute/core`, layer 227) in the same run.
 *
 * Run: `node_modules/.bin/deno bench -A scripts/bench/tl_bench.ts`
 *
 * @module
 */
import { deserialize, serialize } from "../../tl/mod.ts";
import { TlBinaryReader, TlBinaryWriter } from "@mtcute/tl-runtime";
import { __tlReaderMap, __tlWriterMap } from "@mtcute/core/utils.js";
import { Long } from "@mtcute/core";
import { bigMessages, sendMessage, toMtcute } from "./tl_fixture.ts";

const toLong = (b: bigint) => Long.fromString(BigInt.asIntN(64, b).toString());
const ours = bigMessages();
const oursBytes = serialize(ours);
// deno-lint-ignore no-explicit-any
const theirs = toMtcute(ours, toLong) as any;
const theirsBytes = TlBinaryWriter.serializeObject(__tlWriterMap, theirs);
const send = sendMessage();
// deno-lint-ignore no-explicit-any
const sendTheirs = toMtcute(send, toLong) as any;
const sendBytes = serialize(send);
// mtcute's reader map has no functions, so only our side reads the request.
const sendTheirsBytes = TlBinaryWriter.serializeObject(
  __tlWriterMap,
  sendTheirs,
);
console.log(
  `messages.messages: ${oursBytes.length} bytes (mtcute ${theirsBytes.length}); ` +
    `messages.sendMessage: ${sendBytes.length} bytes (mtcute ${sendTheirsBytes.length})`,
);

Deno.bench({
  name: "sparrow",
  group: "deserialize messages.messages",
  baseline: true,
}, () => {
  deserialize(oursBytes);
});
Deno.bench({ name: "mtcute", group: "deserialize messages.messages" }, () => {
  TlBinaryReader.deserializeObject(__tlReaderMap, theirsBytes);
});
Deno.bench({
  name: "sparrow",
  group: "serialize messages.messages",
  baseline: true,
}, () => {
  serialize(ours);
});
Deno.bench({ name: "mtcute", group: "serialize messages.messages" }, () => {
  TlBinaryWriter.serializeObject(__tlWriterMap, theirs);
});
Deno.bench({
  name: "sparrow",
  group: "deserialize messages.sendMessage",
  baseline: true,
}, () => {
  deserialize(sendBytes);
});
Deno.bench({
  name: "sparrow",
  group: "serialize messages.sendMessage",
  baseline: true,
}, () => {
  serialize(send);
});
Deno.bench({ name: "mtcute", group: "serialize messages.sendMessage" }, () => {
  TlBinaryWriter.serializeObject(__tlWriterMap, sendTheirs);
});
