/**
 * State the high-level API's DC methods keep beside the chat world: bans in channels, bot
 * commands, and inline queries waiting for the bot's answer. One per test world.
 *
 * @module
 */
import { RpcFailure } from "../rpc_error.ts";
import type { Tl } from "../updates/boxes.ts";
import type { ChatWorld } from "../updates/chat_world.ts";
import type { World } from "../world.ts";

/** A ban or restriction in a channel or supergroup. */
export interface ChannelBan {
  /** The `chatBannedRights` TL object. */
  rights: Tl;
  /** Who banned. */
  kickedBy: number;
  /** When. */
  date: number;
}

/** An inline query waiting for `messages.setInlineBotResults`. */
interface PendingInline {
  botId: number;
  resolve(answer: Tl): void;
  timer: ReturnType<typeof setTimeout>;
}

/** See the module documentation. */
export class HighLevelExtras {
  /** Bans by channel id, then user id. */
  readonly bans = new Map<number, Map<number, ChannelBan>>();
  /** Bot commands by bot id, then `<scope>/<lang>`. */
  readonly commands = new Map<number, Map<string, Tl[]>>();
  readonly #inline = new Map<bigint, PendingInline>();
  #nextQueryId = 1_000_000n;

  /** The bans of a channel. */
  bansOf(channelId: number): Map<number, ChannelBan> {
    let bans = this.bans.get(channelId);
    if (!bans) this.bans.set(channelId, bans = new Map());
    return bans;
  }

  /**
   * Sends `update` (an `updateBotInlineQuery` without `query_id`) to the bot and resolves with
   * its `messages.botResults`, or rejects with `BOT_RESPONSE_TIMEOUT` after `timeoutMs`.
   */
  inlineQuery(
    botId: number,
    update: Tl,
    push: (update: Tl) => void,
    timeoutMs = 10_000,
  ): Promise<Tl> {
    const queryId = this.#nextQueryId++;
    return new Promise<Tl>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#inline.delete(queryId);
        reject(new RpcFailure(400, "BOT_RESPONSE_TIMEOUT"));
      }, timeoutMs);
      this.#inline.set(queryId, { botId, resolve, timer });
      push({ ...update, query_id: queryId });
    });
  }

  /** The bot answers an inline query. */
  answerInline(botId: number, queryId: bigint, answer: Tl): void {
    const pending = this.#inline.get(queryId);
    if (!pending || pending.botId !== botId) {
      throw new RpcFailure(400, "QUERY_ID_INVALID");
    }
    this.#inline.delete(queryId);
    clearTimeout(pending.timer);
    pending.resolve({ ...answer, query_id: queryId });
  }

  /** Forgets pending queries and their timers. */
  dispose(): void {
    for (const pending of this.#inline.values()) clearTimeout(pending.timer);
    this.#inline.clear();
  }
}

const EXTRAS = new WeakMap<World, HighLevelExtras>();

/** The extras of a test world (created on first use). */
export function highLevelExtras(world: World): HighLevelExtras {
  let extras = EXTRAS.get(world);
  if (!extras) EXTRAS.set(world, extras = new HighLevelExtras());
  return extras;
}

/**
 * An `updates` container for `viewerId`, with the users and chats it mentions; with `withSeq`
 * the account's seq advances, as for every container of the common box.
 */
export function containerFor(
  chats: ChatWorld,
  viewerId: number,
  updates: Tl[],
  withSeq: boolean,
  date: number,
): Tl {
  const { users, chats: chatObjects } = chats.entitiesFor(viewerId, updates);
  return {
    _: "updates",
    updates,
    users,
    chats: chatObjects,
    date,
    seq: withSeq ? ++chats.box(viewerId).seq : 0,
  };
}
