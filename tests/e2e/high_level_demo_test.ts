import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { runDemo } from "../../scripts/demo.ts";

describe("the demo scenario", () => {
  it("runs the echo bot conversation against the local DC, to the end", async () => {
    const lines = await runDemo({ onLine: () => {}, onNote: () => {} });
    assert.deepEqual(lines, [
      { from: "user", kind: "message", text: "/start" },
      {
        from: "bot",
        kind: "message",
        text: "Hi! I echo what you send. Try /menu.",
      },
      { from: "user", kind: "message", text: "Hello, Sparrow!" },
      { from: "bot", kind: "message", text: "Echo: Hello, Sparrow!" },
      { from: "user", kind: "message", text: "/menu" },
      { from: "bot", kind: "message", text: "Pick a fruit:" },
      { from: "user", kind: "press", text: "fruit:banana" },
      // The edit and the answer race (the bot edits, then answers): compare as a set below.
      ...lines.slice(7),
    ]);
    assert.deepEqual(
      lines.slice(7).map((l) => `${l.kind}:${l.text}`).sort(),
      ["answer:banana it is!", "edit:You picked banana."],
    );
  });
});
