// The store bench:serve measures: N generated articles (1,000,000 by default) in a SQLite
// file, built once and kept under bench/.data/ (gitignored) for the next runs.
//
// What is real: headlines are the clustering-dev dataset's real headlines and texts are
// sentences of the extraction-dev dataset's hand-annotated article bodies (real English, so
// search finds real words at real frequencies); 240 outlets over the eight sections; stories
// of power-law sizes (most one or two articles, a few hundreds) spread over 60 days and
// ending now, so the home page's ranking window is full; a tenth of the articles carry an
// extracted page text. Which code paths: the schema by the migrations, sources through
// `repo.addSource`, the search index by migration 006's own filling statement and its
// triggers, story outlines through the stories stage's `storyOutline` and
// `repo.saveStoryOutline`. In bulk instead: article and page rows by plain INSERTs in
// transactions of 20,000 (through `repo.insertArticles` the build took over an hour on a busy
// machine), and the story of each article is the generator's (the clusterer is measured by
// bench:cluster and would take hours here).
import fs from 'node:fs';
import path from 'node:path';
import type { Source } from '../../src/model.js';
import { projectPath } from '../../src/paths.js';
import { storyOutline } from '../../src/stories/outline.js';
import { migration as migration006 } from '../../src/store/sqlite/migrations/006-search.js';
import { SqliteRepository } from '../../src/store/sqlite/sqlite-repository.js';
import { rng } from '../cluster/synthetic.js';
import { realEnglish } from '../real-text.js';

const SPAN_DAYS = 60;
const OUTLETS = 240;
const MAX_STORY = 400;
const BATCH = 20_000;
/** Bumped when the generated store changes shape, so an old cached file is rebuilt. */
const FORMAT = 4;

export interface BuiltStore {
  file: string;
  articles: number;
  stories: number;
  sources: number;
  /** Seconds the build took (0 when the cached file was used). */
  buildSeconds: number;
  reused: boolean;
}

