/**
 * Telegram's MarkdownV2 parse mode: {@link parseMarkdown} turns markup into text and entities,
 * and {@link toMarkdown} turns them back into markup.
 *
 * The syntax, as the Bot API documents it and Telegram reads it:
 * - `*bold*`, `_italic_`, `__underline__`, `~strikethrough~`, `||spoiler||`, nested freely; a
 *   run of underscores is read greedily left to right as `__` first (write `___a_**__` for
 *   underline around italic: the empty `**` separates them);
 * - `[text](url)`, `[text](tg://user?id=123)` (a `text_mention`), `[text]` alone (the text is
 *   the URL), `![👍](tg://emoji?id=…)` (a custom emoji) and `![text](tg://time?unix=…&format=…)`
 *   (a date and time); inside `(…)` only `)` and `\` need escaping;
 * - `` `code` `` and ```` ```language\npre``` ````; inside them only `` ` `` and `\` need
 *   escaping and nothing else is markup; one line break right after the opening fence is
 *   dropped;
 * - `>` at the start of a line opens a block quotation that continues while lines start with
 *   `>`, and includes the line break that ends it; `||` at the very end of its last line makes
 *   it expandable; an empty `**` between two quotations keeps them apart;
 * - `\` before any ASCII character (codes 1 to 126) makes it plain text; a `\` before anything
 *   else is itself plain text.
 *
 * Outside code, the characters `_ * [ ] ( ) ~ ` > # + - = | { } . !` are reserved: one that is
 * not part of the syntax is a {@link ParseModeError}, as in the Bot API. So is an entity left
 * open, one that is still open when its block quotation ends, and a bad `tg://` link.
 *
 * Empty entities are dropped; a link with an empty URL is plain text. Entities come back in the
 * canonical form of `normalizeEntities`.
 *
 * @module
 */
import type { FormattedText, MessageEntity } from "../types/message_entity.ts";
import {
  compareEntities,
  entityNestingRank,
  isBlockquoteType,
  isSplittableEntityType,
  isWritableEntity,
  normalizeEntities,
} from "./entities.ts";
import { type MarkupPiece, planMarkup } from "./markup_plan.ts";
import { ParseModeError } from "./parse_mode_error.ts";
import {
  readTgMediaLink,
  tgEmojiLink,
  tgTimeLink,
  tgUserLink,
  userIdFromTgLink,
} from "./tg_links.ts";

/** The characters MarkdownV2 reserves outside code. */
const RESERVED = "_*[]()~`>#+-=|{}.!";
const RESERVED_OR_BACKSLASH = /[_*[\]()~`>#+\-=|{}.!\\]/g;

type OpenKind =
  | "bold"
  | "italic"
  | "underline"
  | "strikethrough"
  | "spoiler"
  | "code"
  | "pre"
  | "link"
  | "media"
  | "quote";

/** An entity that is open while parsing. */
interface OpenEntity {
  kind: OpenKind;
  /** Where its content starts in the output text. */
  start: number;
  /** Where it was opened in the markup. */
  position: number;
  language?: string;
  expandable?: boolean;
}

const KIND_NAMES: Readonly<Record<OpenKind, string>> = {
  bold: "bold (*)",
  italic: "italic (_)",
  underline: "underline (__)",
  strikethrough: "strikethrough (~)",
  spoiler: "spoiler (||)",
  code: "code (`)",
  pre: "pre (```)",
  link: "link ([)",
  media: "custom emoji or time (![)",
  quote: "block quotation (>)",
};

function fail(reason: string, position: number): never {
  throw new ParseModeError("markdown", reason, position);
}

function isMarkdownSpace(c: string | undefined): boolean {
  return c === " " || c === "\n" || c === "\r" || c === "\t" || c === "\v" ||
    c === "\f";
}

/**
 * Parses Telegram MarkdownV2 into plain text and entities, with offsets in UTF-16 code units.
 *
 * @throws {ParseModeError} on malformed markup (see the module documentation).
 */
