/**
 * Shared helpers of the end-to-end tests: a client pointed at the local
 * test DC, with short reconnection timers.
 *
 * @module
 */

import type { TestDc } from "../dc/mod.ts";
import {
  Client,
  type ClientOptions,
  type ClientTransportOptions,
} from "../../client/client.ts";

/** A client for DC `dcId` of `dc` over TCP (or WebSocket with `connection: "websocket"`). */
export function testClient(
  dc: TestDc,
  transport: ClientTransportOptions = {},
  options: Partial<ClientOptions> = {},
): Client {
  const dcs = Object.fromEntries(
    dc.dcs.map((d) => [
      d.id,
      transport.connection === "websocket"
        ? { url: d.wsUrl }
        : { host: d.host, port: d.port },
    ]),
  );
  return new Client({
    apiId: 1,
    apiHash: "0123456789abcdef0123456789abcdef",
    initialDc: 1,
    dcs,
    publicKeys: [dc.publicKey],
    transport,
    connection: {
      reconnectDelayMs: 50,
      maxReconnectDelayMs: 500,
      reconnectTimeoutMs: 20_000,
      probeAfterMs: 2000,
    },
    ...options,
  });
}

/** Sends `count` pings at once and checks every pong; returns the order in which they were answered. */
export async function pipelinedPings(
  client: Client,
  count: number,
  firstId = 1n,
): Promise<number[]> {
  const order: number[] = [];
  const pings = Array.from(
    { length: count },
    (_, i) =>
      client.invoke({ _: "ping", ping_id: firstId + BigInt(i) }).then(
        (pong) => {
          if (pong.ping_id !== firstId + BigInt(i)) {
            throw new Error(`ping ${i} answered with ping_id ${pong.ping_id}`);
          }
          order.push(i);
        },
      ),
  );
  await Promise.all(pings);
  return order;
}
