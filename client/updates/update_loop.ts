/**
 * The I/O shell around the {@linkcode UpdateManager}: feeds it what the
 * connection pushes and what calls return, makes the difference calls it
 * asks for, runs its timers, persists the update state after each applied
 * batch, remembers the peers that came with every update, and hands the
 * ordered updates to an {@linkcode UpdateDispatcher}.
 *
 * @module
 */

import type {
  ResultOf,
  TLFunction,
  TypeChat,
  TypeInputChannel,
  TypeMessage,
  TypePeer,
  TypeUpdates,
  TypeUser,
} from "../../tl/mod.ts";
import type {
  SessionStore,
  UpdateStateRecord,
} from "../../storage/session_store.ts";
import {
  UpdateDispatcher,
  type UpdateErrorHandler,
} from "./update_dispatcher.ts";
import {
  type SentMessageContext,
  UpdateManager,
  type UpdateRequest,
  type UpdateStep,
} from "./update_manager.ts";

/** What the loop needs from the client. */
export interface UpdateLoopHost {
  /** Invokes a raw API function. */
  invoke<F extends TLFunction>(fn: F): Promise<ResultOf<F>>;
  /** The session store (update state, channel pts, account). */
  store(): Promise<SessionStore>;
  /** The `InputChannel` of a channel (TL id) from the peer cache; undefined when unknown. */
  inputChannel(channelId: bigint): Promise<TypeInputChannel | undefined>;
  /** Remembers users and chats (and, for `min` ones, the messages they came in). */
  remember(
    users: readonly TypeUser[],
    chats: readonly TypeChat[],
    messages: readonly TypeMessage[],
  ): Promise<void> | void;
  /**
   * Whether the peer cache knows a peer (has its access hash), answered at
   * once: a short update naming a peer it does not know is not applied, a
   * difference is fetched instead. Absent: every peer counts as known.
   */
  knowsPeer?(peer: TypePeer): boolean;
}

/** Options of {@linkcode UpdateLoop}. */
export interface UpdateLoopOptions {
  /** Skip what arrived while the client was offline: start from `updates.getState` (default false). */
  dropPendingUpdates?: boolean;
  /** How many chats' handlers may run at once (default 16). */
  concurrency?: number;
  /** How long a gap waits for missing updates (default 500 ms). */
  gapTimeoutMs?: number;
  /** Fetch a difference after this long without updates (default 15 minutes). */
  idleTimeoutMs?: number;
  /** `limit` of `updates.getChannelDifference` (default 100 for users, 100 000 for bots). */
  channelDifferenceLimit?: number;
  /** First retry delay of a failed difference call (default 1000 ms). */
  retryDelayMs?: number;
  /** The most channels polled at once per the server's `timeout` (default 64). */
  maxPolledChannels?: number;
  /** Where handler errors go (default `console.error`). */
  onError?: UpdateErrorHandler;
  /** Where errors of the loop itself go (storage, peer cache); default `console.error`. */
  onLoopError?: (error: unknown) => void;
  /** The clock, ms (tests). */
  now?: () => number;
}

function messagesOf(step: UpdateStep): TypeMessage[] {
  const messages: TypeMessage[] = [];
  for (const { update } of step.updates) {
    const message = (update as { message?: TypeMessage }).message;
    if (message && typeof message === "object" && "id" in message) {
      messages.push(message);
    }
  }
  return messages;
}

/** See the module documentation. */
export class UpdateLoop {
  /** The sans-IO state machine. */
  readonly manager: UpdateManager;
  /** Runs the handlers. */
  readonly dispatcher: UpdateDispatcher;
  readonly #host: UpdateLoopHost;
  readonly #options: UpdateLoopOptions;
  readonly #now: () => number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerAt: number | undefined;
  #started = false;
  #stopped = false;
  readonly #inFlight = new Set<Promise<void>>();
  #writes: Promise<void> = Promise.resolve();
  #pendingState: UpdateStateRecord | undefined;
  readonly #pendingChannels = new Map<bigint, number | undefined>();
  #writeQueued = false;
  #remembering: Promise<void> = Promise.resolve();

