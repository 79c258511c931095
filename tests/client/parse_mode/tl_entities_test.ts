import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  messageEntitiesFromTl,
  messageEntitiesToTl,
  messageEntityFromTl,
  messageEntityToTl,
} from "../../../client/parse_mode/tl_entities.ts";
import { MessageEntityError } from "../../../client/parse_mode/message_entity_error.ts";
import { parseHtml } from "../../../client/parse_mode/html.ts";
import type { MessageEntity } from "../../../client/types/message_entity.ts";
import {
  deserialize,
  serialize,
  type TypeInputUser,
  type TypeMessageEntity,
} from "../../../tl/mod.ts";

const BOB: TypeInputUser = { _: "inputUser", user_id: 42n, access_hash: -7n };

describe("TL entities", () => {
  it("converts every Bot API type to TL and back, through the binary codec", async () => {
    const entities: MessageEntity[] = [
      { type: "mention", offset: 0, length: 1 },
      { type: "hashtag", offset: 1, length: 1 },
      { type: "cashtag", offset: 2, length: 1 },
      { type: "bot_command", offset: 3, length: 1 },
      { type: "url", offset: 4, length: 1 },
      { type: "email", offset: 5, length: 1 },
      { type: "phone_number", offset: 6, length: 1 },
      { type: "bank_card", offset: 7, length: 1 },
      { type: "bold", offset: 8, length: 1 },
      { type: "italic", offset: 9, length: 1 },
      { type: "underline", offset: 10, length: 1 },
      { type: "strikethrough", offset: 11, length: 1 },
      { type: "spoiler", offset: 12, length: 1 },
      { type: "code", offset: 13, length: 1 },
      { type: "pre", offset: 14, length: 1 },
      { type: "pre", offset: 15, length: 1, language: "python" },
      { type: "blockquote", offset: 16, length: 1 },
      { type: "expandable_blockquote", offset: 17, length: 1 },
      { type: "text_link", offset: 18, length: 1, url: "https://t.me/" },
      {
        type: "custom_emoji",
        offset: 19,
        length: 2,
        custom_emoji_id: "9223372036854775807",
      },
      { type: "date_time", offset: 21, length: 1, unix_time: 1647531900 },
      {
        type: "date_time",
        offset: 22,
        length: 1,
        unix_time: 1647531900,
        date_time_format: "r",
      },
      {
        type: "date_time",
        offset: 23,
        length: 1,
        unix_time: 0,
        date_time_format: "wDt",
      },
      {
        type: "date_time",
        offset: 24,
        length: 1,
        unix_time: 5,
        date_time_format: "dT",
      },
    ];
    const tl = await messageEntitiesToTl(entities);
    const decoded = tl.map((e) =>
      deserialize(serialize(e)) as TypeMessageEntity
    );
    assert.deepEqual(decoded, tl);
    assert.deepEqual(messageEntitiesFromTl(decoded), entities);
  });

  it("writes the TL fields Telegram expects", async () => {
    const [pre, quote, emoji, date] = await messageEntitiesToTl([
      { type: "pre", offset: 0, length: 1 },
      { type: "expandable_blockquote", offset: 1, length: 2 },
      {
        type: "custom_emoji",
        offset: 3,
        length: 2,
        custom_emoji_id: "5368324170671202286",
      },
      {
        type: "date_time",
        offset: 5,
        length: 1,
        unix_time: 7,
        date_time_format: "wDT",
      },
    ]);
    assert.deepEqual(pre, {
      _: "messageEntityPre",
      offset: 0,
      length: 1,
      language: "",
    });
    assert.deepEqual(quote, {
      _: "messageEntityBlockquote",
      collapsed: true,
      offset: 1,
      length: 2,
    });
    assert.deepEqual(emoji, {
      _: "messageEntityCustomEmoji",
      offset: 3,
      length: 2,
      document_id: 5368324170671202286n,
    });
    assert.deepEqual(date, {
      _: "messageEntityFormattedDate",
      offset: 5,
      length: 1,
      date: 7,
      day_of_week: true,
      long_date: true,
      long_time: true,
    });
  });

  it("mentions users through the resolver, once per user", async () => {
    const asked: number[] = [];
    const { text, entities } = parseHtml(
      '<a href="tg://user?id=42">Bob</a> and <a href="tg://user?id=42">him</a>',
    );
    assert.equal(text, "Bob and him");
    const tl = await messageEntitiesToTl(entities, (id) => {
      asked.push(id);
      return Promise.resolve(BOB);
    });
    assert.deepEqual(asked, [42]);
    assert.deepEqual(tl, [
      {
        _: "inputMessageEntityMentionName",
        offset: 0,
        length: 3,
        user_id: BOB,
      },
      {
        _: "inputMessageEntityMentionName",
        offset: 8,
        length: 3,
        user_id: BOB,
      },
    ]);
    // What the server sends back names the user by id.
    assert.deepEqual(
      messageEntityFromTl({
        _: "messageEntityMentionName",
        offset: 0,
        length: 3,
        user_id: 42n,
      }),
      {
        type: "text_mention",
        offset: 0,
        length: 3,
        user: { id: 42 },
      },
    );
    assert.deepEqual(messageEntityFromTl(tl[0]), {
      type: "text_mention",
      offset: 0,
      length: 3,
      user: { id: 42 },
    });
  });

  it("skips TL entities without a Bot API form", () => {
    assert.deepEqual(
      messageEntitiesFromTl([
        { _: "messageEntityUnknown", offset: 0, length: 1 },
        { _: "messageEntityDiffInsert", offset: 0, length: 1 },
        {
          _: "inputMessageEntityMentionName",
          offset: 0,
          length: 1,
          user_id: { _: "inputUserSelf" },
        },
        { _: "messageEntityBold", offset: 1, length: 1 },
      ]),
      [{ type: "bold", offset: 1, length: 1 }],
    );
    assert.deepEqual(messageEntitiesFromTl(undefined), []);
  });

  it("rejects invalid entities with a MessageEntityError naming the index", async () => {
    const bad: [MessageEntity, RegExp][] = [
      [{ type: "bold", offset: -1, length: 1 }, /offset/],
      [{ type: "bold", offset: 0.5, length: 1 }, /offset/],
      [{ type: "bold", offset: 0, length: 0 }, /length/],
      [{ type: "text_link", offset: 0, length: 1, url: "" }, /URL/],
      [
        { type: "custom_emoji", offset: 0, length: 1, custom_emoji_id: "abc" },
        /custom emoji/,
      ],
      [{
        type: "custom_emoji",
        offset: 0,
        length: 1,
        custom_emoji_id: "9223372036854775808",
      }, /custom emoji/],
      [{ type: "date_time", offset: 0, length: 1, unix_time: -1 }, /Unix time/],
      [{
        type: "date_time",
        offset: 0,
        length: 1,
        unix_time: 1,
        date_time_format: "Tt",
      }, /format/],
      [
        { type: "text_mention", offset: 0, length: 1, user: { id: 1 } },
        /InputUser/,
      ],
    ];
    for (const [entity, reason] of bad) {
      await assert.rejects(
        messageEntitiesToTl([{ type: "bold", offset: 0, length: 1 }, entity]),
        (error: unknown) =>
          error instanceof MessageEntityError && error.index === 1 &&
          reason.test(error.message),
      );
    }
    assert.throws(
      () => messageEntityToTl({ type: "bold", offset: 0, length: -2 }),
      MessageEntityError,
    );
  });
});
