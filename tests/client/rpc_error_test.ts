import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  FloodWait,
  MigrateError,
  RpcError,
  rpcErrorFrom,
} from "../../client/rpc_error.ts";

describe("rpcErrorFrom", () => {
  it("FLOOD_WAIT_X is a FloodWait with seconds", () => {
    const error = rpcErrorFrom(420, "FLOOD_WAIT_5", "messages.sendMessage");
    assert.ok(error instanceof FloodWait && error instanceof RpcError);
    assert.equal(error.seconds, 5);
    assert.equal(error.code, 420);
    assert.equal(error.message, "FLOOD_WAIT_5");
    assert.equal(error.type, "FLOOD_WAIT");
    assert.equal(error.value, 5);
    assert.equal(error.method, "messages.sendMessage");
    assert.equal(
      (rpcErrorFrom(420, "FLOOD_PREMIUM_WAIT_3") as FloodWait).seconds,
      3,
    );
  });

  it("*_MIGRATE_X is a MigrateError with the DC and the kind", () => {
    const error = rpcErrorFrom(303, "PHONE_MIGRATE_4");
    assert.ok(error instanceof MigrateError);
    assert.equal(error.dc, 4);
    assert.equal(error.kind, "PHONE");
    const file = rpcErrorFrom(303, "FILE_MIGRATE_2") as MigrateError;
    assert.equal(file.kind, "FILE");
    assert.equal(file.dc, 2);
  });

  it("anything else is a plain RpcError, with the numeric suffix parsed when there is one", () => {
    const plain = rpcErrorFrom(401, "AUTH_KEY_UNREGISTERED");
    assert.equal(plain.constructor, RpcError);
    assert.equal(plain.type, "AUTH_KEY_UNREGISTERED");
    assert.equal(plain.value, undefined);
    const suffixed = rpcErrorFrom(400, "EMAIL_UNCONFIRMED_6");
    assert.equal(suffixed.constructor, RpcError);
    assert.equal(suffixed.type, "EMAIL_UNCONFIRMED");
    assert.equal(suffixed.value, 6);
    assert.equal(
      rpcErrorFrom(420, "FLOOD_WAIT").constructor,
      RpcError,
      "no suffix: no seconds to report",
    );
  });
});
