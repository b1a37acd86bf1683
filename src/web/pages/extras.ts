import type { SafeHtml } from '../html.js';

/** What the site's extensions add to a core page (see ../extension.ts). */
export interface PageExtras {
  aside?: SafeHtml | null;
  /** Slot HTML above the content. */
  top?: SafeHtml | null;
  /** Slot HTML and footers below the content. */
  bottom?: SafeHtml | null;
  scripts?: string[];
  /** Elements for the page's <head>. */
  head?: SafeHtml | null;
  /** Notes about the page's story ("3 comments"), from the extensions' storyNotes. */
  storyNotes?: string[];
}