/** Progress on a terminal (one line rewritten), nothing in a pipe. */
export function progress(text: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${text}`);
}

const PLACES = ['Ashford', 'Brambleton', 'Carrow', 'Dunmere', 'Eastvale', 'Fernhill', 'Glenrock', 'Harwick', 'Ivybridge', 'Kesselford',
  'Larkspur', 'Marlow', 'Northgate', 'Oakham', 'Portvale', 'Redcliff', 'Stonebury', 'Thornbury', 'Upton', 'Westmere'];
const TITLES = ['Herald', 'Gazette', 'Courier', 'Times', 'Post', 'Chronicle', 'Observer', 'Tribune', 'Journal', 'Record', 'Echo', 'Mercury'];

/** Sizes P(k) ∝ k^-2.1 for k = 1…MAX_STORY: the mean is about 2.6 articles. */
function storySizes(random: () => number): () => number {
  const cdf: number[] = [];
  let sum = 0;
  for (let k = 1; k <= MAX_STORY; k++) cdf.push((sum += Math.pow(k, -2.1)));
  return () => {
    const x = random() * sum;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
}

interface Planned {
  story: number;
  at: number;
  source: number;
  title: number;
}

export async function buildStore(articles: number, dir = projectPath('bench/.data')): Promise<BuiltStore> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `serve-${articles}-v${FORMAT}.db`);
  const done = `${file}.done`;
  if (fs.existsSync(done) && fs.existsSync(file)) {
    const meta = JSON.parse(fs.readFileSync(done, 'utf8')) as BuiltStore;
    return { ...meta, file, buildSeconds: 0, reused: true };
  }
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });

  const started = Date.now();
  const random = rng(2026);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const { headlines, sentences } = realEnglish();
  const text = (n: number) => Array.from({ length: n }, () => pick(sentences)).join(' ');
  const repo = SqliteRepository.open(file);
  const db = repo.database;
  // A build, not a service: a large page cache, and no waiting for the disk (a crash means building again).
  db.pragma('cache_size = -1048576');
  db.pragma('synchronous = OFF');
  try {
    const sections = await repo.listSections();
    const sources: Source[] = [];
    for (let i = 0; i < OUTLETS; i++) {
      const name = `The ${PLACES[i % PLACES.length]} ${TITLES[Math.floor(i / PLACES.length) % TITLES.length]}`;
      const host = name.toLowerCase().replace(/^the /, '').replace(/ /g, '-');
      sources.push(await repo.addSource({ feedUrl: `https://${host}.example/feed.xml`, siteUrl: `https://${host}.example/`, name, section: sections[i % sections.length]!.slug }, 15));
    }

    // Plan every article first (story, time, outlet, headline), then store them in time order,
    // as ingest would have: ids grow with time, which search's "newest first" relies on.
    progress('planning articles…');
    const size = storySizes(random);
    const end = Date.now();
    const span = SPAN_DAYS * 86_400_000;
    const plan: Planned[] = [];
    let story = 0;
    while (plan.length < articles) {
      story += 1;
      const n = Math.min(size(), articles - plan.length);
      // Big stories run for days, small ones for hours.
      const duration = (2 + random() * 10 * Math.log2(n + 1)) * 3_600_000;
      const start = end - span + random() * (span - duration);
      const titles = [Math.floor(random() * headlines.length), Math.floor(random() * headlines.length), Math.floor(random() * headlines.length)];
      for (let i = 0; i < n; i++) {
        plan.push({ story, at: start + random() * duration, source: Math.floor(random() * sources.length), title: titles[Math.floor(random() * Math.min(3, 1 + n / 4))]! });
      }
    }
    plan.sort((a, b) => a.at - b.at);

    // Rows in bulk, the search index after: the index's triggers are set aside while the rows
    // go in and put back as they were; the index is then filled by migration 006's own
    // statement (each text tokenized once, instead of once per insert and again per page).
    const triggers = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%fts%'`).all() as Array<{ sql: string }>;
    for (const { sql } of triggers) db.exec(`DROP TRIGGER ${/TRIGGER\s+(\w+)/.exec(sql)![1]}`);
    const insertStory = db.prepare(`INSERT OR IGNORE INTO stories (id, title, created_at, updated_at) VALUES (?, '', ?, ?)`);
    const insertArticle = db.prepare(`INSERT INTO articles (source_id, guid, url, canonical_url, title, summary, section, categories, published_at, fetched_at, story_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?)`);
    // A tenth of the articles have their page fetched and extracted: longer text to search.
    const insertPage = db.prepare(`INSERT INTO article_pages (article_id, status, http_status, content_type, text, canonical_url, fetched_at, extracted_at)
      VALUES (?, 'ok', 200, 'text/html', ?, ?, ?, ?)`);
    for (let from = 0; from < plan.length; from += BATCH) {
      const batch = plan.slice(from, from + BATCH);
      db.transaction(() => {
        batch.forEach((p, i) => {
          const source = sources[p.source]!;
          const n = from + i;
          const url = `${source.siteUrl}news/${n}`;
          const at = new Date(p.at).toISOString();
          const fetched = new Date(p.at + 600_000).toISOString();
          insertStory.run(p.story, at, at);
          const id = Number(insertArticle.run(source.id, url, url, url, headlines[p.title]!, text(2 + (n % 3)), source.section, at, fetched, p.story).lastInsertRowid);
          if (id % 10 === 0) insertPage.run(id, text(10), url, fetched, fetched);
        });
      })();
      progress(`articles ${(from + batch.length).toLocaleString('en')} / ${articles.toLocaleString('en')}`);
    }
    progress('search index…');
    db.transaction(() => {
      db.exec(migration006.sql.slice(migration006.sql.lastIndexOf('INSERT INTO articles_fts')));
      for (const { sql } of triggers) db.exec(sql);
    })();

    const weight = new Map(sources.map((s) => [s.id, s.weight]));
    const now = new Date();
    for (let id = 1; id <= story; id += BATCH) {
      db.exec('BEGIN');
      for (let s = id; s < id + BATCH && s <= story; s++) {
        const list = await repo.storyArticles(s);
        if (list.length > 0) await repo.saveStoryOutline(storyOutline(s, list, (sourceId) => weight.get(sourceId) ?? 1), now);
      }
      db.exec('COMMIT');
      progress(`story outlines ${Math.min(story, id + BATCH - 1).toLocaleString('en')} / ${story.toLocaleString('en')}`);
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.exec('ANALYZE');
    progress('');
    const built: BuiltStore = {
      file, articles: plan.length, stories: story, sources: sources.length, buildSeconds: (Date.now() - started) / 1000, reused: false,
    };
    fs.writeFileSync(done, JSON.stringify(built));
    return built;
  } finally {
    await repo.close();
  }
}

/**
 * A cached store ages between runs; ranking looks at the last 72 hours. Moves every date
 * forward so the newest article is as old as it was at build time (a few minutes).
 */
export function freshen(file: string): number {
  const repo = SqliteRepository.open(file);
  const db = repo.database;
  try {
    const newest = db.prepare('SELECT max(published_at) AS at FROM articles').get() as { at: string | null };
    if (!newest.at) return 0;
    const shift = Math.floor((Date.now() - new Date(newest.at).getTime()) / 1000);
    if (shift < 3600) return 0;
    const move = (col: string) => `${col} = strftime('%Y-%m-%dT%H:%M:%fZ', ${col}, '+${shift} seconds')`;
    db.transaction(() => {
      db.exec(`UPDATE articles SET ${move('published_at')}, ${move('fetched_at')}`);
      db.exec(`UPDATE stories SET ${move('first_reported_at')}, ${move('last_reported_at')}, ${move('created_at')}, ${move('updated_at')}`);
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    return shift;
  } finally {
    void repo.close();
  }
}
