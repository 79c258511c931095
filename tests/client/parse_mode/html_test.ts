import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  escapeHtml,
  parseHtml,
  toHtml,
} from "../../../client/parse_mode/html.ts";
import { ParseModeError } from "../../../client/parse_mode/parse_mode_error.ts";
import type { MessageEntity } from "../../../client/types/message_entity.ts";

function parsesTo(html: string, text: string, entities: MessageEntity[]) {
  assert.deepEqual(parseHtml(html), { text, entities });
}

function failsAt(html: string, position: number, reason?: RegExp) {
  assert.throws(() => parseHtml(html), (error: unknown) => {
    assert.ok(
      error instanceof ParseModeError,
      `not a ParseModeError: ${error}`,
    );
    assert.equal(error.mode, "html");
    assert.equal(error.position, position, `position of "${error.reason}"`);
    if (reason) assert.match(error.reason, reason);
    return true;
  });
}

describe("parseHtml", () => {
  it("reads the Bot API's nested example with offsets counted by hand", () => {
    parsesTo(
      '<b>bold <i>italic bold <s>italic bold strikethrough <span class="tg-spoiler">italic bold strikethrough spoiler</span></s> <u>underline italic bold</u></i> bold</b>',
      "bold italic bold italic bold strikethrough italic bold strikethrough spoiler underline italic bold bold",
      [
        // "bold " is 5; "italic bold " 12 more; "italic bold strikethrough " 26 more; the spoiler
        // text is 33 long (ends at 76); " " then "underline italic bold" (21) ends at 98; " bold".
        { type: "bold", offset: 0, length: 103 },
        { type: "italic", offset: 5, length: 93 },
        { type: "strikethrough", offset: 17, length: 59 },
        { type: "spoiler", offset: 43, length: 33 },
        { type: "underline", offset: 77, length: 21 },
      ],
    );
  });

  it("counts UTF-16 code units: surrogate pairs are 2, a ZWJ family is 8", () => {
    // 😀 = 2 units; 👨 ZWJ 👩 ZWJ 👧 = 2 + 1 + 2 + 1 + 2 = 8 units.
    parsesTo("<b>😀</b>a<i>👨‍👩‍👧</i>", "😀a👨‍👩‍👧", [
      { type: "bold", offset: 0, length: 2 },
      { type: "italic", offset: 3, length: 8 },
    ]);
    // A flag is two regional indicators, each a surrogate pair.
    parsesTo("🇺🇦<u>x</u>", "🇺🇦x", [{
      type: "underline",
      offset: 4,
      length: 1,
    }]);
  });

  it("nests bold, italic and a link", () => {
    parsesTo('<b>x <i>y <a href="https://t.me/">z😀</a></i></b>', "x y z😀", [
      { type: "bold", offset: 0, length: 7 },
      { type: "italic", offset: 2, length: 5 },
      { type: "text_link", offset: 4, length: 3, url: "https://t.me/" },
    ]);
  });

  it("keeps adjacent entities apart and merges touching runs of one kind", () => {
    parsesTo("<b>ab</b><i>cd</i><b>ef</b>", "abcdef", [
      { type: "bold", offset: 0, length: 2 },
      { type: "italic", offset: 2, length: 2 },
      { type: "bold", offset: 4, length: 2 },
    ]);
    parsesTo("<b>ab</b><strong>cd</strong>", "abcd", [{
      type: "bold",
      offset: 0,
      length: 4,
    }]);
    parsesTo(
      '<a href="https://a/">ab</a><a href="https://a/">cd</a>',
      "abcd",
      [
        { type: "text_link", offset: 0, length: 2, url: "https://a/" },
        { type: "text_link", offset: 2, length: 2, url: "https://a/" },
      ],
    );
  });

  it("knows every tag and alias", () => {
    parsesTo(
      "<b>1</b><strong>2</strong><i>3</i><em>4</em><u>5</u><ins>6</ins><s>7</s><strike>8</strike>" +
        '<del>9</del><tg-spoiler>a</tg-spoiler><span class="tg-spoiler">b</span><code>c</code><pre>d</pre>',
      "123456789abcd",
      [
        { type: "bold", offset: 0, length: 2 },
        { type: "italic", offset: 2, length: 2 },
        { type: "underline", offset: 4, length: 2 },
        { type: "strikethrough", offset: 6, length: 3 },
        { type: "spoiler", offset: 9, length: 2 },
        { type: "code", offset: 11, length: 1 },
        { type: "pre", offset: 12, length: 1 },
      ],
    );
  });

  it("reads links, mentions by id, custom emoji and times", () => {
    parsesTo(
      `<a href='tg://user?id=123456789'>Bob</a> <a href=https://x.y/?a=1&amp;b=2>u</a> <a>https://t.me</a> ` +
        '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji><tg-time unix="1647531900" format="wDT">then</tg-time>' +
        '<tg-time unix="0">t</tg-time>',
      "Bob u https://t.me 👍thent",
      [
        { type: "text_mention", offset: 0, length: 3, user: { id: 123456789 } },
        {
          type: "text_link",
          offset: 4,
          length: 1,
          url: "https://x.y/?a=1&b=2",
        },
        { type: "text_link", offset: 6, length: 12, url: "https://t.me" },
        {
          type: "custom_emoji",
          offset: 19,
          length: 2,
          custom_emoji_id: "5368324170671202286",
        },
        {
          type: "date_time",
          offset: 21,
          length: 4,
          unix_time: 1647531900,
          date_time_format: "wDT",
        },
        { type: "date_time", offset: 25, length: 1, unix_time: 0 },
      ],
    );
  });

  it("reads pre with a language, in either nesting order, and drops a lone code's language", () => {
    parsesTo('<pre><code class="language-python">a\nb</code></pre>', "a\nb", [
      { type: "pre", offset: 0, length: 3, language: "python" },
    ]);
    parsesTo('<code class="language-c++"><pre>x</pre></code>', "x", [
      { type: "pre", offset: 0, length: 1, language: "c++" },
    ]);
    parsesTo('<code class="language-x">c</code>', "c", [{
      type: "code",
      offset: 0,
      length: 1,
    }]);
    parsesTo("<pre><code>c</code></pre>", "c", [{
      type: "pre",
      offset: 0,
      length: 1,
    }]);
    parsesTo('<pre>a<code class="language-x">c</code></pre>', "ac", [
      { type: "pre", offset: 0, length: 2 },
      { type: "code", offset: 1, length: 1 },
    ]);
  });

  it("reads quotations, expandable ones in any case", () => {
    parsesTo(
      "<blockquote>a\nb</blockquote>\n<BLOCKQUOTE Expandable>c</blockquote>",
      "a\nb\nc",
      [
        { type: "blockquote", offset: 0, length: 3 },
        { type: "expandable_blockquote", offset: 4, length: 1 },
      ],
    );
  });

  it("decodes the four named references, numeric ones, and leaves other & alone", () => {
    parsesTo(
      "&lt;b&gt; &amp;amp; &quot; &#65;&#x42;&#X43; &#128512; &#xd83d;&#xde00; &nbsp; & &amp &#0; &#x110000; > '",
      "<b> &amp; \" ABC 😀 😀 &nbsp; & & &#0; &#x110000; > '",
      [],
    );
    parsesTo('<a href="https://a/?x=&quot;&#39;">q</a>', "q", [
      { type: "text_link", offset: 0, length: 1, url: "https://a/?x=\"'" },
    ]);
  });

  it("ignores unknown attributes, accepts odd spacing and upper case", () => {
    parsesTo(
      '<B class="x" >a</B ><A  HREF = "https://a/" target=_blank>b</a>',
      "ab",
      [
        { type: "bold", offset: 0, length: 1 },
        { type: "text_link", offset: 1, length: 1, url: "https://a/" },
      ],
    );
  });

  it("drops empty entities and keeps white space", () => {
    parsesTo("<b></b> \n\t <i> </i>", " \n\t  ", [{
      type: "italic",
      offset: 4,
      length: 1,
    }]);
    parsesTo("", "", []);
  });

  it("rejects malformed markup with the position of the problem", () => {
    failsAt("a<b>b", 1, /never closed/);
    failsAt("x</b>", 1, /no matching start tag/);
    failsAt("<b><i>x</b></i>", 7, /does not match/);
    failsAt("<br>", 0, /unsupported tag <br>/);
    failsAt("<p>x</p>", 0, /unsupported/);
    failsAt("1 < 2", 2, /&lt;/);
    failsAt("<", 0);
    failsAt("😀<b", 2, /unclosed start tag/);
    failsAt("<b>x</b", 4, /unclosed end tag/);
    failsAt("<b>x</ b>", 4, /tag name/);
    failsAt("<b>x</b x>", 8, /unexpected character/);
    failsAt('<a href="x>y</a>', 8, /unclosed value/);
    failsAt("<a href=>x</a>", 8, /missing value/);
    failsAt("<b =x>", 3, /unexpected character '='/);
    failsAt("<b/>", 2, /unexpected character '\/'/);
    failsAt('<span class="x">a</span>', 0, /tg-spoiler/);
    failsAt("<span>a</span>", 0, /tg-spoiler/);
    failsAt("<tg-emoji>x</tg-emoji>", 0, /emoji-id/);
    failsAt('<tg-emoji emoji-id="0">x</tg-emoji>', 0, /custom emoji id/);
    failsAt(
      '<tg-emoji emoji-id="9223372036854775808">x</tg-emoji>',
      0,
      /custom emoji id/,
    );
    failsAt('<tg-time unix="x">t</tg-time>', 0, /unix/);
    failsAt('<tg-time unix="1" format="q">t</tg-time>', 0, /format/);
    failsAt("ab&#xd83d;", 2, /surrogate/);
  });
});

