/**
 * The update manager: a sans-IO state machine that puts updates in order and
 * never loses one, following "Working with Updates".
 *
 * It is fed `Updates` objects (every form), the results of the difference
 * calls it asked for, and the time; it answers with a {@linkcode UpdateStep}:
 * the updates to dispatch, in order, the calls to make
 * (`updates.getState`, `updates.getDifference`, `updates.getChannelDifference`)
 * and the state to persist. It never does I/O or starts a timer: the shell
 * (`UpdateLoop`) calls {@linkcode UpdateManager.tick} at
 * {@linkcode UpdateManager.nextDeadline}.
 *
 * The boxes: the common box counted by `pts` (private chats, basic groups),
 * one `pts` box per channel, the `qts` box, and `seq` for `updates` /
 * `updatesCombined`. An update that fits its box (`local + count === pts`) is
 * applied; one the box has already passed (`local + count > pts`) is dropped;
 * one past a gap waits (about 0.5 s) for the missing ones, after which one
 * `updates.getDifference` (or `updates.getChannelDifference`) fills the gap,
 * however many updates wait behind it. While a difference is fetched, updates
 * of its boxes are held and re-checked against the state it ends with, so an
 * update that comes both ways is delivered once.
 *
 * @module
 */

import type {
  RawUpdatesGetDifferenceRequest,
  RawUpdatesState,
  TypeChat,
  TypeMessage,
  TypePeer,
  TypeUpdate,
  TypeUpdates,
  TypeUpdatesChannelDifference,
  TypeUpdatesDifference,
  TypeUser,
} from "../../tl/mod.ts";
import type { UpdateStateRecord } from "../../storage/session_store.ts";
import {
  expandShortChatMessage,
  expandShortMessage,
  expandShortSentMessage,
  type SentMessageContext,
} from "./short_updates.ts";
import { updatePeers, updatePosition } from "./update_info.ts";

export type { SentMessageContext } from "./short_updates.ts";

/** An update ready for handlers, with the users and chats that came with it. */
export interface DispatchedUpdate {
  /** The update (short forms already expanded). */
  update: TypeUpdate;
  /** Users of the `Updates` object or difference it came in. */
  users: readonly TypeUser[];
  /** Chats of the `Updates` object or difference it came in. */
  chats: readonly TypeChat[];
}

/** A call the shell must make, then feed the result back. */
export type UpdateRequest =
  | {
    /** `updates.getState` → {@linkcode UpdateManager.applyState}. */
    type: "getState";
  }
  | {
    /** `updates.getDifference` → {@linkcode UpdateManager.applyDifference}. */
    type: "getDifference";
    /** The request to send. */
    request: RawUpdatesGetDifferenceRequest;
  }
  | {
    /**
     * `updates.getChannelDifference` for `channelId` (the shell supplies the
     * `InputChannel` from its peer cache) → {@linkcode UpdateManager.applyChannelDifference}.
     */
    type: "getChannelDifference";
    /** The channel's TL id. */
    channelId: bigint;
    /** The pts to fetch from. */
    pts: number;
    /** The most messages to return. */
    limit: number;
  };

/** What one call into the manager produced. */
export interface UpdateStep {
  /** Updates to hand to handlers, in order. */
  updates: DispatchedUpdate[];
  /** Calls to make. */
  requests: UpdateRequest[];
  /** Every user seen (for the peer cache), applied or not yet. */
  users: TypeUser[];
  /** Every chat seen (for the peer cache), applied or not yet. */
  chats: TypeChat[];
  /** The common state, when it changed (persist it). */
  state?: UpdateStateRecord;
  /** Channel pts that changed (persist them); `undefined` forgets one. */
  channels: Map<bigint, number | undefined>;
}

/** Options of {@linkcode UpdateManager}. */
export interface UpdateManagerOptions {
  /** The logged-in user (the sender of outgoing short messages). */
  selfId?: bigint;
  /** How long a gap may wait for the missing updates before a difference is fetched (default 500 ms). */
  gapTimeoutMs?: number;
  /** Fetch a difference after this long without any update (default 15 minutes). */
  idleTimeoutMs?: number;
  /** `limit` of `updates.getChannelDifference` (default 100; bots may ask up to 100 000). */
  channelDifferenceLimit?: number;
  /** First retry delay after a failed difference call, doubled up to 30 s (default 1000 ms). */
  retryDelayMs?: number;
  /**
   * Whether the client knows a peer (has its access hash, in the peer cache).
   * An update that fits its box but names a peer neither known here nor carried
   * by its `Updates` object is not applied: a difference is fetched instead,
   * which brings the peer along ("Working with Updates"). Absent: every peer
   * counts as known.
   */
  knowsPeer?: PeerPredicate;
  /** The most channels polled at once per the server's `timeout` (default 64). */
  maxPolledChannels?: number;
}

/** Whether the client knows a peer; see {@linkcode UpdateManagerOptions.knowsPeer}. */
export type PeerPredicate = (peer: TypePeer) => boolean;

/** Stored state to start from. */
export interface StoredUpdateState {
  /** The common state, if one was stored. */
  state?: UpdateStateRecord;
  /** Channel pts by channel TL id. */
  channels?: ReadonlyMap<bigint, number>;
}