export function parseMarkdown(markdown: string): FormattedText {
  const length = markdown.length;
  let text = "";
  const stack: OpenEntity[] = [];
  let quote: OpenEntity | undefined;
  const found: MessageEntity[] = [];

  const open = (
    kind: OpenKind,
    position: number,
    extra?: Partial<OpenEntity>,
  ) => {
    const entity: OpenEntity = { kind, start: text.length, position, ...extra };
    stack.push(entity);
    return entity;
  };
  const closeSimple = (entity: OpenEntity) => {
    stack.pop();
    const entityLength = text.length - entity.start;
    if (entityLength === 0) return;
    const offset = entity.start;
    switch (entity.kind) {
      case "pre":
        found.push(
          entity.language
            ? {
              type: "pre",
              offset,
              length: entityLength,
              language: entity.language,
            }
            : { type: "pre", offset, length: entityLength },
        );
        return;
      case "quote":
        found.push({
          type: entity.expandable ? "expandable_blockquote" : "blockquote",
          offset,
          length: entityLength,
        });
        return;
      case "bold":
      case "italic":
      case "underline":
      case "strikethrough":
      case "spoiler":
      case "code":
        found.push({ type: entity.kind, offset, length: entityLength });
        return;
    }
  };
  // `||` ends the last line of a quotation when only line feeds (and \r) follow it up to the
  // end of the text or a line break not followed by `>`.
  const endsQuotation = (at: number) => {
    while (markdown[at] === "\r") at++;
    return at >= length || (markdown[at] === "\n" && markdown[at + 1] !== ">");
  };

  let i = 0;
  let plainStart = 0;
  while (i < length) {
    const c = markdown[i];
    const top = stack[stack.length - 1];
    const inCode = top !== undefined &&
      (top.kind === "code" || top.kind === "pre");
    if (c === "\\") {
      const next = markdown.charCodeAt(i + 1);
      if (next >= 1 && next <= 126) {
        text += markdown.slice(plainStart, i) + markdown[i + 1];
        i += 2;
        plainStart = i;
      } else {
        i++;
      }
      continue;
    }
    if (inCode ? c !== "`" : c !== "\n" && !RESERVED.includes(c)) {
      i++;
      continue;
    }
    text += markdown.slice(plainStart, i);
    const position = i;
    if (inCode) {
      if (top.kind === "code") {
        closeSimple(top);
        i++;
      } else if (markdown.startsWith("```", i)) {
        closeSimple(top);
        i += 3;
      } else {
        fail(
          "character '`' must be escaped with a preceding '\\' inside a pre block",
          i,
        );
      }
      plainStart = i;
      continue;
    }
    switch (c) {
      case "\n":
        text += "\n";
        i++;
        if (quote !== undefined) {
          if (markdown[i] === ">") {
            i++;
          } else {
            if (top !== quote) {
              fail(
                `${
                  KIND_NAMES[top.kind]
                } opened at position ${top.position} must be closed before the block quotation ends`,
                top.position,
              );
            }
            closeSimple(quote);
            quote = undefined;
          }
        }
        break;
      case ">":
        if (
          quote !== undefined ||
          !(text === "" || text.endsWith("\n") || text.endsWith("\r"))
        ) {
          fail(
            "character '>' is reserved and must be escaped with a preceding '\\'",
            i,
          );
        }
        quote = open("quote", i);
        i++;
        break;
      case "*":
        if (top?.kind === "bold") closeSimple(top);
        else open("bold", i);
        i++;
        break;
      case "~":
        if (top?.kind === "strikethrough") closeSimple(top);
        else open("strikethrough", i);
        i++;
        break;
      case "_":
        if (top?.kind === "italic" && markdown[i + 1] !== "_") {
          closeSimple(top);
          i++;
        } else if (top?.kind === "underline" && markdown[i + 1] === "_") {
          closeSimple(top);
          i += 2;
        } else if (markdown[i + 1] === "_") {
          open("underline", i);
          i += 2;
        } else {
          open("italic", i);
          i++;
        }
        break;
      case "|":
        if (markdown[i + 1] !== "|") {
          fail(
            "character '|' is reserved and must be escaped with a preceding '\\'",
            i,
          );
        }
        if (top?.kind === "spoiler") closeSimple(top);
        else if (quote !== undefined && endsQuotation(i + 2)) {
          quote.expandable = true;
        } else open("spoiler", i);
        i += 2;
        break;
      case "[":
        open("link", i);
        i++;
        break;
      case "!":
        if (markdown[i + 1] !== "[") {
          fail(
            "character '!' is reserved and must be escaped with a preceding '\\'",
            i,
          );
        }
        open("media", i);
        i += 2;
        break;
      case "]": {
        if (top?.kind !== "link" && top?.kind !== "media") {
          fail(
            "character ']' is reserved and must be escaped with a preceding '\\'",
            i,
          );
        }
        i++;
        let url: string | undefined;
        const urlPosition = i;
        if (markdown[i] === "(") {
          url = "";
          let j = i + 1;
          let run = j;
          while (j < length && markdown[j] !== ")") {
            const next = markdown.charCodeAt(j + 1);
            if (markdown[j] === "\\" && next >= 1 && next <= 126) {
              url += markdown.slice(run, j) + markdown[j + 1];
              j += 2;
              run = j;
            } else {
              j++;
            }
          }
          if (j >= length) {
            fail("the URL is never closed with ')'", urlPosition);
          }
          url += markdown.slice(run, j);
          i = j + 1;
        } else if (top.kind === "media") {
          fail(
            "'![…]' must be followed by a (tg://emoji?id=…) or (tg://time?unix=…) link",
            i,
          );
        }
        stack.pop();
        const offset = top.start;
        const entityLength = text.length - offset;
        if (top.kind === "media") {
          const link = readTgMediaLink(url!);
          if (link.kind === "invalid") fail(link.reason, urlPosition);
          if (entityLength === 0) break;
          if (link.kind === "emoji") {
            found.push({
              type: "custom_emoji",
              offset,
              length: entityLength,
              custom_emoji_id: link.customEmojiId,
            });
          } else if (link.kind === "time") {
            found.push(
              link.format === undefined
                ? {
                  type: "date_time",
                  offset,
                  length: entityLength,
                  unix_time: link.unixTime,
                }
                : {
                  type: "date_time",
                  offset,
                  length: entityLength,
                  unix_time: link.unixTime,
                  date_time_format: link.format,
                },
            );
          }
          break;
        }
        const target = url ?? text.slice(offset);
        if (entityLength === 0 || target === "") break;
        const userId = userIdFromTgLink(target);
        found.push(
          userId === undefined
            ? { type: "text_link", offset, length: entityLength, url: target }
            : {
              type: "text_mention",
              offset,
              length: entityLength,
              user: { id: userId },
            },
        );
        break;
      }
      case "`": {
        if (!markdown.startsWith("```", i)) {
          open("code", i);
          i++;
          break;
        }
        let j = i + 3;
        let languageEnd = j;
        while (
          languageEnd < length && !isMarkdownSpace(markdown[languageEnd]) &&
          markdown[languageEnd] !== "`"
        ) {
          languageEnd++;
        }
        let language: string | undefined;
        if (
          languageEnd > j && languageEnd < length &&
          markdown[languageEnd] !== "`"
        ) {
          language = markdown.slice(j, languageEnd);
          j = languageEnd;
        }
        const lineBreak = markdown[j];
        if (lineBreak === "\n" || lineBreak === "\r") {
          const second = markdown[j + 1];
          j += (second === "\n" || second === "\r") && second !== lineBreak
            ? 2
            : 1;
        }
        open("pre", i, language === undefined ? undefined : { language });
        i = j;
        break;
      }
      default:
        fail(
          `character '${c}' is reserved and must be escaped with a preceding '\\'`,
          position,
        );
    }
    plainStart = i;
  }
  text += markdown.slice(plainStart);
  if (quote !== undefined && stack[stack.length - 1] === quote) {
    closeSimple(quote);
    quote = undefined;
  }
  if (stack.length > 0) {
    const top = stack[stack.length - 1];
    fail(`${KIND_NAMES[top.kind]} opened here is never closed`, top.position);
  }
  return { text, entities: normalizeEntities(found) };
}

