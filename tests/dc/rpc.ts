/**
 * API calls: unwraps the invoke wrappers (`invokeWithLayer`, `initConnection`,
 * `invokeWithoutUpdates`, `invokeAfterMsg(s)`), applies the checks Telegram
 * makes before a method runs (layer, connection initialised, authorization),
 * runs the method's handler and serializes its result, or the `rpc_error`
 * Telegram would give.
 *
 * Method handlers live one file per API area under `methods/`, each exporting
 * a {@link MethodTable}; `methods/mod.ts` merges them.
 *
 * @module
 */

import {
  deserialize,
  serialize,
  serializeResult,
  TLError,
} from "../../tl/mod.ts";
import { combinatorById } from "../../tl/schema_index.ts";
import type { StoredAuthKey } from "./auth_keys.ts";
import { authWorld } from "./auth_world.ts";
import { RpcFailure } from "./rpc_error.ts";
import { forClientLayer, upgradeRequest } from "./legacy_layers.ts";
import type { World } from "./world.ts";

/** The oldest layer `invokeWithLayer` accepts. */
export const MIN_LAYER = 144;
/** The layer the test DC answers in. */
export const SERVER_LAYER = 228;

/** Everything a method handler can see. */
export interface RpcContext {
  /** The DC the call arrived at. */
  dc: DcInfo;
  /** The shared world. */
  world: World;
  /** The auth key the call was encrypted with. */
  authKey: StoredAuthKey;
  /** The caller's MTProto session id. */
  sessionId: bigint;
  /** The msg_id of the request. */
  msgId: bigint;
  /** The layer the client declared (this call's `invokeWithLayer`, else the one remembered for the key). */
  layer: number;
  /** Server time, Unix seconds (honours the clock-skew knob). */
  now(): number;
  /** The logged-in user id, or throws `401 AUTH_KEY_UNREGISTERED`. */
  requireUser(): number;
  /** `invokeWithoutUpdates`: the caller's session stops receiving updates. */
  markWithoutUpdates?(): void;
}

/** What handlers know about the DCs of the world. */
export interface DcInfo {
  /** This DC's id. */
  id: number;
  /** Every DC of the world with its TCP address. */
  all(): { id: number; host: string; port: number }[];
}

/** A method handler: returns the result object (or throws {@link RpcFailure}). */
export type MethodHandler = (
  request: Record<string, unknown>,
  ctx: RpcContext,
) => unknown | Promise<unknown>;

/** Handlers by method name (`help.getConfig`). */
export type MethodTable = Record<string, MethodHandler>;

/** How a method needs the caller to be authorized. */
export type AuthRequirement = "none" | "user";

/** The outcome of one call: the serialized result or rpc_error, ready to go into `rpc_result`. */
export interface RpcOutcome {
  /** The innermost method's name (`help.getConfig`), or undefined if the request did not decode. */
  method?: string;
  /** Serialized result object, or a serialized `rpc_error`. */
  bytes: Uint8Array;
  /** Whether it is an error. */
  error?: { code: number; message: string };
}

/**
 * Methods a client may call before it has logged in (the rest answer
 * `401 AUTH_KEY_UNREGISTERED`). Telegram publishes this list as
 * `unauthed_allowed`; these are the areas it covers.
 */
export function allowedUnauthorized(method: string): boolean {
  return method.startsWith("auth.") || method.startsWith("help.") ||
    method.startsWith("langpack.") ||
    method === "ping" || method === "account.getPassword" ||
    method === "account.deleteAccount";
}

const WRAPPERS = new Set([
  "invokeWithLayer",
  "initConnection",
  "invokeWithoutUpdates",
  "invokeAfterMsg",
  "invokeAfterMsgs",
]);

/** Serializes an `rpc_error`. */
export function rpcErrorBytes(code: number, message: string): Uint8Array {
  return serialize({
    _: "rpc_error",
    error_code: code,
    error_message: message,
  });
}

function failure(code: number, message: string, method?: string): RpcOutcome {
  return {
    method,
    bytes: rpcErrorBytes(code, message),
    error: { code, message },
  };
}

/** Maps a decode failure to the error Telegram gives: an unknown method, an unknown constructor, or bad data. */
function decodeFailure(body: Uint8Array, error: unknown): RpcOutcome {
  const id = body.length >= 4
    ? new DataView(body.buffer, body.byteOffset, 4).getUint32(0, true)
    : 0;
  const top = combinatorById(id);
  if (!top || !top.isFunction) return failure(400, "INPUT_METHOD_INVALID");
  if (
    error instanceof TLError && /unknown constructor id/.test(error.message)
  ) {
    // An unknown id where a wrapper expects its query is an unknown method; elsewhere an unknown constructor.
    return /\.query$/.test(error.path)
      ? failure(400, "INPUT_METHOD_INVALID")
      : failure(400, "INPUT_CONSTRUCTOR_INVALID");
  }
  return failure(400, "INPUT_FETCH_FAIL");
}

