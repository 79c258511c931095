/**
 * Turns entities (which may overlap in any way) into properly nested open/close events, the
 * shape every markup language needs. Where two entities cross, one of them is cut in pieces:
 * the open one when it is splittable (bold, italic, …), else the new one, so links, code and
 * quotes stay whole whenever it is formatting that crosses them.
 *
 * @module
 */
import type { MessageEntity } from "../types/message_entity.ts";
import { entityNestingRank, isSplittableEntityType } from "./entities.ts";

/** A part of an entity: the whole entity, or one of the pieces it was cut into. */
export interface MarkupPiece {
  /** The entity this piece belongs to. */
  readonly entity: MessageEntity;
  /** Where the piece starts in the text. */
  readonly start: number;
  /** Where the piece ends in the text (exclusive). */
  end: number;
}

/** One step of writing markup: plain text, or a piece opening or closing. */
export type MarkupEvent =
  | { kind: "text"; start: number; end: number }
  | { kind: "open"; piece: MarkupPiece }
  | { kind: "close"; piece: MarkupPiece };

/**
 * Plans the markup for `entities` over a text of `textLength` code units. Entities must have
 * positive lengths inside the text (see `normalizeEntities`). The events nest properly: every
 * piece closes after all pieces opened after it. Pieces that start and end together nest by
 * `rank`, lowest outermost (by default the type's nesting rank).
 */
export function planMarkup(
  textLength: number,
  entities: readonly MessageEntity[],
  rank: (entity: MessageEntity) => number = (entity) =>
    entityNestingRank(entity.type),
): MarkupEvent[] {
  const events: MarkupEvent[] = [];
  const openings = new Map<number, MarkupPiece[]>();
  const boundaries = new Set<number>([0, textLength]);
  const addOpening = (piece: MarkupPiece) => {
    const list = openings.get(piece.start);
    if (list === undefined) openings.set(piece.start, [piece]);
    else list.push(piece);
  };
  for (const entity of entities) {
    const piece = {
      entity,
      start: entity.offset,
      end: entity.offset + entity.length,
    };
    addOpening(piece);
    boundaries.add(piece.start);
    boundaries.add(piece.end);
  }
  const positions = [...boundaries].sort((a, b) => a - b);

  // Invariant: ends never increase from the bottom of the stack to its top, so whatever ends
  // at a position is on top when that position is reached.
  const stack: MarkupPiece[] = [];
  const open = (piece: MarkupPiece) => {
    stack.push(piece);
    events.push({ kind: "open", piece });
  };
  const close = (piece: MarkupPiece) => {
    const last = events[events.length - 1];
    // A piece that would close where it opened leaves no trace instead of an empty element.
    if (last !== undefined && last.kind === "open" && last.piece === piece) {
      events.pop();
    } else events.push({ kind: "close", piece });
  };

  let written = 0;
  for (const position of positions) {
    if (position > written) {
      events.push({ kind: "text", start: written, end: position });
      written = position;
    }
    while (stack.length > 0 && stack[stack.length - 1].end === position) {
      close(stack.pop()!);
    }
    const starting = openings.get(position);
    if (starting === undefined) continue;
    starting.sort((a, b) => b.end - a.end || rank(a.entity) - rank(b.entity));
    for (const piece of starting) {
      let firstCrossed = stack.length;
      while (firstCrossed > 0 && stack[firstCrossed - 1].end < piece.end) {
        firstCrossed--;
      }
      if (firstCrossed === stack.length) {
        open(piece);
        continue;
      }
      const crossed = stack.slice(firstCrossed);
      // Cutting the open ones keeps the new, longer one whole: an outer entity stays outer.
      const cutTheOpenOnes = crossed.every((p) =>
        isSplittableEntityType(p.entity.type)
      );
      if (cutTheOpenOnes) {
        // Close the splittable entities that end inside the new one, and reopen them within it.
        for (let i = stack.length - 1; i >= firstCrossed; i--) close(stack[i]);
        stack.length = firstCrossed;
        open(piece);
        for (const p of crossed) {
          open({ entity: p.entity, start: position, end: p.end });
        }
      } else {
        // Cut the new entity where the innermost open one ends; the rest opens there.
        const limit = stack[stack.length - 1].end;
        addOpening({ entity: piece.entity, start: limit, end: piece.end });
        piece.end = limit;
        open(piece);
      }
    }
  }
  while (stack.length > 0) close(stack.pop()!);
  return events;
}
