// Counting story views for Most Popular without cookies and without storing addresses:
// a viewer is a hash of a salt that changes every day, the client's address and its
// User-Agent, so a reader's repeat views of a day count once and nothing links a reader
// across days. Crawlers and tools are not readers.
import { createHash, randomBytes } from 'node:crypto';
import type { PortableQuery } from '../../store/portable.js';

const BOT = /bot|crawl|spider|slurp|fetch|monitor|preview|curl|wget|python|httpclient|java\/|go-http|node-fetch|axios|headless|phantom|scrapy|feed|facebookexternalhit|embedly|lighthouse/i;

export function isBot(userAgent: string | undefined): boolean {
  return !userAgent || BOT.test(userAgent);
}

export interface PopularStory {
  storyId: number;
  title: string;
  views: number;
}

export class StoryViews {
  /** The salt of the current day only; it is never written anywhere. */
  private salt: { day: string; value: Buffer } | null = null;

  /** `query` runs on the repository's engine (store/portable.ts): this SQL reads the same on both. */
  constructor(private readonly query: PortableQuery, private readonly now: () => Date = () => new Date()) {}

  private async saltFor(day: string): Promise<Buffer> {
    if (this.salt?.day !== day) {
      this.salt = { day, value: randomBytes(32) };
      // A new day: views older than the longest window shown are no longer needed.
      const horizon = new Date(this.now().getTime() - 8 * 86_400_000).toISOString();
      await this.query('DELETE FROM story_views WHERE at < ?', [horizon]);
    }
    return this.salt.value;
  }

  /** Records one view of a story by a client; false when it is a bot or a repeat of the day. */
  async record(storyId: number, address: string, userAgent: string | undefined): Promise<boolean> {
    if (isBot(userAgent)) return false;
    const now = this.now();
    const day = now.toISOString().slice(0, 10);
    const salt = await this.saltFor(day);
    const viewer = createHash('sha256').update(salt).update(address).update('\n').update(userAgent ?? '').digest('base64url').slice(0, 22);
    const inserted = await this.query(
      `INSERT INTO story_views (day, story_id, viewer, at) SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM stories WHERE id = ?)
       ON CONFLICT DO NOTHING RETURNING story_id`,
      [day, storyId, viewer, now.toISOString(), storyId],
    );
    return inserted.length > 0;
  }

  /** The most viewed stories of the last `hours`, hidden stories left out. */
  async popular(hours: number, limit: number): Promise<PopularStory[]> {
    const since = new Date(this.now().getTime() - hours * 3_600_000).toISOString();
    const rows = await this.query(
      `SELECT v.story_id AS id, COALESCE(s.editor_title, s.title) AS title, COUNT(*) AS views
       FROM story_views v JOIN stories s ON s.id = v.story_id
       WHERE v.at >= ? AND NOT s.hidden
       GROUP BY v.story_id, s.editor_title, s.title ORDER BY views DESC, MAX(v.at) DESC LIMIT ?`,
      [since, limit],
    );
    return rows.map((r) => ({ storyId: Number(r.id), title: String(r.title), views: Number(r.views) }));
  }
}
