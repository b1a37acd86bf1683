// The demo's publishers: one small web site per fictional outlet, each on its own loopback
// port, with a home page that advertises its feed, the feed itself (RSS 2.0, Atom, JSON
// Feed; one in ISO-8859-1), and article pages carrying the boilerplate real news sites
// wrap around their articles (see ../shared/reference/aggregator-page.txt): menus, inline
// "See also" and "Read also" lines, advertisement markers, a donation appeal, a comment
// form, "Most Popular" and "Recent Comments". Feeds answer conditional GETs with 304.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { type DemoNews, type DemoOutlet, loadDemoNews } from './content.js';

export interface DemoArticle {
  slug: string;
  outlet: DemoOutlet;
  eventId: string;
  section: string;
  title: string;
  summary: string;
  author: string;
  published: Date;
  paragraphs: string[];
  /** Set on a republished copy: the outlet and article it was copied from. */
  original: DemoArticle | null;
}

export interface DemoSite {
  outlet: DemoOutlet;
  /** http://127.0.0.1:PORT/ once started. */
  url: string;
  feedUrl: string;
  articles: DemoArticle[];
}

export interface DemoNetwork {
  sites: DemoSite[];
  articles: DemoArticle[];
  /** A feed URL that answers 200 with an HTML error page instead of a feed. */
  brokenFeedUrl: string;
  /** How many requests each site has answered, by status (for tests). */
  requestLog: Array<{ site: string; path: string; status: number }>;
  close(): Promise<void>;
}

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function slugOf(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 70);
}

/** Lays the news out as articles with absolute times, copies included. */
export function buildArticles(news: DemoNews, now: Date): DemoArticle[] {
  const outlets = new Map(news.outlets.map((o) => [o.slug, o]));
  const articles: DemoArticle[] = [];
  for (const event of news.events) {
    for (const a of event.articles) {
      const outlet = outlets.get(a.outlet);
      if (!outlet) throw new Error(`demo content: event ${event.id} names unknown outlet ${a.outlet}`);
      articles.push({
        slug: slugOf(a.title),
        outlet,
        eventId: event.id,
        section: event.section,
        title: a.title,
        summary: a.summary,
        author: a.author,
        published: new Date(now.getTime() - a.minutesAgo * 60_000),
        paragraphs: a.paragraphs,
        original: null,
      });
    }
  }
  for (const s of news.syndications) {
    const original = articles.find((a) => a.eventId === s.event && a.outlet.slug === s.original && !a.original);
    const republisher = outlets.get(s.republisher);
    if (!original || !republisher) throw new Error(`demo content: syndication of ${s.event} refers to a missing article or outlet`);
    articles.push({
      ...original,
      slug: `${original.slug}-via-${original.outlet.slug}`,
      outlet: republisher,
      author: original.author,
      published: new Date(Math.min(now.getTime() - 60_000, original.published.getTime() + s.minutesAfter * 60_000)),
      original,
    });
  }
  return articles.sort((a, b) => b.published.getTime() - a.published.getTime());
}

// ---------------------------------------------------------------- feeds

function articleUrl(site: DemoSite, article: DemoArticle): string {
  return `${site.url}articles/${article.slug}`;
}

function imageUrl(site: DemoSite, article: DemoArticle): string {
  return `${site.url}images/${article.slug}.svg`;
}

function bodyParagraphs(article: DemoArticle, originalUrl: string | null): string[] {
  const paragraphs = [...article.paragraphs];
  if (article.original) paragraphs.push(`Read the original article on ${article.original.outlet.name}${originalUrl ? ` (${originalUrl})` : ''}.`);
  return paragraphs;
}

/** Characters outside Latin-1 become numeric references, so the document survives ISO-8859-1. */
function latin1Safe(xml: string): string {
  return xml.replace(/[^\u0000-\u00ff]/gu, (c) => `&#${c.codePointAt(0)};`);
}

