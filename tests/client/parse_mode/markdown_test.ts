import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  escapeMarkdown,
  escapeMarkdownCode,
  escapeMarkdownUrl,
  parseMarkdown,
  toMarkdown,
} from "../../../client/parse_mode/markdown.ts";
import { ParseModeError } from "../../../client/parse_mode/parse_mode_error.ts";
import type { MessageEntity } from "../../../client/types/message_entity.ts";

function parsesTo(markdown: string, text: string, entities: MessageEntity[]) {
  assert.deepEqual(parseMarkdown(markdown), { text, entities });
}

function failsAt(markdown: string, position: number, reason?: RegExp) {
  assert.throws(() => parseMarkdown(markdown), (error: unknown) => {
    assert.ok(
      error instanceof ParseModeError,
      `not a ParseModeError: ${error}`,
    );
    assert.equal(error.mode, "markdown");
    assert.equal(error.position, position, `position of "${error.reason}"`);
    if (reason) assert.match(error.reason, reason);
    return true;
  });
}

describe("parseMarkdown", () => {
  it("reads the Bot API's nested example with offsets counted by hand", () => {
    parsesTo(
      "*bold _italic bold ~italic bold strikethrough ||italic bold strikethrough spoiler||~ __underline italic bold___ bold*",
      "bold italic bold italic bold strikethrough italic bold strikethrough spoiler underline italic bold bold",
      [
        { type: "bold", offset: 0, length: 103 },
        { type: "italic", offset: 5, length: 93 },
        { type: "strikethrough", offset: 17, length: 59 },
        { type: "spoiler", offset: 43, length: 33 },
        { type: "underline", offset: 77, length: 21 },
      ],
    );
  });

  it("makes every reserved character and the backslash plain when escaped", () => {
    parsesTo(
      "\\_\\*\\[\\]\\(\\)\\~\\`\\>\\#\\+\\-\\=\\|\\{\\}\\.\\!\\\\\\a\\😀",
      "_*[]()~`>#+-=|{}.!\\a\\😀",
      [],
    );
    assert.equal(
      escapeMarkdown("a_*[]()~`>#+-=|{}.!\\b"),
      "a\\_\\*\\[\\]\\(\\)\\~\\`\\>\\#\\+\\-\\=\\|\\{\\}\\.\\!\\\\b",
    );
    assert.equal(escapeMarkdownCode("`a\\*"), "\\`a\\\\*");
    assert.equal(escapeMarkdownUrl("a)b\\c("), "a\\)b\\\\c(");
  });

  it("counts UTF-16 code units: surrogate pairs are 2, a ZWJ family is 8", () => {
    parsesTo("😀*👨‍👩‍👧*🇺🇦_x_", "😀👨‍👩‍👧🇺🇦x", [
      { type: "bold", offset: 2, length: 8 },
      { type: "italic", offset: 14, length: 1 },
    ]);
  });

  it("nests bold, italic and a link whose URL escapes ) and \\", () => {
    parsesTo("*b _i [l😀](https://t.me/a\\)b\\\\c)_*", "b i l😀", [
      { type: "bold", offset: 0, length: 7 },
      { type: "italic", offset: 2, length: 5 },
      { type: "text_link", offset: 4, length: 3, url: "https://t.me/a)b\\c" },
    ]);
  });

  it("reads __ greedily, and an empty ** separates underline from italic", () => {
    parsesTo("___a_**__", "a", [
      { type: "italic", offset: 0, length: 1 },
      { type: "underline", offset: 0, length: 1 },
    ]);
    parsesTo("__a _b_ c__", "a b c", [
      { type: "underline", offset: 0, length: 5 },
      { type: "italic", offset: 2, length: 1 },
    ]);
    parsesTo("_a __b___", "a b", [
      { type: "italic", offset: 0, length: 3 },
      { type: "underline", offset: 2, length: 1 },
    ]);
  });

  it("keeps adjacent entities apart and merges touching runs of one kind", () => {
    parsesTo("*a*_b_*c*", "abc", [
      { type: "bold", offset: 0, length: 1 },
      { type: "italic", offset: 1, length: 1 },
      { type: "bold", offset: 2, length: 1 },
    ]);
    parsesTo("*a**b*", "ab", [{ type: "bold", offset: 0, length: 2 }]);
  });

  it("reads code and pre, where only ` and \\ are special", () => {
    parsesTo("`a\\`b\\\\c*_.`", "a`b\\c*_.", [{
      type: "code",
      offset: 0,
      length: 8,
    }]);
    parsesTo("```python\nprint(1)\n```", "print(1)\n", [{
      type: "pre",
      offset: 0,
      length: 9,
      language: "python",
    }]);
    parsesTo("```\ncode```", "code", [{ type: "pre", offset: 0, length: 4 }]);
    parsesTo("```abc```", "abc", [{ type: "pre", offset: 0, length: 3 }]);
    parsesTo("```js x```", " x", [{
      type: "pre",
      offset: 0,
      length: 2,
      language: "js",
    }]);
    // One line break after the fence is dropped: \r\n and \n\r count as one, \n\n does not.
    parsesTo("```\r\nx```", "x", [{ type: "pre", offset: 0, length: 1 }]);
    parsesTo("```\n\nx```", "\nx", [{ type: "pre", offset: 0, length: 2 }]);
    parsesTo("a``b", "ab", []);
  });

  it("reads links, mentions by id, custom emoji and times", () => {
    parsesTo(
      "[Bob](tg://user?id=42) [t\\.me] ![👍](tg://emoji?id=5368324170671202286)![22:45](tg://time?unix=1647531900&format=wDT)",
      "Bob t.me 👍22:45",
      [
        { type: "text_mention", offset: 0, length: 3, user: { id: 42 } },
        { type: "text_link", offset: 4, length: 4, url: "t.me" },
        {
          type: "custom_emoji",
          offset: 9,
          length: 2,
          custom_emoji_id: "5368324170671202286",
        },
        {
          type: "date_time",
          offset: 11,
          length: 5,
          unix_time: 1647531900,
          date_time_format: "wDT",
        },
      ],
    );
    parsesTo("[a]()[](https://x)", "a", []);
  });

  it("reads quotations with their final line break, and expandable ones", () => {
    parsesTo(">a\n>b\nc", "a\nb\nc", [{
      type: "blockquote",
      offset: 0,
      length: 4,
    }]);
    parsesTo("x\n>a", "x\na", [{ type: "blockquote", offset: 2, length: 1 }]);
    parsesTo(">a\n>b||\nc", "a\nb\nc", [{
      type: "expandable_blockquote",
      offset: 0,
      length: 4,
    }]);
    parsesTo(">a ||s||\nc", "a s\nc", [
      { type: "blockquote", offset: 0, length: 4 },
      { type: "spoiler", offset: 2, length: 1 },
    ]);
    parsesTo(">a\n**>b||", "a\nb", [
      { type: "blockquote", offset: 0, length: 2 },
      { type: "expandable_blockquote", offset: 2, length: 1 },
    ]);
    parsesTo("*a\n>b\n*", "a\nb\n", [
      { type: "bold", offset: 0, length: 4 },
      { type: "blockquote", offset: 2, length: 2 },
    ]);
    parsesTo(">`a\n>b`\nc", "a\n>b\nc", [
      { type: "blockquote", offset: 0, length: 5 },
      { type: "code", offset: 0, length: 4 },
    ]);
  });

  it("rejects malformed markup with the position of the problem", () => {
    failsAt("a.b", 1, /'\.' is reserved/);
    failsAt("😀!", 2, /'!' is reserved/);
    for (const c of "#+-={}()") failsAt(`x${c}`, 1, /reserved/);
    failsAt("]", 0, /']' is reserved/);
    failsAt("|a", 0, /'\|' is reserved/);
    failsAt("a > b", 2, /'>' is reserved/);
    failsAt("*a", 0, /bold \(\*\) opened here is never closed/);
    failsAt("_a*", 2, /bold/);
    failsAt("__a", 0, /underline/);
    failsAt("[a](b", 3, /never closed with '\)'/);
    failsAt("```\na`b```", 5, /inside a pre block/);
    failsAt("![x](https://x)", 4, /tg:\/\/emoji/);
    failsAt("![x]", 4, /must be followed/);
    failsAt("![x](tg://emoji?id=025)", 4, /custom emoji id/);
    failsAt("![x](tg://time?unix=1&format=x)", 4, /format/);
    failsAt(">*a\nb*", 1, /closed before the block quotation ends/);
    failsAt(">a\r>b", 3, /'>' is reserved/);
  });
});

