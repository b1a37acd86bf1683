import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHTML } from 'linkedom';
import { extractArticle } from './index.js';
import { sanitize } from './sanitize.js';

function clean(body: string, base = 'https://news.example/section/story.html'): string {
  const { document } = parseHTML(`<!doctype html><html><body><div id="root">${body}</div></body></html>`);
  return sanitize(document.getElementById('root') as unknown as Element, base);
}

describe('the allowlist sanitiser', () => {
  it('drops scripts, styles and their content', () => {
    assert.equal(clean('<p>Text<script>alert(1)</script><style>p{}</style></p>'), '<p>Text</p>');
  });
  it('drops event handlers, style, class and unknown attributes', () => {
    assert.equal(clean('<p onclick="steal()" style="color:red" class="x" data-x="1">Hi <b onmouseover="x()">there</b></p>'), '<p>Hi <b>there</b></p>');
    assert.equal(clean('<img src="/a.jpg" onerror="alert(1)" alt="A">'), '<img src="https://news.example/a.jpg" alt="A">');
  });
  it('drops javascript: and other non-http links, keeps the text', () => {
    assert.equal(clean('<a href="javascript:alert(1)">click</a> <a href=" JaVaScRiPt:alert(1)">again</a> <a href="data:text/html,x">data</a>'), '<a>click</a> <a>again</a> <a>data</a>');
    assert.equal(clean('<a href="mailto:desk@news.example">mail</a>'), '<a href="mailto:desk@news.example">mail</a>');
  });
  it('makes links and images absolute', () => {
    assert.equal(clean('<a href="../other.html#p2">other</a> <img src="//cdn.news.example/i.png" srcset="/i-2x.png 2x">'), '<a href="https://news.example/other.html#p2">other</a> <img src="https://cdn.news.example/i.png" srcset="https://news.example/i-2x.png 2x">');
  });
  it('keeps iframes only from the allowed video players', () => {
    assert.equal(clean('<iframe src="https://www.youtube.com/embed/abc123" onload="x()"></iframe>'), '<iframe src="https://www.youtube.com/embed/abc123" allowfullscreen></iframe>');
    assert.equal(clean('<iframe src="//player.vimeo.com/video/42"></iframe>'), '<iframe src="https://player.vimeo.com/video/42" allowfullscreen></iframe>');
    assert.equal(clean('<iframe src="https://evil.example/embed"></iframe><iframe srcdoc="<script>x</script>"></iframe>'), '');
    assert.equal(clean('<iframe src="javascript:alert(1)"></iframe>'), '');
  });
  it('drops forms, embeds and objects with their content; unwraps unknown and presentational tags', () => {
    assert.equal(clean('<form><input value="x"><button>Go</button></form><object data="x.swf"><p>fallback</p></object><font color="red">kept</font> <custom-el>also</custom-el>'), 'kept also');
  });
  it('escapes text and attribute values', () => {
    assert.equal(clean('<p title="x">1 &lt; 2 &amp;&amp; "q"</p><img src="/a.jpg" alt="&quot;&gt;<script>">'), '<p>1 &lt; 2 &amp;&amp; "q"</p><img src="https://news.example/a.jpg" alt="&quot;&gt;&lt;script&gt;">');
  });
  it('turns the page\'s h1 into h2 and keeps tables', () => {
    assert.equal(clean('<h1>T</h1><table><tr><td colspan="2" style="x">c</td></tr></table>'), '<h2>T</h2><table><tr><td colspan="2">c</td></tr></table>');
  });
});

describe('sanitised article HTML', () => {
  it('carries nothing executable from the page', () => {
    const para = 'The museum reopened on Saturday after a two-year renovation that cost eleven million euros and added a new wing for the maritime collection.';
    const result = extractArticle(`<!doctype html><html><body><article>
      <p onclick="x()">${para}</p><script>document.cookie</script>
      <p>${para} <a href="javascript:void(0)" onclick="track()">More</a></p>
      <iframe src="https://ads.example/frame"></iframe><iframe src="https://www.youtube-nocookie.com/embed/xyz"></iframe>
      <p style="display:block">${para}</p></article></body></html>`, 'https://museum.example/news/reopening');
    assert.ok(result.ok);
    const html = result.article.html;
    assert.doesNotMatch(html, /<script|onclick|javascript:|style=|ads\.example/);
    assert.match(html, /<iframe src="https:\/\/www\.youtube-nocookie\.com\/embed\/xyz" allowfullscreen><\/iframe>/);
  });
});
