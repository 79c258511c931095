/**
 * `LinkPreviewOptions`, shaped like the Bot API's.
 *
 * @module
 */

/** How the link preview of a text message is shown. */
export interface LinkPreviewOptions {
  /** No preview at all. */
  is_disabled?: boolean;
  /** The URL to preview, instead of the first link of the text. */
  url?: string;
  /** Shrink the preview's media. */
  prefer_small_media?: boolean;
  /** Enlarge the preview's media. */
  prefer_large_media?: boolean;
  /** Show the preview above the text. */
  show_above_text?: boolean;
}
