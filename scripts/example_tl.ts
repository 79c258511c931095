/**
 * A tiny example of the TL layer: builds a typed `messages.sendMessage`,
 * serializes it and prints the bytes as hex, then reads them back.
 *
 * Run: `node_modules/.bin/deno run -A scripts/example_tl.ts`
 *
 * @module
 */
import {
  deserialize,
  type RawMessagesSendMessageRequest,
  serialize,
} from "../tl/mod.ts";

const request: RawMessagesSendMessageRequest = {
  _: "messages.sendMessage",
  peer: { _: "inputPeerSelf" },
  message: "Hello from Sparrow! 🐦",
  random_id: 0x1122334455667788n,
  entities: [{ _: "messageEntityBold", offset: 0, length: 5 }],
};

const bytes = serialize(request);
console.log(`messages.sendMessage, ${bytes.length} bytes:`);
console.log(
  Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(" "),
);
console.log("read back:", deserialize(bytes));