describe("toHtml", () => {
  it("escapes &, < and > in text and quotes in attributes", () => {
    assert.equal(escapeHtml(`a<b>&"c'`), `a&lt;b&gt;&amp;"c'`);
    assert.equal(
      toHtml(`<&>"`, [{
        type: "text_link",
        offset: 0,
        length: 4,
        url: `https://a/?q="<&>`,
      }]),
      `<a href="https://a/?q=&quot;&lt;&amp;&gt;">&lt;&amp;&gt;"</a>`,
    );
  });

  it("writes every writable type", () => {
    const text = "0123456789abcdef";
    const html = toHtml(text, [
      { type: "bold", offset: 0, length: 1 },
      { type: "italic", offset: 1, length: 1 },
      { type: "underline", offset: 2, length: 1 },
      { type: "strikethrough", offset: 3, length: 1 },
      { type: "spoiler", offset: 4, length: 1 },
      { type: "code", offset: 5, length: 1 },
      { type: "pre", offset: 6, length: 1 },
      { type: "pre", offset: 7, length: 1, language: "js" },
      { type: "text_link", offset: 8, length: 1, url: "https://t.me/" },
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
      { type: "blockquote", offset: 12, length: 1 },
      { type: "expandable_blockquote", offset: 13, length: 1 },
      { type: "url", offset: 14, length: 2 },
    ]);
    assert.equal(
      html,
      "<b>0</b><i>1</i><u>2</u><s>3</s><tg-spoiler>4</tg-spoiler><code>5</code><pre>6</pre>" +
        '<pre><code class="language-js">7</code></pre><a href="https://t.me/">8</a>' +
        '<a href="tg://user?id=42">9</a><tg-emoji emoji-id="5368324170671202286">a</tg-emoji>' +
        '<tg-time unix="1647531900" format="r">b</tg-time><blockquote>c</blockquote>' +
        "<blockquote expandable>d</blockquote>ef",
    );
  });

  it("cuts the splittable entity where a link crosses it, whichever opens first", () => {
    const link = { type: "text_link", offset: 3, length: 5, url: "u" } as const;
    assert.equal(
      toHtml("abcdefgh", [{ type: "bold", offset: 0, length: 5 }, link]),
      '<b>abc</b><a href="u"><b>de</b>fgh</a>',
    );
    assert.equal(
      toHtml("abcdefgh", [
        { type: "text_link", offset: 0, length: 5, url: "u" },
        {
          type: "bold",
          offset: 3,
          length: 5,
        },
      ]),
      '<a href="u">abc<b>de</b></a><b>fgh</b>',
    );
  });

  it("clips spans to the text and leaves out invalid entities", () => {
    assert.equal(
      toHtml("abc", [
        { type: "bold", offset: 1, length: 10 },
        { type: "italic", offset: -1, length: 2 },
        { type: "underline", offset: 0.5, length: 1 },
        { type: "custom_emoji", offset: 0, length: 1, custom_emoji_id: "x" },
        {
          type: "date_time",
          offset: 0,
          length: 1,
          unix_time: 1,
          date_time_format: "zz",
        },
        { type: "code", offset: 0, length: 0 },
      ]),
      "a<b>bc</b>",
    );
  });
});
