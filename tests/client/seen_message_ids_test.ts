import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SeenMessageIds } from "../../client/seen_message_ids.ts";

describe("SeenMessageIds", () => {
  it("tells new ids, duplicates and ids below the forgotten floor apart", () => {
    const seen = new SeenMessageIds(3);
    for (const id of [10n, 30n, 20n]) {
      assert.equal(seen.check(id), "new");
      seen.add(id);
    }
    assert.equal(seen.check(20n), "duplicate");
    assert.equal(seen.check(25n), "new", "an unseen id inside the window");
    seen.add(40n); // forgets 10: the floor
    assert.deepEqual(seen.range, { lowest: 20n, highest: 40n });
    assert.equal(seen.check(10n), "too_old");
    assert.equal(seen.check(5n), "too_old");
    assert.equal(seen.check(15n), "new", "above the floor, never seen");
    assert.equal(seen.has(30n), true);
    assert.equal(seen.has(10n), false);
  });

  it("adding an id twice keeps one copy", () => {
    const seen = new SeenMessageIds(2);
    seen.add(7n);
    seen.add(7n);
    seen.add(9n);
    assert.deepEqual(seen.range, { lowest: 7n, highest: 9n });
    assert.equal(seen.check(7n), "duplicate");
  });
});
