import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sanitizeSlotHtml } from './slot-html.js';
import { slotMarkup } from './slots.js';

describe('sponsor slot sanitiser', () => {
  it('keeps the allowlisted elements and attributes', () => {
    const input = '<div class="sponsor box"><p>Brought to you by <strong>Acme</strong> <em>Tools</em></p><a href="https://acme.example/offer?a=1&b=2" title="Acme">Visit</a> <img src="https://cdn.acme.example/logo.png" alt="Acme logo"><span class="x">!</span></div>';
    assert.equal(
      sanitizeSlotHtml(input),
      '<div class="sponsor box"><p>Brought to you by <strong>Acme</strong> <em>Tools</em></p><a href="https://acme.example/offer?a=1&amp;b=2" title="Acme" rel="sponsored noopener">Visit</a> <img src="https://cdn.acme.example/logo.png" alt="Acme logo"><span class="x">!</span></div>',
    );
  });

  it('removes scripts, styles, frames and forms with their content', () => {
    const out = sanitizeSlotHtml('<p>Ad</p><script>alert(1)</script><style>body{}</style><iframe src="https://x.example"></iframe><svg><script>alert(2)</script></svg><form action="https://x.example"><input name="q"></form><noscript><img src="https://t.example/p.gif"></noscript>');
    assert.equal(out, '<p>Ad</p>');
  });

  it('removes event handlers, style attributes and every attribute off the list', () => {
    const out = sanitizeSlotHtml('<div onclick="evil()" style="position:fixed" id="x" data-track="1"><img src="https://a.example/i.png" onerror="evil()" width="1"><a href="https://a.example" target="_blank" onmouseover="evil()">a</a></div>');
    assert.equal(out, '<div><img src="https://a.example/i.png"><a href="https://a.example/" rel="sponsored noopener">a</a></div>');
    assert.doesNotMatch(out, /on\w+=|style=|target=/);
  });

  it('drops javascript:, data: and other non-http(s) URLs, however they are written', () => {
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'java&#x09;script:alert(1)', '&#106;avascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox', '/relative', '//evil.example/x']) {
      const out = sanitizeSlotHtml(`<a href="${href}">x</a><img src="${href}">`);
      assert.equal(out, '<a>x</a>', href);
    }
  });

  it('unwraps unknown elements, keeping their text, and escapes text', () => {
    assert.equal(sanitizeSlotHtml('<table><tr><td><b>Bold</b> &lt;script&gt; &amp; co</td></tr></table>'), 'Bold &lt;script&gt; &amp; co');
    assert.equal(sanitizeSlotHtml('<h1 onclick="x">Big <marquee>news</marquee></h1>'), 'Big news');
  });

  it('keeps attribute values from breaking out of their quotes, and cleans class names', () => {
    const out = sanitizeSlotHtml('<span title="a&quot; onmouseover=&quot;evil()" class="ok bad\'class <x>">t</span>');
    assert.equal(out, '<span title="a&quot; onmouseover=&quot;evil()" class="ok">t</span>');
  });

  it('survives broken markup and comments', () => {
    const out = sanitizeSlotHtml('<p>Open <strong>bold<!-- note --><p>next');
    assert.equal(out.replace(/<[^>]+>/g, ''), 'Open boldnext');
    for (const tag of ['p', 'strong']) {
      assert.equal(out.split(`<${tag}>`).length, out.split(`</${tag}>`).length, `every <${tag}> is closed`);
    }
    assert.doesNotMatch(out, /note|<!--/);
    assert.equal(sanitizeSlotHtml(''), '');
  });

  it('gives no markup for a slot that is off or empty', () => {
    assert.equal(slotMarkup(null), null);
    assert.equal(slotMarkup({ html: '<p>Ad</p>', enabled: false }), null);
    assert.equal(slotMarkup({ html: '<script>x()</script>', enabled: true }), null);
    assert.equal(slotMarkup({ html: '<p>Ad</p>', enabled: true }), '<p>Ad</p>');
  });
});