/** Runs API calls for one DC. */
export class RpcDispatcher {
  constructor(private readonly methods: MethodTable) {}

  /**
   * Decodes and runs one API request (`body` is the message body, already
   * un-gzipped). Never throws: every failure becomes an `rpc_error`. The
   * outcome is synchronous when the handler is, so an answer can leave in the
   * same packet as the acknowledgements of its batch.
   */
  call(
    body: Uint8Array,
    ctx: Omit<RpcContext, "layer" | "requireUser">,
  ): RpcOutcome | Promise<RpcOutcome> {
    let request: Record<string, unknown>;
    try {
      request = deserialize(upgradeRequest(body)) as unknown as Record<
        string,
        unknown
      >;
    } catch (error) {
      return decodeFailure(body, error);
    }
    let layer: number | undefined;
    let initInfo: Record<string, unknown> | undefined;
    while (WRAPPERS.has(request._ as string)) {
      switch (request._) {
        case "invokeWithLayer":
          layer = request.layer as number;
          if (layer < MIN_LAYER) {
            return failure(400, "CONNECTION_LAYER_INVALID");
          }
          break;
        case "initConnection":
          initInfo = request;
          break;
        case "invokeWithoutUpdates":
          ctx.markWithoutUpdates?.();
          break;
      }
      request = request.query as Record<string, unknown>;
    }
    const method = request._ as string;
    if (initInfo) {
      ctx.authKey.connection = {
        layer: layer ?? ctx.authKey.connection?.layer,
        apiId: initInfo.api_id as number,
        deviceModel: initInfo.device_model as string,
        systemVersion: initInfo.system_version as string,
        appVersion: initInfo.app_version as string,
        systemLangCode: initInfo.system_lang_code as string,
        langPack: initInfo.lang_pack as string,
        langCode: initInfo.lang_code as string,
      };
    } else if (layer !== undefined && ctx.authKey.connection) {
      ctx.authKey.connection.layer = layer;
    }
    if (method !== "ping" && !ctx.authKey.connection) {
      return failure(400, "CONNECTION_NOT_INITED", method);
    }
    if (!allowedUnauthorized(method) && ctx.authKey.userId === undefined) {
      return failure(401, "AUTH_KEY_UNREGISTERED", method);
    }
    // Errors tests ask for (FLOOD_WAIT_X, *_MIGRATE_X), before the method runs.
    const injected = authWorld(ctx.world, ctx.now).takeInjectedError(
      method,
      ctx.dc.id,
    );
    if (injected) return failure(injected.code, injected.message, method);
    const handler = this.methods[method];
    if (!handler) {
      return failure(500, "METHOD_NOT_IMPLEMENTED_BY_TEST_DC", method);
    }
    const fullCtx: RpcContext = {
      ...ctx,
      layer: layer ?? ctx.authKey.connection?.layer ?? SERVER_LAYER,
      requireUser: () => {
        if (ctx.authKey.userId === undefined) {
          throw new RpcFailure(401, "AUTH_KEY_UNREGISTERED");
        }
        return ctx.authKey.userId;
      },
    };
    let result: unknown;
    try {
      result = handler(request, fullCtx);
    } catch (error) {
      return handlerFailure(method, error);
    }
    if (result instanceof Promise) {
      return result.then(
        (value) =>
          serializeOutcome(method, forClientLayer(value, fullCtx.layer)),
        (error) => handlerFailure(method, error),
      );
    }
    return serializeOutcome(method, forClientLayer(result, fullCtx.layer));
  }
}

function serializeOutcome(method: string, value: unknown): RpcOutcome {
  try {
    return { method, bytes: serializeResult(method, value) };
  } catch (error) {
    return handlerFailure(method, error);
  }
}

function handlerFailure(method: string, error: unknown): RpcOutcome {
  if (error instanceof RpcFailure) {
    return failure(error.code, error.errorMessage, method);
  }
  console.error(`test DC: ${method} failed:`, error);
  return failure(500, "INTERNAL_SERVER_ERROR", method);
}

/** Whether the body's constructor is an API function (an RPC query that must be content-related). */
export function isApiFunctionId(id: number): boolean {
  const combinator = combinatorById(id);
  return combinator !== undefined && combinator.isFunction &&
    !MTPROTO_FUNCTION_NAMES.has(combinator.name);
}

/** The functions of the MTProto service schema (handled by the session layer, not as API calls). */
export const MTPROTO_FUNCTION_NAMES: ReadonlySet<string> = new Set([
  "req_pq",
  "req_pq_multi",
  "req_DH_params",
  "set_client_DH_params",
  "rpc_drop_answer",
  "get_future_salts",
  "ping",
  "ping_delay_disconnect",
  "destroy_session",
  "destroy_auth_key",
]);
