/**
 * Telegram's HTML parse mode: {@link parseHtml} turns markup into text and entities, and
 * {@link toHtml} turns them back into markup.
 *
 * What {@link parseHtml} accepts (the Bot API's HTML style, read the way Telegram reads it):
 * - tags `b`/`strong`, `i`/`em`, `u`/`ins`, `s`/`strike`/`del`, `tg-spoiler`,
 *   `span class="tg-spoiler"`, `a href="…"` (a `tg://user?id=` link makes a `text_mention`; no
 *   or an empty `href` links the text itself), `tg-emoji emoji-id="…"`,
 *   `tg-time unix="…" format="…"`, `code`, `pre`, `pre` + `code class="language-…"` (a `pre`
 *   with a language), `blockquote` and `blockquote expandable`; tag and attribute names in any
 *   case; attribute values double-quoted, single-quoted, unquoted, or absent;
 * - the named references `&lt;` `&gt;` `&amp;` `&quot;` and every numeric one (`&#123;`,
 *   `&#x1F600;`), the `;` optional as Telegram allows; any other `&` is a literal `&`, and so is
 *   a `>` outside a tag;
 * - whitespace is kept as it is (no collapsing), and entities nest and touch freely.
 *
 * What it rejects with a {@link ParseModeError}: an unknown tag, an unescaped `<`, an end tag
 * that does not match the open one, a tag left open, a malformed attribute, a `span` without
 * `class="tg-spoiler"`, a `tg-emoji` without a valid id, a `tg-time` without a valid time or
 * with a bad format, and numeric references that leave half a surrogate pair.
 *
 * Unknown attributes are ignored, as Telegram does. Empty entities are dropped. Entities come
 * back in the canonical form of `normalizeEntities` (touching bold runs merged, sorted).
 *
 * @module
 */
import type { FormattedText, MessageEntity } from "../types/message_entity.ts";
import { DATE_TIME_FORMAT_PATTERN } from "../types/message_entity.ts";
import { isWritableEntity, normalizeEntities } from "./entities.ts";
import { planMarkup } from "./markup_plan.ts";
import { ParseModeError } from "./parse_mode_error.ts";
import {
  isPositiveInt64,
  parseUnixTime,
  tgUserLink,
  userIdFromTgLink,
} from "./tg_links.ts";

const SIMPLE_TAGS: Readonly<Record<string, MessageEntity["type"]>> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  "tg-spoiler": "spoiler",
  span: "spoiler",
};
const SUPPORTED_TAGS: ReadonlySet<string> = new Set([
  ...Object.keys(SIMPLE_TAGS),
  "a",
  "code",
  "pre",
  "blockquote",
  "tg-emoji",
  "tg-time",
]);

const NAMED_REFERENCES: Readonly<Record<string, string>> = {
  lt: "<",
  gt: ">",
  amp: "&",
  quot: '"',
};

/** A tag that is open while parsing. */
interface OpenTag {
  name: string;
  attributes: Map<string, string>;
  /** Where its content starts in the output text. */
  start: number;
  /** Where the tag is in the markup. */
  position: number;
}

/** An entity found while parsing, before the canonical form; code keeps its language for `pre`. */
type FoundEntity = MessageEntity & { codeLanguage?: string };

function fail(reason: string, position: number): never {
  throw new ParseModeError("html", reason, position);
}

function isHtmlSpace(c: string): boolean {
  return c === " " || c === "\n" || c === "\t" || c === "\r" || c === "\f";
}

function isTagNameChar(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39) || code === 0x2d;
}

/** A decoded character reference: the text it stands for and where the markup continues. */
interface DecodedReference {
  text: string;
  next: number;
  surrogate: boolean;
}

