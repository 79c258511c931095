/**
 * Runs update handlers: in order within a chat, in parallel across chats,
 * with a bound on how many run at once. A handler that throws (or rejects)
 * reports to the error callback and never stops the others.
 *
 * @module
 */

import type { TypeUpdate } from "../../tl/mod.ts";
import { markPeerId } from "../../storage/peer_record.ts";
import type { DispatchedUpdate } from "./update_manager.ts";

/** A handler of raw updates, with the users and chats that came with each. */
export type UpdateHandler = (
  update: TypeUpdate,
  context: DispatchedUpdate,
) => unknown;

/** Called with what a handler threw. */
export type UpdateErrorHandler = (
  error: unknown,
  context: DispatchedUpdate,
) => void;

/** Options of {@linkcode UpdateDispatcher}. */
export interface UpdateDispatcherOptions {
  /** How many chats' handlers may run at once (default 16). */
  concurrency?: number;
  /** Where handler errors go (default: `console.error`). */
  onError?: UpdateErrorHandler;
}

function peerKey(peer: unknown): string {
  const p = peer as {
    _?: string;
    user_id?: bigint;
    chat_id?: bigint;
    channel_id?: bigint;
  };
  switch (p?._) {
    case "peerUser":
      return String(p.user_id);
    case "peerChat":
      return String(markPeerId("group", p.chat_id!));
    case "peerChannel":
      return String(markPeerId("channel", p.channel_id!));
    default:
      return "";
  }
}

/**
 * The chat an update belongs to, as a marked id string (`""` when it names no
 * chat): updates of one chat run in order, different chats in parallel.
 */
export function updateChatKey(update: TypeUpdate): string {
  const fields = update as {
    message?: { peer_id?: unknown };
    peer?: unknown;
    channel_id?: unknown;
    user_id?: unknown;
  };
  if (
    fields.message && typeof fields.message === "object" &&
    fields.message.peer_id
  ) {
    return peerKey(fields.message.peer_id);
  }
  if (fields.peer && typeof fields.peer === "object") {
    return peerKey(fields.peer);
  }
  if (typeof fields.channel_id === "bigint") {
    return String(markPeerId("channel", fields.channel_id));
  }
  if (typeof fields.user_id === "bigint") return String(fields.user_id);
  return "";
}

interface Lane {
  queue: DispatchedUpdate[];
  running: boolean;
}

/** See the module documentation. */
export class UpdateDispatcher {
  readonly #handlers: UpdateHandler[] = [];
  readonly #lanes = new Map<string, Lane>();
  readonly #ready: string[] = [];
  readonly #concurrency: number;
  #onError: UpdateErrorHandler;
  #running = 0;
  #queued = 0;
  #idleWaiters: (() => void)[] = [];

  /**
   * A dispatcher with no handlers yet.
   *
   * @param options concurrency bound and error callback
   */
  constructor(options: UpdateDispatcherOptions = {}) {
    const concurrency = options.concurrency ?? 16;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new RangeError(
        `concurrency must be a positive integer, got ${concurrency}`,
      );
    }
    this.#concurrency = concurrency;
    this.#onError = options.onError ??
      ((error) => console.error("update handler failed:", error));
  }

  /** Adds a handler; returns a function that removes it. */
  on(handler: UpdateHandler): () => void {
    this.#handlers.push(handler);
    return () => {
      const index = this.#handlers.indexOf(handler);
      if (index >= 0) this.#handlers.splice(index, 1);
    };
  }

  /** Replaces the error callback. */
  onError(handler: UpdateErrorHandler): void {
    this.#onError = handler;
  }

  /** How many handlers are registered. */
  get handlerCount(): number {
    return this.#handlers.length;
  }

  /** Updates queued or running. */
  get pending(): number {
    return this.#queued;
  }

  /** Queues an update behind the earlier ones of its chat. */
  dispatch(item: DispatchedUpdate): void {
    if (this.#handlers.length === 0) return;
    const key = updateChatKey(item.update);
    let lane = this.#lanes.get(key);
    if (!lane) {
      lane = { queue: [], running: false };
      this.#lanes.set(key, lane);
    }
    lane.queue.push(item);
    this.#queued++;
    if (!lane.running && lane.queue.length === 1) this.#ready.push(key);
    this.#pump();
  }

  /** Resolves once every queued update has been handled. */
  idle(): Promise<void> {
    if (this.#queued === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #pump(): void {
    while (this.#running < this.#concurrency && this.#ready.length > 0) {
      const key = this.#ready.shift()!;
      const lane = this.#lanes.get(key)!;
      lane.running = true;
      this.#running++;
      this.#runLane(key, lane);
    }
  }

  async #runLane(key: string, lane: Lane): Promise<void> {
    const item = lane.queue.shift()!;
    for (const handler of [...this.#handlers]) {
      try {
        await handler(item.update, item);
      } catch (error) {
        try {
          this.#onError(error, item);
        } catch {
          // An error handler that throws must not stop the loop either.
        }
      }
    }
    this.#running--;
    this.#queued--;
    lane.running = false;
    if (lane.queue.length > 0) this.#ready.push(key);
    else this.#lanes.delete(key);
    this.#pump();
    if (this.#queued === 0) {
      const waiters = this.#idleWaiters;
      this.#idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}
