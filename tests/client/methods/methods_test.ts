import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { answerCallbackQuery } from "../../../client/methods/answer_callback_query.ts";
import { answerInlineQuery } from "../../../client/methods/answer_inline_query.ts";
import { banChatMember } from "../../../client/methods/ban_chat_member.ts";
import { deleteMessages } from "../../../client/methods/delete_messages.ts";
import { editMessageText } from "../../../client/methods/edit_message_text.ts";
import { forwardMessages } from "../../../client/methods/forward_messages.ts";
import { getHistory } from "../../../client/methods/get_history.ts";
import { getMe } from "../../../client/methods/get_me.ts";
import { resolveUsername } from "../../../client/methods/resolve_username.ts";
import { sendChatAction } from "../../../client/methods/send_chat_action.ts";
import { setMyCommands } from "../../../client/methods/set_my_commands.ts";
import { UnexpectedResultError } from "../../../client/methods/unexpected_result_error.ts";
import { InvalidInputError } from "../../../client/types/invalid_input_error.ts";
import type {
  RawMessagesForwardMessagesRequest,
  RawMessagesGetHistoryRequest,
  TypeMessage,
  TypeUpdates,
} from "../../../tl/mod.ts";
import {
  ALICE_HASH,
  ALICE_ID,
  fakeClient,
  GROUP_ID,
  MARKED,
  SELF_ID,
  SUPER_HASH,
  SUPER_ID,
  USERS,
} from "./fake_method_client.ts";

const ALICE = {
  _: "inputPeerUser",
  user_id: ALICE_ID,
  access_hash: ALICE_HASH,
};
const SUPER_CHANNEL = {
  _: "inputChannel",
  channel_id: SUPER_ID,
  access_hash: SUPER_HASH,
};

function privateMessage(
  id: number,
  text: string,
  out = false,
): Extract<TypeMessage, { _: "message" }> {
  return {
    _: "message",
    id,
    ...(out ? { out: true as const } : {}),
    peer_id: { _: "peerUser", user_id: ALICE_ID },
    from_id: { _: "peerUser", user_id: out ? SELF_ID : ALICE_ID },
    date: 1000 + id,
    message: text,
  };
}

describe("editMessageText and deleteMessages", () => {
  it("editMessageText sends the new text and keyboard, and converts the edited message", async () => {
    const { client, calls } = await fakeClient(() => ({
      _: "updates",
      updates: [{
        _: "updateEditMessage",
        message: { ...privateMessage(5, "new", true), edit_date: 2000 },
        pts: 3,
        pts_count: 1,
      }],
      users: USERS,
      chats: [],
      date: 2000,
      seq: 0,
    } satisfies TypeUpdates));
    const edited = await editMessageText(client, Number(ALICE_ID), 5, "new", {
      reply_markup: { inline_keyboard: [] },
      link_preview_options: { is_disabled: true },
    });
    assert.deepEqual(calls, [{
      _: "messages.editMessage",
      peer: ALICE,
      id: 5,
      message: "new",
      reply_markup: { _: "replyInlineMarkup", rows: [] },
      no_webpage: true,
    }]);
    assert.equal(edited.message_id, 5);
    assert.equal(edited.text, "new");
    assert.equal(edited.edit_date, 2000);
  });

  it("editMessageText without the edited message in the answer is an UnexpectedResultError", async () => {
    const { client } = await fakeClient(() => ({
      _: "updates",
      updates: [],
      users: [],
      chats: [],
      date: 0,
      seq: 0,
    }));
    await assert.rejects(
      editMessageText(client, Number(ALICE_ID), 5, "x"),
      UnexpectedResultError,
    );
  });

  it("deleteMessages: messages.deleteMessages with revoke, channels.deleteMessages in supergroups", async () => {
    const { client, calls } = await fakeClient((request) => ({
      _: "messages.affectedMessages",
      pts: 9,
      pts_count: (request as { id: number[] }).id.length,
    }));
    assert.equal(await deleteMessages(client, Number(ALICE_ID), [1, 2]), 2);
    assert.equal(await deleteMessages(client, MARKED.supergroup, [3]), 1);
    assert.equal(
      await deleteMessages(client, MARKED.group, [4], { revoke: false }),
      1,
    );
    assert.deepEqual(calls, [
      { _: "messages.deleteMessages", id: [1, 2], revoke: true },
      { _: "channels.deleteMessages", channel: SUPER_CHANNEL, id: [3] },
      { _: "messages.deleteMessages", id: [4] },
    ]);
    await assert.rejects(
      deleteMessages(client, Number(ALICE_ID), [1.5]),
      InvalidInputError,
    );
    assert.equal(calls.length, 3);
  });
});

