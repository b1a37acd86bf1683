// robots.txt for article pages (feeds are meant to be fetched; pages are crawled). Rules as
// RFC 9309 gives them: the group for our product token, else "*"; the longest matching
// Allow/Disallow path wins, Allow on a tie; `*` and `$` in paths. A missing robots.txt
// (4xx) allows everything; an unreachable one (5xx, network) disallows for now, retried
// after a while.
import type { HttpClient } from './http.js';

interface Rule {
  allow: boolean;
  /** The path pattern as written; matched with `*` as any run and `$` as the end. */
  pattern: string;
  regex: RegExp;
}

export interface RobotsRules {
  rules: Rule[];
  /** Crawl-delay for our group, in seconds, when stated. */
  crawlDelaySeconds: number | null;
}

function compile(pattern: string): RegExp {
  const anchored = pattern.endsWith('$');
  const body = (anchored ? pattern.slice(0, -1) : pattern)
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}${anchored ? '$' : ''}`);
}

/** Parses robots.txt for the given product token (case-insensitive, e.g. "Newsroom"). */
export function parseRobots(text: string, productToken: string): RobotsRules {
  const token = productToken.toLowerCase();
  interface Group { agents: string[]; rules: Rule[]; delay: number | null }
  const groups: Group[] = [];
  let current: Group | null = null;
  let lastWasAgent = false;
  for (const rawLine of text.split(/\r?\n|\r/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    const match = line.match(/^([A-Za-z-]+)\s*:\s*(.*)$/);
    if (!match) continue;
    const field = match[1]!.toLowerCase();
    const value = match[2]!.trim();
    if (field === 'user-agent') {
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [], delay: null };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (!current) continue;
    if (field === 'allow' || field === 'disallow') {
      // An empty Disallow allows everything: no rule.
      if (value === '') continue;
      const pattern = value.startsWith('/') || value.startsWith('*') ? value : `/${value}`;
      current.rules.push({ allow: field === 'allow', pattern, regex: compile(pattern) });
    } else if (field === 'crawl-delay') {
      const delay = Number(value);
      if (Number.isFinite(delay) && delay >= 0) current.delay = delay;
    }
  }
  const ours = groups.filter((g) => g.agents.some((a) => a !== '*' && token.startsWith(a.split('/')[0]!)));
  const chosen = ours.length > 0 ? ours : groups.filter((g) => g.agents.includes('*'));
  return {
    rules: chosen.flatMap((g) => g.rules),
    crawlDelaySeconds: chosen.map((g) => g.delay).find((d) => d !== null) ?? null,
  };
}

/** Whether the path (with its query) may be fetched under these rules. */
export function isAllowed(rules: RobotsRules, pathAndQuery: string): boolean {
  let best: Rule | null = null;
  for (const rule of rules.rules) {
    if (!rule.regex.test(pathAndQuery)) continue;
    const longer = !best || rule.pattern.length > best.pattern.length;
    const tieAllow = best && rule.pattern.length === best.pattern.length && rule.allow && !best.allow;
    if (longer || tieAllow) best = rule;
  }
  return best ? best.allow : true;
}

const ALLOW_ALL: RobotsRules = { rules: [], crawlDelaySeconds: null };
const DISALLOW_ALL: RobotsRules = { rules: [{ allow: false, pattern: '/', regex: /^\// }], crawlDelaySeconds: null };

export interface RobotsVerdict {
  allowed: boolean;
  /** Why not, when not: for the source's health and the admin. */
  reason: string | null;
}

/** Fetches and caches robots.txt per origin. */
export class RobotsCache {
  private readonly cache = new Map<string, { rules: RobotsRules; until: number; note: string | null }>();

  constructor(
    private readonly http: HttpClient,
    private readonly productToken = 'Newsroom',
    private readonly ttlMs = 24 * 3600_000,
    private readonly retryMs = 3600_000,
    private readonly maxOrigins = 10_000,
  ) {}

  private async rulesFor(origin: string): Promise<{ rules: RobotsRules; note: string | null }> {
    const cached = this.cache.get(origin);
    if (cached && cached.until > Date.now()) return cached;
    const result = await this.http.get(`${origin}/robots.txt`, {}, 'text/plain, */*;q=0.5');
    let entry: { rules: RobotsRules; until: number; note: string | null };
    if (result.kind === 'ok') {
      entry = { rules: parseRobots(result.body.toString('utf8'), this.productToken), until: Date.now() + this.ttlMs, note: null };
    } else if (result.kind === 'error' && result.status !== null && result.status >= 400 && result.status < 500) {
      entry = { rules: ALLOW_ALL, until: Date.now() + this.ttlMs, note: null };
    } else {
      const why = result.kind === 'error' ? result.message : 'not modified';
      entry = { rules: DISALLOW_ALL, until: Date.now() + this.retryMs, note: `robots.txt unreachable (${why})` };
    }
    if (this.cache.size >= this.maxOrigins) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(origin, entry);
    return entry;
  }

  async check(url: string): Promise<RobotsVerdict> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return { allowed: false, reason: `not a valid URL: ${url}` };
    }
    const { rules, note } = await this.rulesFor(parsed.origin);
    if (isAllowed(rules, `${parsed.pathname}${parsed.search}`)) return { allowed: true, reason: null };
    return { allowed: false, reason: note ?? 'disallowed by robots.txt' };
  }
}
