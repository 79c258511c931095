import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { startTestDc, type TestDc } from "../dc/mod.ts";

const child = fileURLToPath(
  new URL("./login_restart_child.ts", import.meta.url),
);
const isDeno = "Deno" in globalThis;

/** Runs the child once; resolves with the JSON line it printed. */
function runChild(
  config: object,
): Promise<{ id: number; keyExchanges: number; dc: number }> {
  const args = isDeno
    ? ["run", "--allow-all", "--no-check", child, JSON.stringify(config)]
    : ["--import", "tsx", child, JSON.stringify(config)];
  const process_ = spawn(process.execPath, args, {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  process_.stdout.on("data", (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    process_.once("error", reject);
    process_.once("exit", (code) => {
      if (code !== 0) reject(new Error(`the child exited with ${code}`));
      else resolve(JSON.parse(output.trim().split("\n").at(-1)!));
    });
  });
}

describe("restart from a file storage", () => {
  let dc: TestDc | undefined;
  let root: string | undefined;
  after(async () => {
    await dc?.stop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it(
    "a bot started in a process that ended starts again with no key exchange and no login",
    { timeout: 120_000 },
    async () => {
      dc = await startTestDc({ dcCount: 2 });
      root = await mkdtemp(join(tmpdir(), "sparrow-login-"));
      const { user, token } = dc.auth.createBot({ homeDc: 2 });
      const config = {
        path: join(root, "bot.session"),
        token,
        pem: dc.publicKey.pem,
        dcs: dc.dcs.map(({ id, host, port }) => ({ id, host, port })),
      };
      const first = await runChild(config);
      assert.equal(first.id, user.id);
      assert.equal(first.dc, 2, "USER_MIGRATE_2 moved the bot to its DC");
      assert.equal(dc.auth.stats.botLogins, 1);
      const keys = dc.auth.permanentKeyCount();

      const second = await runChild(config);
      assert.equal(second.id, user.id);
      assert.equal(second.dc, 2);
      assert.equal(second.keyExchanges, 0);
      assert.equal(dc.auth.permanentKeyCount(), keys, "no new key on the DC");
      assert.equal(dc.auth.stats.botLogins, 1, "no new login on the DC");
    },
  );
});
