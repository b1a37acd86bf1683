import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { markedHtml } from './highlight.js';

describe('highlighted snippets', () => {
  it('turns the markers into <mark> and escapes everything else', () => {
    assert.equal(
      markedHtml('<b>Dock</b> \u0002workers\u0003 & "the \u0002union\u0003"').value,
      '&lt;b&gt;Dock&lt;/b&gt; <mark>workers</mark> &amp; &quot;the <mark>union</mark>&quot;',
    );
  });

  it('never escapes a marked word out of its <mark>, and keeps tags balanced whatever the markers', () => {
    assert.equal(markedHtml('\u0002<script>alert(1)</script>\u0003').value, '<mark>&lt;script&gt;alert(1)&lt;/script&gt;</mark>');
    assert.equal(markedHtml('a\u0003b\u0002c').value, 'ab<mark>c</mark>');
    assert.equal(markedHtml('\u0002\u0002x\u0003\u0003').value, '<mark>x</mark>');
    assert.equal(markedHtml('').value, '');
  });
});
