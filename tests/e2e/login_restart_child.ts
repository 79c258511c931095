/**
 * Child process of the restart test: starts a bot from a file storage,
 * prints what happened as one JSON line, and exits.
 *
 * Usage: `login_restart_child.ts <json config>` with `{ path, token, dcs, pem }`.
 *
 * @module
 */

import process from "node:process";
import { Client } from "../../client/client.ts";
import { FileStorage } from "../../storage/file_storage_node.ts";

const config = JSON.parse(process.argv[2]) as {
  path: string;
  token: string;
  pem: string;
  dcs: { id: number; host: string; port: number }[];
};
const storage = await FileStorage.open(config.path);
const client = new Client({
  apiId: 1,
  apiHash: "0123456789abcdef0123456789abcdef",
  storage,
  initialDc: 1,
  dcs: Object.fromEntries(
    config.dcs.map((dc) => [dc.id, { host: dc.host, port: dc.port }]),
  ),
  publicKeys: [config.pem],
  updates: false,
});
const me = await client.start({ botToken: config.token });
console.log(JSON.stringify({
  id: me.id,
  keyExchanges: client.keyExchangeCount,
  dc: client.dcId,
}));
await client.disconnect();
await storage.close();
process.exit(0);