describe("toMarkdown", () => {
  it("writes every writable type", () => {
    const text = "0123456789abcdef";
    assert.equal(
      toMarkdown(text, [
        { type: "bold", offset: 0, length: 1 },
        { type: "italic", offset: 1, length: 1 },
        { type: "underline", offset: 2, length: 1 },
        { type: "strikethrough", offset: 3, length: 1 },
        { type: "spoiler", offset: 4, length: 1 },
        { type: "code", offset: 5, length: 1 },
        { type: "pre", offset: 6, length: 1 },
        { type: "pre", offset: 7, length: 1, language: "js" },
        { type: "text_link", offset: 8, length: 1, url: "https://t.me/(x)" },
        { type: "text_mention", offset: 9, length: 1, user: { id: 42 } },
        {
          type: "custom_emoji",
          offset: 10,
          length: 1,
          custom_emoji_id: "5368324170671202286",
        },
        {
          type: "date_time",
          offset: 11,
          length: 1,
          unix_time: 1647531900,
          date_time_format: "r",
        },
        { type: "url", offset: 12, length: 4 },
      ]),
      // "_1_" then "__2__" would read "___" as underline first, hence the empty "**".
      "*0*_1_**__2__~3~||4||`5````\n6``````js\n7```[8](https://t.me/(x\\))[9](tg://user?id=42)" +
        "![a](tg://emoji?id=5368324170671202286)![b](tg://time?unix=1647531900&format=r)cdef",
    );
  });

  it("separates markers that would run together", () => {
    // Italic closing right before underline closes: "___" would read as underline first.
    assert.equal(
      toMarkdown("ab", [{ type: "underline", offset: 0, length: 2 }, {
        type: "italic",
        offset: 1,
        length: 1,
      }]),
      "__a_b_**__",
    );
    // Right inside bold the separator is an empty strikethrough, not an empty bold.
    assert.equal(
      toMarkdown("abc", [
        { type: "bold", offset: 0, length: 3 },
        { type: "italic", offset: 0, length: 1 },
        { type: "underline", offset: 1, length: 1 },
      ]),
      "*_a_~~__b__c*",
    );
    assert.deepEqual(parseMarkdown("*_a_~~__b__c*").entities, [
      { type: "bold", offset: 0, length: 3 },
      { type: "italic", offset: 0, length: 1 },
      { type: "underline", offset: 1, length: 1 },
    ]);
    assert.equal(
      toMarkdown("a\nb", [{ type: "blockquote", offset: 0, length: 2 }, {
        type: "blockquote",
        offset: 2,
        length: 1,
      }]),
      ">a\n**>b",
    );
  });

  it("writes quotations line by line, the expandable mark before the final line break", () => {
    const text = "a\nb\nc";
    assert.equal(
      toMarkdown(text, [{
        type: "expandable_blockquote",
        offset: 0,
        length: 4,
      }]),
      ">a\n>b||\nc",
    );
    // A quotation is always whole lines: one ending mid-line is widened to the line's end.
    assert.equal(
      toMarkdown(text, [{ type: "blockquote", offset: 2, length: 1 }]),
      "a\n>b\nc",
    );
    assert.deepEqual(
      parseMarkdown(
        toMarkdown(text, [{ type: "blockquote", offset: 2, length: 1 }]),
      ).entities,
      [
        { type: "blockquote", offset: 2, length: 2 },
      ],
    );
  });

  it("leaves out what cannot be written inside code", () => {
    assert.equal(
      toMarkdown("abc", [{ type: "code", offset: 0, length: 3 }, {
        type: "bold",
        offset: 1,
        length: 1,
      }]),
      "`abc`",
    );
  });
});
