import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractArticle } from './index.js';
import { cleanByline, cleanTitle, normaliseDate } from './metadata.js';
import { fixture } from './test-helpers.js';

const BODY = `<p>The regional transport authority approved the timetable on Thursday after a year of consultations with passengers and operators across the valley.</p>
<p>Trains will run every thirty minutes on weekdays, and every hour on Sundays, starting with the December timetable change, the authority said.</p>
<p>Passenger groups welcomed the decision but said the late-evening gap remained, with no service between 22:40 and 05:50.</p>`;

function meta(head: string, body = BODY, url: string | null = 'https://valleypost.example/transport/new-timetable') {
  const result = extractArticle(`<!doctype html><html><head>${head}</head><body><article>${body}</article></body></html>`, url);
  assert.ok(result.ok, JSON.stringify(result));
  return result.article;
}

describe('metadata from JSON-LD', () => {
  it('reads the article node of an @graph and resolves its author by @id', () => {
    const a = meta(`<title>New timetable | Valley Post</title><script type="application/ld+json">
      {"@context":"https://schema.org","@graph":[
        {"@type":"WebSite","@id":"https://valleypost.example/#website","name":"Valley Post"},
        {"@type":["NewsArticle"],"headline":"Half-hourly trains for the valley from December","author":[{"@id":"https://valleypost.example/#/person/1"},{"@type":"Person","name":"Tom Ashby"}],
         "datePublished":"2024-09-05T14:20:00+02:00","dateModified":"2024-09-05T16:00:00+02:00","publisher":{"@id":"https://valleypost.example/#org"},
         "image":{"@type":"ImageObject","url":"https://valleypost.example/img/train.jpg"},"mainEntityOfPage":{"@id":"https://valleypost.example/transport/new-timetable"},"inLanguage":"en-GB"},
        {"@type":"Organization","@id":"https://valleypost.example/#org","name":"Valley Post"},
        {"@type":"Person","@id":"https://valleypost.example/#/person/1","name":"Ruth Okafor"}]}</script>`);
    assert.equal(a.title, 'Half-hourly trains for the valley from December');
    assert.equal(a.byline, 'Ruth Okafor, Tom Ashby');
    assert.equal(a.published, '2024-09-05T12:20:00.000Z');
    assert.equal(a.modified, '2024-09-05T14:00:00.000Z');
    assert.equal(a.siteName, 'Valley Post');
    assert.equal(a.image, 'https://valleypost.example/img/train.jpg');
    assert.equal(a.canonicalUrl, 'https://valleypost.example/transport/new-timetable');
    assert.equal(a.lang, 'en-GB');
  });

  it('survives a broken block and takes the next one', () => {
    const a = meta(`<script type="application/ld+json">{"@type": "NewsArticle", "headline": "oops",</script>
      <script type="application/ld+json">[{"@type":"BreadcrumbList"},{"@type":"BlogPosting","headline":"Timetable &amp; fares","author":"Jo Reyes"}]</script>`);
    assert.equal(a.title, 'Timetable & fares');
    assert.equal(a.byline, 'Jo Reyes');
  });

  it('does not take an organisation for a byline', () => {
    const a = meta(`<script type="application/ld+json">{"@type":"NewsArticle","headline":"Trains","author":{"@type":"Organization","name":"Valley Post"}}</script>`);
    assert.equal(a.byline, null);
  });
});

describe('metadata from Open Graph and meta tags', () => {
  const a = extractArticle(fixture('metadata-opengraph.html'), 'https://ouest-littoral.example/bretagne/port-saint-malo-terminal-ferry?utm_source=rss');
  it('reads title, description, site name, times, image and canonical URL', () => {
    assert.ok(a.ok);
    const m = a.article;
    assert.equal(m.title, 'Le port de Saint-Malo agrandit son terminal ferry'); // " — Ouest Littoral" is the site
    assert.equal(m.description, "Les travaux, d'un coût de 38 millions d'euros, doivent durer deux ans.");
    assert.equal(m.siteName, 'Ouest Littoral');
    assert.equal(m.published, '2024-02-19T05:00:00.000Z');
    assert.equal(m.modified, '2024-02-19T10:32:00.000Z');
    assert.equal(m.image, 'https://ouest-littoral.example/img/2024/terminal-ferry.jpg');
    assert.equal(m.canonicalUrl, 'https://ouest-littoral.example/bretagne/port-saint-malo-terminal-ferry');
    assert.equal(m.lang, 'fr');
  });
  it('skips "Rédaction" and a profile URL as authors and finds the person in the page', () => {
    assert.ok(a.ok);
    assert.equal(a.article.byline, 'Yann Le Goff');
  });
});