function rssFeed(site: DemoSite, sites: DemoSite[], latin1: boolean): string {
  const items = site.articles.map((a) => {
    const originalUrl = originalLink(a, sites);
    const content = bodyParagraphs(a, originalUrl).map((p) => `<p>${escape(p)}</p>`).join('');
    return `    <item>
      <title>${escape(a.title)}</title>
      <link>${articleUrl(site, a)}?utm_source=rss&amp;utm_medium=feed</link>
      <guid isPermaLink="false">${site.outlet.slug}-${a.slug}</guid>
      <pubDate>${a.published.toUTCString()}</pubDate>
      <dc:creator>${escape(a.author)}</dc:creator>
      <category>${escape(a.section)}</category>
      <description>${escape(a.summary)}</description>
      ${latin1 ? '' : `<content:encoded><![CDATA[${content}]]></content:encoded>`}
      <enclosure url="${imageUrl(site, a)}" type="image/svg+xml" length="0"/>
    </item>`;
  });
  const xml = `<?xml version="1.0" encoding="${latin1 ? 'ISO-8859-1' : 'UTF-8'}"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${escape(site.outlet.name)}</title>
    <link>${site.url}</link>
    <atom:link href="${site.feedUrl}" rel="self" type="application/rss+xml"/>
    <description>${escape(site.outlet.tagline)}</description>
    <language>${latin1 ? 'fr' : 'en'}</language>
${items.join('\n')}
  </channel>
</rss>
`;
  return latin1 ? latin1Safe(xml) : xml;
}

