import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractArticle } from './index.js';
import { fixture } from './test-helpers.js';

function article(html: string, url: string | null = 'https://news.example/a/story.html') {
  const result = extractArticle(html, url);
  assert.ok(result.ok, `expected an article, got ${JSON.stringify(result)}`);
  return result.article;
}

describe('the reference aggregator page (../shared/reference/aggregator-page.txt)', () => {
  const url = 'https://dailywiredigest.example/top-stories/us-urges-iran-to-stop-selling-drones-to-russia-ft/';
  const a = article(fixture('aggregator-page.html'), url);
  const paragraphs = a.text.split('\n\n');

  it('comes out with exactly its article paragraphs and subheading', () => {
    // 18 paragraphs and the subheading of the article, then its credit line.
    assert.equal(paragraphs.length, 20);
    assert.match(paragraphs[0]!, /^The United States urges Iran to stop selling strike drones to Russia as part of talks/);
    assert.match(paragraphs[7]!, /^In return, Washington would refrain from imposing new sanctions/);
    assert.equal(paragraphs[8], 'Iran’s aid to Russia in the war against Ukraine: what is known');
    assert.match(paragraphs[9]!, /^The US newspaper Wall Street Journal reported/);
    assert.match(paragraphs[18]!, /^On August 8, Japanese Foreign Minister Hayashi Yoshimasa .* for its war against Ukraine\.$/);
    // The syndication credit is the article's own statement of origin: identify reads it.
    assert.equal(paragraphs[19], 'Read the original article on The New Voice of Ukraine');
    assert.match(a.html, /<h2>Iran’s aid to Russia in the war against Ukraine: what is known<\/h2>/);
  });

  it('drops the injected links, the ad marker, the appeal and the comment form', () => {
    for (const junk of [/See also/, /Read also/, /Beyonce/, /YNG Cheese/, /Advertisement/, /Support us/, /Patron/, /Please enter/, /incorrect email/, /Most Popular/, /Recent Comments/, /LEAVE A REPLY/, /TAGS/]) {
      assert.doesNotMatch(a.text, junk);
      assert.doesNotMatch(a.html, junk);
    }
    assert.doesNotMatch(a.html, /<h2>US urges Iran/); // the headline is metadata, not body
  });

  it('keeps the appeal’s link as the support URL, and the metadata', () => {
    assert.equal(a.supportUrl, 'https://english.nv.ua/donate/');
    assert.equal(a.title, 'US urges Iran to stop selling drones to Russia – FT');
    assert.equal(a.byline, 'Olena Kravets');
    assert.equal(a.published, '2023-08-17T06:41:12.000Z');
    assert.equal(a.modified, '2023-08-17T06:55:40.000Z');
    assert.equal(a.canonicalUrl, url);
    assert.equal(a.siteName, 'Daily Wire Digest');
    assert.equal(a.lang, 'en-US');
  });

  it('recovers the lazy-loaded lead image from its data-src', () => {
    assert.match(a.html, /<img src="https:\/\/dailywiredigest\.example\/wp-content\/uploads\/2023\/08\/shahed-drone-696x392\.jpg"/);
    assert.doesNotMatch(a.html, /data:image/);
  });
});

describe('boilerplate injected inside the article body', () => {
  const a = article(fixture('injected-boilerplate.html'), 'https://harborherald.example/news/2024/03/river-ambry-floods-kesselford');

  it('drops related-link lines: "Related:", "SEE MORE:", "Read more:", "You may also like"', () => {
    assert.doesNotMatch(a.text, /Related:|Engineers warned|SEE MORE|in pictures|Read more|flood defence budget|You may also like|Storm warning|Ferry services/);
  });
  it('drops ad markers and ad slots', () => assert.doesNotMatch(a.text + a.html, /Advertisement/));
  it('drops the newsletter box and the donation box', () => {
    assert.doesNotMatch(a.text, /Morning Briefing|Sign up|newsletter|Independent local journalism|Support us/);
    assert.equal(a.supportUrl, 'https://harborherald.example/support-us');
  });
  it('drops the share row, the tag list, the byline and time stamp lines', () => {
    assert.doesNotMatch(a.text, /Share on Facebook|Tweet|Tags:|Floods Kesselford|By Mara|Published March/);
  });
  it('drops the comment section and the comment form', () => {
    assert.doesNotMatch(a.text + a.html, /Terrible news|Leave a Reply|will not be published|Save my name/);
  });
  it('keeps the dateline, the subheading, the list, the quote and the table', () => {
    assert.match(a.text, /^KESSELFORD, Tuesday — The River Ambry burst/);
    assert.match(a.html, /<h2>A town cut in two<\/h2>/);
    assert.match(a.html, /<ul><li>the sports hall on Quay Road, with 200 beds;<\/li>/);
    assert.match(a.html, /<blockquote><p>“The levee was never built/);
    assert.match(a.html, /<table><caption>River level at Kesselford gauge<\/caption>/);
    assert.match(a.text, /Tuesday 06:00 5\.0/);
    assert.match(a.text, /Army engineers were expected/);
  });
  it('keeps the figure with its caption in the HTML, without the photo credit, and leaves captions out of the text', () => {
    assert.match(a.html, /<figure>\s*<img src="https:\/\/harborherald\.example\/images\/2024\/03\/kesselford-flood\.jpg" alt="Flooded street in Kesselford"><figcaption>Residents wade through Mill Street on Tuesday morning\. <\/figcaption><\/figure>/);
    assert.doesNotMatch(a.html, /Jonas Berg/);
    assert.doesNotMatch(a.text, /Residents wade/);
  });
});