/** An update (or a bare position, from an RPC result) waiting in a pts/qts box. */
interface BoxEntry {
  /** pts (or qts) after the entry. */
  pts: number;
  /** Events it accounts for (1 for qts). */
  count: number;
  /** What to dispatch, if anything. */
  update?: TypeUpdate;
  users: readonly TypeUser[];
  chats: readonly TypeChat[];
  /** Its peers were checked (or need no check): it is applied once it fits. */
  peersChecked?: boolean;
}

/** A normalized `Updates` object. */
interface Batch {
  updates: TypeUpdate[];
  users: readonly TypeUser[];
  chats: readonly TypeChat[];
  date: number;
  seqStart: number;
  seq: number;
  /** For a bare pts position (updateShortSentMessage without context, affected messages). */
  bare?: { channelId?: bigint; pts: number; count: number };
  /** Rebuilt from what this client sent: its peers need no check. */
  trusted?: boolean;
  /** Its seq was already applied: only updates with their own pts/qts go through. */
  stale?: boolean;
}

interface Box {
  entries: BoxEntry[];
  /** When the gap stops waiting; undefined while nothing waits on a gap. */
  deadline?: number;
}

interface ChannelBox extends Box {
  pts?: number;
  fetching: boolean;
  retryAt?: number;
  retries: number;
  /** Highest message id dispatched in this process (for channelDifferenceTooLong). */
  maxMessageId: number;
  /** When to poll it next (`getChannelDifference` per the server's `timeout`); undefined: not polled. */
  pollAt?: number;
  /** Polled after every `timeout`, news or not (an open chat), rather than only while there is news. */
  watched: boolean;
}

const EMPTY: readonly never[] = [];
const MAX_RETRY_MS = 30_000;
/** How many peers seen in updates are remembered here (then forgotten all at once). */
const SEEN_PEERS_LIMIT = 10_000;
/** The poll interval when the server gives no `timeout` (a watched channel). */
const DEFAULT_POLL_SECONDS = 30;
/** Bounds of the server's channel `timeout`, seconds. */
const MIN_POLL_SECONDS = 1;
const MAX_POLL_SECONDS = 24 * 3600;

function byPts(a: BoxEntry, b: BoxEntry): number {
  return a.pts - b.pts;
}

function emptyStep(): UpdateStep {
  return {
    updates: [],
    requests: [],
    users: [],
    chats: [],
    channels: new Map(),
  };
}

/** See the module documentation. */
export class UpdateManager {
  #selfId: bigint | undefined;
  readonly #gapTimeout: number;
  readonly #idleTimeout: number;
  #channelLimit: number;
  readonly #retryDelay: number;
  #knowsPeer: PeerPredicate | undefined;
  readonly #maxPolled: number;
  /** Users that came with updates and differences. */
  readonly #seenUsers = new Set<bigint>();
  /** Chats and channels that came with updates and differences. */
  readonly #seenChats = new Set<bigint>();

  #state: UpdateStateRecord | undefined;
  #stateDirty = false;
  #started = false;
  #awaitingState = false;
  /** Batches that arrived before the state was known or while the common difference runs. */
  #held: Batch[] = [];

  readonly #common: Box = { entries: [] };
  readonly #qts: Box = { entries: [] };
  /** Whole batches waiting for a seq gap. */
  #seqWaiting: Batch[] = [];
  #seqDeadline: number | undefined;

  #fetching = false;
  #retryAt: number | undefined;
  #retries = 0;
  #lastActivity = 0;

  readonly #channels = new Map<bigint, ChannelBox>();

  #out: UpdateStep = emptyStep();

  /**
   * A manager with no state yet: call {@linkcode start} next.
   *
   * @param options timeouts, limits and the logged-in user
   */
  constructor(options: UpdateManagerOptions = {}) {
    this.#selfId = options.selfId;
    this.#gapTimeout = options.gapTimeoutMs ?? 500;
    this.#idleTimeout = options.idleTimeoutMs ?? 15 * 60_000;
    this.#channelLimit = options.channelDifferenceLimit ?? 100;
    this.#retryDelay = options.retryDelayMs ?? 1000;
    this.#knowsPeer = options.knowsPeer;
    this.#maxPolled = options.maxPolledChannels ?? 64;
  }

  /** Sets (or, with `undefined`, removes) the "do I know this peer" predicate; see {@linkcode UpdateManagerOptions.knowsPeer}. */
  setPeerPredicate(knowsPeer: PeerPredicate | undefined): void {
    this.#knowsPeer = knowsPeer;
  }

  /**
   * Polls a channel (an open chat) with `updates.getChannelDifference` after
   * every `timeout` the server gives, even when nothing new comes; without a
   * call, a channel is polled only while its differences bring news. Its pts
   * must be known (it was seen in an update or a difference).
   */
  watchChannel(channelId: bigint, now: number): UpdateStep {
    const box = this.#channel(channelId);
    box.watched = true;
    if (box.pollAt === undefined && box.pts !== undefined) box.pollAt = now;
    return this.#flush();
  }

  /** Stops polling a channel that {@linkcode watchChannel} opened (news it finds keep it polled until it is quiet). */
  unwatchChannel(channelId: bigint): void {
    const box = this.#channels.get(channelId);
    if (!box) return;
    box.watched = false;
  }

