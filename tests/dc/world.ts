/**
 * The world the test DCs share: accounts, and (as later issues add them)
 * chats, messages and the update state with pts/qts/seq. One world serves
 * every DC of a {@link TestDc}; each account lives on one DC (its home), so
 * migration can be exercised.
 *
 * Minimal for now: accounts and their common update state, enough for
 * `updates.getState`; login, messages and updates grow here.
 *
 * @module
 */

/** An account (user or bot). */
export interface WorldUser {
  /** User id. */
  id: number;
  /** Access hash other accounts see. */
  accessHash: bigint;
  /** Whether this is a bot. */
  bot: boolean;
  /** First name. */
  firstName: string;
  /** Last name. */
  lastName?: string;
  /** Username without `@`. */
  username?: string;
  /** Phone number in international format without `+` (users only). */
  phone?: string;
  /** The DC the account lives on. */
  homeDc: number;
}

/** The common update state of one account ("Working with Updates"). */
export interface UpdateState {
  /** pts of the common message box. */
  pts: number;
  /** qts of the secret/bot box. */
  qts: number;
  /** seq of `updates`/`updatesCombined`. */
  seq: number;
  /** Date of the last update. */
  date: number;
  /** Unread count (kept at 0 until messages exist). */
  unreadCount: number;
}

/** Accounts, chats, messages and update state shared by the DCs of one test world. */
export class World {
  #users = new Map<number, WorldUser>();
  #states = new Map<number, UpdateState>();
  #nextUserId = 1_000_000;

  /** @param now the world's clock (Unix seconds), shared with the DCs so skew applies */
  constructor(private readonly now: () => number) {}

  /** Adds an account; returns it. */
  createUser(
    fields: Omit<WorldUser, "id" | "accessHash"> & { id?: number },
  ): WorldUser {
    const id = fields.id ?? this.#nextUserId++;
    if (this.#users.has(id)) throw new Error(`user ${id} already exists`);
    const accessHash = BigInt.asIntN(64, BigInt(id) * 0x9e3779b97f4a7c15n);
    const user: WorldUser = { ...fields, id, accessHash };
    this.#users.set(id, user);
    this.#states.set(id, {
      pts: 1,
      qts: 0,
      seq: 1,
      date: Math.floor(this.now()),
      unreadCount: 0,
    });
    return user;
  }

  /** The account with this id. */
  user(id: number): WorldUser | undefined {
    return this.#users.get(id);
  }

  /** Every account, in creation order. */
  users(): IterableIterator<WorldUser> {
    return this.#users.values();
  }

  /** The update state of an account (created on first use). */
  updateState(userId: number): UpdateState {
    let state = this.#states.get(userId);
    if (!state) {
      state = {
        pts: 1,
        qts: 0,
        seq: 1,
        date: Math.floor(this.now()),
        unreadCount: 0,
      };
      this.#states.set(userId, state);
    }
    return state;
  }
}
