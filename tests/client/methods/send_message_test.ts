import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { sendMessage } from "../../../client/methods/send_message.ts";
import { PeerNotFoundError } from "../../../client/methods/peer_not_found_error.ts";
import { InvalidInputError } from "../../../client/types/invalid_input_error.ts";
import { ParseModeError } from "../../../client/parse_mode/parse_mode_error.ts";
import type {
  RawMessagesSendMediaRequest,
  RawMessagesSendMessageRequest,
  TLFunction,
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
} from "./fake_method_client.ts";

/** The short answer Telegram gives in private chats. */
function shortSent(id = 10): TypeUpdates {
  return {
    _: "updateShortSentMessage",
    out: true,
    id,
    pts: 5,
    pts_count: 1,
    date: 1_700_000_000,
  };
}

function sentRequest(calls: TLFunction[]): RawMessagesSendMessageRequest {
  assert.equal(calls.length, 1);
  const [call] = calls;
  assert.equal(call._, "messages.sendMessage");
  return call as RawMessagesSendMessageRequest;
}

describe("sendMessage: arguments to the TL request", () => {
  it("addresses users, basic groups, supergroups and self by their Bot API ids", async () => {
    const { client, calls } = await fakeClient(() => shortSent());
    await sendMessage(client, Number(ALICE_ID), "to alice");
    await sendMessage(client, MARKED.group, "to the group");
    await sendMessage(client, String(MARKED.supergroup), "to the supergroup");
    await sendMessage(client, "me", "to myself");
    await sendMessage(client, "@alice", "by username");
    assert.deepEqual(
      calls.map((c) => (c as RawMessagesSendMessageRequest).peer),
      [
        { _: "inputPeerUser", user_id: ALICE_ID, access_hash: ALICE_HASH },
        { _: "inputPeerChat", chat_id: GROUP_ID },
        {
          _: "inputPeerChannel",
          channel_id: SUPER_ID,
          access_hash: SUPER_HASH,
        },
        { _: "inputPeerSelf" },
        { _: "inputPeerUser", user_id: ALICE_ID, access_hash: ALICE_HASH },
      ],
    );
    // Every message gets its own random id.
    const randoms = new Set(
      calls.map((c) => (c as RawMessagesSendMessageRequest).random_id),
    );
    assert.equal(randoms.size, 5);
  });

  it("parses HTML and MarkdownV2 into entities with UTF-16 offsets", async () => {
    const { client, calls } = await fakeClient(() => shortSent());
    await sendMessage(client, Number(ALICE_ID), "😀 <b>bold</b> <i>it</i>", {
      parse_mode: "HTML",
    });
    await sendMessage(client, Number(ALICE_ID), "*bold* _it_ \\!", {
      parse_mode: "MarkdownV2",
    });
    const [html, markdown] = calls as RawMessagesSendMessageRequest[];
    assert.equal(html.message, "😀 bold it");
    assert.deepEqual(html.entities, [
      { _: "messageEntityBold", offset: 3, length: 4 },
      { _: "messageEntityItalic", offset: 8, length: 2 },
    ]);
    assert.equal(markdown.message, "bold it !");
    assert.deepEqual(markdown.entities, [
      { _: "messageEntityBold", offset: 0, length: 4 },
      { _: "messageEntityItalic", offset: 5, length: 2 },
    ]);
  });

  it("maps reply parameters, silent, protect_content and keyboards", async () => {
    const { client, calls } = await fakeClient(() => shortSent());
    await sendMessage(client, Number(ALICE_ID), "answer", {
      reply_parameters: {
        message_id: 7,
        chat_id: MARKED.supergroup,
        quote: "quoted",
        quote_position: 3,
      },
      disable_notification: true,
      protect_content: true,
      reply_markup: {
        inline_keyboard: [[
          { text: "A", callback_data: "pick:a" },
          { text: "Site", url: "https://example.com" },
        ]],
      },
    });
    await sendMessage(client, Number(ALICE_ID), "menu", {
      reply_markup: {
        keyboard: [["one", { text: "phone", request_contact: true }]],
        resize_keyboard: true,
        one_time_keyboard: true,
      },
    });
    await sendMessage(client, Number(ALICE_ID), "bye", {
      reply_markup: { remove_keyboard: true },
    });
    const [first, second, third] = calls as RawMessagesSendMessageRequest[];
    assert.deepEqual(first.reply_to, {
      _: "inputReplyToMessage",
      reply_to_msg_id: 7,
      reply_to_peer_id: {
        _: "inputPeerChannel",
        channel_id: SUPER_ID,
        access_hash: SUPER_HASH,
      },
      quote_text: "quoted",
      quote_offset: 3,
    });
    assert.equal(first.silent, true);
    assert.equal(first.noforwards, true);
    assert.deepEqual(first.reply_markup, {
      _: "replyInlineMarkup",
      rows: [{
        _: "keyboardButtonRow",
        buttons: [
          {
            _: "keyboardButtonCallback",
            text: "A",
            data: new TextEncoder().encode("pick:a"),
          },
          { _: "keyboardButtonUrl", text: "Site", url: "https://example.com" },
        ],
      }],
    });
    assert.equal(second.reply_markup?._, "replyKeyboardMarkup");
    if (second.reply_markup?._ === "replyKeyboardMarkup") {
      assert.equal(second.reply_markup.resize, true);
      assert.equal(second.reply_markup.single_use, true);
      assert.deepEqual(
        second.reply_markup.rows[0].buttons.map((b) => b._),
        ["keyboardButton", "keyboardButtonRequestPhone"],
      );
    }
    assert.equal(third.reply_markup?._, "replyKeyboardHide");
    assert.equal(first.no_webpage, undefined);
  });

  it("link preview options: disabled, or a chosen URL through sendMedia", async () => {
    const { client, calls } = await fakeClient(() => shortSent());
    await sendMessage(client, Number(ALICE_ID), "see https://a.example", {
      link_preview_options: { is_disabled: true },
    });
    await sendMessage(client, Number(ALICE_ID), "see this", {
      link_preview_options: {
        url: "https://b.example",
        prefer_large_media: true,
        show_above_text: true,
      },
    });
    const [disabled, chosen] = calls;
    assert.equal(disabled._, "messages.sendMessage");
    assert.equal(
      (disabled as RawMessagesSendMessageRequest).no_webpage,
      true,
    );
    assert.equal(chosen._, "messages.sendMedia");
    const media = chosen as RawMessagesSendMediaRequest;
    assert.deepEqual(media.media, {
      _: "inputMediaWebPage",
      url: "https://b.example",
      optional: true,
      force_large_media: true,
    });
    assert.equal(media.invert_media, true);
    assert.equal(media.message, "see this");
  });
});