describe('metadata from microdata', () => {
  const a = extractArticle(fixture('metadata-microdata.html'), 'https://elbtal-rundschau.example/lokales/stadtrat-radweg-elbe-101.html?ref=home');
  it('reads headline, author, dates and image from itemprops, canonical from link rel', () => {
    assert.ok(a.ok);
    const m = a.article;
    assert.equal(m.title, 'Stadtrat beschließt neuen Radweg entlang der Elbe');
    assert.equal(m.byline, 'Katrin Vogel');
    assert.equal(m.published, '2024-05-06T15:45:00.000Z');
    assert.equal(m.modified, '2024-05-07T07:10:00.000Z');
    assert.equal(m.image, 'https://elbtal-rundschau.example/bilder/radweg.jpg');
    assert.equal(m.canonicalUrl, 'https://elbtal-rundschau.example/lokales/stadtrat-radweg-elbe-101.html');
    assert.equal(m.lang, 'de');
    assert.match(m.text, /^Der Stadtrat hat am Montagabend/);
  });
});

describe('metadata from the page itself', () => {
  it('takes the title from <title> without the site name, or the <h1> it starts with', () => {
    assert.equal(meta('<title>Night trains return to the valley line - Valley Post</title>').title, 'Night trains return to the valley line');
    assert.equal(meta('<title>Valley Post | Night trains return</title><meta property="og:site_name" content="Valley Post">').title, 'Night trains return');
    assert.equal(meta('<title>Night trains return to the valley line :: Transport :: Valley Post</title>', `<h1>Night trains return to the valley line</h1>${BODY}`).title, 'Night trains return to the valley line');
  });
  it('takes the published time from a <time datetime> when no tag declares it', () => {
    assert.equal(meta('<title>x</title>', `<time datetime="2024-09-05T08:00:00-04:00">Sept. 5</time>${BODY}`).published, '2024-09-05T12:00:00.000Z');
  });
});

