/**
 * `setMyCommands`: the bot's command menu.
 *
 * @module
 */
import type { TypeBotCommandScope } from "../../tl/mod.ts";
import {
  BOT_COMMAND_PATTERN,
  type BotCommand,
  type BotCommandScope,
} from "../types/bot_command.ts";
import { InvalidInputError } from "../types/invalid_input_error.ts";
import type { MethodClient } from "./method_client.ts";

/** Options of {@linkcode setMyCommands}. */
export interface SetMyCommandsOptions {
  /** Who sees the commands (default `{ type: "default" }`). */
  scope?: BotCommandScope;
  /** For users with this language (two-letter ISO 639-1 code); absent: everyone. */
  language_code?: string;
}

/** The TL form of a command scope (chats resolved through the peer cache). */
export async function botCommandScopeToTl(
  client: MethodClient,
  scope: BotCommandScope,
): Promise<TypeBotCommandScope> {
  switch (scope.type) {
    case "default":
      return { _: "botCommandScopeDefault" };
    case "all_private_chats":
      return { _: "botCommandScopeUsers" };
    case "all_group_chats":
      return { _: "botCommandScopeChats" };
    case "all_chat_administrators":
      return { _: "botCommandScopeChatAdmins" };
    case "chat":
      return {
        _: "botCommandScopePeer",
        peer: await client.peers.inputPeer(scope.chat_id),
      };
    case "chat_administrators":
      return {
        _: "botCommandScopePeerAdmins",
        peer: await client.peers.inputPeer(scope.chat_id),
      };
    case "chat_member":
      return {
        _: "botCommandScopePeerUser",
        peer: await client.peers.inputPeer(scope.chat_id),
        user_id: await client.peers.inputUser(scope.user_id),
      };
    default:
      throw new InvalidInputError("scope", "unknown command scope");
  }
}

/** Sets the bot's commands (at most 100; an empty list clears them) for a scope and language. */
export async function setMyCommands(
  client: MethodClient,
  commands: readonly BotCommand[],
  options: SetMyCommandsOptions = {},
): Promise<void> {
  if (!Array.isArray(commands) || commands.length > 100) {
    throw new InvalidInputError(
      "commands",
      "must be a list of at most 100 commands",
    );
  }
  for (const { command, description } of commands) {
    if (typeof command !== "string" || !BOT_COMMAND_PATTERN.test(command)) {
      throw new InvalidInputError(
        "commands",
        `${JSON.stringify(command)}: a command is 1-32 of a-z, 0-9 and _`,
      );
    }
    if (
      typeof description !== "string" || description.length < 1 ||
      description.length > 256
    ) {
      throw new InvalidInputError(
        "commands",
        `/${command}: a description is 1-256 characters`,
      );
    }
  }
  await client.invoke({
    _: "bots.setBotCommands",
    scope: await botCommandScopeToTl(
      client,
      options.scope ?? { type: "default" },
    ),
    lang_code: options.language_code ?? "",
    commands: commands.map(({ command, description }) => ({
      _: "botCommand",
      command,
      description,
    })),
  });
}