describe("sendMessage: the answer to a Bot API Message", () => {
  it("rebuilds a short answer from the request: text, entities, reply, keyboard", async () => {
    const { client } = await fakeClient(() => shortSent(33));
    const message = await sendMessage(client, Number(ALICE_ID), "<b>hi</b>", {
      parse_mode: "HTML",
      reply_parameters: { message_id: 3 },
      disable_notification: true,
      reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "a" }]] },
    });
    assert.equal(message.message_id, 33);
    assert.equal(message.date, 1_700_000_000);
    assert.equal(message.text, "hi");
    assert.deepEqual(message.entities, [
      { type: "bold", offset: 0, length: 2 },
    ]);
    assert.equal(message.chat.id, Number(ALICE_ID));
    assert.equal(message.chat.type, "private");
    assert.equal(message.from?.id, Number(SELF_ID));
    assert.equal(message.reply_to_message_id, 3);
    assert.equal(message.is_silent, true);
    assert.deepEqual(message.reply_markup, {
      inline_keyboard: [[{ text: "A", callback_data: "a" }]],
    });
  });

  it("picks its own message out of a full `updates` by random id", async () => {
    const { client, calls } = await fakeClient((request) => {
      const random = (request as RawMessagesSendMessageRequest).random_id;
      return {
        _: "updates",
        updates: [
          { _: "updateMessageID", id: 9, random_id: random },
          {
            _: "updateNewChannelMessage",
            message: {
              _: "message",
              id: 8,
              peer_id: { _: "peerChannel", channel_id: SUPER_ID },
              date: 1,
              message: "someone else's",
            },
            pts: 1,
            pts_count: 1,
          },
          {
            _: "updateNewChannelMessage",
            message: {
              _: "message",
              out: true,
              id: 9,
              peer_id: { _: "peerChannel", channel_id: SUPER_ID },
              from_id: { _: "peerUser", user_id: SELF_ID },
              date: 2,
              message: "mine",
            },
            pts: 2,
            pts_count: 1,
          },
        ],
        users: [],
        chats: [],
        date: 2,
        seq: 0,
      } satisfies TypeUpdates;
    });
    const message = await sendMessage(client, MARKED.supergroup, "mine");
    assert.equal(calls.length, 1);
    assert.equal(message.message_id, 9);
    assert.equal(message.text, "mine");
    assert.equal(message.chat.id, MARKED.supergroup);
    assert.equal(message.chat.type, "supergroup");
    assert.equal(message.chat.title, "Super");
  });
});

describe("sendMessage: bad input gives typed errors and no request", () => {
  it("refuses empty and too long texts, bad ids, unknown peers and malformed markup", async () => {
    const { client, calls } = await fakeClient(() => shortSent());
    await assert.rejects(
      sendMessage(client, Number(ALICE_ID), "   "),
      InvalidInputError,
    );
    await assert.rejects(
      sendMessage(client, Number(ALICE_ID), "x".repeat(4097)),
      InvalidInputError,
    );
    await assert.rejects(sendMessage(client, 0, "hi"), InvalidInputError);
    await assert.rejects(
      sendMessage(client, "not a chat!", "hi"),
      InvalidInputError,
    );
    await assert.rejects(
      sendMessage(client, 123_456_789, "hi"),
      PeerNotFoundError,
    );
    await assert.rejects(
      sendMessage(client, Number(ALICE_ID), "<b>open", { parse_mode: "HTML" }),
      ParseModeError,
    );
    await assert.rejects(
      sendMessage(client, Number(ALICE_ID), "hi", {
        parse_mode: "HTML",
        entities: [{ type: "bold", offset: 0, length: 2 }],
      }),
      InvalidInputError,
    );
    await assert.rejects(
      sendMessage(client, Number(ALICE_ID), "hi", {
        reply_markup: {
          inline_keyboard: [[{ text: "x", callback_data: "x".repeat(65) }]],
        },
      }),
      InvalidInputError,
    );
    assert.deepEqual(calls, []);
  });

  it("sentRequest helper sanity: one call per message", async () => {
    const { client, calls } = await fakeClient(() => shortSent());
    await sendMessage(client, Number(ALICE_ID), "one");
    assert.equal(sentRequest(calls).message, "one");
  });
});