/** Decodes the character reference at `html[at] === "&"`, or `undefined` if there is none. */
function decodeReference(
  html: string,
  at: number,
): DecodedReference | undefined {
  let end = at + 1;
  let text: string;
  let surrogate = false;
  if (html[end] === "#") {
    end++;
    const hex = html[end] === "x" || html[end] === "X";
    if (hex) end++;
    const digitsStart = end;
    const digit = hex ? /[0-9a-fA-F]/ : /[0-9]/;
    while (end < html.length && digit.test(html[end])) end++;
    // Seven hex or eight decimal digits are already past U+10FFFF; stop before reading more.
    if (end === digitsStart || end - digitsStart > (hex ? 8 : 9)) {
      return undefined;
    }
    const code = parseInt(html.slice(digitsStart, end), hex ? 16 : 10);
    if (code === 0 || code > 0x10ffff) return undefined;
    surrogate = code >= 0xd800 && code <= 0xdfff;
    text = String.fromCodePoint(code);
  } else {
    while (end < html.length && /[a-zA-Z]/.test(html[end])) end++;
    const named = NAMED_REFERENCES[html.slice(at + 1, end)];
    if (named === undefined) return undefined;
    text = named;
  }
  if (html[end] === ";") end++;
  return { text, next: end, surrogate };
}

function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return true;
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      return true;
    }
  }
  return false;
}

/**
 * Parses Telegram HTML into plain text and entities, with offsets in UTF-16 code units.
 *
 * @throws {ParseModeError} on malformed markup (see the module documentation).
 */