  /**
   * A stopped loop: {@linkcode start} begins the catch-up.
   *
   * @param host invoke, the store, the peer cache
   * @param options timeouts, concurrency, error callbacks
   */
  constructor(host: UpdateLoopHost, options: UpdateLoopOptions = {}) {
    this.#host = host;
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.manager = new UpdateManager({
      gapTimeoutMs: options.gapTimeoutMs,
      idleTimeoutMs: options.idleTimeoutMs,
      channelDifferenceLimit: options.channelDifferenceLimit,
      retryDelayMs: options.retryDelayMs,
      maxPolledChannels: options.maxPolledChannels,
      knowsPeer: host.knowsPeer
        ? (peer: TypePeer) => host.knowsPeer!(peer)
        : undefined,
    });
    this.dispatcher = new UpdateDispatcher({
      concurrency: options.concurrency,
      onError: options.onError,
    });
  }

  /** Whether {@linkcode start} has run (and {@linkcode stop} has not). */
  get running(): boolean {
    return this.#started && !this.#stopped;
  }

  /** Whether {@linkcode stop} was called since the last {@linkcode start}. */
  get stopped(): boolean {
    return this.#stopped;
  }

  /**
   * Starts from the stored state: catches up with `updates.getDifference`
   * (or, with `dropPendingUpdates` or no stored state, `updates.getState`).
   * Resolves once the first call is made; {@linkcode idle} waits for the catch-up.
   */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    this.#stopped = false;
    let stored;
    try {
      const store = await this.#host.store();
      stored = await Promise.all([
        store.getUpdateState(),
        store.listChannelPts(),
        store.getAccount(),
      ]);
    } catch (error) {
      // Not started after all: a later start() must try again.
      this.#started = false;
      throw error;
    }
    const [state, channels, account] = stored;
    // stop() came while the stored state was read: no call may start now.
    if (this.#stopped) return;
    if (account) this.manager.setSelfId(account.userId);
    if (this.#options.channelDifferenceLimit === undefined && account?.isBot) {
      // Bots may fetch far more per call; users past 100 get channelDifferenceTooLong.
      this.manager.setChannelDifferenceLimit(100_000);
    }
    this.#run(
      this.manager.start({ state, channels }, this.#now(), {
        dropPending: this.#options.dropPendingUpdates,
      }),
    );
  }

  /** Sets the logged-in user (the sender of outgoing short messages). */
  setSelfId(selfId: bigint | undefined): void {
    this.manager.setSelfId(selfId);
  }

  /** Feeds an `Updates` object: pushed by the server, or the result of a call (`sent` for `updateShortSentMessage`). */
  feed(updates: TypeUpdates, sent?: SentMessageContext): void {
    if (this.#stopped) return;
    this.#run(this.manager.feed(updates, this.#now(), sent));
  }

  /** Counts the pts of `messages.affectedMessages`/`affectedHistory` results. */
  feedAffected(
    affected: { pts: number; pts_count: number },
    channelId?: bigint,
  ): void {
    if (this.#stopped) return;
    this.#run(this.manager.feedAffected(affected, this.#now(), channelId));
  }

  /**
   * Polls a channel (an open chat) with `updates.getChannelDifference` after
   * every `timeout` the server gives, until {@linkcode unwatchChannel}.
   */
  watchChannel(channelId: bigint): void {
    if (this.#stopped) return;
    this.#run(this.manager.watchChannel(channelId, this.#now()));
  }

  /** Stops the polling {@linkcode watchChannel} began. */
  unwatchChannel(channelId: bigint): void {
    this.manager.unwatchChannel(channelId);
  }

  /** The server created a new session: fetch what may have been missed. */
  sessionCreated(): void {
    if (!this.running) return;
    this.#run(this.manager.sessionCreated(this.#now()));
  }

  /**
   * Resolves once nothing is in flight: no difference call running, every
   * update handled, every state write done.
   */
  async idle(): Promise<void> {
    for (let round = 0; round < 1000; round++) {
      const busy = this.#inFlight.size > 0 || this.dispatcher.pending > 0 ||
        this.#writeQueued;
      if (!busy) {
        await this.#remembering;
        await this.#writes;
        if (
          this.#inFlight.size === 0 && this.dispatcher.pending === 0 &&
          !this.#writeQueued
        ) {
          return;
        }
      }
      await Promise.all([
        ...this.#inFlight,
        this.dispatcher.idle(),
        this.#writes,
      ]);
    }
  }

  /** Stops the timers, waits for the handlers running and the state writes. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#started = false;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = undefined;
    await Promise.allSettled([...this.#inFlight]);
    await this.dispatcher.idle();
    await this.#remembering;
    await this.#writes;
  }

  #loopError(error: unknown): void {
    // After stop(), calls in flight fail with RequestAbortedError("disconnected")
    // and writes may find the storage closed: expected, not worth a report.
    if (this.#stopped) return;
    (this.#options.onLoopError ?? ((e) => console.error("update loop:", e)))(
      error,
    );
  }

  #run(step: UpdateStep): void {
    if (step.users.length > 0 || step.chats.length > 0) {
      const messages = messagesOf(step);
      const remembered = this.#remembering.then(() =>
        this.#host.remember(step.users, step.chats, messages)
      ).catch((error) => this.#loopError(error));
      this.#remembering = remembered;
    }
    for (const item of step.updates) this.dispatcher.dispatch(item);
    if (step.state) this.#pendingState = step.state;
    for (const [id, pts] of step.channels) this.#pendingChannels.set(id, pts);
    if (step.state || step.channels.size > 0) this.#persist();
    for (const request of step.requests) this.#request(request);
    this.#schedule();
  }

  /** Coalesced state writes: one write in flight, the latest state next. */
  #persist(): void {
    if (this.#writeQueued) return;
    this.#writeQueued = true;
    this.#writes = this.#writes.then(async () => {
      this.#writeQueued = false;
      const state = this.#pendingState;
      this.#pendingState = undefined;
      const channels = [...this.#pendingChannels];
      this.#pendingChannels.clear();
      const store = await this.#host.store();
      if (state) await store.setUpdateState(state);
      for (const [id, pts] of channels) await store.setChannelPts(id, pts);
    }).catch((error) => this.#loopError(error));
  }

  #request(request: UpdateRequest): void {
    const task = this.#call(request).finally(() => this.#inFlight.delete(task));
    this.#inFlight.add(task);
  }

  async #call(request: UpdateRequest): Promise<void> {
    const manager = this.manager;
    switch (request.type) {
      case "getState": {
        let step: UpdateStep;
        try {
          const state = await this.#host.invoke({ _: "updates.getState" });
          step = manager.applyState(state, this.#now());
        } catch (error) {
          this.#loopError(error);
          step = manager.stateFailed(this.#now());
        }
        if (!this.#stopped) this.#run(step);
        return;
      }
      case "getDifference": {
        let step: UpdateStep;
        try {
          const difference = await this.#host.invoke(request.request);
          step = manager.applyDifference(difference, this.#now());
        } catch (error) {
          this.#loopError(error);
          const message = (error as { message?: string }).message ?? "";
          step = /PERSISTENT_TIMESTAMP_(INVALID|EMPTY)/.test(message)
            ? manager.resetState(this.#now())
            : manager.differenceFailed(this.#now());
        }
        if (!this.#stopped) this.#run(step);
        return;
      }
      case "getChannelDifference": {
        let step: UpdateStep;
        const channel = await this.#host.inputChannel(request.channelId).catch(
          () => undefined,
        );
        if (!channel) {
          step = manager.channelDifferenceFailed(
            request.channelId,
            this.#now(),
            true,
          );
        } else {
          try {
            const difference = await this.#host.invoke({
              _: "updates.getChannelDifference",
              channel,
              filter: { _: "channelMessagesFilterEmpty" },
              pts: request.pts,
              limit: request.limit,
            });
            step = manager.applyChannelDifference(
              request.channelId,
              difference,
              this.#now(),
            );
          } catch (error) {
            this.#loopError(error);
            const message = (error as { message?: string }).message ?? "";
            const fatal =
              /CHANNEL_PRIVATE|CHANNEL_INVALID|PERSISTENT_TIMESTAMP_INVALID/
                .test(message);
            step = manager.channelDifferenceFailed(
              request.channelId,
              this.#now(),
              fatal,
            );
          }
        }
        if (!this.#stopped) this.#run(step);
        return;
      }
    }
  }

  #schedule(): void {
    if (this.#stopped || !this.#started) return;
    const next = this.manager.nextDeadline();
    if (next === this.#timerAt) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = next;
    if (next === undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#timerAt = undefined;
      if (!this.#stopped) this.#run(this.manager.tick(this.#now()));
    }, Math.max(0, next - this.#now()));
  }
}
