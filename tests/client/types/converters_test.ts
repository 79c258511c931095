import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { TypeChat, TypeMessage, TypeUser } from "../../../tl/mod.ts";
import { PeerMap } from "../../../client/types/peer_map.ts";
import { messageFromTl } from "../../../client/types/message.ts";
import { updateFromTl } from "../../../client/types/update.ts";
import {
  encodeCallbackData,
  replyMarkupFromTl,
  replyMarkupToTl,
} from "../../../client/types/reply_markup.ts";
import { chatMemberFromChannelParticipant } from "../../../client/types/chat_member.ts";
import {
  decodeInlineMessageId,
  encodeInlineMessageId,
} from "../../../client/types/inline_message_id.ts";
import { InvalidInputError } from "../../../client/types/invalid_input_error.ts";

const ann: TypeUser = {
  _: "user",
  id: 7n,
  access_hash: 1n,
  first_name: "Ann",
  username: "ann",
};
const me: TypeUser = {
  _: "user",
  id: 9n,
  access_hash: 2n,
  first_name: "Bot",
  bot: true,
};
const supergroup: TypeChat = {
  _: "channel",
  id: 55n,
  access_hash: 3n,
  title: "Super",
  megagroup: true,
  photo: { _: "chatPhotoEmpty" },
  date: 0,
};
const broadcast: TypeChat = {
  _: "channel",
  id: 66n,
  access_hash: 4n,
  title: "News",
  broadcast: true,
  photo: { _: "chatPhotoEmpty" },
  date: 0,
};
const peers = new PeerMap({ users: [ann, me], chats: [supergroup, broadcast] });

describe("messageFromTl", () => {
  it("converts a private incoming text message with entities and a reply", () => {
    const tl: TypeMessage = {
      _: "message",
      id: 12,
      peer_id: { _: "peerUser", user_id: 7n },
      date: 100,
      message: "hi there",
      entities: [{ _: "messageEntityBold", offset: 0, length: 2 }],
      reply_to: { _: "messageReplyHeader", reply_to_msg_id: 11 },
    };
    assert.deepEqual(messageFromTl(tl, peers, { selfId: 9n }), {
      message_id: 12,
      date: 100,
      chat: { id: 7, type: "private", first_name: "Ann", username: "ann" },
      from: { id: 7, is_bot: false, first_name: "Ann", username: "ann" },
      reply_to_message_id: 11,
      text: "hi there",
      entities: [{ type: "bold", offset: 0, length: 2 }],
    });
  });

  it("gives outgoing private messages the logged-in account as sender", () => {
    const tl: TypeMessage = {
      _: "message",
      out: true,
      id: 1,
      peer_id: { _: "peerUser", user_id: 7n },
      date: 1,
      message: "x",
    };
    const message = messageFromTl(tl, peers, { selfId: 9n })!;
    assert.equal(message.from?.id, 9);
    assert.equal(message.is_outgoing, true);
  });

  it("uses -100 ids for supergroups and channel posts carry sender_chat", () => {
    const post: TypeMessage = {
      _: "message",
      post: true,
      id: 3,
      peer_id: { _: "peerChannel", channel_id: 66n },
      date: 1,
      message: "news",
      views: 10,
    };
    const message = messageFromTl(post, peers)!;
    assert.equal(message.chat.id, -1_000_000_000_066);
    assert.equal(message.chat.type, "channel");
    assert.equal(message.from, undefined);
    assert.equal(message.sender_chat?.id, -1_000_000_000_066);
    assert.equal(message.views, 10);
    assert.deepEqual(
      Object.keys(
        updateFromTl({
          _: "updateNewChannelMessage",
          message: post,
          pts: 1,
          pts_count: 1,
        }, peers),
      ),
      ["channel_post"],
    );
    const inGroup: TypeMessage = {
      _: "message",
      id: 4,
      from_id: { _: "peerUser", user_id: 7n },
      peer_id: { _: "peerChannel", channel_id: 55n },
      date: 1,
      message: "hey",
    };
    assert.deepEqual(
      Object.keys(
        updateFromTl({
          _: "updateNewChannelMessage",
          message: inGroup,
          pts: 1,
          pts_count: 1,
        }, peers),
      ),
      ["message"],
    );
    assert.equal(messageFromTl(inGroup, peers)!.chat.id, -1_000_000_000_055);
  });

  it("summarises media, with the text as caption, and forward origins", () => {
    const tl: TypeMessage = {
      _: "message",
      id: 5,
      peer_id: { _: "peerUser", user_id: 7n },
      date: 1,
      message: "look",
      fwd_from: {
        _: "messageFwdHeader",
        from_id: { _: "peerChannel", channel_id: 66n },
        channel_post: 8,
        date: 50,
      },
      media: {
        _: "messageMediaPhoto",
        photo: {
          _: "photo",
          id: 123n,
          access_hash: 0n,
          file_reference: new Uint8Array(),
          date: 1,
          sizes: [
            { _: "photoSize", type: "x", w: 800, h: 600, size: 5000 },
            { _: "photoSize", type: "m", w: 320, h: 240, size: 900 },
          ],
          dc_id: 1,
        },
      },
    };
    const message = messageFromTl(tl, peers)!;
    assert.equal(message.text, undefined);
    assert.equal(message.caption, "look");
    assert.deepEqual(
      message.photo?.map((p) => [p.size_type, p.width, p.file_unique_id]),
      [
        ["m", 320, "123"],
        ["x", 800, "123"],
      ],
    );
    assert.deepEqual(message.forward_origin, {
      type: "channel",
      date: 50,
      chat: { id: -1_000_000_000_066, type: "channel", title: "News" },
      message_id: 8,
    });
  });

  it("converts service messages", () => {
    const tl: TypeMessage = {
      _: "messageService",
      id: 6,
      from_id: { _: "peerUser", user_id: 7n },
      peer_id: { _: "peerChat", chat_id: 77n },
      date: 1,
      action: { _: "messageActionChatAddUser", users: [9n] },
    };
    const message = messageFromTl(tl, peers)!;
    assert.equal(message.chat.id, -77);
    assert.equal(message.chat.type, "group");
    assert.deepEqual(message.new_chat_members?.map((u) => u.id), [9]);
    assert.equal(message.service_action, "messageActionChatAddUser");
    assert.equal(messageFromTl({ _: "messageEmpty", id: 1 }, peers), undefined);
  });
});