export function parseHtml(html: string): FormattedText {
  let text = "";
  const stack: OpenTag[] = [];
  const found: FoundEntity[] = [];
  let surrogateReferenceAt = -1;

  let i = 0;
  let plainStart = 0;
  while (i < html.length) {
    const c = html[i];
    if (c !== "<" && c !== "&") {
      i++;
      continue;
    }
    text += html.slice(plainStart, i);
    if (c === "&") {
      const decoded = decodeReference(html, i);
      if (decoded === undefined) {
        text += "&";
        i++;
      } else {
        if (decoded.surrogate && surrogateReferenceAt < 0) {
          surrogateReferenceAt = i;
        }
        text += decoded.text;
        i = decoded.next;
      }
      plainStart = i;
      continue;
    }

    const tagPosition = i;
    if (html[i + 1] === "/") {
      let end = i + 2;
      while (end < html.length && isTagNameChar(html.charCodeAt(end))) end++;
      const name = html.slice(i + 2, end).toLowerCase();
      if (name === "") fail("expected a tag name after '</'", tagPosition);
      while (end < html.length && isHtmlSpace(html[end])) end++;
      if (end >= html.length) fail(`unclosed end tag </${name}>`, tagPosition);
      if (html[end] !== ">") {
        fail(`unexpected character '${html[end]}' in end tag </${name}>`, end);
      }
      const open = stack.pop();
      if (open === undefined) {
        fail(`end tag </${name}> has no matching start tag`, tagPosition);
      }
      if (open.name !== name) {
        fail(
          `end tag </${name}> does not match the open tag <${open.name}> at position ${open.position}`,
          tagPosition,
        );
      }
      closeTag(open, text, found);
      i = end + 1;
      plainStart = i;
      continue;
    }

    let end = i + 1;
    while (end < html.length && isTagNameChar(html.charCodeAt(end))) end++;
    const name = html.slice(i + 1, end).toLowerCase();
    if (name === "") fail("unescaped '<': write it as &lt;", tagPosition);
    if (!SUPPORTED_TAGS.has(name)) {
      fail(`unsupported tag <${name}>`, tagPosition);
    }
    const attributes = new Map<string, string>();
    for (;;) {
      while (end < html.length && isHtmlSpace(html[end])) end++;
      if (end >= html.length) fail(`unclosed start tag <${name}>`, tagPosition);
      if (html[end] === ">") break;
      const nameStart = end;
      while (end < html.length && !/[\s=>"'</`]/.test(html[end])) end++;
      if (end === nameStart) {
        fail(`unexpected character '${html[end]}' in tag <${name}>`, end);
      }
      const attributeName = html.slice(nameStart, end).toLowerCase();
      while (end < html.length && isHtmlSpace(html[end])) end++;
      let value = "";
      if (html[end] === "=") {
        end++;
        while (end < html.length && isHtmlSpace(html[end])) end++;
        const quote = html[end];
        let valueEnd: number;
        let next: number;
        if (quote === '"' || quote === "'") {
          valueEnd = html.indexOf(quote, end + 1);
          if (valueEnd < 0) {
            fail(
              `unclosed value of attribute "${attributeName}" in tag <${name}>`,
              end,
            );
          }
          end++;
          next = valueEnd + 1;
        } else {
          valueEnd = end;
          while (valueEnd < html.length && !/[\s>]/.test(html[valueEnd])) {
            valueEnd++;
          }
          if (valueEnd === end) {
            fail(
              `missing value of attribute "${attributeName}" in tag <${name}>`,
              end,
            );
          }
          next = valueEnd;
        }
        value = decodeAttribute(html, end, valueEnd);
        end = next;
      }
      attributes.set(attributeName, value);
    }
    checkStartTag(name, attributes, tagPosition);
    stack.push({ name, attributes, start: text.length, position: tagPosition });
    i = end + 1;
    plainStart = i;
  }
  text += html.slice(plainStart);
  if (stack.length > 0) {
    const open = stack[stack.length - 1];
    fail(`tag <${open.name}> is never closed`, open.position);
  }
  if (surrogateReferenceAt >= 0 && hasLoneSurrogate(text)) {
    fail(
      "character references leave an unpaired surrogate",
      surrogateReferenceAt,
    );
  }
  for (const entity of found) delete entity.codeLanguage;
  return { text, entities: normalizeEntities(found) };
}

function decodeAttribute(html: string, start: number, end: number): string {
  let value = "";
  let plainStart = start;
  for (
    let i = html.indexOf("&", start);
    i >= 0 && i < end;
    i = html.indexOf("&", i)
  ) {
    const decoded = decodeReference(html, i);
    if (decoded === undefined || decoded.next > end) {
      i++;
      continue;
    }
    value += html.slice(plainStart, i) + decoded.text;
    i = plainStart = decoded.next;
  }
  return value + html.slice(plainStart, end);
}

function checkStartTag(
  name: string,
  attributes: Map<string, string>,
  position: number,
): void {
  if (name === "span" && attributes.get("class") !== "tg-spoiler") {
    fail('a <span> must have class="tg-spoiler"', position);
  }
  if (name === "tg-emoji") {
    const id = attributes.get("emoji-id");
    if (id === undefined) {
      fail("<tg-emoji> needs an emoji-id attribute", position);
    }
    if (!isPositiveInt64(id)) fail(`invalid custom emoji id "${id}"`, position);
  }
  if (name === "tg-time") {
    const unix = attributes.get("unix");
    if (unix === undefined || parseUnixTime(unix) === undefined) {
      fail(
        "<tg-time> needs a unix attribute holding a Unix time in seconds",
        position,
      );
    }
    const format = attributes.get("format");
    if (format !== undefined && !DATE_TIME_FORMAT_PATTERN.test(format)) {
      fail(`invalid date and time format "${format}"`, position);
    }
  }
}

function closeTag(open: OpenTag, text: string, found: FoundEntity[]): void {
  const offset = open.start;
  const length = text.length - offset;
  if (length === 0) return;
  const simple = SIMPLE_TAGS[open.name];
  if (simple !== undefined) {
    found.push({ type: simple, offset, length } as MessageEntity);
    return;
  }
  switch (open.name) {
    case "a": {
      const url = open.attributes.get("href") || text.slice(offset);
      const userId = userIdFromTgLink(url);
      found.push(
        userId === undefined
          ? { type: "text_link", offset, length, url }
          : { type: "text_mention", offset, length, user: { id: userId } },
      );
      return;
    }
    case "tg-emoji":
      found.push({
        type: "custom_emoji",
        offset,
        length,
        custom_emoji_id: open.attributes.get("emoji-id")!,
      });
      return;
    case "tg-time": {
      const format = open.attributes.get("format");
      const unix_time = parseUnixTime(open.attributes.get("unix")!)!;
      found.push(
        format
          ? {
            type: "date_time",
            offset,
            length,
            unix_time,
            date_time_format: format,
          }
          : { type: "date_time", offset, length, unix_time },
      );
      return;
    }
    case "blockquote":
      found.push({
        type: open.attributes.has("expandable")
          ? "expandable_blockquote"
          : "blockquote",
        offset,
        length,
      });
      return;
    case "code":
    case "pre": {
      const codeClass = open.name === "code"
        ? open.attributes.get("class")
        : undefined;
      const language = codeClass?.startsWith("language-")
        ? codeClass.slice(9)
        : undefined;
      // <pre><code class="language-x"> (or the other way round) is one pre block in language x.
      const last = found[found.length - 1];
      if (
        last !== undefined && last.offset === offset &&
        last.length === length &&
        (last.type === "pre" || last.type === "code") && last.type !== open.name
      ) {
        const pre = { type: "pre", offset, length } as FoundEntity & {
          language?: string;
        };
        const lang = open.name === "code" ? language : last.codeLanguage;
        if (lang) pre.language = lang;
        found[found.length - 1] = pre;
        return;
      }
      found.push(
        open.name === "pre"
          ? { type: "pre", offset, length }
          : { type: "code", offset, length, codeLanguage: language },
      );
      return;
    }
  }
}

/** Escapes text for HTML: `&`, `<` and `>`. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>]/g,
    (c) => c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;",
  );
}

function escapeAttribute(value: string): string {
  return escapeHtml(value).replace(/"/g, "&quot;");
}

function openingTag(entity: MessageEntity): string {
  switch (entity.type) {
    case "bold":
      return "<b>";
    case "italic":
      return "<i>";
    case "underline":
      return "<u>";
    case "strikethrough":
      return "<s>";
    case "spoiler":
      return "<tg-spoiler>";
    case "code":
      return "<code>";
    case "pre":
      return entity.language
        ? `<pre><code class="language-${escapeAttribute(entity.language)}">`
        : "<pre>";
    case "blockquote":
      return "<blockquote>";
    case "expandable_blockquote":
      return "<blockquote expandable>";
    case "text_link":
      return `<a href="${escapeAttribute(entity.url)}">`;
    case "text_mention":
      return `<a href="${tgUserLink(entity.user.id)}">`;
    case "custom_emoji":
      return `<tg-emoji emoji-id="${entity.custom_emoji_id}">`;
    case "date_time":
      return entity.date_time_format
        ? `<tg-time unix="${entity.unix_time}" format="${entity.date_time_format}">`
        : `<tg-time unix="${entity.unix_time}">`;
    default:
      return "";
  }
}

function closingTag(entity: MessageEntity): string {
  switch (entity.type) {
    case "bold":
      return "</b>";
    case "italic":
      return "</i>";
    case "underline":
      return "</u>";
    case "strikethrough":
      return "</s>";
    case "spoiler":
      return "</tg-spoiler>";
    case "code":
      return "</code>";
    case "pre":
      return entity.language ? "</code></pre>" : "</pre>";
    case "blockquote":
    case "expandable_blockquote":
      return "</blockquote>";
    case "text_link":
    case "text_mention":
      return "</a>";
    case "custom_emoji":
      return "</tg-emoji>";
    case "date_time":
      return "</tg-time>";
    default:
      return "";
  }
}

/**
 * Writes text and entities as Telegram HTML that {@link parseHtml} reads back to the same text
 * and the same entities in canonical form. Entities that cross each other are cut so the tags
 * nest (splittable formatting is cut first, so links, code and quotes stay whole). Entities
 * the server detects by itself (mentions, hashtags, URLs, …) are written as plain text; spans
 * outside the text are clipped; entities with invalid fields (see {@link isWritableEntity})
 * are left out.
 */
export function toHtml(
  text: string,
  entities: readonly MessageEntity[],
): string {
  const writable = normalizeEntities(entities, text.length).filter(
    isWritableEntity,
  );
  let html = "";
  for (const event of planMarkup(text.length, writable)) {
    if (event.kind === "text") {
      html += escapeHtml(text.slice(event.start, event.end));
    } else if (event.kind === "open") html += openingTag(event.piece.entity);
    else html += closingTag(event.piece.entity);
  }
  return html;
}
