/**
 * Inline message ids: the Bot API's opaque string for a message sent through inline mode,
 * which is the base64url form of the serialized TL `InputBotInlineMessageID`.
 *
 * @module
 */
import {
  deserialize,
  serialize,
  TLError,
  type TypeInputBotInlineMessageID,
} from "../../tl/mod.ts";
import { decodeBase64, encodeBase64 } from "../../storage/base64.ts";
import { InvalidInputError } from "./invalid_input_error.ts";

/** The Bot API string form of a TL inline message id. */
export function encodeInlineMessageId(id: TypeInputBotInlineMessageID): string {
  return encodeBase64(serialize(id), true);
}

/** The TL inline message id a Bot API string names; an {@linkcode InvalidInputError} if none. */
export function decodeInlineMessageId(id: string): TypeInputBotInlineMessageID {
  const bytes = typeof id === "string" ? decodeBase64(id, true) : undefined;
  let decoded: unknown;
  try {
    if (bytes !== undefined) decoded = deserialize(bytes) as unknown;
  } catch (error) {
    if (!(error instanceof TLError)) throw error;
  }
  const kind = (decoded as { _?: string } | undefined)?._;
  if (
    kind !== "inputBotInlineMessageID" && kind !== "inputBotInlineMessageID64"
  ) {
    throw new InvalidInputError(
      "inline_message_id",
      "not an inline message id",
    );
  }
  return decoded as TypeInputBotInlineMessageID;
}