function atomFeed(site: DemoSite): string {
  const updated = site.articles[0]?.published ?? new Date(0);
  const entries = site.articles.map(
    (a) => `  <entry>
    <id>tag:${site.outlet.slug}.demo,2026:${a.slug}</id>
    <title type="text">${escape(a.title)}</title>
    <link rel="alternate" type="text/html" href="/articles/${a.slug}"/>
    <link rel="enclosure" type="image/svg+xml" href="/images/${a.slug}.svg"/>
    <published>${a.published.toISOString()}</published>
    <updated>${a.published.toISOString()}</updated>
    <author><name>${escape(a.author)}</name></author>
    <category term="${escape(a.section)}"/>
    <summary type="text">${escape(a.summary)}</summary>
  </entry>`,
  );
  // Relative links resolved against xml:base, as some real Atom feeds do.
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="${site.url}">
  <title>${escape(site.outlet.name)}</title>
  <subtitle>${escape(site.outlet.tagline)}</subtitle>
  <link rel="alternate" type="text/html" href="${site.url}"/>
  <link rel="self" type="application/atom+xml" href="${site.feedUrl}"/>
  <id>tag:${site.outlet.slug}.demo,2026:feed</id>
  <updated>${updated.toISOString()}</updated>
${entries.join('\n')}
</feed>
`;
}

function jsonFeed(site: DemoSite, sites: DemoSite[]): string {
  return JSON.stringify(
    {
      version: 'https://jsonfeed.org/version/1.1',
      title: site.outlet.name,
      home_page_url: site.url,
      feed_url: site.feedUrl,
      description: site.outlet.tagline,
      language: 'en',
      items: site.articles.map((a) => ({
        id: `${site.url}articles/${a.slug}`,
        url: `${articleUrl(site, a)}?fbclid=IwAR0demo`,
        title: a.title,
        summary: a.summary,
        content_html: bodyParagraphs(a, originalLink(a, sites)).map((p) => `<p>${escape(p)}</p>`).join(''),
        image: imageUrl(site, a),
        date_published: a.published.toISOString(),
        authors: [{ name: a.author }],
        tags: [a.section],
      })),
    },
    null,
    2,
  );
}

function originalLink(article: DemoArticle, sites: DemoSite[]): string | null {
  if (!article.original) return null;
  const site = sites.find((s) => s.outlet.slug === article.original!.outlet.slug);
  return site ? articleUrl(site, article.original) : null;
}

const FEED_PATHS: Record<DemoOutlet['feedFormat'], { path: string; type: string }> = {
  rss2: { path: '/feed.xml', type: 'application/rss+xml; charset=utf-8' },
  'rss2-latin1': { path: '/rss.xml', type: 'application/rss+xml; charset=ISO-8859-1' },
  atom: { path: '/atom.xml', type: 'application/atom+xml; charset=utf-8' },
  jsonfeed: { path: '/feed.json', type: 'application/feed+json; charset=utf-8' },
};

// ---------------------------------------------------------------- pages

function pageShell(site: DemoSite, sites: DemoSite[], title: string, head: string, main: string, allArticles: DemoArticle[]): string {
  const popular = allArticles.filter((a) => a.outlet.slug === site.outlet.slug).slice(3, 8);
  const feed = FEED_PATHS[site.outlet.feedFormat];
  const charset = site.outlet.feedFormat === 'rss2-latin1' ? 'iso-8859-1' : 'utf-8';
  return `<!DOCTYPE html>
<html lang="${site.outlet.feedFormat === 'rss2-latin1' ? 'fr' : 'en'}">
<head>
<meta charset="${charset}">
<title>${escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="alternate" type="${feed.type.split(';')[0]}" title="${escape(site.outlet.name)}" href="${feed.path}">
${head}
<style>body{font-family:Georgia,serif;max-width:1000px;margin:auto;padding:0 12px}nav a{margin-right:10px}.sidebar{border-top:2px solid #333;margin-top:24px}.ad{color:#999;text-align:center}</style>
</head>
<body>
<header class="site-header">
  <div class="logo"><a href="/">${escape(site.outlet.name)}</a></div>
  <p class="tagline">${escape(site.outlet.tagline)}</p>
  <nav class="main-menu"><a href="/">Home</a><a href="/">World</a><a href="/">Politics</a><a href="/">Business</a><a href="/">Technology</a><a href="/">Sport</a><a href="/">Opinion</a><a href="/">Subscribe</a></nav>
</header>
<div class="ad">- Advertisement -</div>
${main}
<aside class="sidebar">
  <h3>Most Popular</h3>
  <ul>${popular.map((a) => `<li><a href="/articles/${a.slug}">${escape(a.title)}</a></li>`).join('')}</ul>
  <h3>Recent Comments</h3>
  <ul>
    <li>Jim K. on <a href="/">${escape(popular[0]?.title ?? site.outlet.name)}</a>: Great reporting, as always.</li>
    <li>Sandra on <a href="/">${escape(popular[1]?.title ?? site.outlet.name)}</a>: I'd like to see the full figures.</li>
  </ul>
</aside>
<footer><p>© 2026 ${escape(site.outlet.name)}. All rights reserved. <a href="/">About us</a> · <a href="/">Contact</a> · <a href="/">Privacy</a></p>
<p>Other outlets: ${sites.filter((s) => s !== site).map((s) => `<a href="${s.url}">${escape(s.outlet.name)}</a>`).join(' · ')}</p></footer>
</body>
</html>`;
}

function homePage(site: DemoSite, sites: DemoSite[], all: DemoArticle[]): string {
  const list = site.articles
    .map((a) => `<article class="teaser"><h2><a href="/articles/${a.slug}">${escape(a.title)}</a></h2><p>${escape(a.summary)}</p><p class="byline">By ${escape(a.author)} · ${a.published.toUTCString()}</p></article>`)
    .join('\n');
  return pageShell(
    site,
    sites,
    `${site.outlet.name} — ${site.outlet.tagline}`,
    `<meta property="og:site_name" content="${escape(site.outlet.name)}">`,
    `<main><h1>Latest from ${escape(site.outlet.name)}</h1>${list}</main>`,
    all,
  );
}

function articlePage(site: DemoSite, sites: DemoSite[], article: DemoArticle, all: DemoArticle[]): string {
  const unrelated = all.filter((a) => a.eventId !== article.eventId && a.section !== article.section);
  const pick = (n: number) => unrelated[(article.slug.length * 7 + n * 13) % Math.max(1, unrelated.length)];
  const originalUrl = originalLink(article, sites);
  const paragraphs = article.paragraphs.map((p) => `<p>${escape(p)}</p>`);
  // Injected the way real CMS plugins do it: between paragraphs, inside the article body.
  const seeAlso = pick(1);
  const readAlso = pick(2);
  const seeAlso2 = pick(3);
  if (seeAlso) paragraphs.splice(2, 0, `<p class="related-inline"><strong>See also</strong>  <a href="/">${escape(seeAlso.title)}</a></p>`);
  if (paragraphs.length > 4) paragraphs.splice(4, 0, '<div class="ad-inline">- Advertisement -</div>');
  if (readAlso) paragraphs.splice(Math.min(paragraphs.length, 5), 0, `<p><em>Read also:</em> <a href="/">${escape(readAlso.title)}</a></p>`);
  if (seeAlso2 && paragraphs.length > 6) paragraphs.splice(6, 0, `<p class="related-inline"><strong>See also</strong>  <a href="/">${escape(seeAlso2.title)}</a></p>`);
  if (article.original && originalUrl) {
    paragraphs.push(`<p class="syndication">Read the original article on <a href="${originalUrl}">${escape(article.original.outlet.name)}</a>.</p>`);
  }
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    datePublished: article.published.toISOString(),
    author: [{ '@type': 'Person', name: article.author }],
    publisher: { '@type': 'Organization', name: site.outlet.name },
    image: imageUrl(site, article),
    description: article.summary,
  };
  const head = [
    `<link rel="canonical" href="${articleUrl(site, article)}">`,
    `<meta name="description" content="${escape(article.summary)}">`,
    `<meta property="og:type" content="article">`,
    `<meta property="og:title" content="${escape(article.title)}">`,
    `<meta property="og:site_name" content="${escape(site.outlet.name)}">`,
    `<meta property="og:image" content="${imageUrl(site, article)}">`,
    `<meta property="article:published_time" content="${article.published.toISOString()}">`,
    `<script type="application/ld+json">${JSON.stringify(jsonLd).replace(/</g, '\\u003c')}</script>`,
  ].join('\n');
  const main = `<main>
<div class="breadcrumb"><a href="/">Home</a> › ${escape(article.section)} › ${escape(article.title)}</div>
<article>
  <h1>${escape(article.title)}</h1>
  <p class="byline">By <span class="author">${escape(article.author)}</span> · <time datetime="${article.published.toISOString()}">${article.published.toUTCString()}</time></p>
  <div class="share">Share: <a href="/">Facebook</a> <a href="/">Twitter</a> <a href="/">WhatsApp</a> <a href="/">Email</a></div>
  <figure><img src="/images/${article.slug}.svg" alt=""><figcaption>Illustration. Photo: ${escape(site.outlet.name)} archive</figcaption></figure>
  <div class="entry-content">
${paragraphs.join('\n')}
  </div>
  <div class="donate"><h4>Support ${escape(site.outlet.name)}</h4><p>${escape(site.outlet.donation)}</p><a href="/donate">Donate now</a></div>
  <div class="tags">Tags: <a href="/">${escape(article.section)}</a> <a href="/">News</a></div>
</article>
<section class="comments">
  <h3>Leave a Reply</h3>
  <form method="post" action="/comments">
    <textarea name="comment" placeholder="Comment:"></textarea><span class="error">Please enter your comment!</span>
    <input name="author" placeholder="Name:*"><span class="error">Please enter your name here</span>
    <input name="email" placeholder="Email:*"><span class="error">You have entered an incorrect email address!</span>
    <label><input type="checkbox" name="save"> Save my name, email, and website in this browser for the next time I comment.</label>
    <button>Post Comment</button>
  </form>
</section>
</main>`;
  return pageShell(site, sites, `${article.title} | ${site.outlet.name}`, head, main, all);
}

function leadImage(article: DemoArticle): string {
  const hue = [...article.eventId].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 360, 7);
  const initials = article.outlet.name.replace(/^The /, '').split(/\s+/).map((w) => w[0]).join('').slice(0, 3);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360" viewBox="0 0 640 360">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},55%,42%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360},60%,25%)"/></linearGradient></defs>
<rect width="640" height="360" fill="url(#g)"/>
<circle cx="520" cy="90" r="120" fill="rgba(255,255,255,.08)"/>
<text x="32" y="320" font-family="Georgia,serif" font-size="40" fill="rgba(255,255,255,.85)">${escape(initials)}</text>
<text x="32" y="60" font-family="system-ui,sans-serif" font-size="22" fill="rgba(255,255,255,.9)">${escape(article.section.toUpperCase())}</text>
</svg>`;
}

// ---------------------------------------------------------------- servers

function send(req: http.IncomingMessage, res: http.ServerResponse, status: number, type: string, body: Buffer | string, headers: Record<string, string> = {}): number {
  let buffer = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const out: Record<string, string> = { 'content-type': type, ...headers };
  if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) && buffer.length > 512) {
    buffer = gzipSync(buffer);
    out['content-encoding'] = 'gzip';
  }
  out['content-length'] = String(buffer.length);
  res.writeHead(status, out);
  res.end(req.method === 'HEAD' ? undefined : buffer);
  return status;
}

