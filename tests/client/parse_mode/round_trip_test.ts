import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseHtml, toHtml } from "../../../client/parse_mode/html.ts";
import {
  parseMarkdown,
  toMarkdown,
} from "../../../client/parse_mode/markdown.ts";
import { normalizeEntities } from "../../../client/parse_mode/entities.ts";
import { ParseModeError } from "../../../client/parse_mode/parse_mode_error.ts";
import type { FormattedText } from "../../../client/types/message_entity.ts";
import {
  coverage,
  Random,
  randomAnyEntities,
  randomExpressibleEntities,
  randomText,
} from "./entity_generator.ts";

const RUNS = 1500;

/** Runs `check` for many seeds; a failure names its seed and input so it can be replayed. */
function forSeeds(check: (random: Random, seed: number) => void) {
  for (let seed = 1; seed <= RUNS; seed++) {
    check(new Random(seed), seed);
  }
}

function describeCase(seed: number, value: unknown): string {
  return `seed ${seed}: ${JSON.stringify(value)}`;
}

describe("round trips entities → markup → entities", () => {
  it("HTML gives back the same text and entities (canonical form)", () => {
    forSeeds((random, seed) => {
      const { text, boundaries } = randomText(random);
      const entities = randomExpressibleEntities(random, text, boundaries);
      const html = toHtml(text, entities);
      assert.deepEqual(
        parseHtml(html),
        { text, entities: normalizeEntities(entities) },
        describeCase(seed, {
          text,
          entities,
          html,
        }),
      );
    });
  });

  it("MarkdownV2 gives back the same text and entities (canonical form)", () => {
    forSeeds((random, seed) => {
      const { text, boundaries } = randomText(random);
      const entities = randomExpressibleEntities(random, text, boundaries);
      const markdown = toMarkdown(text, entities);
      let parsed: FormattedText;
      try {
        parsed = parseMarkdown(markdown);
      } catch (error) {
        assert.fail(
          `${error}; ${describeCase(seed, { text, entities, markdown })}`,
        );
      }
      assert.deepEqual(
        parsed,
        { text, entities: normalizeEntities(entities) },
        describeCase(seed, {
          text,
          entities,
          markdown,
        }),
      );
    });
  });

  it("HTML keeps the formatting of every character for any entities, crossing ones too", () => {
    forSeeds((random, seed) => {
      const { text, boundaries } = randomText(random);
      const any = randomAnyEntities(random, boundaries);
      // <pre><code> over one span reads back as one pre block (documented), so code and pre
      // blocks are not allowed to meet here: once cut, two pieces of them could share a span.
      const monospace = (type: string) => type === "code" || type === "pre";
      const entities = any.filter((e) =>
        !monospace(e.type) ||
        !any.some((o) =>
          o !== e && monospace(o.type) && o.offset < e.offset + e.length &&
          e.offset < o.offset + o.length
        )
      );
      const html = toHtml(text, entities);
      const parsed = parseHtml(html);
      const context = describeCase(seed, { text, entities, html });
      assert.equal(parsed.text, text, context);
      assert.deepEqual(
        coverage(text.length, parsed.entities),
        coverage(text.length, entities),
        context,
      );
    });
  });

  it("MarkdownV2 always writes markup that parses back to the same text, for any entities", () => {
    forSeeds((random, seed) => {
      const { text, boundaries } = randomText(random);
      const entities = randomAnyEntities(random, boundaries);
      const markdown = toMarkdown(text, entities);
      let parsed: FormattedText;
      try {
        parsed = parseMarkdown(markdown);
      } catch (error) {
        assert.fail(
          `${error}; ${describeCase(seed, { text, entities, markdown })}`,
        );
      }
      assert.equal(
        parsed.text,
        text,
        describeCase(seed, { text, entities, markdown }),
      );
    });
  });
});

