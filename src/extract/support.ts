// The publisher's own "support us" link (donations, memberships, Patreon): kept as metadata
// so the site can show it, while the appeal itself is removed from the article text.
import { resolveUrl } from '../text/url.js';
import { attrOf } from './dom.js';
import type { FurnitureLink } from './prepare.js';

const PLATFORM = /^https?:\/\/(?:www\.)?(?:patreon\.com|liberapay\.com|ko-fi\.com|buymeacoffee\.com|opencollective\.com|donorbox\.org|givebutter\.com|paypal\.me|paypal\.com\/donate|steadyhq\.com|tipeee\.com|fundrazr\.com)\//i;
const PATH = /\/(?:donate|donation|donations|support-us|supportus|support-our-journalism|contribute|contributions|become-a-(?:member|patron|supporter)|membership|join-us|spenden|soutenir|faire-un-don|dona|donar|doar|pidtrymaty|pidtrymka)(?:[/?#.]|$)/i;
const WORDS = /\b(?:donate|donation|make a (?:one-time )?(?:donation|contribution)|support us|support our (?:work|journalism|reporting|newsroom)|support independent journalism|become a (?:patron|member|supporter)|chip in|contribute now|give now|spenden|faire un don|soutenez-nous|dona ahora|підтримати)\b/i;

/** The best support/donation link among the page's links, absolute, or null. */
export function findSupportLink(links: Array<Element | FurnitureLink>, base: string | null): string | null {
  let best: string | null = null;
  let bestScore = 0;
  for (const a of links) {
    const isElement = 'localName' in a;
    const raw = isElement ? attrOf(a, 'href') : a.href;
    if (!raw || raw.startsWith('#') || raw.startsWith('javascript:')) continue;
    let score = 0;
    if (PLATFORM.test(raw)) score += 3;
    if (PATH.test(raw)) score += 2;
    if (score < bestScore) continue;
    const text = (isElement ? a.textContent : a.text) ?? '';
    if (text.length <= 120 && WORDS.test(text)) score += 2;
    if (score > bestScore) {
      const href = resolveUrl(raw, base);
      if (!href) continue;
      best = href;
      bestScore = score;
    }
  }
  return bestScore >= 2 ? best : null;
}

/** Whether an href is a support link by its address alone (for appeals inside the body). */
export function isSupportHref(href: string): boolean {
  return PLATFORM.test(href) || PATH.test(href);
}
