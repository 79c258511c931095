/**
 * Updates: the sans-IO {@linkcode UpdateManager} (order, gaps, differences),
 * the {@linkcode UpdateLoop} shell that runs it, and the
 * {@linkcode UpdateDispatcher} that runs handlers per chat.
 *
 * @module
 */

export {
  type DispatchedUpdate,
  isUpdates,
  type PeerPredicate,
  type SentMessageContext,
  type StoredUpdateState,
  UpdateManager,
  type UpdateManagerOptions,
  type UpdateRequest,
  type UpdateStep,
} from "./update_manager.ts";
export {
  updateChatKey,
  UpdateDispatcher,
  type UpdateDispatcherOptions,
  type UpdateErrorHandler,
  type UpdateHandler,
} from "./update_dispatcher.ts";
export {
  UpdateLoop,
  type UpdateLoopHost,
  type UpdateLoopOptions,
} from "./update_loop.ts";
export {
  affectedChannelId,
  peerOfInputPeer,
  replyHeaderOfInput,
  sentMessageContext,
} from "./sent_context.ts";
export {
  type PtsPosition,
  type QtsPosition,
  updateChannelId,
  updatePeers,
  type UpdatePosition,
  updatePosition,
} from "./update_info.ts";
