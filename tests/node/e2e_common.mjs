// The Node.js side of the cross-runtime scenario, run from a temporary
// project where the packed npm tarball is installed (see run.ts): plain
// JavaScript, so Node's own loader resolves "@sparrow/sparrow" through the
// package's "exports", with no TypeScript loader in between.
//
// Usage (by run.ts): node e2e_import.mjs <harness url> | node e2e_require.cjs <harness url>
// Prints one JSON line per check: {"name", "ok", "detail"}, or {"name", "skip"}.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { runScenario } from "./scenario.mjs";

/** Runs the scenario twice over TCP (fresh, then resumed from the same session file). */
export async function main(sparrow, label) {
  const url = process.argv[2];
  const report = (name, ok, detail) =>
    console.log(JSON.stringify({ name: `${label}: ${name}`, ok, detail }));
  const config = await (await fetch(`${url}/config`)).json();
  const sendToBot = async (text) => {
    const response = await fetch(`${url}/send-to-bot`, {
      method: "POST",
      body: text,
    });
    if (!response.ok) throw new Error(`send-to-bot: HTTP ${response.status}`);
  };
  const path = join(process.cwd(), `session-${label}.json`);
  rmSync(path, { force: true });

  report(
    "the package loads with the Node adapters (node:fs FileStorage)",
    typeof sparrow.Client === "function" &&
      typeof sparrow.FileStorage === "function",
    `exports: ${Object.keys(sparrow).length}`,
  );

  let meId;
  for (const resumed of [false, true]) {
    const name = resumed
      ? "TCP, the session file again: no key exchange, no login"
      : "TCP, fresh session file: key exchange, 100 pings";
    const storage = new sparrow.FileStorage(path);
    try {
      const result = await runScenario(sparrow, {
        config,
        connection: "tcp",
        storage,
        resumed,
        sendToBot,
        botLogins: async () => (await fetch(`${url}/bot-logins`)).json(),
      });
      const sameAccount = !resumed || result.meId === meId;
      meId ??= result.meId;
      report(name, sameAccount, JSON.stringify(result));
      const loginStep = resumed
        ? "TCP, resumed: getMe answers for the same bot"
        : "TCP: bot login, getMe, a message received as an update, a reply";
      if (result.skipped.length > 0) {
        console.log(JSON.stringify({
          name: `${label}: ${loginStep}`,
          skip: result.skipped.join("; "),
        }));
      } else {report(
          loginStep,
          result.meId !== undefined,
          JSON.stringify(result),
        );}
    } catch (error) {
      report(name, false, String(error?.stack ?? error));
    } finally {
      await storage.close();
    }
  }
  rmSync(path, { force: true });
  rmSync(`${path}.lock`, { force: true });
}