describe("forwardMessages", () => {
  it("maps both chats and one random id per message, and orders the copies by them", async () => {
    const { client, calls } = await fakeClient((request) => {
      const [a, b] = (request as RawMessagesForwardMessagesRequest).random_id;
      const copy = (id: number, text: string): TypeMessage => ({
        _: "message",
        id,
        peer_id: { _: "peerChat", chat_id: GROUP_ID },
        from_id: { _: "peerUser", user_id: SELF_ID },
        fwd_from: {
          _: "messageFwdHeader",
          from_id: { _: "peerUser", user_id: ALICE_ID },
          date: 1,
        },
        date: 2,
        message: text,
      });
      // The answer lists the copies out of order: random ids put them right.
      return {
        _: "updates",
        updates: [
          { _: "updateMessageID", id: 21, random_id: b },
          { _: "updateMessageID", id: 20, random_id: a },
          {
            _: "updateNewMessage",
            message: copy(21, "second"),
            pts: 2,
            pts_count: 1,
          },
          {
            _: "updateNewMessage",
            message: copy(20, "first"),
            pts: 1,
            pts_count: 1,
          },
        ],
        users: USERS,
        chats: [],
        date: 2,
        seq: 0,
      } satisfies TypeUpdates;
    });
    const copies = await forwardMessages(
      client,
      MARKED.group,
      Number(ALICE_ID),
      [7, 8],
      { disable_notification: true },
    );
    const request = calls[0] as RawMessagesForwardMessagesRequest;
    assert.deepEqual(request.from_peer, ALICE);
    assert.deepEqual(request.to_peer, {
      _: "inputPeerChat",
      chat_id: GROUP_ID,
    });
    assert.deepEqual(request.id, [7, 8]);
    assert.equal(request.random_id.length, 2);
    assert.equal(request.silent, true);
    assert.deepEqual(copies.map((m) => m.text), ["first", "second"]);
    assert.equal(copies[0].chat.id, MARKED.group);
    assert.equal(copies[0].forward_origin?.type, "user");
    await assert.rejects(
      forwardMessages(client, MARKED.group, Number(ALICE_ID), []),
      InvalidInputError,
    );
  });
});

describe("getHistory", () => {
  it("pages with offset_id until the history ends, and stops at the limit", async () => {
    const { client, calls } = await fakeClient((request) => {
      const { offset_id: offset, limit } =
        request as RawMessagesGetHistoryRequest;
      const top = offset === 0 ? 5 : offset - 1;
      const ids = [];
      for (let id = top; id >= 1 && ids.length < limit; id--) ids.push(id);
      return {
        _: "messages.messagesSlice",
        count: 5,
        messages: ids.map((id) => privateMessage(id, `m${id}`)),
        chats: [],
        users: USERS,
      };
    });
    const texts: string[] = [];
    for await (
      const message of getHistory(client, Number(ALICE_ID), { page_size: 2 })
    ) {
      texts.push(message.text ?? "");
    }
    assert.deepEqual(texts, ["m5", "m4", "m3", "m2", "m1"]);
    assert.deepEqual(
      calls.map((c) => (c as RawMessagesGetHistoryRequest).offset_id),
      [0, 4, 2, 1],
    );
    calls.length = 0;
    const limited: number[] = [];
    for await (
      const message of getHistory(client, Number(ALICE_ID), { limit: 3 })
    ) {
      limited.push(message.message_id);
    }
    assert.deepEqual(limited, [5, 4, 3]);
    assert.equal((calls[0] as RawMessagesGetHistoryRequest).limit, 3);
    await assert.rejects(
      getHistory(client, Number(ALICE_ID), { page_size: 500 }).next(),
      InvalidInputError,
    );
  });
});