/** Escapes text for MarkdownV2 outside code: a `\` before every reserved character and `\`. */
export function escapeMarkdown(text: string): string {
  return text.replace(RESERVED_OR_BACKSLASH, "\\$&");
}

/** Escapes text for the inside of MarkdownV2 code and pre blocks: `` ` `` and `\`. */
export function escapeMarkdownCode(text: string): string {
  return text.replace(/[`\\]/g, "\\$&");
}

/** Escapes a URL for the `(…)` part of a MarkdownV2 link: `)` and `\`. */
export function escapeMarkdownUrl(url: string): string {
  return url.replace(/[)\\]/g, "\\$&");
}

function isLineStart(text: string, position: number): boolean {
  return position === 0 || text[position - 1] === "\n" ||
    text[position - 1] === "\r";
}

/**
 * Bends entities into what MarkdownV2 can say. A quotation covers whole lines (it starts at a
 * line start and runs through the line break that ends it), so quotations are widened to whole
 * lines and merged where they then overlap; links, code and other unsplittable entities that
 * cross a quotation are cut at its edges; nothing inside a quotation can cover its final line
 * break, so that break is cut out of them; and since a quotation only closes at that break
 * (or the end of the text), what starts before it and ends right there is cut at its start.
 * Quotations come back without their final line
 * break, which the writer emits after closing them, except a quotation of a line break alone,
 * which is kept whole and remembered in `loneBreakQuotes`.
 */
function fitToMarkdown(
  text: string,
  entities: readonly MessageEntity[],
  loneBreakQuotes: WeakSet<MessageEntity>,
): MessageEntity[] {
  const quotes: { start: number; end: number; expandable: boolean }[] = [];
  const others: MessageEntity[] = [];
  for (const entity of entities) {
    if (!isBlockquoteType(entity.type)) {
      others.push(entity);
      continue;
    }
    let start = entity.offset;
    let end = entity.offset + entity.length;
    while (start < end && !isLineStart(text, start)) start++;
    if (start >= end) continue;
    if (end < text.length && text[end - 1] !== "\n") {
      const lineBreak = text.indexOf("\n", end);
      end = lineBreak < 0 ? text.length : lineBreak + 1;
    }
    quotes.push({
      start,
      end,
      expandable: entity.type === "expandable_blockquote",
    });
  }
  quotes.sort((a, b) => a.start - b.start);
  const merged: typeof quotes = [];
  for (const quote of quotes) {
    const last = merged[merged.length - 1];
    if (last !== undefined && quote.start < last.end) {
      last.end = Math.max(last.end, quote.end);
      last.expandable ||= quote.expandable;
    } else {
      merged.push({ ...quote });
    }
  }

  // Only the quotations an entity meets can change it; they are sorted and disjoint.
  const pieces: MessageEntity[] = [];
  for (const entity of others) {
    const entityEnd = entity.offset + entity.length;
    let low = 0;
    let high = merged.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (merged[middle].end <= entity.offset) low = middle + 1;
      else high = middle;
    }
    let parts = [entity];
    for (let q = low; q < merged.length && merged[q].start < entityEnd; q++) {
      const quote = merged[q];
      parts = parts.flatMap((part) => fitAroundQuote(part, quote, text));
    }
    pieces.push(...parts);
  }
  for (const quote of merged) {
    const type = quote.expandable ? "expandable_blockquote" : "blockquote";
    const end = text[quote.end - 1] === "\n" ? quote.end - 1 : quote.end;
    if (end > quote.start) {
      pieces.push({ type, offset: quote.start, length: end - quote.start });
    } else {
      const lone: MessageEntity = { type, offset: quote.start, length: 1 };
      loneBreakQuotes.add(lone);
      pieces.push(lone);
    }
  }
  return pieces.sort(compareEntities);
}

/** The pieces of `entity` that MarkdownV2 can write around one (widened) quotation. */
function fitAroundQuote(
  entity: MessageEntity,
  quote: { start: number; end: number },
  text: string,
): MessageEntity[] {
  const finalBreak = text[quote.end - 1] === "\n" ? quote.end - 1 : -1;
  const next: MessageEntity[] = [];
  const start = entity.offset;
  const end = start + entity.length;
  const cuts: number[] = [];
  // A quotation closes at its final line break (or the end of the text), after every marker
  // written before that, so what starts before it and ends right there must start inside it.
  if (
    start < quote.start && quote.start < end &&
    end === (finalBreak >= 0 ? finalBreak : quote.end)
  ) {
    cuts.push(quote.start);
  }
  if (!isSplittableEntityType(entity.type)) {
    if (start < quote.start && quote.start < end && end < quote.end) {
      cuts.push(quote.start);
    }
    if (quote.start < start && start < quote.end && quote.end < end) {
      cuts.push(quote.end);
    }
  }
  let spans: [number, number][] = [[start, end]];
  for (const cut of cuts) {
    spans = spans.flatMap(([a, b]): [number, number][] =>
      a < cut && cut < b ? [[a, cut], [cut, b]] : [[a, b]]
    );
  }
  for (const [a, b] of spans) {
    // A piece that starts inside the quotation (not at its start) ends before its final break.
    if (
      finalBreak >= 0 && quote.start < a && a <= finalBreak &&
      b > finalBreak
    ) {
      if (finalBreak > a) {
        next.push({ ...entity, offset: a, length: finalBreak - a });
      }
      if (b > finalBreak + 1) {
        next.push({
          ...entity,
          offset: finalBreak + 1,
          length: b - finalBreak - 1,
        });
      }
    } else {
      next.push({ ...entity, offset: a, length: b - a });
    }
  }
  return next;
}

function languageOf(entity: MessageEntity): string {
  return entity.type === "pre" && entity.language &&
      !/[\s`]/.test(entity.language)
    ? entity.language
    : "";
}

