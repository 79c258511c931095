import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SaltSchedule } from "./salts.ts";

describe("test DC: salt schedule", () => {
  it("accepts the key exchange's salt during its window and grace, then refuses it", () => {
    const salts = new SaltSchedule(10, 5);
    salts.setInitialSalt(123n, 1000);
    assert.equal(salts.current(1000), 123n);
    assert.ok(salts.accepts(123n, 1009));
    assert.ok(salts.accepts(123n, 1014));
    assert.ok(!salts.accepts(123n, 1015));
    assert.notEqual(salts.current(1010), 123n);
  });

  it("never accepts salt 0", () => {
    const salts = new SaltSchedule(10, 5);
    salts.setInitialSalt(0n, 1000);
    assert.ok(!salts.accepts(0n, 1000));
  });

  it("hands out consecutive future salts, each accepted in its window", () => {
    const salts = new SaltSchedule(10, 5);
    const future = salts.future(2000, 4);
    assert.equal(future.length, 4);
    for (let i = 1; i < future.length; i++) {
      assert.equal(future[i].validSince, future[i - 1].validUntil);
    }
    for (const w of future) assert.ok(salts.accepts(w.salt, w.validSince));
    assert.ok(
      !salts.accepts(future[3].salt, 2000),
      "a salt is not accepted long before its window",
    );
  });

  it("the salt it hands out is one it accepts, even after the clock goes back an hour", () => {
    const salts = new SaltSchedule(10, 5);
    salts.setInitialSalt(5n, 5000);
    salts.future(5000, 3);
    const current = salts.current(5000 - 3600);
    assert.ok(salts.accepts(current, 5000 - 3600));
  });

  it("invalidate() forgets every salt", () => {
    const salts = new SaltSchedule(10, 5);
    salts.setInitialSalt(9n, 1000);
    const before = salts.current(1001);
    salts.invalidate();
    assert.ok(!salts.accepts(before, 1001));
    assert.ok(salts.accepts(salts.current(1001), 1001));
  });
});