describe('images', () => {
  const page = (body: string) => `<!doctype html><html><head><title>Lazy images in a story about harbours</title></head><body><article>
    <p>The harbour master said the new quay would open in the spring, two years later than planned, after the contractor went bankrupt.</p>
    ${body}
    <p>Ships of up to 200 metres will be able to berth there, against 140 metres today, which the port says will bring cruise lines back.</p>
    <p>The council will decide on the second phase, a ferry terminal, in June, once the regional government has confirmed its share.</p></article></body></html>`;

  it('takes the real source of lazy-loaded images from data-src and data-srcset', () => {
    const a = article(page('<figure><img class="lazyload" src="/img/blank.gif" data-src="/photos/quay.jpg" data-srcset="/photos/quay-640.jpg 640w, /photos/quay-1280.jpg 1280w" alt="The new quay"></figure>'), 'https://port.example/news/quay');
    assert.match(a.html, /<img src="https:\/\/port\.example\/photos\/quay\.jpg" srcset="https:\/\/port\.example\/photos\/quay-640\.jpg 640w, https:\/\/port\.example\/photos\/quay-1280\.jpg 1280w" alt="The new quay">/);
  });

  it('recovers images that only exist inside <noscript>', () => {
    const a = article(page('<figure><div class="image-placeholder"></div><noscript><img src="https://cdn.port.example/quay-night.jpg" alt="The quay at night"></noscript></figure>'));
    assert.match(a.html, /<img src="https:\/\/cdn\.port\.example\/quay-night\.jpg" alt="The quay at night">/);
  });

  it('replaces a script-only placeholder with the <noscript> picture after it', () => {
    const a = article(page('<figure><img src="data:image/svg+xml;base64,PHN2Zy8+" class="lazy"><noscript><img src="/photos/crane.jpg" alt="A crane"></noscript></figure>'), 'https://port.example/news/quay');
    assert.equal((a.html.match(/<img /g) ?? []).length, 1);
    assert.match(a.html, /<img src="https:\/\/port\.example\/photos\/crane\.jpg" alt="A crane">/);
  });
});

describe('pages that are not articles', () => {
  it('reports an empty page', () => {
    const result = extractArticle('<!doctype html><html><head><title>x</title></head><body><div></div></body></html>', null);
    assert.deepEqual(result.ok ? null : result.reason, 'empty');
  });
  it('reports a page with no article body', () => {
    const result = extractArticle('<!doctype html><html><body><nav><a href="/">Home</a></nav><p>Page 2 of 9.</p></body></html>', null);
    assert.equal(result.ok ? null : result.reason, 'not-article');
  });
  it('never throws on broken markup', () => {
    const result = extractArticle('<html><body><div><p>Unclosed <b>bold <i>and <a href="javascript:x">a link that never ends</div></span></table><script>', null);
    assert.equal(typeof result.ok, 'boolean');
  });
});

describe('site rules (site-rules.ts)', () => {
  it('apply by host suffix: a content selector and selectors to drop', async () => {
    const { siteRuleFor } = await import('./site-rules.js');
    assert.ok(siteRuleFor('https://en.wikipedia.org/wiki/Harbour'));
    assert.equal(siteRuleFor('https://wikipedia.org.evil.example/'), null);
    const p = 'A harbour is a sheltered body of water where ships can be docked, protected from waves and weather by natural or artificial barriers.';
    const a = article(`<!doctype html><html><body><div id="mw-navigation"><p>${p} Navigation text that scores.</p></div>
      <div id="mw-content-text"><p>${p}<sup class="reference">[1]</sup></p><h2>History<span class="mw-editsection">[edit]</span></h2><p>${p}</p></div></body></html>`, 'https://en.wikipedia.org/wiki/Harbour');
    assert.doesNotMatch(a.text, /\[1\]|\[edit\]|Navigation text/);
    assert.match(a.html, /<h2>History<\/h2>/);
  });
});
