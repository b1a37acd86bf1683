// Search speed on a generated archive of real English: N articles (100,000 by default) whose
// headlines are the clustering-dev dataset's 6,366 real headlines (each used ~16 times, as
// syndication does) and whose summaries and page texts (a third of the articles) are sentences
// of the extraction-dev dataset's 61 hand-annotated article bodies; grouped into stories of
// 1–6 articles over a year, in a file database (../shared/datasets, see their READMEs).
// Runs 200 queries of every kind (rare and common words, several words, phrases, prefixes,
// exclusions, filters, deep pages) through the real service and times each, snippets
// included. The reference is what search would cost without the index: a LIKE scan of titles
// and summaries (no ranking, no page text), on single words. Prints a table and writes
// bench/results/search.json.
//
//   npx tsc -p tsconfig.json && node dist/bench/search.js [ARTICLES]     (NEWSROOM_DATASETS=DIR to read the data elsewhere)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Source } from '../src/model.js';
import { projectPath } from '../src/paths.js';
import { openSearch } from '../src/search/open.js';
import { INDEX_ARTICLE_FOR_SEARCH, SqliteRepository } from '../src/store/sqlite/sqlite-repository.js';
import { realEnglish } from './real-text.js';
import { rng } from './cluster/synthetic.js';

const ARTICLES = Number(process.argv[2] ?? 100_000);
const QUERIES = 200;
const NOW = new Date('2026-03-10T12:00:00.000Z');

// mulberry32 (seeded): the same archive and queries on every run.
const rand = rng(42);
const pick = <T>(items: T[]): T => items[Math.floor(rand() * items.length)]!;

