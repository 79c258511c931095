import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SecurityError } from "../../crypto/mod.ts";
import { startTestDc, type TestDc } from "./mod.ts";
import {
  exchangeKey,
  RawConnection,
  RawSession,
  withInit,
} from "./raw_client.ts";

describe("test DC: key exchange", () => {
  let dc: TestDc;
  before(async () => {
    dc = await startTestDc({ dcCount: 2 });
  });
  after(async () => {
    await dc.stop();
  });

  async function open(index = 0): Promise<RawConnection> {
    return await RawConnection.open({
      host: dc.dcs[index].host,
      port: dc.dcs[index].port,
      dcId: dc.dcs[index].id,
    });
  }

  it("creates a permanent key with req_pq_multi, RSA_PAD and p_q_inner_data_dc, usable at once", async () => {
    const connection = await open();
    try {
      const key = await exchangeKey(connection, dc.publicKey, { dc: 10001 });
      assert.equal(key.retries, 0);
      assert.ok(Math.abs(key.serverTime - Date.now() / 1000) < 5);
      const session = new RawSession(connection, key.authKey, key.salt);
      const id = session.send(withInit({ _: "help.getNearestDc" }));
      const { match } = await session.waitFor((m) =>
        m.object._ === "rpc_result"
      );
      assert.equal(match.object.req_msg_id, id);
    } finally {
      await connection.close();
    }
  });

  it("accepts req_pq, the older RSA encoding and p_q_inner_data without a DC", async () => {
    const connection = await open();
    try {
      const key = await exchangeKey(connection, dc.publicKey, {
        oldReqPq: true,
        legacyRsa: true,
      });
      assert.equal(key.authKey.length, 256);
    } finally {
      await connection.close();
    }
  });

  it("creates temporary keys (p_q_inner_data_temp_dc and _temp) that expire", async () => {
    const connection = await open(1);
    try {
      const temp = await exchangeKey(connection, dc.publicKey, {
        dc: 2,
        expiresIn: 1,
      });
      const other = await exchangeKey(connection, dc.publicKey, {
        expiresIn: 3600,
      });
      assert.notEqual(temp.authKeyId, other.authKeyId);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const session = new RawSession(connection, temp.authKey, temp.salt);
      session.send({ _: "ping", ping_id: 1n });
      assert.deepEqual(await connection.next(), { kind: "error", code: -404 });
    } finally {
      await connection.close();
    }
  });

  it("answers -404 to an auth key the DC does not know (one made on another DC)", async () => {
    const first = await open(0);
    const second = await open(1);
    try {
      const key = await exchangeKey(first, dc.publicKey, { dc: 1 });
      const session = new RawSession(second, key.authKey, key.salt);
      session.send({ _: "ping", ping_id: 7n });
      assert.deepEqual(await second.next(), { kind: "error", code: -404 });
    } finally {
      await first.close();
      await second.close();
    }
  });

  it("refuses inner data naming another DC", async () => {
    const connection = await open(0);
    try {
      await assert.rejects(
        exchangeKey(connection, dc.publicKey, { dc: 2 }),
        /transport error -404/,
      );
    } finally {
      await connection.close();
    }
  });

  it("answers dh_gen_retry when told to, and accepts the retry with retry_id = auth_key_aux_hash", async () => {
    dc.knobs.forceDhGenRetry(1);
    const connection = await open();
    try {
      const key = await exchangeKey(connection, dc.publicKey, { dc: 1 });
      assert.equal(key.retries, 1);
    } finally {
      dc.knobs.reset();
      await connection.close();
    }
  });

  for (
    const [mode, check] of [
      ["bad_dh_prime", "dh_prime"],
      ["g_a_out_of_range", "g_a"],
      ["wrong_nonce", undefined],
    ] as const
  ) {
    it(`malicious mode ${mode} is caught by the client's checks`, async () => {
      dc.knobs.setMalicious(mode);
      const connection = await open();
      try {
        const failure = await exchangeKey(connection, dc.publicKey, { dc: 1 })
          .then(() => undefined, (e) => e);
        assert.ok(failure instanceof Error, "the exchange must fail");
        if (check) {
          assert.ok(failure instanceof SecurityError, String(failure));
          assert.match(failure.check, new RegExp(check));
        } else {
          assert.match(failure.message, /nonce/);
        }
      } finally {
        dc.knobs.reset();
        await connection.close();
      }
    });
  }
});
