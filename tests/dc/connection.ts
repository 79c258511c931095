/**
 * One client connection to a test DC, independent of the socket kind (TCP or
 * WebSocket): framing detection and codec through {@link ServerTransport},
 * the knobs that act per message, the `ping_delay_disconnect` timer, and the
 * hand-off of each payload to the DC.
 *
 * @module
 */

import { TransportError } from "../../transport/errors.ts";
import type { KnobState } from "./knobs.ts";
import {
  ServerTransport,
  type ServerTransportOptions,
} from "./server_transport.ts";
import type { SessionLink } from "./session.ts";
import type { TimerSet } from "./timers.ts";

/** The byte stream under a connection. */
export interface ByteStream {
  /** Writes bytes (ignored once closed). */
  write(bytes: Uint8Array): void;
  /** Closes the stream (idempotent). */
  close(): void;
}

/** What a connection hands its payloads to. */
export interface PayloadHandler {
  /** Handles one MTProto packet (plain or encrypted) from the client; `quickAck`: the client asked for a quick ack. */
  handlePayload(
    connection: DcConnection,
    payload: Uint8Array,
    quickAck: boolean,
  ): void;
}

/** What a connection needs from the world. */
export interface ConnectionContext {
  /** Misbehaviour switches. */
  knobs: KnobState;
  /** Timers (cleared on stop). */
  timers: TimerSet;
  /** Drops every connection of the world (the `dropConnectionsAfter` knob). */
  dropAllConnections(): void;
}

let nextConnectionId = 1;

/** A client connection. */
export class DcConnection implements SessionLink {
  /** A process-unique number, for logs. */
  readonly id: number = nextConnectionId++;
  readonly #transport: ServerTransport;
  #closed = false;
  #pingTimer?: ReturnType<typeof setTimeout>;
  /** Called once when the connection closes (the listener forgets it). */
  onClose?: () => void;

  constructor(
    private readonly stream: ByteStream,
    private readonly handler: PayloadHandler,
    private readonly ctx: ConnectionContext,
    transportOptions: ServerTransportOptions = {},
  ) {
    this.#transport = new ServerTransport(transportOptions);
  }

  /** True once closed. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Feeds bytes received from the client. */
  receive(chunk: Uint8Array): void {
    if (this.#closed) return;
    this.#transport.feed(chunk);
    for (;;) {
      let frame;
      try {
        frame = this.#transport.nextFrame();
      } catch (error) {
        if (!(error instanceof TransportError)) {
          console.error("test DC: transport failure:", error);
        }
        this.close();
        return;
      }
      if (!frame) return;
      if (frame.type !== "payload") continue;
      if (this.ctx.knobs.countMessage()) {
        this.ctx.dropAllConnections();
        return;
      }
      try {
        this.handler.handlePayload(
          this,
          frame.payload,
          frame.quickAckRequested,
        );
      } catch (error) {
        console.error("test DC: failed to handle a packet:", error);
        this.close();
        return;
      }
      if (this.#closed) return;
    }
  }

  /** Sends one MTProto packet. */
  sendPayload(payload: Uint8Array): void {
    if (this.#closed) return;
    this.stream.write(this.#transport.encode(payload));
  }

  /** Sends a 4-byte transport error (−404, −429, −444). */
  sendError(code: number): void {
    if (this.#closed || !this.#transport.detected) return;
    this.stream.write(this.#transport.encodeError(code));
  }

  /** Sends a quick ack token (most significant bit set) in this framing's encoding. */
  sendQuickAck(token: number): void {
    if (this.#closed) return;
    this.stream.write(this.#transport.encodeQuickAck(token));
  }

  /** `ping_delay_disconnect`: closes the connection `seconds` from now unless re-armed. */
  armPingDisconnect(seconds: number): void {
    if (this.#closed) return;
    this.ctx.timers.cancel(this.#pingTimer);
    const ms = Math.min(Math.max(0, seconds) * 1000, 2 ** 31 - 1);
    this.#pingTimer = this.ctx.timers.after(ms, () => this.close());
  }

  /** Closes the connection and its stream. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.ctx.timers.cancel(this.#pingTimer);
    this.stream.close();
    this.onClose?.();
  }
}