  /** When a channel is polled next, if it is. */
  channelPollAt(channelId: bigint): number | undefined {
    return this.#channels.get(channelId)?.pollAt;
  }

  /** Sets the logged-in user (known only after login). */
  setSelfId(selfId: bigint | undefined): void {
    this.#selfId = selfId;
  }

  /** Sets the `limit` of `updates.getChannelDifference` (Telegram lets bots ask up to 100 000). */
  setChannelDifferenceLimit(limit: number): void {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`bad channel difference limit ${limit}`);
    }
    this.#channelLimit = limit;
  }

  /** The common state, once known. */
  get state(): Readonly<UpdateStateRecord> | undefined {
    return this.#state;
  }

  /** The pts of a channel, if known. */
  channelPts(channelId: bigint): number | undefined {
    return this.#channels.get(channelId)?.pts;
  }

  /** Whether a common difference is being fetched. */
  get fetchingDifference(): boolean {
    return this.#fetching;
  }

  /** How many updates and batches wait (on gaps, on fetches, for the state). */
  get pendingCount(): number {
    let count = this.#common.entries.length + this.#qts.entries.length +
      this.#seqWaiting.length + this.#held.length;
    for (const box of this.#channels.values()) count += box.entries.length;
    return count;
  }

  /**
   * Starts from the stored state: with one, catches up with
   * `updates.getDifference`; without one (or with `dropPending`), asks
   * `updates.getState` and starts from now, forgetting channel pts.
   */
  start(
    stored: StoredUpdateState,
    now: number,
    options: { dropPending?: boolean } = {},
  ): UpdateStep {
    // A restart (the same manager after a disconnect) begins afresh: what
    // waited on gaps or was being fetched is covered by the catch-up below.
    // Held batches stay: they are checked against the state it ends with.
    this.#state = undefined;
    this.#stateDirty = false;
    this.#common.entries = [];
    this.#common.deadline = undefined;
    this.#qts.entries = [];
    this.#qts.deadline = undefined;
    this.#seqWaiting = [];
    this.#seqDeadline = undefined;
    this.#fetching = false;
    this.#retryAt = undefined;
    this.#retries = 0;
    const watched = [...this.#channels].filter(([, box]) => box.watched);
    this.#channels.clear();
    this.#started = true;
    this.#awaitingState = false;
    this.#lastActivity = now;
    for (const [id, pts] of stored.channels ?? []) {
      if (options.dropPending) this.#out.channels.set(id, undefined);
      else this.#channel(id).pts = pts;
    }
    // Open chats stay open across restarts; polled once their pts is known.
    for (const [id] of watched) {
      const box = this.#channel(id);
      box.watched = true;
      if (box.pts !== undefined) box.pollAt = now;
    }
    if (stored.state && !options.dropPending) {
      this.#state = { ...stored.state };
      this.#startDifference();
    } else {
      this.#awaitingState = true;
      this.#out.requests.push({ type: "getState" });
    }
    return this.#flush();
  }

  /** The answer to `updates.getState`. */
  applyState(state: RawUpdatesState, now: number): UpdateStep {
    this.#awaitingState = false;
    this.#retryAt = undefined;
    this.#retries = 0;
    this.#lastActivity = now;
    this.#setState({
      pts: state.pts,
      qts: state.qts,
      seq: state.seq,
      date: state.date,
    });
    this.#releaseHeld(now);
    return this.#flush();
  }

  /** `updates.getState` failed: it is asked again at a later tick. */
  stateFailed(now: number): UpdateStep {
    this.#retryAt = now + this.#nextRetryDelay();
    return this.#flush();
  }

  /**
   * Feeds one `Updates` object, pushed by the server or returned by a call.
   * `sent` is needed to rebuild the message of an `updateShortSentMessage`;
   * without it only its pts is counted.
   */
  feed(
    updates: TypeUpdates,
    now: number,
    sent?: SentMessageContext,
  ): UpdateStep {
    this.#lastActivity = now;
    const batch = this.#normalize(updates, sent);
    if (batch === undefined) {
      if (this.#started && !this.#awaitingState) this.#startDifference();
    } else {
      this.#collectEntities(batch.users, batch.chats);
      this.#process(batch, now);
    }
    return this.#flush();
  }

  /**
   * Counts a pts an RPC result reports (`messages.affectedMessages`,
   * `messages.affectedHistory`): for the channel `channelId`, else the common box.
   */
  feedAffected(
    affected: { pts: number; pts_count: number },
    now: number,
    channelId?: bigint,
  ): UpdateStep {
    this.#lastActivity = now;
    this.#process({
      updates: [],
      users: EMPTY,
      chats: EMPTY,
      date: 0,
      seqStart: 0,
      seq: 0,
      bare: { channelId, pts: affected.pts, count: affected.pts_count },
    }, now);
    return this.#flush();
  }

  /** The server created a new session: updates may have been lost, so fetch a difference. */
  sessionCreated(now: number): UpdateStep {
    this.#lastActivity = now;
    if (this.#started && !this.#awaitingState) this.#startDifference();
    return this.#flush();
  }

  /** Runs the timers that are due: gaps that waited long enough, retries, the idle check. */
  tick(now: number): UpdateStep {
    if (!this.#started) return this.#flush();
    if (this.#awaitingState) {
      if (this.#retryAt !== undefined && now >= this.#retryAt) {
        this.#retryAt = undefined;
        this.#out.requests.push({ type: "getState" });
      }
      return this.#flush();
    }
    if (!this.#fetching) {
      const due = (deadline: number | undefined) =>
        deadline !== undefined && now >= deadline;
      if (
        due(this.#common.deadline) || due(this.#qts.deadline) ||
        due(this.#seqDeadline) || due(this.#retryAt) ||
        now >= this.#lastActivity + this.#idleTimeout
      ) {
        this.#lastActivity = now;
        this.#startDifference();
      }
    }
    for (const [id, box] of this.#channels) {
      if (box.fetching) continue;
      if (
        (box.deadline !== undefined && now >= box.deadline) ||
        (box.retryAt !== undefined && now >= box.retryAt) ||
        (box.pollAt !== undefined && now >= box.pollAt)
      ) {
        this.#startChannelDifference(id, box);
      }
    }
    return this.#flush();
  }

  /** The earliest time {@linkcode tick} has something to do, if any. */
  nextDeadline(): number | undefined {
    if (!this.#started) return undefined;
    let next: number | undefined;
    const consider = (t: number | undefined) => {
      if (t !== undefined && (next === undefined || t < next)) next = t;
    };
    if (this.#awaitingState) {
      consider(this.#retryAt);
      return next;
    }
    if (!this.#fetching) {
      consider(this.#common.deadline);
      consider(this.#qts.deadline);
      consider(this.#seqDeadline);
      consider(this.#retryAt);
      consider(this.#lastActivity + this.#idleTimeout);
    }
    for (const box of this.#channels.values()) {
      if (box.fetching) continue;
      consider(box.deadline);
      consider(box.retryAt);
      consider(box.pollAt);
    }
    return next;
  }

  /** The answer to the `updates.getDifference` this manager asked for. */
  applyDifference(difference: TypeUpdatesDifference, now: number): UpdateStep {
    if (!this.#fetching || !this.#state) return this.#flush();
    this.#lastActivity = now;
    this.#retries = 0;
    const state = this.#state;
    switch (difference._) {
      case "updates.differenceEmpty":
        this.#setState({
          ...state,
          date: difference.date,
          seq: difference.seq,
        });
        this.#endDifference(now);
        break;
      case "updates.difference":
      case "updates.differenceSlice": {
        const { users, chats } = difference;
        this.#collectEntities(users, chats);
        for (const message of difference.new_messages) {
          this.#emit(
            { _: "updateNewMessage", message, pts: 0, pts_count: 0 },
            users,
            chats,
          );
        }
        for (const update of difference.other_updates) {
          this.#applyFromDifference(update, users, chats, now);
        }
        const next = difference._ === "updates.difference"
          ? difference.state
          : difference.intermediate_state;
        // A slice that moves nothing forward would be asked for forever.
        const stuck = next.pts <= state.pts && next.qts <= state.qts &&
          difference.new_messages.length === 0 &&
          difference.other_updates.length === 0;
        this.#setState({
          pts: next.pts,
          qts: next.qts,
          seq: next.seq,
          date: next.date,
        });
        if (difference._ === "updates.differenceSlice" && !stuck) {
          this.#requestDifference();
        } else {
          this.#endDifference(now);
        }
        break;
      }
      case "updates.differenceTooLong":
        // Too far behind: the history in between is not sent; go on from
        // `pts` (a pts that does not move forward ends the catch-up instead
        // of asking forever).
        if (difference.pts > state.pts) {
          this.#setState({ ...state, pts: difference.pts });
          this.#requestDifference();
        } else {
          this.#endDifference(now);
        }
        break;
    }
    return this.#flush();
  }

  /**
   * The server refused the stored state (`PERSISTENT_TIMESTAMP_INVALID`: a
   * state from another account or server): start over from
   * `updates.getState`, forgetting channel pts.
   */
  resetState(now: number): UpdateStep {
    this.#fetching = false;
    this.#retryAt = undefined;
    this.#lastActivity = now;
    this.#awaitingState = true;
    this.#common.entries = [];
    this.#common.deadline = undefined;
    this.#qts.entries = [];
    this.#qts.deadline = undefined;
    this.#seqWaiting = [];
    this.#seqDeadline = undefined;
    for (const [id, box] of this.#channels) {
      if (box.pts !== undefined) this.#out.channels.set(id, undefined);
    }
    this.#channels.clear();
    this.#out.requests.push({ type: "getState" });
    return this.#flush();
  }

  /** The `updates.getDifference` call failed: it is retried at a later tick. */
  differenceFailed(now: number): UpdateStep {
    this.#fetching = false;
    this.#retryAt = now + this.#nextRetryDelay();
    return this.#flush();
  }

  /** The answer to `updates.getChannelDifference` for `channelId`. */
  applyChannelDifference(
    channelId: bigint,
    difference: TypeUpdatesChannelDifference,
    now: number,
  ): UpdateStep {
    const box = this.#channel(channelId);
    if (!box.fetching) return this.#flush();
    box.retries = 0;
    box.retryAt = undefined;
    switch (difference._) {
      case "updates.channelDifferenceEmpty":
        this.#setChannelPts(channelId, box, difference.pts);
        break;
      case "updates.channelDifference": {
        const { users, chats } = difference;
        this.#collectEntities(users, chats);
        for (const message of difference.new_messages) {
          this.#emitChannelMessage(box, message, users, chats);
        }
        for (const update of difference.other_updates) {
          const position = updatePosition(update);
          if (position?.kind === "pts" && position.channelId === channelId) {
            this.#emit(update, users, chats);
          } else {
            this.#applyFromDifference(update, users, chats, now);
          }
        }
        this.#setChannelPts(channelId, box, difference.pts);
        break;
      }
      case "updates.channelDifferenceTooLong": {
        const { users, chats } = difference;
        this.#collectEntities(users, chats);
        // The history in between is not sent; what is newer than anything
        // delivered in this process is delivered.
        const seen = box.maxMessageId;
        const fresh = difference.messages.filter((m) => m.id > seen)
          .sort((a, b) => a.id - b.id);
        for (const message of fresh) {
          this.#emitChannelMessage(box, message, users, chats);
        }
        const dialog = difference.dialog;
        const pts = dialog._ === "dialog" ? dialog.pts : undefined;
        if (pts !== undefined) this.#setChannelPts(channelId, box, pts);
        break;
      }
    }
    if (difference.final) {
      box.fetching = false;
      const news = difference._ !== "updates.channelDifferenceEmpty";
      this.#schedulePoll(box, news, difference.timeout, now);
      this.#drainChannel(channelId, box, now);
    } else {
      this.#requestChannelDifference(channelId, box);
    }
    return this.#flush();
  }

  /**
   * `updates.getChannelDifference` failed. With `giveUp` (no access hash, the
   * channel is gone) what waited in the channel's box is applied as it
   * stands; otherwise the call is retried at a later tick.
   */
  channelDifferenceFailed(
    channelId: bigint,
    now: number,
    giveUp = false,
  ): UpdateStep {
    const box = this.#channel(channelId);
    box.fetching = false;
    if (giveUp) {
      const entries = box.entries.sort(byPts);
      box.entries = [];
      box.deadline = undefined;
      for (const entry of entries) {
        if (box.pts !== undefined && entry.pts <= box.pts) continue;
        if (entry.update) {
          this.#emitCounted(box, entry.update, entry.users, entry.chats);
        }
        this.#setChannelPts(channelId, box, entry.pts);
      }
    } else {
      box.retries++;
      box.retryAt = now +
        Math.min(MAX_RETRY_MS, this.#retryDelay * 2 ** (box.retries - 1));
    }
    return this.#flush();
  }

  // --- internals -----------------------------------------------------------

  #flush(): UpdateStep {
    const out = this.#out;
    if (this.#stateDirty && this.#state) {
      out.state = { ...this.#state };
      this.#stateDirty = false;
    }
    this.#out = emptyStep();
    return out;
  }

  #nextRetryDelay(): number {
    this.#retries++;
    return Math.min(MAX_RETRY_MS, this.#retryDelay * 2 ** (this.#retries - 1));
  }

  #setState(state: UpdateStateRecord): void {
    this.#state = state;
    this.#stateDirty = true;
  }

  #setPts(pts: number): void {
    this.#state!.pts = pts;
    this.#stateDirty = true;
  }

  /**
   * After a final channel difference: a watched channel, or one whose
   * difference brought news, is polled again after the server's `timeout`
   * (bounded to 1 s – 1 day); a quiet one is not, and at most
   * `maxPolledChannels` channels are polled at once.
   */
  #schedulePoll(
    box: ChannelBox,
    news: boolean,
    timeout: number | undefined,
    now: number,
  ): void {
    box.pollAt = undefined;
    if (!box.watched && (!news || timeout === undefined)) return;
    if (!box.watched) {
      let polled = 0;
      for (const other of this.#channels.values()) {
        if (other.pollAt !== undefined) polled++;
      }
      if (polled >= this.#maxPolled) return;
    }
    const seconds = Math.min(
      MAX_POLL_SECONDS,
      Math.max(MIN_POLL_SECONDS, timeout ?? DEFAULT_POLL_SECONDS),
    );
    box.pollAt = now + seconds * 1000;
  }

  #channel(id: bigint): ChannelBox {
    let box = this.#channels.get(id);
    if (!box) {
      box = {
        entries: [],
        fetching: false,
        retries: 0,
        maxMessageId: 0,
        watched: false,
      };
      this.#channels.set(id, box);
    }
    return box;
  }

  #setChannelPts(id: bigint, box: ChannelBox, pts: number): void {
    if (box.pts === pts) return;
    box.pts = pts;
    this.#out.channels.set(id, pts);
  }

  #collectEntities(
    users: readonly TypeUser[],
    chats: readonly TypeChat[],
  ): void {
    if (this.#seenUsers.size + users.length > SEEN_PEERS_LIMIT) {
      this.#seenUsers.clear();
    }
    if (this.#seenChats.size + chats.length > SEEN_PEERS_LIMIT) {
      this.#seenChats.clear();
    }
    for (const user of users) {
      this.#out.users.push(user);
      if (user._ === "user") this.#seenUsers.add(user.id);
    }
    for (const chat of chats) {
      this.#out.chats.push(chat);
      if (chat._ !== "chatEmpty") this.#seenChats.add(chat.id);
    }
  }

  /**
   * Whether an update that fits must wait for a difference because it names a
   * peer the client does not know (checked once: after the difference it is
   * applied as it stands).
   */
  #lacksPeers(entry: BoxEntry): boolean {
    if (entry.peersChecked || !entry.update || !this.#knowsPeer) return false;
    entry.peersChecked = true;
    for (const peer of updatePeers(entry.update)) {
      switch (peer._) {
        case "peerUser":
          if (
            peer.user_id === this.#selfId || this.#seenUsers.has(peer.user_id)
          ) continue;
          break;
        case "peerChat":
          if (this.#seenChats.has(peer.chat_id)) continue;
          break;
        case "peerChannel":
          if (this.#seenChats.has(peer.channel_id)) continue;
          break;
      }
      if (this.#knowsPeer(peer)) continue;
      return true;
    }
    return false;
  }

  #emit(
    update: TypeUpdate,
    users: readonly TypeUser[],
    chats: readonly TypeChat[],
  ): void {
    this.#out.updates.push({ update, users, chats });
  }

  /** Emits a channel update, remembering the highest message id delivered. */
  #emitCounted(
    box: ChannelBox,
    update: TypeUpdate,
    users: readonly TypeUser[],
    chats: readonly TypeChat[],
  ): void {
    if (update._ === "updateNewChannelMessage") {
      const id = update.message.id;
      if (id > box.maxMessageId) box.maxMessageId = id;
    }
    this.#emit(update, users, chats);
  }

  #emitChannelMessage(
    box: ChannelBox,
    message: TypeMessage,
    users: readonly TypeUser[],
    chats: readonly TypeChat[],
  ): void {
    this.#emitCounted(
      box,
      { _: "updateNewChannelMessage", message, pts: 0, pts_count: 0 },
      users,
      chats,
    );
  }

  #normalize(
    updates: TypeUpdates,
    sent?: SentMessageContext,
  ): Batch | undefined {
    switch (updates._) {
      case "updatesTooLong":
        return undefined;
      case "updates":
        return {
          updates: updates.updates,
          users: updates.users,
          chats: updates.chats,
          date: updates.date,
          seqStart: updates.seq,
          seq: updates.seq,
        };
      case "updatesCombined":
        return {
          updates: updates.updates,
          users: updates.users,
          chats: updates.chats,
          date: updates.date,
          seqStart: updates.seq_start,
          seq: updates.seq,
        };
      case "updateShort":
        return single(updates.update, updates.date);
      case "updateShortMessage":
        return single(
          expandShortMessage(updates, this.#selfId),
          updates.date,
        );
      case "updateShortChatMessage":
        return single(expandShortChatMessage(updates), updates.date);
      case "updateShortSentMessage":
        if (sent) {
          return {
            ...single(
              expandShortSentMessage(updates, sent, this.#selfId),
              updates.date,
            ),
            trusted: true,
          };
        }
        return {
          updates: [],
          users: EMPTY,
          chats: EMPTY,
          date: updates.date,
          seqStart: 0,
          seq: 0,
          bare: { pts: updates.pts, count: updates.pts_count },
        };
    }
  }

  /** Routes a batch: held while the state is unknown or a common difference runs, else checked by seq. */
  #process(batch: Batch, now: number): void {
    if (!this.#started || this.#awaitingState || this.#fetching) {
      this.#held.push(batch);
      return;
    }
    if (batch.seq === 0) {
      return this.#applyBatch(batch, batch.stale ?? false, now);
    }
    const expected = this.#state!.seq + 1;
    if (batch.seqStart === expected) {
      this.#applySeqBatch(batch, now);
      if (this.#seqWaiting.length > 0) this.#drainSeq(now);
    } else if (batch.seqStart < expected) {
      this.#applyBatch(batch, true, now);
    } else {
      this.#seqWaiting.push(batch);
      this.#seqDeadline ??= now + this.#gapTimeout;
    }
  }

  #applySeqBatch(batch: Batch, now: number): void {
    this.#applyBatch(batch, false, now);
    const state = this.#state!;
    state.seq = batch.seq;
    if (batch.date > state.date) state.date = batch.date;
    this.#stateDirty = true;
  }

  /** Applies the seq batches that now fit; drops the ones passed. */
  #drainSeq(now: number): void {
    this.#seqWaiting.sort((a, b) => a.seqStart - b.seqStart);
    let i = 0;
    for (; i < this.#seqWaiting.length; i++) {
      const batch = this.#seqWaiting[i];
      const expected = this.#state!.seq + 1;
      if (batch.seqStart === expected) this.#applySeqBatch(batch, now);
      else if (batch.seqStart < expected) this.#applyBatch(batch, true, now);
      else break;
    }
    this.#seqWaiting.splice(0, i);
    if (this.#seqWaiting.length === 0) this.#seqDeadline = undefined;
  }

  /**
   * Applies the updates of a batch whose seq fits (or which has none). With
   * `stale` (its seq was already applied) only updates with their own pts/qts
   * go through (their boxes drop what was seen); the rest are dropped.
   */
  #applyBatch(batch: Batch, stale: boolean, now: number): void {
    const { users, chats } = batch;
    if (this.#fetching) {
      // A difference started by an earlier update (or batch) covers this one:
      // held until it ends, its seq already counted.
      this.#held.push({ ...batch, seqStart: 0, seq: 0, stale });
      return;
    }
    if (batch.bare) {
      const { channelId, pts, count } = batch.bare;
      const entry: BoxEntry = { pts, count, users, chats };
      if (channelId === undefined) this.#offerCommon(entry, now);
      else this.#offerChannel(channelId, entry, now);
      return;
    }
    for (let i = 0; i < batch.updates.length; i++) {
      if (this.#fetching) {
        this.#held.push({
          ...batch,
          updates: batch.updates.slice(i),
          seqStart: 0,
          seq: 0,
          stale,
        });
        return;
      }
      const update = batch.updates[i];
      const position = updatePosition(update);
      const peersChecked = batch.trusted;
      if (position === undefined) {
        if (!stale) this.#applyUnpositioned(update, users, chats);
      } else if (position.kind === "qts") {
        this.#offerQts(
          { pts: position.qts, count: 1, update, users, chats },
          now,
        );
      } else if (position.channelId === undefined) {
        this.#offerCommon({
          pts: position.pts,
          count: position.count,
          update,
          users,
          chats,
          peersChecked,
        }, now);
      } else {
        this.#offerChannel(position.channelId, {
          pts: position.pts,
          count: position.count,
          update,
          users,
          chats,
          peersChecked,
        }, now);
      }
    }
  }

  #applyUnpositioned(
    update: TypeUpdate,
    users: readonly TypeUser[],
    chats: readonly TypeChat[],
  ): void {
    if (update._ === "updateChannelTooLong") {
      const box = this.#channel(update.channel_id);
      if (box.pts === undefined && update.pts !== undefined) {
        this.#setChannelPts(update.channel_id, box, update.pts);
      }
      this.#startChannelDifference(update.channel_id, box);
      return;
    }
    if (update._ === "updatePtsChanged") {
      this.#startDifference();
      return;
    }
    this.#emit(update, users, chats);
  }

  /** An update inside a difference: common/qts ones are covered by it; channel ones are checked. */
  #applyFromDifference(
    update: TypeUpdate,
    users: readonly TypeUser[],
    chats: readonly TypeChat[],
    now: number,
  ): void {
    const position = updatePosition(update);
    if (position?.kind === "pts" && position.channelId !== undefined) {
      this.#offerChannel(position.channelId, {
        pts: position.pts,
        count: position.count,
        update,
        users,
        chats,
      }, now);
    } else if (position === undefined) {
      if (update._ !== "updatePtsChanged") {
        this.#applyUnpositioned(update, users, chats);
      }
    } else {
      this.#emit(update, users, chats);
    }
  }

  #offerCommon(entry: BoxEntry, now: number): void {
    const local = this.#state!.pts;
    if (local + entry.count === entry.pts) {
      if (this.#lacksPeers(entry)) {
        this.#common.entries.push(entry);
        this.#startDifference();
        return;
      }
      this.#setPts(entry.pts);
      if (entry.update) this.#emit(entry.update, entry.users, entry.chats);
      if (this.#common.entries.length > 0) this.#drainCommon();
    } else if (local + entry.count < entry.pts) {
      this.#common.entries.push(entry);
      this.#common.deadline ??= now + this.#gapTimeout;
    } // else: already applied, dropped
  }

  #drainCommon(): void {
    const box = this.#common;
    box.entries.sort(byPts);
    let i = 0;
    for (; i < box.entries.length; i++) {
      const entry = box.entries[i];
      const local = this.#state!.pts;
      if (local + entry.count === entry.pts) {
        if (this.#lacksPeers(entry)) {
          box.entries.splice(0, i);
          this.#startDifference();
          return;
        }
        this.#setPts(entry.pts);
        if (entry.update) this.#emit(entry.update, entry.users, entry.chats);
      } else if (local + entry.count < entry.pts) {
        break;
      }
    }
    box.entries.splice(0, i);
    if (box.entries.length === 0) box.deadline = undefined;
  }

  #offerQts(entry: BoxEntry, now: number): void {
    const local = this.#state!.qts;
    if (local + 1 === entry.pts) {
      this.#state!.qts = entry.pts;
      this.#stateDirty = true;
      if (entry.update) this.#emit(entry.update, entry.users, entry.chats);
      if (this.#qts.entries.length > 0) this.#drainQts();
    } else if (local + 1 < entry.pts) {
      this.#qts.entries.push(entry);
      this.#qts.deadline ??= now + this.#gapTimeout;
    }
  }

  #drainQts(): void {
    const box = this.#qts;
    box.entries.sort(byPts);
    let i = 0;
    for (; i < box.entries.length; i++) {
      const entry = box.entries[i];
      const local = this.#state!.qts;
      if (local + 1 === entry.pts) {
        this.#state!.qts = entry.pts;
        this.#stateDirty = true;
        if (entry.update) this.#emit(entry.update, entry.users, entry.chats);
      } else if (local + 1 < entry.pts) {
        break;
      }
    }
    box.entries.splice(0, i);
    if (box.entries.length === 0) box.deadline = undefined;
  }

  #offerChannel(channelId: bigint, entry: BoxEntry, now: number): void {
    const box = this.#channel(channelId);
    if (box.fetching || (this.#fetching && box.pts === undefined)) {
      box.entries.push(entry);
      return;
    }
    if (box.pts === undefined) {
      // A channel never seen: nothing to compare with, counting starts here.
      this.#setChannelPts(channelId, box, entry.pts);
      if (entry.update) {
        this.#emitCounted(box, entry.update, entry.users, entry.chats);
      }
      return;
    }
    const local = box.pts;
    if (local + entry.count === entry.pts) {
      if (this.#lacksPeers(entry)) {
        box.entries.push(entry);
        this.#startChannelDifference(channelId, box);
        return;
      }
      this.#setChannelPts(channelId, box, entry.pts);
      if (entry.update) {
        this.#emitCounted(box, entry.update, entry.users, entry.chats);
      }
      if (box.entries.length > 0) this.#drainChannel(channelId, box, now);
    } else if (local + entry.count < entry.pts) {
      box.entries.push(entry);
      box.deadline ??= now + this.#gapTimeout;
    }
  }

  #drainChannel(channelId: bigint, box: ChannelBox, now: number): void {
    if (box.entries.length === 0) return;
    box.entries.sort(byPts);
    if (box.pts === undefined) {
      box.pts = box.entries[0].pts - box.entries[0].count;
    }
    let i = 0;
    for (; i < box.entries.length; i++) {
      const entry = box.entries[i];
      const local = box.pts!;
      if (local + entry.count === entry.pts) {
        if (this.#lacksPeers(entry)) {
          box.entries.splice(0, i);
          this.#startChannelDifference(channelId, box);
          return;
        }
        this.#setChannelPts(channelId, box, entry.pts);
        if (entry.update) {
          this.#emitCounted(box, entry.update, entry.users, entry.chats);
        }
      } else if (local + entry.count < entry.pts) {
        break;
      }
    }
    box.entries.splice(0, i);
    if (box.entries.length === 0) box.deadline = undefined;
    else box.deadline ??= now + this.#gapTimeout;
  }

  #startDifference(): void {
    if (this.#fetching || !this.#state) return;
    this.#fetching = true;
    this.#retryAt = undefined;
    this.#common.deadline = undefined;
    this.#qts.deadline = undefined;
    this.#seqDeadline = undefined;
    this.#requestDifference();
  }

  #requestDifference(): void {
    const { pts, qts, date } = this.#state!;
    this.#out.requests.push({
      type: "getDifference",
      request: { _: "updates.getDifference", pts, qts, date },
    });
  }

  /** The common difference is complete: re-check what waited against the new state, then the held batches. */
  #endDifference(now: number): void {
    this.#fetching = false;
    this.#retryAt = undefined;
    if (this.#common.entries.length > 0) {
      this.#drainCommon();
      // An update naming an unknown peer asked for another difference: the
      // rest waits for its end.
      if (this.#fetching) return;
      if (this.#common.entries.length > 0) {
        this.#common.deadline = now + this.#gapTimeout;
      }
    }
    if (this.#qts.entries.length > 0) {
      this.#drainQts();
      if (this.#qts.entries.length > 0) {
        this.#qts.deadline = now + this.#gapTimeout;
      }
    }
    if (this.#seqWaiting.length > 0) {
      this.#drainSeq(now);
      if (this.#seqWaiting.length > 0) {
        this.#seqDeadline = now + this.#gapTimeout;
      }
    }
    for (const [id, box] of this.#channels) {
      if (!box.fetching && box.entries.length > 0) {
        this.#drainChannel(id, box, now);
      }
    }
    this.#releaseHeld(now);
  }

  #releaseHeld(now: number): void {
    while (this.#held.length > 0 && !this.#fetching && !this.#awaitingState) {
      this.#process(this.#held.shift()!, now);
    }
  }

  #startChannelDifference(channelId: bigint, box: ChannelBox): void {
    if (box.fetching || box.pts === undefined) return;
    box.fetching = true;
    box.deadline = undefined;
    box.retryAt = undefined;
    box.pollAt = undefined;
    this.#requestChannelDifference(channelId, box);
  }

  #requestChannelDifference(channelId: bigint, box: ChannelBox): void {
    this.#out.requests.push({
      type: "getChannelDifference",
      channelId,
      pts: box.pts!,
      limit: this.#channelLimit,
    });
  }
}

function single(update: TypeUpdate, date: number): Batch {
  return {
    updates: [update],
    users: EMPTY,
    chats: EMPTY,
    date,
    seqStart: 0,
    seq: 0,
  };
}

/** Whether a value is one of the `Updates` constructors (so an RPC result that is one can be fed). */
export function isUpdates(value: unknown): value is TypeUpdates {
  if (value === null || typeof value !== "object") return false;
  switch ((value as { _?: unknown })._) {
    case "updates":
    case "updatesCombined":
    case "updateShort":
    case "updateShortMessage":
    case "updateShortChatMessage":
    case "updateShortSentMessage":
    case "updatesTooLong":
      return true;
    default:
      return false;
  }
}
