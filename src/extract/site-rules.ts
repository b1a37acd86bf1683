// Site-specific knowledge, as data (the way Miniflux keeps its scraper rules): for a host,
// where its article body is and which of its elements are furniture. The extractor applies
// the rule of the longest matching host suffix; no code branches on a host anywhere else.
// Add a rule only for a site whose structure defeats the general algorithm, and prefer
// selectors that name what an element is (its role), not how it is styled. Selectors see the
// page after prepare.ts has dropped unused attributes: tag names, class, id, role, itemprop,
// rel and the other attributes it keeps are there; data-* and aria-* (but aria-hidden) are not.

export interface SiteRule {
  /** CSS selector of the element that holds the article body; scoring is skipped when it matches. */
  content?: string;
  /** CSS selectors of elements to drop before anything else runs. */
  remove?: string[];
}

export const SITE_RULES: Readonly<Record<string, SiteRule>> = {
  // MediaWiki: edit links, citation markers, the table of contents and navigation boxes.
  'wikipedia.org': {
    content: '#mw-content-text',
    remove: ['.mw-editsection', 'sup.reference', '#toc', '.toc', '.navbox', '.vertical-navbox', '.metadata', '.ambox', '.hatnote', '.mw-jump-link', '.reflist', '.refbegin', '.noprint', '#coordinates', '.sistersitebox', '.portalbox'],
  },
  // Substack: subscription widgets and the share bar inside every post.
  'substack.com': {
    content: '.available-content',
    remove: ['.subscription-widget-wrap', '.subscribe-widget', '.share-dialog', '.post-footer', '.button-wrapper'],
  },
  // GitHub-rendered READMEs and blobs.
  'github.com': {
    content: 'article.markdown-body',
    remove: ['.anchor', '.octicon'],
  },
};

/** The rule for a page's host (its longest matching suffix), if any. */
export function siteRuleFor(url: string | null): SiteRule | null {
  if (!url) return null;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
  for (let h = host; h.includes('.'); h = h.slice(h.indexOf('.') + 1)) {
    const rule = SITE_RULES[h];
    if (rule) return rule;
  }
  return null;
}
