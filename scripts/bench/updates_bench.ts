/**
 * Update processing benchmark: updates per second through the update loop —
 * decode the TL bytes, gap check in the manager, persist the state (memory
 * storage, coalesced writes), dispatch to a no-op handler — and through the
 * sans-IO manager alone.
 *
 * Run: `node_modules/.bin/deno bench -A scripts/bench/updates_bench.ts`
 * (the per-iteration time covers BATCH updates; updates/s = BATCH / time).
 *
 * @module
 */
import { deserialize, serialize, type TypeUpdates } from "../../tl/mod.ts";
import { UpdateLoop } from "../../client/updates/update_loop.ts";
import { UpdateManager } from "../../client/updates/update_manager.ts";
import { MemoryStorage } from "../../storage/memory_storage.ts";
import { SessionStore } from "../../storage/session_store.ts";

const BATCH = 10_000;

function shortMessage(pts: number): TypeUpdates {
  return {
    _: "updateShortMessage",
    id: pts,
    user_id: 1000n + BigInt(pts % 50),
    message: `message number ${pts} with a little text in it`,
    pts,
    pts_count: 1,
    date: 1_700_000_000 + pts,
    entities: [{ _: "messageEntityBold", offset: 0, length: 7 }],
  };
}

function groupMessage(pts: number): TypeUpdates {
  return {
    _: "updates",
    updates: [{
      _: "updateNewChannelMessage",
      message: {
        _: "message",
        id: pts,
        from_id: { _: "peerUser", user_id: 1000n + BigInt(pts % 50) },
        peer_id: { _: "peerChannel", channel_id: 77n },
        date: 1_700_000_000 + pts,
        message: `group message ${pts}`,
      },
      pts,
      pts_count: 1,
    }],
    users: [],
    chats: [],
    date: 1_700_000_000 + pts,
    seq: 0,
  };
}

/** Wire bytes of BATCH updates: 80% private messages (common box), 20% in one supergroup. */
function wire(): Uint8Array[] {
  const out: Uint8Array[] = [];
  let pts = 0;
  let channelPts = 1;
  for (let i = 0; i < BATCH; i++) {
    out.push(
      serialize(i % 5 === 4 ? groupMessage(++channelPts) : shortMessage(++pts)),
    );
  }
  return out;
}

const bytes = wire();
const decoded = bytes.map((b) => deserialize(b) as TypeUpdates);
const START = { pts: 0, qts: 0, seq: 0, date: 0 };

// Each iteration starts a fresh loop (and store) from the same state, so every
// update is new to it.
async function freshLoop(): Promise<UpdateLoop> {
  const store = await SessionStore.open(new MemoryStorage());
  await store.setUpdateState(START);
  await store.setChannelPts(77n, 1);
  const loop = new UpdateLoop({
    invoke: ((fn: { _: string }) =>
      fn._ === "updates.getDifference"
        ? Promise.resolve({ _: "updates.differenceEmpty", date: 0, seq: 0 })
        : Promise.reject(new Error("no network here"))) as never,
    store: () =>
      Promise.resolve(store),
    inputChannel: () => Promise.resolve(undefined),
    remember: () => {},
  });
  let handled = 0;
  loop.dispatcher.on(() => {
    handled++;
  });
  await loop.start();
  await loop.idle();
  Object.defineProperty(loop, "handled", { get: () => handled });
  return loop;
}

Deno.bench({
  name: `${BATCH} updates: decode + gap check + persist + dispatch`,
  group: "updates",
  baseline: true,
}, async (b) => {
  const loop = await freshLoop();
  b.start();
  for (const wireBytes of bytes) {
    loop.feed(deserialize(wireBytes) as TypeUpdates);
  }
  await loop.idle();
  b.end();
  const handled = (loop as unknown as { handled: number }).handled;
  await loop.stop();
  if (handled !== BATCH) throw new Error(`handled ${handled} of ${BATCH}`);
});

Deno.bench({
  name: `${BATCH} updates: manager only (decoded, no I/O)`,
  group: "updates",
}, (b) => {
  const manager = new UpdateManager();
  manager.start({ state: START, channels: new Map([[77n, 1]]) }, 0);
  manager.applyDifference({ _: "updates.differenceEmpty", date: 0, seq: 0 }, 0);
  b.start();
  let emitted = 0;
  for (const updates of decoded) {
    emitted += manager.feed(updates, 0).updates.length;
  }
  b.end();
  if (emitted !== BATCH) throw new Error(`emitted ${emitted} of ${BATCH}`);
});
