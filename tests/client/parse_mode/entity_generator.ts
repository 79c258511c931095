/**
 * Seeded random texts and entity sets for the parse-mode property tests.
 *
 * @module
 */
import type { MessageEntity } from "../../../client/types/message_entity.ts";

/** A seeded generator of numbers in [0, 1) (mulberry32), so failures can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Helpers over a seeded generator. */
export class Random {
  /** The underlying generator. */
  readonly next: () => number;
  /** Wraps a seed. */
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  /** One element of a list. */
  pick<T>(list: readonly T[]): T {
    return list[this.int(0, list.length - 1)];
  }
  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/**
 * Pieces texts are made of: ASCII, every MarkdownV2 reserved character, HTML's special ones,
 * line breaks, and characters outside the BMP (surrogate pairs) including a ZWJ sequence and
 * a flag, so offsets have to count UTF-16 code units.
 */
const TEXT_TOKENS: readonly string[] = [
  "a",
  "b",
  "word",
  " ",
  "  ",
  "\n",
  "\n",
  "\r",
  "\t",
  "😀",
  "👨‍👩‍👧",
  "🇺🇦",
  "é",
  "ß",
  "\u200d",
  "_",
  "__",
  "*",
  "[",
  "]",
  "(",
  ")",
  "~",
  "`",
  "```",
  ">",
  "#",
  "+",
  "-",
  "=",
  "|",
  "||",
  "{",
  "}",
  ".",
  "!",
  "\\",
  "<",
  "&",
  "&amp;",
  '"',
  "'",
  ";",
  "</b>",
];

const URLS: readonly string[] = [
  "https://t.me/",
  "https://example.com/a_(b)\\c",
  "http://x.y/?q=<&>\"'",
  "https://пример.рф/😀",
  "mailto:a@b.c",
];
const LANGUAGES: readonly string[] = ["python", "c++", "js", "objective-c"];
const DATE_FORMATS: readonly string[] = ["r", "wDT", "d", "t", "DT", "wd"];

/** A random text and the token boundaries in it (entities start and end only there). */
export function randomText(
  random: Random,
  maxTokens = 30,
): { text: string; boundaries: number[] } {
  let text = "";
  const boundaries = [0];
  const count = random.int(0, maxTokens);
  for (let i = 0; i < count; i++) {
    text += random.pick(TEXT_TOKENS);
    boundaries.push(text.length);
  }
  return { text, boundaries };
}

function randomSpan(
  random: Random,
  boundaries: number[],
): [number, number] | undefined {
  if (boundaries.length < 2) return undefined;
  const a = random.int(0, boundaries.length - 2);
  const b = random.int(
    a + 1,
    Math.min(boundaries.length - 1, a + 1 + random.int(0, 12)),
  );
  return [boundaries[a], boundaries[b]];
}

/** An entity of a type that is not splittable, with random attributes, over [start, end). */
function randomUnsplittable(
  random: Random,
  start: number,
  end: number,
): MessageEntity {
  const offset = start;
  const length = end - start;
  switch (random.int(0, 5)) {
    case 0:
      return { type: "code", offset, length };
    case 1:
      return random.chance(0.5)
        ? { type: "pre", offset, length, language: random.pick(LANGUAGES) }
        : { type: "pre", offset, length };
    case 2:
      return { type: "text_link", offset, length, url: random.pick(URLS) };
    case 3:
      return {
        type: "text_mention",
        offset,
        length,
        user: { id: random.int(1, 2 ** 40) },
      };
    case 4:
      return {
        type: "custom_emoji",
        offset,
        length,
        custom_emoji_id: String(random.int(1, 2 ** 50)) + "123",
      };
    default:
      return random.chance(0.3)
        ? {
          type: "date_time",
          offset,
          length,
          unix_time: random.int(0, 2 ** 31 - 1),
        }
        : {
          type: "date_time",
          offset,
          length,
          unix_time: random.int(0, 2 ** 31 - 1),
          date_time_format: random.pick(DATE_FORMATS),
        };
  }
}

const SPLITTABLE = [
  "bold",
  "italic",
  "underline",
  "strikethrough",
  "spoiler",
] as const;

/**
 * Entities that Telegram accepts and that both markup languages can carry exactly:
 * block quotations over whole lines (each including its final line break), links, code and the
 * like disjoint from each other and either inside a quotation (short of its final line break)
 * or outside all of them, and splittable formatting anywhere except partly over code or over
 * the final line break of a quotation it starts inside of.
 */
export function randomExpressibleEntities(
  random: Random,
  text: string,
  boundaries: number[],
): MessageEntity[] {
  const entities: MessageEntity[] = [];
  const quotes: [number, number][] = [];
  const lineStarts = boundaries.filter((p) =>
    p < text.length && (p === 0 || text[p - 1] === "\n")
  );
  for (let i = 0; i < lineStarts.length; i++) {
    if (!random.chance(0.25)) continue;
    const start = lineStarts[i];
    const lines = random.int(1, 3);
    let end = start;
    for (let k = 0; k < lines && end < text.length; k++) {
      const lineBreak = text.indexOf("\n", end);
      end = lineBreak < 0 ? text.length : lineBreak + 1;
    }
    quotes.push([start, end]);
    entities.push({
      type: random.chance(0.3) ? "expandable_blockquote" : "blockquote",
      offset: start,
      length: end - start,
    });
    while (i + 1 < lineStarts.length && lineStarts[i + 1] < end) i++;
  }
  const insideLimit = ([, qb]: [number, number]) =>
    text[qb - 1] === "\n" ? qb - 1 : qb;

  const unsplittable: [number, number][] = [];
  const codes: [number, number][] = [];
  for (let tries = random.int(0, 6); tries > 0; tries--) {
    const span = randomSpan(random, boundaries);
    if (span === undefined) break;
    const [a, b] = span;
    if (unsplittable.some(([x, y]) => a < y && x < b)) continue;
    const fits = quotes.every((q) =>
      b <= q[0] || a >= q[1] || (a >= q[0] && b <= insideLimit(q))
    );
    if (!fits) continue;
    const entity = randomUnsplittable(random, a, b);
    unsplittable.push(span);
    if (entity.type === "code" || entity.type === "pre") codes.push(span);
    entities.push(entity);
  }
  for (let tries = random.int(0, 7); tries > 0; tries--) {
    const span = randomSpan(random, boundaries);
    if (span === undefined) break;
    const [a, b] = span;
    if (!codes.every(([x, y]) => b <= x || a >= y || (a <= x && y <= b))) {
      continue;
    }
    if (
      quotes.some((q) =>
        q[0] < a && a <= insideLimit(q) && b > insideLimit(q) &&
        insideLimit(q) < q[1]
      )
    ) {
      continue;
    }
    entities.push({ type: random.pick(SPLITTABLE), offset: a, length: b - a });
  }
  return entities;
}

/** Any entities at all: every type, random spans, crossing and nesting as they fall. */
export function randomAnyEntities(
  random: Random,
  boundaries: number[],
): MessageEntity[] {
  const entities: MessageEntity[] = [];
  for (let n = random.int(0, 10); n > 0; n--) {
    const span = randomSpan(random, boundaries);
    if (span === undefined) break;
    const [a, b] = span;
    const kind = random.int(0, 3);
    if (kind === 0) entities.push(randomUnsplittable(random, a, b));
    else if (kind === 1) {
      entities.push({
        type: random.chance(0.5) ? "blockquote" : "expandable_blockquote",
        offset: a,
        length: b - a,
      });
    } else {entities.push({
        type: random.pick(SPLITTABLE),
        offset: a,
        length: b - a,
      });}
  }
  return entities;
}

/**
 * What each code unit of the text is covered by: for every position, the sorted list of keys
 * (type and attributes) of the entities over it. Two entity lists that mean the same
 * formatting have the same coverage, however they are cut.
 */
export function coverage(
  textLength: number,
  entities: readonly MessageEntity[],
): string[] {
  const keys: string[][] = Array.from({ length: textLength }, () => []);
  for (const entity of entities) {
    const { offset, length, ...rest } = entity;
    const key = JSON.stringify(rest, Object.keys(rest).sort());
    for (let i = offset; i < offset + length; i++) keys[i].push(key);
  }
  return keys.map((list) => [...new Set(list)].sort().join(" "));
}
