// Sponsor/ad slots: one snippet per named place of the article and story pages, off until
// an admin turns it on, always shown under an "Advertisement" label.
import type { SlotName } from '../web/extension.js';
import { sanitizeSlotHtml } from './slot-html.js';

export const SLOT_NAMES = ['article-top', 'article-bottom', 'story-top', 'story-bottom'] as const satisfies readonly SlotName[];

export const SLOT_DESCRIPTIONS: Record<SlotName, string> = {
  'article-top': 'Above an article',
  'article-bottom': 'Below an article, before its discussion',
  'story-top': 'Above a story’s coverage',
  'story-bottom': 'Below a story’s coverage',
};

export function isSlotName(value: string): value is SlotName {
  return (SLOT_NAMES as readonly string[]).includes(value);
}

export interface SlotContent {
  html: string;
  enabled: boolean;
}

/** The HTML to place, or null when the slot is off or empty. Sanitised again on the way out. */
export function slotMarkup(slot: SlotContent | null): string | null {
  if (!slot || !slot.enabled) return null;
  const clean = sanitizeSlotHtml(slot.html);
  return clean ? clean : null;
}
