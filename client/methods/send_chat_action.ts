/**
 * `sendChatAction`: shows "typing…" (or another activity) to the chat for about 5 seconds.
 *
 * @module
 */
import type { TypeSendMessageAction } from "../../tl/mod.ts";
import type { ChatId } from "../types/chat_id.ts";
import { InvalidInputError } from "../types/invalid_input_error.ts";
import type { MethodClient } from "./method_client.ts";

/** An activity, as the Bot API names them (plus `"cancel"`, which ends the current one). */
export type ChatAction =
  | "typing"
  | "upload_photo"
  | "record_video"
  | "upload_video"
  | "record_voice"
  | "upload_voice"
  | "upload_document"
  | "choose_sticker"
  | "find_location"
  | "record_video_note"
  | "upload_video_note"
  | "cancel";

function actionToTl(action: ChatAction): TypeSendMessageAction {
  switch (action) {
    case "typing":
      return { _: "sendMessageTypingAction" };
    case "upload_photo":
      return { _: "sendMessageUploadPhotoAction", progress: 0 };
    case "record_video":
      return { _: "sendMessageRecordVideoAction" };
    case "upload_video":
      return { _: "sendMessageUploadVideoAction", progress: 0 };
    case "record_voice":
      return { _: "sendMessageRecordAudioAction" };
    case "upload_voice":
      return { _: "sendMessageUploadAudioAction", progress: 0 };
    case "upload_document":
      return { _: "sendMessageUploadDocumentAction", progress: 0 };
    case "choose_sticker":
      return { _: "sendMessageChooseStickerAction" };
    case "find_location":
      return { _: "sendMessageGeoLocationAction" };
    case "record_video_note":
      return { _: "sendMessageRecordRoundAction" };
    case "upload_video_note":
      return { _: "sendMessageUploadRoundAction", progress: 0 };
    case "cancel":
      return { _: "sendMessageCancelAction" };
    default:
      throw new InvalidInputError(
        "action",
        `unknown chat action ${JSON.stringify(action)}`,
      );
  }
}

/** Options of {@linkcode sendChatAction}. */
export interface SendChatActionOptions {
  /** The forum topic the action is in. */
  message_thread_id?: number;
}

/** Tells the chat's members that the account is doing something (`messages.setTyping`). */
export async function sendChatAction(
  client: MethodClient,
  chatId: ChatId,
  action: ChatAction,
  options: SendChatActionOptions = {},
): Promise<void> {
  await client.invoke({
    _: "messages.setTyping",
    peer: await client.peers.inputPeer(chatId),
    action: actionToTl(action),
    ...(options.message_thread_id !== undefined
      ? { top_msg_id: options.message_thread_id }
      : {}),
  });
}
