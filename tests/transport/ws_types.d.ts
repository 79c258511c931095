// Minimal types for the parts of the `ws` package the transport tests use (no @types/ws installed).
export class WebSocket {
  constructor(url: string, protocols?: string | string[]);
}
export interface WsServerSocket {
  send(data: Uint8Array | string, options?: { binary?: boolean }): void;
  close(code?: number): void;
  terminate(): void;
  on(
    event: "message",
    listener: (data: Uint8Array, isBinary: boolean) => void,
  ): void;
  on(event: "close", listener: () => void): void;
}
export class WebSocketServer {
  constructor(
    options: {
      server: unknown;
      path?: string;
      handleProtocols?: (protocols: Set<string>) => string | false;
    },
  );
  on(event: "connection", listener: (socket: WsServerSocket) => void): void;
  close(callback?: () => void): void;
}