function openingMarker(entity: MessageEntity): string {
  switch (entity.type) {
    case "bold":
      return "*";
    case "italic":
      return "_";
    case "underline":
      return "__";
    case "strikethrough":
      return "~";
    case "spoiler":
      return "||";
    case "code":
      return "`";
    case "pre":
      return "```" + languageOf(entity) + "\n";
    case "blockquote":
    case "expandable_blockquote":
      return ">";
    case "text_link":
    case "text_mention":
      return "[";
    case "custom_emoji":
    case "date_time":
      return "![";
    default:
      return "";
  }
}

function closingMarker(entity: MessageEntity): string {
  switch (entity.type) {
    case "bold":
      return "*";
    case "italic":
      return "_";
    case "underline":
      return "__";
    case "strikethrough":
      return "~";
    case "spoiler":
      return "||";
    case "code":
      return "`";
    case "pre":
      return "```";
    case "blockquote":
      return "";
    case "expandable_blockquote":
      return "||";
    case "text_link":
      return `](${escapeMarkdownUrl(entity.url)})`;
    case "text_mention":
      return `](${tgUserLink(entity.user.id)})`;
    case "custom_emoji":
      return `](${tgEmojiLink(entity.custom_emoji_id)})`;
    case "date_time":
      return `](${tgTimeLink(entity.unix_time, entity.date_time_format)})`;
    default:
      return "";
  }
}

