import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  deserialize,
  deserializeResult,
  serialize,
  serializeResult,
  type TLObject,
} from "../../tl/mod.ts";
import { setCompilation } from "../../tl/compile.ts";
import {
  CTORS,
  ENTRIES,
  type FlagMode,
  FUNCTIONS,
  Rng,
  ValueMaker,
} from "./random_values.ts";

function roundTrip(value: Record<string, unknown>): void {
  const bytes = serialize(value as unknown as TLObject);
  const back = deserialize(bytes);
  assert.deepStrictEqual(
    back,
    value,
    `${value._} did not survive a round trip`,
  );
  assert.deepStrictEqual(
    serialize(back),
    bytes,
    `${value._} re-serialized differently`,
  );
}

for (const compiled of [true, false]) {
  describe(`round trip of every combinator (${compiled ? "compiled readers" : "interpreter"})`, () => {
    it(`covers all ${ENTRIES.length} constructors and functions`, () => {
      assert.ok(CTORS.length > 1600 && FUNCTIONS.length > 800);
    });
    for (const mode of ["none", "all", "random"] as FlagMode[]) {
      it(`flags ${mode}: serialize, deserialize, deep-equal, re-serialize`, () => {
        setCompilation(compiled);
        try {
          const rng = new Rng(mode === "none" ? 1 : mode === "all" ? 2 : 3);
          for (const e of ENTRIES) {
            const maker = new ValueMaker(rng, mode, mode === "random");
            roundTrip(maker.object(e));
          }
        } finally {
          setCompilation(true);
        }
      });
    }
    it("many random variants of every constructor", () => {
      setCompilation(compiled);
      try {
        const rng = new Rng(99);
        for (let k = 0; k < 4; k++) {
          for (const e of ENTRIES) {
            roundTrip(new ValueMaker(rng, "random").object(e));
          }
        }
      } finally {
        setCompilation(true);
      }
    });
  });
}

describe("results of every function", () => {
  it("serializeResult → deserializeResult → deep-equal", () => {
    const rng = new Rng(7);
    for (const f of FUNCTIONS) {
      if (f.type.kind === "generic") continue;
      const value = new ValueMaker(rng, "random").value(f.type, 0);
      const bytes = serializeResult(f.name, value);
      assert.deepStrictEqual(deserializeResult(f.name, bytes), value, f.name);
    }
  });
  it("a generic wrapper's result is read as any boxed value", () => {
    const pong = { _: "pong", msg_id: 5n, ping_id: -7n };
    assert.deepStrictEqual(
      deserializeResult(
        "invokeWithLayer",
        serialize(pong as unknown as TLObject),
      ),
      pong,
    );
  });
});
