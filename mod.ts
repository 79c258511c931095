/**
 * Sparrow: a cross-runtime MTProto client library for the Telegram API.
 *
 * ```ts
 * import { Client, MemoryStorage } from "@sparrow/sparrow";
 *
 * const client = new Client({ apiId, apiHash, storage: new MemoryStorage() });
 * await client.connect();
 * const config = await client.invoke({ _: "help.getConfig" });
 * await client.disconnect();
 * ```
 *
 * @module
 */
export * from "./tl/mod.ts";

// The client.
export {
  Client,
  type ClientConnectionOptions,
  type ClientOptions,
  type ClientTransportOptions,
  type ClientUpdateOptions,
} from "./client/client.ts";
export type { StartOptions } from "./client/start.ts";
export type { InvokeOptions } from "./client/invoke_options.ts";
export {
  type LoginInput,
  LoginInputMissingError,
  type LoginRetryInfo,
} from "./client/login_prompt.ts";
export { UnexpectedLoginResultError } from "./client/login_result.ts";
export { AccountMismatchError } from "./client/account_mismatch_error.ts";
export type { CodeInfo } from "./client/login_user.ts";
export type { PasswordInfo } from "./client/login_password.ts";
export { loginTokenUrl, type QrCodeInfo } from "./client/login_qr.ts";
export type { DcEndpoint } from "./client/sender.ts";
export {
  type DcAddress,
  PRODUCTION_DCS,
  TEST_DCS,
} from "./client/dc_addresses.ts";

// Errors.
export {
  FloodWait,
  MigrateError,
  type MigrateKind,
  RpcError,
} from "./client/rpc_error.ts";
export {
  BadMessageError,
  RequestAbortedError,
  type RequestAbortReason,
} from "./client/session_errors.ts";
export { AuthKeyExchangeError } from "./client/auth_key_error.ts";
export { SecurityError } from "./crypto/security_error.ts";
export type { RsaPublicKey } from "./crypto/mod.ts";
export { TransportError, TransportServerError } from "./transport/errors.ts";

// Transports.
export type {
  Connection,
  ConnectionHandlers,
  ConnectionKind,
  ConnectOptions,
  Connector,
  Framing,
  WebSocketConstructor,
  WebSocketLike,
} from "./transport/mod.ts";

// Storages (the backends that run everywhere, the session store, session
// strings) and the file backend for Deno, Node.js and Bun.
export * from "./storage/mod.ts";
export {
  FileStorage,
  type FileStorageOptions,
} from "./storage/file_storage_node.ts";

// The MTProto core (sans-IO session and key exchange, and its I/O shell), for custom shells.
export {
  type AuthKeyExchangeOptions,
  type AuthKeyExchangeOutcome,
  type AuthKeyExchangeResult,
  type AuthKeyExchangeState,
  type AuthKeyExchangeStep,
  finish as authKeyExchangeFinish,
  innerDataDcId,
  step1 as authKeyExchangeStep1,
  step2 as authKeyExchangeStep2,
  step3 as authKeyExchangeStep3,
} from "./client/auth_key_exchange.ts";
export {
  type CancelOutcome,
  type EnqueueOptions,
  Session,
  type SessionOptions,
} from "./client/session.ts";
export type {
  ErrorEvent,
  IgnoredEvent,
  NewSessionEvent,
  ResultEvent,
  SaltEvent,
  SessionEvent,
  TimeOffsetEvent,
  UpdateEvent,
} from "./client/session_events.ts";
export {
  Sender,
  type SenderHooks,
  type SenderInvokeOptions,
  type SenderOptions,
  type SenderTransportOptions,
} from "./client/sender.ts";
export { mediaWebSocketUrl } from "./client/dc_addresses.ts";
export type { TransportOptions } from "./transport/mod.ts";

// Updates: the sans-IO manager, its loop and the per-chat dispatcher.
export * from "./client/updates/mod.ts";

// The high-level API: Bot-API-shaped types, methods, middleware, parse modes.
export * from "./client/types/mod.ts";
export * from "./client/methods/mod.ts";
export * from "./client/middleware/mod.ts";
export * from "./client/parse_mode/mod.ts";
