// Counting story views for Most Popular without cookies and without storing addresses:
// a viewer is a hash of a salt that changes every day, the client's address and its
// User-Agent, so a reader's repeat views of a day count once and nothing links a reader
// across days. Crawlers and tools are not readers.
import { createHash, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';

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

  /** Prepared once: a view is recorded on every story and article page a reader opens. */
  private readonly insert: Database.Statement;

  constructor(private readonly db: Database.Database, private readonly now: () => Date = () => new Date()) {
    this.insert = db.prepare(
      'INSERT OR IGNORE INTO story_views (day, story_id, viewer, at) SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM stories WHERE id = ?)',
    );
  }

  private saltFor(day: string): Buffer {
    if (this.salt?.day !== day) {
      this.salt = { day, value: randomBytes(32) };
      // A new day: views older than the longest window shown are no longer needed.
      const horizon = new Date(this.now().getTime() - 8 * 86_400_000).toISOString();
      this.db.prepare('DELETE FROM story_views WHERE at < ?').run(horizon);
    }
    return this.salt.value;
  }

  /** Records one view of a story by a client; false when it is a bot or a repeat of the day. */
  record(storyId: number, address: string, userAgent: string | undefined): boolean {
    if (isBot(userAgent)) return false;
    const now = this.now();
    const day = now.toISOString().slice(0, 10);
    const viewer = createHash('sha256').update(this.saltFor(day)).update(address).update('\n').update(userAgent ?? '').digest('base64url').slice(0, 22);
    return this.insert.run(day, storyId, viewer, now.toISOString(), storyId).changes > 0;
  }

  /** The most viewed stories of the last `hours`, hidden stories left out. */
  popular(hours: number, limit: number): PopularStory[] {
    const since = new Date(this.now().getTime() - hours * 3_600_000).toISOString();
    return (
      this.db
        .prepare(
          `SELECT v.story_id AS id, COALESCE(s.editor_title, s.title) AS title, COUNT(*) AS views
           FROM story_views v JOIN stories s ON s.id = v.story_id
           WHERE v.at >= ? AND s.hidden = 0
           GROUP BY v.story_id ORDER BY views DESC, MAX(v.at) DESC LIMIT ?`,
        )
        .all(since, limit) as Array<{ id: number; title: string; views: number }>
    ).map((r) => ({ storyId: Number(r.id), title: String(r.title), views: Number(r.views) }));
  }
}
