import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { allCombinators, combinatorById } from "../../tl/schema_index.ts";

const byId = new Map([...allCombinators()].map((c) => [c.id, c]));

describe("schema index", () => {
  it("finds every combinator by its id, signed or unsigned", () => {
    assert.ok(byId.size > 1000);
    for (const [id, c] of byId) {
      assert.equal(combinatorById(id), c);
      assert.equal(combinatorById(id | 0), c);
    }
  });

  it("finds nothing for ids outside the schema", () => {
    let misses = 0;
    let x = 0x9e3779b9;
    for (let i = 0; i < 100000; i++) {
      x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
      if (byId.has(x)) continue;
      assert.equal(combinatorById(x), undefined);
      misses++;
    }
    assert.ok(misses > 99000);
    assert.equal(combinatorById(0), undefined);
    assert.equal(combinatorById(0xffffffff), undefined);
  });
});