describe("reply markup", () => {
  it("round-trips inline and reply keyboards through TL", () => {
    const inline = {
      inline_keyboard: [[
        { text: "a", callback_data: "data:1" },
        { text: "b", url: "https://example.org" },
        { text: "c", switch_inline_query_current_chat: "q" },
      ]],
    };
    assert.deepEqual(replyMarkupFromTl(replyMarkupToTl(inline)), inline);
    const keyboard = {
      keyboard: [["yes", "no"], [{ text: "phone", request_contact: true }]],
      resize_keyboard: true,
      one_time_keyboard: true,
      input_field_placeholder: "?",
    };
    assert.deepEqual(replyMarkupFromTl(replyMarkupToTl(keyboard)), keyboard);
    assert.deepEqual(
      replyMarkupFromTl(replyMarkupToTl({ remove_keyboard: true })),
      {
        remove_keyboard: true,
      },
    );
  });

  it("refuses callback data over 64 bytes and buttons without an action", () => {
    assert.equal(encodeCallbackData("é".repeat(32)).length, 64);
    assert.throws(() => encodeCallbackData("é".repeat(33)), InvalidInputError);
    assert.throws(() => encodeCallbackData(""), InvalidInputError);
    assert.throws(
      () => replyMarkupToTl({ inline_keyboard: [[{ text: "nothing" }]] }),
      InvalidInputError,
    );
  });
});

describe("chat members and inline message ids", () => {
  it("maps participants to Bot API statuses", () => {
    const kicked = chatMemberFromChannelParticipant({
      _: "channelParticipantBanned",
      peer: { _: "peerUser", user_id: 7n },
      kicked_by: 9n,
      date: 1,
      banned_rights: {
        _: "chatBannedRights",
        view_messages: true,
        until_date: 0,
      },
    }, peers);
    assert.equal(kicked.status, "kicked");
    const restricted = chatMemberFromChannelParticipant({
      _: "channelParticipantBanned",
      peer: { _: "peerUser", user_id: 7n },
      kicked_by: 9n,
      date: 1,
      banned_rights: {
        _: "chatBannedRights",
        send_messages: true,
        until_date: 5,
      },
    }, peers);
    assert.equal(restricted.status, "restricted");
    assert.equal(
      restricted.status === "restricted" && restricted.can_send_messages,
      false,
    );
    assert.equal(
      restricted.status === "restricted" && restricted.can_send_polls,
      true,
    );
  });

  it("round-trips inline message ids and refuses garbage", () => {
    const id = {
      _: "inputBotInlineMessageID64" as const,
      dc_id: 2,
      owner_id: 5n,
      id: 7,
      access_hash: -3n,
    };
    assert.deepEqual(decodeInlineMessageId(encodeInlineMessageId(id)), id);
    assert.throws(() => decodeInlineMessageId("!!"), InvalidInputError);
    assert.throws(() => decodeInlineMessageId("AAAAAA"), InvalidInputError);
  });
});
