/**
 * One entry point to build any framing codec by name.
 *
 * @module
 */

import { AbridgedCodec } from "./abridged.ts";
import { TransportError } from "./errors.ts";
import type { FrameCodec, FrameCodecOptions, Framing } from "./frame_codec.ts";
import { FullCodec } from "./full.ts";
import { IntermediateCodec, PaddedIntermediateCodec } from "./intermediate.ts";

/** Every framing name, in the order the docs list them. */
export const FRAMINGS: readonly Framing[] = [
  "abridged",
  "intermediate",
  "paddedIntermediate",
  "full",
];

/** Builds the codec for `framing` (client role unless `options.role` says otherwise). */
export function createFrameCodec(
  framing: Framing,
  options: FrameCodecOptions = {},
): FrameCodec {
  switch (framing) {
    case "abridged":
      return new AbridgedCodec(options);
    case "intermediate":
      return new IntermediateCodec(options);
    case "paddedIntermediate":
      return new PaddedIntermediateCodec(options);
    case "full":
      return new FullCodec(options);
    default:
      throw new TransportError(`unknown framing ${JSON.stringify(framing)}`);
  }
}