describe("users, chats and bot settings", () => {
  it("getMe converts the logged-in user", async () => {
    const { client, calls } = await fakeClient(() => [USERS[0]]);
    const me = await getMe(client);
    assert.deepEqual(calls, [{
      _: "users.getUsers",
      id: [{ _: "inputUserSelf" }],
    }]);
    assert.equal(me.id, Number(SELF_ID));
    assert.equal(me.is_bot, true);
    assert.equal(me.username, "the_bot");
    const empty = await fakeClient(() => []);
    await assert.rejects(getMe(empty.client), UnexpectedResultError);
  });

  it("resolveUsername asks the server for unknown names and gives a Chat", async () => {
    const { client, calls } = await fakeClient(() => ({
      _: "contacts.resolvedPeer",
      peer: { _: "peerUser", user_id: 77n },
      users: [{
        _: "user",
        id: 77n,
        access_hash: 5n,
        first_name: "Carol",
        username: "carol",
      }],
      chats: [],
    }));
    const chat = await resolveUsername(client, "@carol");
    assert.deepEqual(calls, [{
      _: "contacts.resolveUsername",
      username: "carol",
    }]);
    assert.deepEqual(chat, {
      id: 77,
      type: "private",
      first_name: "Carol",
      username: "carol",
    });
    await assert.rejects(resolveUsername(client, "no"), InvalidInputError);
  });

  it("setMyCommands, sendChatAction and answerCallbackQuery map to their TL calls", async () => {
    const { client, calls } = await fakeClient();
    await setMyCommands(client, [{ command: "start", description: "Begin" }], {
      language_code: "en",
    });
    await sendChatAction(client, MARKED.supergroup, "typing");
    await answerCallbackQuery(client, "-12345", {
      text: "done",
      show_alert: true,
    });
    assert.deepEqual(calls, [
      {
        _: "bots.setBotCommands",
        scope: { _: "botCommandScopeDefault" },
        lang_code: "en",
        commands: [{ _: "botCommand", command: "start", description: "Begin" }],
      },
      {
        _: "messages.setTyping",
        peer: {
          _: "inputPeerChannel",
          channel_id: SUPER_ID,
          access_hash: SUPER_HASH,
        },
        action: { _: "sendMessageTypingAction" },
      },
      {
        _: "messages.setBotCallbackAnswer",
        query_id: -12345n,
        cache_time: 0,
        message: "done",
        alert: true,
      },
    ]);
    await assert.rejects(
      setMyCommands(client, [{ command: "Bad-Name", description: "x" }]),
      InvalidInputError,
    );
    await assert.rejects(
      answerCallbackQuery(client, "not a number"),
      InvalidInputError,
    );
    await assert.rejects(
      answerCallbackQuery(client, "99999999999999999999"),
      InvalidInputError,
    );
    assert.equal(calls.length, 3);
  });

  it("banChatMember: channels.editBanned in supergroups, deleteChatUser in basic groups, an error elsewhere", async () => {
    const { client, calls } = await fakeClient();
    await banChatMember(client, MARKED.supergroup, Number(ALICE_ID), {
      until_date: 2_000_000_000,
    });
    await banChatMember(client, MARKED.group, Number(ALICE_ID));
    const [ban, kick] = calls;
    assert.equal(ban._, "channels.editBanned");
    if (ban._ === "channels.editBanned") {
      assert.deepEqual(ban.channel, SUPER_CHANNEL);
      assert.deepEqual(ban.participant, ALICE);
      assert.equal(ban.banned_rights.view_messages, true);
      assert.equal(ban.banned_rights.until_date, 2_000_000_000);
    }
    assert.deepEqual(kick, {
      _: "messages.deleteChatUser",
      chat_id: GROUP_ID,
      user_id: { _: "inputUser", user_id: ALICE_ID, access_hash: ALICE_HASH },
    });
    await assert.rejects(
      banChatMember(client, Number(ALICE_ID), Number(ALICE_ID)),
      InvalidInputError,
    );
    assert.equal(calls.length, 2);
  });
});

