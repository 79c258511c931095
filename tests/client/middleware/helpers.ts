/** Synthetic updates and a recording fake client for middleware tests. */
import type { TypeUpdate } from "../../../tl/mod.ts";
import {
  Context,
  type ContextApi,
} from "../../../client/middleware/context.ts";
import type { Message } from "../../../client/types/message.ts";
import type { Update } from "../../../client/types/update.ts";

/** One recorded call of the fake client. */
export interface Call {
  method: string;
  args: unknown[];
}

/** A client that records every call and answers with a dummy message. */
export function fakeClient(): ContextApi & { calls: Call[] } {
  const calls: Call[] = [];
  const record = (method: string) => (...args: unknown[]) => {
    calls.push({ method, args });
    return Promise.resolve(
      method === "forwardMessages"
        ? [dummyMessage()]
        : method.startsWith("answer") ||
            method === "pinMessage" || method === "sendChatAction" ||
            method === "editInlineMessageText"
        ? undefined
        : method === "deleteMessages"
        ? 1
        : dummyMessage(),
    );
  };
  return {
    calls,
    sendMessage: record("sendMessage"),
    editMessageText: record("editMessageText"),
    editInlineMessageText: record("editInlineMessageText"),
    editMessageReplyMarkup: record("editMessageReplyMarkup"),
    deleteMessages: record("deleteMessages"),
    forwardMessages: record("forwardMessages"),
    copyMessage: record("copyMessage"),
    pinMessage: record("pinMessage"),
    sendChatAction: record("sendChatAction"),
    answerCallbackQuery: record("answerCallbackQuery"),
    answerInlineQuery: record("answerInlineQuery"),
  } as ContextApi & { calls: Call[] };
}

/** A private-chat text message from user 7. */
export function dummyMessage(fields: Partial<Message> = {}): Message {
  return {
    message_id: 10,
    date: 1_700_000_000,
    chat: { id: 7, type: "private", first_name: "Ann" },
    from: { id: 7, is_bot: false, first_name: "Ann" },
    ...fields,
  };
}

const RAW: TypeUpdate = { _: "updateConfig" };

/** A context for an update, with a fresh fake client. */
export function contextOf(
  update: Omit<Update, "update_id">,
  raw: TypeUpdate = RAW,
  me = { id: 99, is_bot: true, first_name: "Bot", username: "test_bot" },
): Context<ReturnType<typeof fakeClient>> {
  return new Context({ update_id: 1, ...update }, raw, fakeClient(), me);
}
