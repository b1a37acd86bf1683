// Sections end to end: feeds on loopback, Newsroom fetching them, the section pages. An
// outlet whose feed has no categories and whose source has no section gets its articles
// filed by the classifier; one whose feed says "Technologie" by the category table.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../src/config.js';
import { startServer, type RunningServer } from '../src/server.js';

interface Item {
  slug: string;
  title: string;
  summary: string;
  category?: string;
}

const GENERAL: Item[] = [
  { slug: 'derby', title: 'Striker scores twice as Kelmsford win the cup final', summary: 'The league leaders took the title after the goalkeeper saved a late penalty in front of a full stadium.' },
  { slug: 'chips', title: 'Laptop processors recalled after hackers find a software flaw', summary: 'The chip maker said a security update for the computers would follow next week.' },
  { slug: 'senate', title: 'Senate Republicans block the voting bill as Democrats vow to try again', summary: 'Lawmakers failed to reach the sixty votes needed to end the filibuster.' },
  { slug: 'weekly', title: 'What we learned this week', summary: 'A look back at the week.' },
];
const FILED: Item[] = [{ slug: 'netz', title: 'Neue Glasfaser für das Elbtal', summary: 'Die Stadtwerke bauen aus.', category: 'Technologie' }];

function rss(base: string, name: string, items: Item[]): string {
  const entries = items
    .map(
      (i) => `<item><title>${i.title}</title><link>${base}/${i.slug}</link><guid>${base}/${i.slug}</guid>
        <description>${i.summary}</description>${i.category ? `<category>${i.category}</category>` : ''}
        <pubDate>${new Date(Date.now() - 3_600_000).toUTCString()}</pubDate></item>`,
    )
    .join('\n');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${name}</title><link>${base}/</link>${entries}</channel></rss>`;
}

describe('sections end to end: a feed without categories → the right section page', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-sections-'));
  const config = loadConfig({}, { db: path.join(dir, 'newsroom.db'), port: 0, allowLoopback: true });
  config.fetch.perHostSpacingMs = 0;
  config.schedule.tickSeconds = 3600;
  let publisher: http.Server;
  let server: RunningServer;

  const get = async (url: string) => {
    const res = await fetch(new URL(url, server.url));
    return { status: res.status, body: await res.text() };
  };

  before(async () => {
    publisher = http.createServer((req, res) => {
      const base = `http://127.0.0.1:${(publisher.address() as AddressInfo).port}`;
      if (req.url === '/general.xml' || req.url === '/filed.xml') {
        const general = req.url === '/general.xml';
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.end(rss(`${base}/${general ? 'g' : 'f'}`, general ? 'Valley Post' : 'Elbtal Rundschau', general ? GENERAL : FILED));
        return;
      }
      const item = [...GENERAL, ...FILED].find((i) => req.url?.endsWith(`/${i.slug}`));
      res.writeHead(item ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(item ? `<!doctype html><html><head><title>${item.title}</title></head><body><article><h1>${item.title}</h1><p>${item.summary} ${'More of the report follows here, with quotes and figures. '.repeat(8)}</p></article></body></html>` : 'not found');
    });
    await new Promise<void>((resolve) => publisher.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(publisher.address() as AddressInfo).port}`;
    server = await startServer(config, { scheduler: true });
    await server.repo.addSource({ feedUrl: `${base}/general.xml`, name: 'Valley Post' }, 15);
    await server.repo.addSource({ feedUrl: `${base}/filed.xml`, name: 'Elbtal Rundschau' }, 15);
    await server.scheduler!.runOnce();
  });

  after(async () => {
    await server?.stop();
    await new Promise((resolve) => publisher?.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('files each article of an outlet without sections by its words', async () => {
    const articles = await server.repo.latestArticles({ limit: 20 });
    const sectionOf = (title: string) => articles.find((a) => a.title === title)?.section;
    assert.equal(sectionOf(GENERAL[0]!.title), 'sports');
    assert.equal(sectionOf(GENERAL[1]!.title), 'technology');
    assert.equal(sectionOf(GENERAL[2]!.title), 'politics');
    assert.equal(sectionOf(GENERAL[3]!.title), null, 'no section rather than a guess');
    assert.equal(sectionOf(FILED[0]!.title), 'technology', 'the feed category "Technologie"');
  });

  it('shows them on their section pages and not on the others', async () => {
    const sports = await get('/section/sports');
    assert.equal(sports.status, 200);
    assert.match(sports.body, /Striker scores twice as Kelmsford win the cup final/);
    assert.doesNotMatch(sports.body, /Senate Republicans block/);
    const technology = await get('/section/technology');
    assert.match(technology.body, /Laptop processors recalled/);
    assert.match(technology.body, /Neue Glasfaser für das Elbtal/);
    assert.doesNotMatch(technology.body, /Striker scores twice/);
    const politics = await get('/section/politics');
    assert.match(politics.body, /Senate Republicans block the voting bill/);
  });
});