/** Serves a feed body with validators; answers 304 when the client already has it. */
function sendFeed(req: http.IncomingMessage, res: http.ServerResponse, type: string, body: Buffer, lastModified: Date): number {
  const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 20)}"`;
  const modified = lastModified.toUTCString();
  const since = req.headers['if-modified-since'];
  const notModified =
    req.headers['if-none-match'] === etag ||
    (!req.headers['if-none-match'] && since !== undefined && Date.parse(since) >= Math.floor(lastModified.getTime() / 1000) * 1000);
  if (notModified) {
    res.writeHead(304, { etag, 'last-modified': modified });
    res.end();
    return 304;
  }
  return send(req, res, 200, type, body, { etag, 'last-modified': modified, 'cache-control': 'max-age=60' });
}

const BROKEN_FEED = `<!DOCTYPE html><html><head><title>Error establishing a database connection</title></head>
<body><h1>Error establishing a database connection</h1><p>This page could not be generated.</p></body></html>`;

export interface StartOptions {
  now?: Date;
  news?: DemoNews;
  /** First port to try; each outlet takes the next one. 0 picks free ports. */
  basePort?: number;
  /** Answer article pages this much later (a slow publisher: tests that need work in flight). */
  pageDelayMs?: number;
}

async function listen(server: http.Server, port: number): Promise<number> {
  const tryPort = (p: number) =>
    new Promise<number>((resolve, reject) => {
      const onError = (err: Error) => {
        server.off('listening', onListening);
        reject(err);
      };
      const onListening = () => {
        server.off('error', onError);
        resolve((server.address() as AddressInfo).port);
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(p, '127.0.0.1');
    });
  try {
    return await tryPort(port);
  } catch (err) {
    if (port !== 0 && (err as { code?: string }).code === 'EADDRINUSE') return tryPort(0);
    throw err;
  }
}

export async function startPublishers(options: StartOptions = {}): Promise<DemoNetwork> {
  const news = options.news ?? loadDemoNews();
  const now = options.now ?? new Date();
  const all = buildArticles(news, now);
  const requestLog: DemoNetwork['requestLog'] = [];
  const sites: DemoSite[] = news.outlets.map((outlet) => ({
    outlet,
    url: '',
    feedUrl: '',
    articles: all.filter((a) => a.outlet.slug === outlet.slug),
  }));
  const servers: http.Server[] = [];

  for (const [i, site] of sites.entries()) {
    const feed = FEED_PATHS[site.outlet.feedFormat];
    const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
      const path = new URL(req.url ?? '/', 'http://demo').pathname;
      let status: number;
      const articleMatch = path.match(/^\/articles\/([a-z0-9-]+)$/);
      const imageMatch = path.match(/^\/images\/([a-z0-9-]+)\.svg$/);
      const latin1 = site.outlet.feedFormat === 'rss2-latin1';
      const pageBody = (text: string) => (latin1 ? Buffer.from(latin1Safe(text), 'latin1') : Buffer.from(text, 'utf8'));
      const pageType = `text/html; charset=${latin1 ? 'iso-8859-1' : 'utf-8'}`;
      if (path === '/' || path === '/index.html') {
        status = send(req, res, 200, pageType, pageBody(homePage(site, sites, all)));
      } else if (path === feed.path) {
        const body =
          site.outlet.feedFormat === 'atom'
            ? Buffer.from(atomFeed(site))
            : site.outlet.feedFormat === 'jsonfeed'
              ? Buffer.from(jsonFeed(site, sites))
              : latin1
                ? Buffer.from(rssFeed(site, sites, true), 'latin1')
                : Buffer.from(rssFeed(site, sites, false));
        status = sendFeed(req, res, feed.type, body, site.articles[0]?.published ?? now);
      } else if (path === '/broken-feed.xml') {
        status = send(req, res, 200, 'application/rss+xml', BROKEN_FEED);
      } else if (articleMatch && options.pageDelayMs && !res.getHeader('x-delayed')) {
        res.setHeader('x-delayed', String(options.pageDelayMs));
        const timer = setTimeout(() => handler(req, res), options.pageDelayMs);
        res.on('close', () => clearTimeout(timer));
        return;
      } else if (articleMatch) {
        const article = site.articles.find((a) => a.slug === articleMatch[1]);
        status = article
          ? send(req, res, 200, pageType, pageBody(articlePage(site, sites, article, all)))
          : send(req, res, 404, 'text/html', '<h1>Page not found</h1>');
      } else if (imageMatch) {
        const article = all.find((a) => a.slug === imageMatch[1]);
        status = article
          ? send(req, res, 200, 'image/svg+xml', leadImage(article), { 'cache-control': 'max-age=86400' })
          : send(req, res, 404, 'text/plain', 'not found');
      } else {
        status = send(req, res, 404, 'text/html', '<h1>Page not found</h1>');
      }
      requestLog.push({ site: site.outlet.slug, path, status });
    };
    const server = http.createServer(handler);
    const port = await listen(server, options.basePort ? options.basePort + i : 0);
    servers.push(server);
    site.url = `http://127.0.0.1:${port}/`;
    site.feedUrl = `${site.url}${feed.path.slice(1)}`;
  }

  return {
    sites,
    articles: all,
    brokenFeedUrl: `${sites[0]!.url}broken-feed.xml`,
    requestLog,
    close: async () => {
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.closeAllConnections();
              s.close(() => resolve());
            }),
        ),
      );
    },
  };
}