describe('metadata the pages get wrong in small ways (issue #4, the Readability pages)', () => {
  it('takes a property= tag over a name= tag of the same key (Dublin Core written both ways)', () => {
    const a = meta(`<meta name="DC.title" content="Timetable, as named"><meta property="dc:title" content="Half-hourly trains for the valley">
      <meta name="DC.creator" content="valley-cms"><meta property="dc:creator" content="Ruth Okafor">`);
    assert.equal(a.title, 'Half-hourly trains for the valley');
    assert.equal(a.byline, 'Ruth Okafor');
  });

  it('reads a blog author declared in microdata inside the <aside> beside the post', () => {
    const page = `<!doctype html><html><head><title>Get your code covered | Code | Nicolas Perriault</title></head><body>
      <article><section>${BODY}</section>
      <aside><p><span class="article-author" itemprop="author" itemscope itemtype="http://schema.org/Person"><span itemprop="name">Nicolas Perriault</span> —</span>
        <time datetime="2013-09-29" itemprop="datePublished">2013-09-29</time> — in <a href="/code/">Code</a></p></aside></article>
      <aside class="related"><span class="author">Par Sébastien Farcis</span></aside></body></html>`;
    const result = extractArticle(page, 'https://nicolas.example/code/2013/covered/');
    assert.ok(result.ok);
    assert.equal(result.article.byline, 'Nicolas Perriault');
    assert.doesNotMatch(result.article.text, /Perriault/); // the aside is still no part of the text
  });

  it('does not take a related story\'s author from an <aside>', () => {
    const a = meta('<title>x</title>', `${BODY}<aside class="related"><a href="/other">Other story</a><span class="author">Par Sébastien Farcis</span></aside>`);
    assert.equal(a.byline, null);
  });

  it('drops a job title after the name but keeps a two-word name whole', () => {
    assert.equal(cleanByline('Ben Silverman Games Editor', []), 'Ben Silverman');
    assert.equal(cleanByline('Mary Ann Smith Senior Political Correspondent', []), 'Mary Ann Smith');
    assert.equal(cleanByline('Jane Roe, Staff Writer', []), 'Jane Roe');
    assert.equal(cleanByline('John Smith Editor', []), 'John Smith');
  });

  it('drops a relative time after the name', () => {
    assert.equal(cleanByline('James Akinaka • 8h', []), 'James Akinaka');
    assert.equal(cleanByline('Jo Reyes · 3 days ago', []), 'Jo Reyes');
  });

  it('skips commenters\' avatars and one-word handles for the author box', () => {
    const a = meta(
      '<title>x</title>',
      `${BODY}<div class="byline"><div class="avatar"><div class="avatar-text">J</div></div><span>J</span></div>
       <div class="byline"><div class="avatar"><div class="avatar-text">S</div></div><span>Sky</span></div>
       <div class="author">NATALIYA VASILYEVA</div>`,
    );
    assert.equal(a.byline, 'NATALIYA VASILYEVA');
  });

  it('prefers the byline on the page to a JSON-LD creator that is an uploader\'s account', () => {
    const a = meta(
      `<script type="application/ld+json">{"@type":"NewsArticle","headline":"Original cuts might be released","creator":"CC7567"}</script>`,
      `<div class="byline">James Akinaka • 8h</div>${BODY}`,
    );
    assert.equal(a.byline, 'James Akinaka');
    const onlyCreator = meta(`<script type="application/ld+json">{"@type":"NewsArticle","headline":"Original cuts","creator":"Kim Taylor-Foster"}</script>`);
    assert.equal(onlyCreator.byline, 'Kim Taylor-Foster');
  });
});

describe('cleaning values', () => {
  it('cleanTitle drops the site name from either end, and keeps a source credit that is not the site', () => {
    assert.equal(cleanTitle('US urges Iran to stop selling drones to Russia – FT | Daily Wire', ['dailywire'], false), 'US urges Iran to stop selling drones to Russia – FT');
    assert.equal(cleanTitle('BBC News - Storm Ciarán hits the coast', ['bbcnews', 'bbc'], false), 'Storm Ciarán hits the coast');
    assert.equal(cleanTitle('Wi-Fi comes to the night bus', ['valleypost'], true), 'Wi-Fi comes to the night bus');
  });
  it('cleanByline keeps people, without "By", and refuses staff, desks and the site', () => {
    assert.equal(cleanByline('By Jane Doe', []), 'Jane Doe');
    assert.equal(cleanByline('Par Sébastien Farcis', []), 'Sébastien Farcis');
    assert.equal(cleanByline('Staff', []), null);
    assert.equal(cleanByline('Times Staff Writer', []), null);
    assert.equal(cleanByline('Associated Press', []), null);
    assert.equal(cleanByline('Valley Post', ['valleypost']), null);
    assert.equal(cleanByline('Posted by Android Developers', []), null);
    assert.equal(cleanByline('The Politics Desk', []), null);
    assert.equal(cleanByline('https://www.facebook.com/someone', []), null);
  });
  it('normaliseDate gives ISO 8601 instants with their zone, from the forms pages use', () => {
    assert.equal(normaliseDate('2024-09-05T14:20:00+02:00'), '2024-09-05T12:20:00.000Z');
    assert.equal(normaliseDate('2024-09-05 14:20'), '2024-09-05T14:20:00.000Z');
    assert.equal(normaliseDate('Thu, 05 Sep 2024 14:20:00 GMT'), '2024-09-05T14:20:00.000Z');
    assert.equal(normaliseDate('20240905'), '2024-09-05T00:00:00.000Z');
    assert.equal(normaliseDate('yesterday'), null);
  });
});
