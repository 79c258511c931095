/**
 * What the login flows need from the client (the `Client` provides it), so
 * they can live in their own files and be tested apart.
 *
 * @module
 */

import type { RawUser, TLFunction, TLObject } from "../tl/mod.ts";

/** The part of the client the login flows use. */
export interface LoginHost {
  /** The api_id. */
  readonly apiId: number;
  /** The api_hash. */
  readonly apiHash: string;
  /** Invokes a raw API function on the main DC (migrations and short flood waits handled). */
  invoke(fn: TLFunction): Promise<unknown>;
  /** Makes `dc` the main DC (creating or loading its auth key) and persists it. */
  moveMainDc(dc: number): Promise<void>;
  /** Adds a listener of every unsolicited object the main DC sends; returns its remover. */
  onServerUpdate(listener: (update: TLObject) => void): () => void;
  /** Remembers the logged-in account (storage, peer cache) and starts the update loop. */
  completeLogin(user: RawUser): Promise<void>;
}