describe("answerInlineQuery", () => {
  it("maps articles, photos and documents by URL, and cached ones", async () => {
    const { client, calls } = await fakeClient();
    await answerInlineQuery(client, "77", [
      {
        type: "article",
        id: "a",
        title: "Article",
        input_message_content: { message_text: "<i>x</i>", parse_mode: "HTML" },
      },
      {
        type: "photo",
        id: "p",
        photo_url: "https://e.example/p.jpg",
        thumbnail_url: "https://e.example/t.jpg",
        photo_width: 10,
        photo_height: 20,
        caption: "cap",
        show_caption_above_media: true,
      },
      {
        type: "document",
        id: "d",
        title: "Doc",
        document_url: "https://e.example/d.zip",
        mime_type: "application/zip",
      },
      {
        type: "photo",
        id: "cp",
        input_photo: {
          _: "inputPhoto",
          id: 1n,
          access_hash: 2n,
          file_reference: new Uint8Array([3]),
        },
        reply_markup: {
          inline_keyboard: [[{ text: "k", callback_data: "k" }]],
        },
      },
      {
        type: "document",
        id: "cd",
        title: "Cached",
        description: "held",
        input_document: {
          _: "inputDocument",
          id: 4n,
          access_hash: 5n,
          file_reference: new Uint8Array([6]),
        },
      },
    ], { cache_time: 0, is_personal: true, next_offset: "2" });
    assert.equal(calls.length, 1);
    const call = calls[0];
    assert.equal(call._, "messages.setInlineBotResults");
    if (call._ !== "messages.setInlineBotResults") return;
    assert.equal(call.query_id, 77n);
    assert.equal(call.private, true);
    assert.equal(call.next_offset, "2");
    const [article, photo, document, cachedPhoto, cachedDocument] =
      call.results;
    assert.deepEqual(article, {
      _: "inputBotInlineResult",
      id: "a",
      type: "article",
      title: "Article",
      send_message: {
        _: "inputBotInlineMessageText",
        message: "x",
        entities: [{ _: "messageEntityItalic", offset: 0, length: 1 }],
      },
    });
    assert.deepEqual(photo, {
      _: "inputBotInlineResult",
      id: "p",
      type: "photo",
      thumb: {
        _: "inputWebDocument",
        url: "https://e.example/t.jpg",
        size: 0,
        mime_type: "image/jpeg",
        attributes: [],
      },
      content: {
        _: "inputWebDocument",
        url: "https://e.example/p.jpg",
        size: 0,
        mime_type: "image/jpeg",
        attributes: [{ _: "documentAttributeImageSize", w: 10, h: 20 }],
      },
      send_message: {
        _: "inputBotInlineMessageMediaAuto",
        message: "cap",
        invert_media: true,
      },
    });
    assert.deepEqual(document, {
      _: "inputBotInlineResult",
      id: "d",
      type: "file",
      title: "Doc",
      content: {
        _: "inputWebDocument",
        url: "https://e.example/d.zip",
        size: 0,
        mime_type: "application/zip",
        attributes: [],
      },
      send_message: { _: "inputBotInlineMessageMediaAuto", message: "" },
    });
    assert.equal(cachedPhoto._, "inputBotInlineResultPhoto");
    assert.equal(
      cachedPhoto.send_message.reply_markup?._,
      "replyInlineMarkup",
    );
    assert.deepEqual(cachedDocument, {
      _: "inputBotInlineResultDocument",
      id: "cd",
      type: "file",
      title: "Cached",
      description: "held",
      document: {
        _: "inputDocument",
        id: 4n,
        access_hash: 5n,
        file_reference: new Uint8Array([6]),
      },
      send_message: { _: "inputBotInlineMessageMediaAuto", message: "" },
    });
  });

  it("refuses bad results with typed errors before asking", async () => {
    const { client, calls } = await fakeClient();
    const bad: unknown[] = [
      [{ type: "video", id: "v" }],
      [{
        type: "article",
        id: "",
        title: "t",
        input_message_content: { message_text: "x" },
      }],
      [{
        type: "photo",
        id: "p",
        photo_url: "javascript:alert(1)",
        thumbnail_url: "https://e/t.jpg",
      }],
      [{
        type: "photo",
        id: "p",
        photo_url: "https://e/p.jpg",
        thumbnail_url: "https://e/t.jpg",
        photo_width: -1,
        photo_height: 2,
      }],
      [{
        type: "document",
        id: "d",
        title: "t",
        document_url: "https://e/d.exe",
        mime_type: "application/octet-stream",
      }],
      [{
        type: "document",
        id: "d",
        title: "t",
        input_document: { _: "inputPhoto" },
      }],
      [{
        type: "photo",
        id: "p",
        photo_url: "https://e/p.jpg",
        thumbnail_url: "https://e/t.jpg",
        caption: "c".repeat(1025),
      }],
      [
        {
          type: "article",
          id: "same",
          title: "t",
          input_message_content: { message_text: "x" },
        },
        {
          type: "article",
          id: "same",
          title: "t",
          input_message_content: { message_text: "y" },
        },
      ],
      [null],
    ];
    for (const results of bad) {
      await assert.rejects(
        answerInlineQuery(client, "1", results as never),
        InvalidInputError,
        JSON.stringify(results),
      );
    }
    assert.deepEqual(calls, []);
  });
});
