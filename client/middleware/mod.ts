/**
 * Middleware in the style of grammY: `Composer`, filter queries and `Context`.
 *
 * @module
 */
export {
  type CommandContext,
  Composer,
  type MatchedContext,
  type Middleware,
  MiddlewareError,
  type MiddlewareFn,
  type MiddlewareObj,
  type NextFunction,
  run,
  type Trigger,
} from "./composer.ts";
export { Context, type ContextApi, ContextError } from "./context.ts";
export {
  type CallbackQueryField,
  compileFilter,
  compileFilters,
  type Filter,
  type Filterable,
  type FilterQuery,
  type KindShortcuts,
  MESSAGE_FIELDS,
  type MessageField,
  type MessageKind,
  type MessageKindAlias,
} from "./filter.ts";
export type {
  FilteredContextOf,
  FilteredValue,
  FilterQueryField,
  FilterQueryKind,
  FilterQueryKinds,
  KindShortcutContext,
  OptionalKeysOf,
  WithRequiredField,
} from "./filter.ts";
