/**
 * The update sequences of the test DC, counted as Telegram counts them
 * ("Working with Updates"): one common box per account (`pts` for private
 * chats and basic groups, `qts` for bot-specific updates, `seq` for the
 * `updates`/`updatesCombined` containers it was sent) and one `pts` box per
 * channel or supergroup. Every event is logged with its pts, so
 * `updates.getDifference` and `updates.getChannelDifference` can replay what a
 * client missed.
 *
 * @module
 */

/** A TL object as the DC builds it (plain data, `_` discriminator). */
export type Tl = Record<string, unknown> & { _: string };

/** One pts event: the update as it was sent, after which the box stood at `pts`. */
export interface PtsEvent {
  /** The box's pts after the event. */
  pts: number;
  /** How many pts the event took. */
  count: number;
  /** The update (`updateNewMessage`, `updateDeleteMessages`, …) with its pts. */
  update: Tl;
  /** Server time of the event. */
  date: number;
}

/** One qts event. */
export interface QtsEvent {
  /** The box's qts after the event. */
  qts: number;
  /** The update (with its `qts`). */
  update: Tl;
  /** Server time of the event. */
  date: number;
}

/** A message as one account (or a channel) stores it. */
export interface StoredMessage {
  /** The TL `message` object from its holder's point of view. */
  object: Tl;
  /** The logical message every copy of the same send shares. */
  shared: SharedMessage;
}

/** What the copies of one sent message have in common (private chats and basic groups have one copy per participant). */
export interface SharedMessage {
  /** Copies by holder account id: the message id in that account's box. */
  copies: Map<number, number>;
}

/** The common box of one account. */
export class AccountBox {
  /** pts of the common box. */
  pts = 0;
  /** qts of the bot-specific/secret box. */
  qts = 0;
  /** seq of the containers sent to this account. */
  seq = 0;
  /** Date of the last event. */
  date: number;
  /** The account's next message id (private chats and basic groups number messages per account). */
  nextMessageId = 1;
  /** pts events in order. */
  readonly events: PtsEvent[] = [];
  /** qts events in order. */
  readonly qtsEvents: QtsEvent[] = [];
  /** The account's messages (private chats and basic groups) by id. */
  readonly messages = new Map<number, StoredMessage>();
  /** Users whose access hash this account has been sent (it may get short forms about them). */
  readonly knownUsers = new Set<number>();

  /** @param date the creation time */
  constructor(date: number) {
    this.date = date;
  }

  /** Adds a pts event; returns the update with `pts` and `pts_count` filled in. */
  addPts(update: Tl, count: number, date: number): Tl {
    this.pts += count;
    this.date = date;
    const stamped = { ...update, pts: this.pts, pts_count: count };
    this.events.push({ pts: this.pts, count, update: stamped, date });
    return stamped;
  }

  /** Adds a qts event; returns the update with `qts` filled in. */
  addQts(update: Tl, date: number): Tl {
    this.qts += 1;
    this.date = date;
    const stamped = { ...update, qts: this.qts };
    this.qtsEvents.push({ qts: this.qts, update: stamped, date });
    return stamped;
  }

  /** The events after `pts` (binary search: events are sorted). */
  eventsAfter(pts: number): PtsEvent[] {
    let low = 0;
    let high = this.events.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.events[mid].pts <= pts) low = mid + 1;
      else high = mid;
    }
    return this.events.slice(low);
  }

  /** The qts events after `qts`. */
  qtsEventsAfter(qts: number): QtsEvent[] {
    return this.qtsEvents.filter((event) => event.qts > qts);
  }
}

/** The pts box and messages of one channel or supergroup. */
export class ChannelBox {
  /** pts of the channel. */
  pts = 1;
  /** The next message id. */
  nextMessageId = 1;
  /** pts events in order. */
  readonly events: PtsEvent[] = [];
  /** Messages by id. */
  readonly messages = new Map<number, StoredMessage>();

  /** Adds a pts event; returns the stamped update. */
  addPts(update: Tl, count: number, date: number): Tl {
    this.pts += count;
    const stamped = { ...update, pts: this.pts, pts_count: count };
    this.events.push({ pts: this.pts, count, update: stamped, date });
    return stamped;
  }

  /** The events after `pts`. */
  eventsAfter(pts: number): PtsEvent[] {
    let low = 0;
    let high = this.events.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.events[mid].pts <= pts) low = mid + 1;
      else high = mid;
    }
    return this.events.slice(low);
  }
}