/** Random markup made of the characters each language gives meaning to. */
function randomMarkup(random: Random, alphabet: readonly string[]): string {
  let markup = "";
  for (let n = random.int(0, 25); n > 0; n--) markup += random.pick(alphabet);
  return markup;
}

const HTML_PIECES = [
  "<b>",
  "</b>",
  "<i>",
  "</i>",
  "<u>",
  "</u>",
  "<s>",
  "</s>",
  "<tg-spoiler>",
  "</tg-spoiler>",
  '<span class="tg-spoiler">',
  "</span>",
  "<code>",
  '<code class="language-py">',
  "</code>",
  "<pre>",
  "</pre>",
  "<blockquote>",
  "<blockquote expandable>",
  "</blockquote>",
  '<a href="https://t.me/">',
  "<a href='tg://user?id=7'>",
  "<a>",
  "</a>",
  '<tg-emoji emoji-id="5368324170671202286">',
  "</tg-emoji>",
  '<tg-time unix="5" format="r">',
  "</tg-time>",
  "<",
  ">",
  "&",
  "&lt;",
  "&#128512;",
  "&#xd83d;",
  '"',
  "=",
  "a",
  " ",
  "\n",
  "😀",
  "<x>",
  "<b ",
  "</",
];

const MARKDOWN_PIECES = [
  "*",
  "_",
  "__",
  "~",
  "||",
  "|",
  "`",
  "```",
  "```py\n",
  "[",
  "]",
  "(",
  ")",
  "](https://t.me/)",
  "](tg://user?id=7)",
  "![",
  "](tg://emoji?id=1)",
  "](tg://time?unix=1)",
  ">",
  "\n",
  "\n>",
  "\\",
  "\\*",
  "\\\\",
  ".",
  "a",
  " ",
  "😀",
  "\r",
  "**>",
];

describe("fuzzing the parsers", () => {
  it("parseHtml either parses or throws a ParseModeError, and what it parses round trips", () => {
    forSeeds((random, seed) => {
      const html = randomMarkup(random, HTML_PIECES);
      let parsed: FormattedText;
      try {
        parsed = parseHtml(html);
      } catch (error) {
        assert.ok(
          error instanceof ParseModeError,
          describeCase(seed, { html, error: String(error) }),
        );
        assert.ok(error.position >= 0 && error.position <= html.length);
        return;
      }
      for (const e of parsed.entities) {
        assert.ok(
          e.offset >= 0 && e.length > 0 &&
            e.offset + e.length <= parsed.text.length,
        );
      }
      assert.deepEqual(
        parseHtml(toHtml(parsed.text, parsed.entities)),
        parsed,
        describeCase(seed, html),
      );
    });
  });

  it("parseMarkdown either parses or throws a ParseModeError, and what it parses round trips", () => {
    let parsedCount = 0;
    forSeeds((random, seed) => {
      const markdown = randomMarkup(random, MARKDOWN_PIECES);
      let parsed: FormattedText;
      try {
        parsed = parseMarkdown(markdown);
      } catch (error) {
        assert.ok(
          error instanceof ParseModeError,
          describeCase(seed, { markdown, error: String(error) }),
        );
        assert.ok(error.position >= 0 && error.position <= markdown.length);
        return;
      }
      parsedCount++;
      for (const e of parsed.entities) {
        assert.ok(
          e.offset >= 0 && e.length > 0 &&
            e.offset + e.length <= parsed.text.length,
        );
      }
      const again = toMarkdown(parsed.text, parsed.entities);
      assert.deepEqual(
        parseMarkdown(again),
        parsed,
        describeCase(seed, { markdown, again }),
      );
      // And across languages: the same entities survive a trip through HTML.
      assert.deepEqual(
        parseHtml(toHtml(parsed.text, parsed.entities)),
        parsed,
        describeCase(seed, markdown),
      );
    });
    // The fuzzer must reach the success path often enough to mean something.
    assert.ok(
      parsedCount > RUNS / 20,
      `only ${parsedCount} random markups parsed`,
    );
  });
});
