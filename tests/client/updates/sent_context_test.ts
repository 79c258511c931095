import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  replyHeaderOfInput,
  sentMessageContext,
} from "../../../client/updates/sent_context.ts";
import { UpdateManager } from "../../../client/updates/update_manager.ts";
import type {
  RawMessagesSendMessageRequest,
  TypeMessage,
  TypeReplyMarkup,
} from "../../../tl/mod.ts";

const SELF = 1n;
const USER = 42n;

const keyboard: TypeReplyMarkup = {
  _: "replyInlineMarkup",
  rows: [{
    _: "keyboardButtonRow",
    buttons: [{
      _: "keyboardButtonCallback",
      text: "ok",
      data: new Uint8Array([1]),
    }],
  }],
};

function request(
  extra: Partial<RawMessagesSendMessageRequest> = {},
): RawMessagesSendMessageRequest {
  return {
    _: "messages.sendMessage",
    peer: { _: "inputPeerUser", user_id: USER, access_hash: 5n },
    message: "hello",
    random_id: 9n,
    ...extra,
  };
}

describe("sentMessageContext", () => {
  it("carries the keyboard, flags and reply of the request", () => {
    const context = sentMessageContext(
      request({
        reply_markup: keyboard,
        silent: true,
        noforwards: true,
        reply_to: {
          _: "inputReplyToMessage",
          reply_to_msg_id: 7,
          top_msg_id: 3,
          reply_to_peer_id: { _: "inputPeerSelf" },
          quote_text: "quoted",
          quote_offset: 2,
        },
      }),
      SELF,
    );
    assert.ok(context);
    assert.deepEqual(context.peer, { _: "peerUser", user_id: USER });
    assert.equal(context.replyMarkup, keyboard);
    assert.equal(context.silent, true);
    assert.equal(context.noforwards, true);
    assert.deepEqual(context.replyTo, {
      _: "messageReplyHeader",
      reply_to_msg_id: 7,
      forum_topic: true,
      reply_to_top_id: 3,
      reply_to_peer_id: { _: "peerUser", user_id: SELF },
      quote: true,
      quote_text: "quoted",
      quote_offset: 2,
    });
  });

  it("covers messages.sendMedia and nothing else", () => {
    const media = sentMessageContext({
      _: "messages.sendMedia",
      peer: { _: "inputPeerChat", chat_id: 5n },
      media: { _: "inputMediaWebPage", url: "https://example.com" },
      message: "see https://example.com",
      random_id: 1n,
      invert_media: true,
    }, SELF);
    assert.deepEqual(media?.peer, { _: "peerChat", chat_id: 5n });
    assert.equal(media?.invertMedia, true);
    assert.equal(
      sentMessageContext({ _: "messages.getMessages", id: [] }, SELF),
      undefined,
    );
    assert.equal(replyHeaderOfInput(undefined, SELF), undefined);
  });

  it("the expanded updateShortSentMessage holds the keyboard sent", () => {
    const manager = new UpdateManager({ selfId: SELF });
    manager.start({}, 0);
    manager.applyState({
      _: "updates.state",
      pts: 10,
      qts: 0,
      seq: 0,
      date: 1,
      unread_count: 0,
    }, 0);
    const step = manager.feed(
      {
        _: "updateShortSentMessage",
        out: true,
        id: 55,
        pts: 11,
        pts_count: 1,
        date: 100,
      },
      0,
      sentMessageContext(request({ reply_markup: keyboard }), SELF),
    );
    assert.equal(step.updates.length, 1);
    const message = (step.updates[0].update as { message: TypeMessage })
      .message;
    assert.equal(message._, "message");
    if (message._ !== "message") return;
    assert.equal(message.id, 55);
    assert.equal(message.message, "hello");
    assert.deepEqual(message.reply_markup, keyboard);
    assert.deepEqual(message.from_id, { _: "peerUser", user_id: SELF });
  });
});