const { headlines, sentences, words } = realEnglish();
const text = (n: number) => Array.from({ length: n }, () => pick(sentences)).join(' ');
const { common: commonWords, mid: midWords, rare: rareWords } = words;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-search-'));
  const repo = SqliteRepository.open(path.join(dir, 'bench.db'));
  const db = repo.database;
  try {
    const sources: Source[] = [];
    const sections = ['world', 'politics', 'business', 'technology', 'science'];
    for (let i = 0; i < 40; i++) {
      sources.push(await repo.addSource({ feedUrl: `https://outlet${i}.example/feed`, name: `Outlet ${i}`, section: sections[i % 5]! }, 15));
    }
    const started = performance.now();
    const insertStory = db.prepare(`INSERT INTO stories (id, title, created_at, updated_at, article_count) VALUES (?, ?, ?, ?, ?)`);
    const insertArticle = db.prepare(`INSERT INTO articles (source_id, guid, url, canonical_url, title, summary, section, published_at, fetched_at, story_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertPage = db.prepare(`INSERT INTO article_pages (article_id, status, text, fetched_at) VALUES (?, 'ok', ?, ?)`);
    // Raw inserts, so indexed as the repository's insert does (a page's trigger then adds its text).
    const indexArticle = db.prepare(INDEX_ARTICLE_FOR_SEARCH);
    let story = 0;
    let left = 0;
    db.transaction(() => {
      for (let n = 0; n < ARTICLES; n++) {
        if (left === 0) {
          story += 1;
          left = 1 + Math.floor(rand() * 6);
          insertStory.run(story, pick(headlines), NOW.toISOString(), NOW.toISOString(), left);
        }
        left -= 1;
        const source = pick(sources);
        const at = new Date(NOW.getTime() - rand() * 365 * 86_400_000).toISOString();
        const { lastInsertRowid } = insertArticle.run(source.id, `g${n}`, `https://x.example/${n}`, `https://x.example/${n}`, pick(headlines), text(2),
          source.section, at, at, story);
        indexArticle.run(lastInsertRowid);
        if (n % 3 === 0) insertPage.run(lastInsertRowid, text(25), at);
      }
    })();
    const built = (performance.now() - started) / 1000;
    db.pragma('wal_checkpoint(TRUNCATE)');
    const size = fs.statSync(path.join(dir, 'bench.db')).size;
    const ftsPages = db.prepare(`SELECT sum(pgsize) AS bytes FROM dbstat WHERE name LIKE 'articles_fts%'`).get() as { bytes: number } | undefined;

    const search = openSearch(repo);
    const mid = () => pick(midWords);
    const common = () => pick(commonWords);
    const phrase = () => {
      const words = pick(headlines).split(/\s+/);
      const at = Math.floor(rand() * Math.max(1, words.length - 2));
      return `"${words.slice(at, at + 2).join(' ')}"`;
    };
    const prefix = () => {
      const word = pick(midWords.filter((w) => w.length >= 6));
      return `${word.slice(0, 3 + Math.floor(rand() * 3))}*`;
    };
    const kinds: Array<[string, () => { q: string; options?: Parameters<typeof search.search>[1] }]> = [
      ['rare word', () => ({ q: pick(rareWords) })],
      ['mid word', () => ({ q: mid() })],
      ['common word', () => ({ q: common() })],
      ['two words', () => ({ q: `${common()} ${mid()}` })],
      ['phrase', () => ({ q: phrase() })],
      ['prefix', () => ({ q: prefix() })],
      ['exclusion', () => ({ q: `${mid()} -${common()}` })],
      ['filters', () => ({ q: mid(), options: { filters: { section: pick(sections), from: new Date(NOW.getTime() - 30 * 86_400_000) } } })],
      ['page 10', () => ({ q: common(), options: { page: 10 } })],
    ];
    const times = new Map<string, number[]>(kinds.map(([k]) => [k, []]));
    const all: number[] = [];
    let capped = 0;
    for (let i = 0; i < QUERIES; i++) {
      const [kind, make] = kinds[i % kinds.length]!;
      const { q, options } = make();
      const t0 = performance.now();
      const outcome = await search.search(q, { now: NOW, ...options });
      const ms = performance.now() - t0;
      if (outcome.capped) capped += 1;
      times.get(kind)!.push(ms);
      all.push(ms);
    }

    const like = db.prepare(`SELECT id FROM articles WHERE title LIKE ? OR summary LIKE ? ORDER BY published_at DESC LIMIT 20`);
    const likeTimes: number[] = [];
    for (let i = 0; i < 20; i++) {
      const word = `%${mid()}%`;
      const t0 = performance.now();
      like.all(word, word);
      likeTimes.push(performance.now() - t0);
    }

    const summary = (ms: number[]) => {
      const sorted = [...ms].sort((a, b) => a - b);
      return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1]! };
    };
    const rows = [...[...times].map(([kind, ms]) => ({ kind, ...summary(ms) })), { kind: 'all (FTS5 search)', ...summary(all) },
      { kind: 'reference: LIKE scan', ...summary(likeTimes) }];
    const fmt = (x: number) => x.toFixed(1).padStart(8);
    process.stdout.write(`Search on ${ARTICLES.toLocaleString('en')} articles (${(size / 1e6).toFixed(0)} MB, of which the index ${((ftsPages?.bytes ?? 0) / 1e6).toFixed(0)} MB; built in ${built.toFixed(1)} s)\n\n`);
    process.stdout.write(`${'queries'.padEnd(22)}${'n'.padStart(5)}${'p50 ms'.padStart(8)}${'p95 ms'.padStart(8)}${'max ms'.padStart(8)}\n`);
    for (const r of rows) process.stdout.write(`${r.kind.padEnd(22)}${String(r.n).padStart(5)}${fmt(r.p50)}${fmt(r.p95)}${fmt(r.max)}\n`);
    process.stdout.write(`\n${capped} of ${QUERIES} queries reached the candidate cap.\n`);
    const file = projectPath('bench/results/search.json');
    fs.writeFileSync(file, `${JSON.stringify({ articles: ARTICLES, queries: QUERIES, dbBytes: size, indexBytes: ftsPages?.bytes ?? null, buildSeconds: built, capped, node: process.version, rows }, null, 1)}\n`);
    process.stdout.write(`Written to ${file}\n`);
  } finally {
    await repo.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
