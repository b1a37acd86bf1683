// Bot walls: challenge, block, captcha, paywall and consent pages that stand where the
// article should be. They are recognised, by signature, and reported as such, never returned
// as article text. A *strong* signature (a challenge page's own markup or title) decides
// alone; a *weak* one (words a real article might also carry in a banner) counts only when the
// page has no article-sized text of its own.

export type WallKind = 'cloudflare-challenge' | 'cloudflare-block' | 'captcha' | 'access-denied' | 'paywall' | 'cookie-wall';

interface Signature {
  wall: WallKind;
  /** Matched against the document's <title>. */
  title?: RegExp;
  /** Matched against the raw HTML (markup and scripts). */
  html?: RegExp;
  /** Matched against the page's visible text. */
  text?: RegExp;
  strong: boolean;
}

export const WALL_SIGNATURES: readonly Signature[] = [
  { wall: 'cloudflare-challenge', title: /^(?:just a moment|un instant|einen moment|un momento|один момент)\s*(?:\.{3}|…)?\s*$/i, strong: true },
  { wall: 'cloudflare-challenge', html: /window\._cf_chl_opt|cf-browser-verification|id="challenge-form"|cf_chl_prog|challenge-error-text|cf-challenge-running/i, strong: true },
  { wall: 'cloudflare-challenge', text: /checking (?:if the site connection is secure|your browser before accessing)|enable javascript and cookies to continue|verify you are human by completing the action below/i, strong: false },
  { wall: 'cloudflare-block', title: /^attention required!?\s*\|\s*cloudflare|access denied\s*\|.*cloudflare/i, strong: true },
  { wall: 'cloudflare-block', text: /sorry, you have been blocked|you are unable to access [\w.-]+|why have i been blocked\?/i, strong: false },
  { wall: 'captcha', html: /captcha-delivery\.com|px-captcha|_incapsula_resource|perimeterx|hcaptcha\.com\/captcha|challenges\.cloudflare\.com\/turnstile/i, strong: false },
  { wall: 'captcha', title: /^(?:access to this page has been denied|are you a robot|robot check|human verification|security check|ddos-guard|pardon our interruption)/i, strong: true },
  { wall: 'captcha', text: /are you a (?:robot|human)\??|verify (?:that )?you(?:['’]re| are) (?:a )?human|complete the (?:security check|captcha)|press (?:&|and) hold|unusual traffic from your (?:computer )?network|please (?:solve|complete) (?:this|the) captcha|to continue, please type the characters/i, strong: false },
  { wall: 'access-denied', title: /^(?:access denied|403 forbidden|forbidden|request unsuccessful)\s*$/i, strong: false },
  { wall: 'access-denied', text: /you don['’]t have permission to access .{1,200} on this server|request unsuccessful\. incapsula incident id/i, strong: false },
  { wall: 'paywall', text: /subscribe (?:now )?to (?:continue|keep) reading|(?:this|the) (?:article|story|content) is (?:only )?(?:available|reserved|exclusive) (?:to|for) (?:paying )?(?:subscribers|members)|you(?:['’]ve| have) reached your (?:free )?(?:article|story|monthly) limit|create a free account to (?:continue|keep) reading|to continue reading,? (?:please )?(?:subscribe|log in|sign in)/i, strong: false },
  { wall: 'cookie-wall', title: /^before you continue to |^(?:cookie|privacy) (?:consent|settings)\s*$/i, strong: true },
  { wall: 'cookie-wall', html: /consent\.google\.com|guce\.(?:yahoo|oath)\.com|consent\.yahoo\.com|consent\.youtube\.com/i, strong: false },
  { wall: 'cookie-wall', text: /we (?:value|care about) your privacy|(?:accept|reject) all cookies|we and our (?:\d+ )?partners (?:use|store)|manage (?:your )?(?:cookie|privacy) (?:settings|preferences|choices)|your privacy choices|this site uses cookies/i, strong: false },
];

/** Article text shorter than this cannot stand on its own against a weak wall signature. */
const SHORT_TEXT = 700;

export interface WallCheck {
  html: string;
  title: string;
  /** The visible text of the page (or of its start). */
  pageText: string;
  /** The length of the article text the extractor found. */
  articleLength: number;
}

/** The wall standing in for the article, with the signature that showed it, or null. */
export function detectWall(page: WallCheck): { wall: WallKind; detail: string } | null {
  // A page with an article of its own is no wall, whatever its scripts say: the raw HTML
  // (large, and costly to search) is read only when the article text is short.
  const short = page.articleLength < SHORT_TEXT;
  for (const sig of WALL_SIGNATURES) {
    if (!sig.strong && !short) continue;
    const match =
      (sig.title && sig.title.exec(page.title)) ||
      (sig.html && short && sig.html.exec(page.html)) ||
      (sig.text && sig.text.exec(page.pageText));
    if (match) return { wall: sig.wall, detail: `${sig.wall}: "${match[0].slice(0, 80)}"` };
  }
  return null;
}
