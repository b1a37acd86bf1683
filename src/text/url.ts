// URL identity: two links to the same article must compare equal, whatever tracking
// parameters, fragments, `www.` or trailing slashes a feed or a share button added.

/** Query parameters that only track the reader and never select content. */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'igshid',
  'mc_cid', 'mc_eid', '_hsenc', '_hsmi', 'mkt_tok', 'ocid', 'cmpid', 'ncid', 'sr_share',
  'guccounter', 'guce_referrer', 'guce_referrer_sig', 'at_medium', 'at_campaign',
  'smid', 'smtyp', 'rss', 'ref_src', 'ref_url', 'spm', 'share', 'via', 'taid',
]);
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hmb_', 'ito', 'at_'];

function isTrackingParam(name: string): boolean {
  const key = name.toLowerCase();
  return TRACKING_PARAMS.has(key) || TRACKING_PREFIXES.some((p) => key.startsWith(p));
}

/**
 * The identity form of an article URL: lower-case host without `www.`, default port and
 * fragment dropped, tracking parameters removed, the rest sorted, no trailing slash.
 * The scheme is folded to https so an http and an https link to one page match.
 * Returns null for anything that is not an absolute http(s) URL.
 */
export function canonicalizeUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const port = url.port && url.port !== '80' && url.port !== '443' ? `:${url.port}` : '';
  const params = [...url.searchParams.entries()]
    .filter(([name]) => !isTrackingParam(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  let path = url.pathname.replace(/\/{2,}/g, '/');
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  if (path === '/') path = '';
  return `https://${host}${port}${path}${query}`;
}

/** Resolves a possibly relative link against a base; null when it cannot be made absolute http(s). */
export function resolveUrl(link: string | null | undefined, base: string | null | undefined): string | null {
  if (!link) return null;
  try {
    const url = base ? new URL(link.trim(), base) : new URL(link.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