/**
 * Writes text and entities as MarkdownV2 that {@link parseMarkdown} reads back to the same text
 * and entities in canonical form, with these exceptions, where MarkdownV2 cannot say it:
 * - nothing can be formatted inside code or pre, so entities there are left out, and a pre
 *   language with white space or a backtick is dropped;
 * - a block quotation always covers whole lines including the line break that ends it, so a
 *   quotation is widened to that, and no other entity inside it can cover that final break;
 * - a code or pre block holding a quotation's final line break (which only markup written by
 *   hand produces: a line break inside code does not end a quotation) is not written back
 *   exactly.
 *
 * Like {@link toHtml}: crossing entities are cut so the markup nests, auto-detected entities
 * (mentions, URLs, …) are plain text, spans are clipped to the text, invalid entities are left
 * out.
 */
export function toMarkdown(
  text: string,
  entities: readonly MessageEntity[],
): string {
  const loneBreakQuotes = new WeakSet<MessageEntity>();
  const writable = fitToMarkdown(
    text,
    normalizeEntities(entities, text.length).filter(isWritableEntity),
    loneBreakQuotes,
  );
  let markdown = "";
  const open: MessageEntity[] = [];
  const skipped = new Set<MarkupPiece>();
  let codeDepth = 0;
  let inQuote = false;
  let inLoneBreakQuote = false;
  // Where the line break that ended the last quotation is: a quotation right after it needs a
  // separator, or its `>` would continue the last one.
  let lastQuoteBreak = -1;
  let afterUnderscoreMarker = false;
  let preStart = false;

  // An empty bold (or strikethrough, inside bold) keeps markers from running together.
  const separator = () => open[open.length - 1]?.type === "bold" ? "~~" : "**";
  const marker = (value: string) => {
    if (value === "") return;
    if (afterUnderscoreMarker && value.startsWith("_")) markdown += separator();
    markdown += value;
    afterUnderscoreMarker = value.endsWith("_");
  };

  // A quotation of a line break alone nests inside whatever covers the same span, since that
  // break is where the parser closes it.
  const rank = (entity: MessageEntity) =>
    loneBreakQuotes.has(entity) ? 100 : entityNestingRank(entity.type);
  for (const event of planMarkup(text.length, writable, rank)) {
    if (event.kind === "text") {
      let part = text.slice(event.start, event.end);
      if (codeDepth > 0) {
        part = escapeMarkdownCode(part);
        // The line break after an opening fence is eaten with a following \r: keep this \r.
        if (preStart && part.startsWith("\r")) part = "\\" + part;
      } else {
        part = escapeMarkdown(part);
        if (inQuote && !inLoneBreakQuote) part = part.replaceAll("\n", "\n>");
      }
      markdown += part;
      afterUnderscoreMarker = false;
      preStart = false;
      continue;
    }
    const { piece } = event;
    const entity = piece.entity;
    if (event.kind === "open") {
      const quotation = isBlockquoteType(entity.type);
      if (
        codeDepth > 0 ||
        (quotation && (inQuote || !isLineStart(text, piece.start)))
      ) {
        skipped.add(piece);
        continue;
      }
      if (
        quotation && lastQuoteBreak === piece.start - 1 &&
        text[lastQuoteBreak] === "\n"
      ) {
        markdown += separator();
      }
      const lone = quotation && loneBreakQuotes.has(entity);
      // A quotation of a line break alone gets its expandable mark before that break.
      marker(
        lone && entity.type === "expandable_blockquote"
          ? ">||"
          : openingMarker(entity),
      );
      open.push(entity);
      if (entity.type === "code" || entity.type === "pre") codeDepth++;
      if (entity.type === "pre") preStart = true;
      if (quotation) {
        inQuote = true;
        inLoneBreakQuote = lone;
      }
      continue;
    }
    if (skipped.delete(piece)) continue;
    if (isBlockquoteType(entity.type)) {
      if (!inLoneBreakQuote) marker(closingMarker(entity));
      open.pop();
      lastQuoteBreak = inLoneBreakQuote ? piece.end - 1 : piece.end;
      inQuote = inLoneBreakQuote = false;
      continue;
    }
    // The marker goes out while the entity is still the innermost one, as the parser sees it.
    marker(closingMarker(entity));
    open.pop();
    if (entity.type === "code" || entity.type === "pre") codeDepth--;
  }
  return markdown;
}
