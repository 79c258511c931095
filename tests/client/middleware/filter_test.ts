import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  compileFilter,
  compileFilters,
} from "../../../client/middleware/filter.ts";
import { InvalidInputError } from "../../../client/types/invalid_input_error.ts";
import { contextOf, dummyMessage } from "./helpers.ts";

const text = contextOf({
  message: dummyMessage({ text: "hi /start", entities: [] }),
});
const photo = contextOf({
  message: dummyMessage({
    photo: [{ file_unique_id: "1", size_type: "m", width: 1, height: 1 }],
    caption: "look",
    caption_entities: [{ type: "url", offset: 0, length: 4 }],
  }),
});
const post = contextOf({
  channel_post: dummyMessage({
    text: "news",
    chat: { id: -1001, type: "channel" },
  }),
});
const edited = contextOf({ edited_message: dummyMessage({ text: "fixed" }) });
const callback = contextOf({
  callback_query: {
    id: "5",
    from: { id: 7, is_bot: false, first_name: "Ann" },
    chat_instance: "1",
    data: "x",
  },
});
const game = contextOf({
  callback_query: {
    id: "6",
    from: { id: 7, is_bot: false, first_name: "Ann" },
    chat_instance: "1",
    game_short_name: "g",
  },
});
const deleted = contextOf({ deleted_messages: { message_ids: [1, 2] } }, {
  _: "updateDeleteMessages",
  messages: [1, 2],
  pts: 3,
  pts_count: 2,
});
const all = { text, photo, post, edited, callback, game, deleted };

function matching(query: string | string[]): string[] {
  const predicate = compileFilters(query);
  return Object.entries(all).filter(([, ctx]) => predicate(ctx)).map(([name]) =>
    name
  );
}

describe("filter queries", () => {
  it("match update kinds", () => {
    assert.deepEqual(matching("message"), ["text", "photo"]);
    assert.deepEqual(matching("edited_message"), ["edited"]);
    assert.deepEqual(matching("channel_post"), ["post"]);
    assert.deepEqual(matching("callback_query"), ["callback", "game"]);
    assert.deepEqual(matching("deleted_messages"), ["deleted"]);
    assert.deepEqual(matching("inline_query"), []);
  });

  it("match message fields", () => {
    assert.deepEqual(matching("message:text"), ["text"]);
    assert.deepEqual(matching("message:photo"), ["photo"]);
    assert.deepEqual(matching("message:caption"), ["photo"]);
    assert.deepEqual(matching("channel_post:text"), ["post"]);
    assert.deepEqual(matching("edited_message:text"), ["edited"]);
  });

  it("expand msg, edit and the empty first part", () => {
    assert.deepEqual(matching(":text"), ["text", "post"]);
    assert.deepEqual(matching("msg:text"), ["text", "post"]);
    assert.deepEqual(matching("msg"), ["text", "photo", "post"]);
    assert.deepEqual(matching("edit"), ["edited"]);
  });

  it("match entity types with a third part", () => {
    assert.deepEqual(matching("message:caption_entities:url"), ["photo"]);
    assert.deepEqual(matching("message:entities:url"), []);
  });

  it("match callback query fields", () => {
    assert.deepEqual(matching("callback_query:data"), ["callback"]);
    assert.deepEqual(matching("callback_query:game_short_name"), ["game"]);
  });

  it("match any of several queries", () => {
    assert.deepEqual(matching(["message:photo", "callback_query:data"]), [
      "photo",
      "callback",
    ]);
  });

  it("match raw updates by TL name", () => {
    assert.deepEqual(matching("update").length, Object.keys(all).length);
    assert.deepEqual(matching("update:updateDeleteMessages"), ["deleted"]);
  });

  it("refuse unknown kinds and fields at once", () => {
    for (
      const bad of [
        "mesage",
        "message:txt",
        "message:text:bold",
        "callback_query:nope",
        "inline_query:query",
        "update:",
        "",
        "a:b:c:d",
      ]
    ) {
      assert.throws(() => compileFilter(bad), InvalidInputError, bad);
    }
    assert.throws(() => compileFilters([]), InvalidInputError);
  });
});
