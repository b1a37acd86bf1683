import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateCase, evaluateCheck, normalizeTitle, visibleText, type Check } from './checks.js';
import type { EvalEntry, EvalFeed } from './shape.js';

function entry(fields: Partial<EvalEntry> = {}): EvalEntry {
  return { id: null, title: null, link: null, published: null, updated: null, author: null, summary: null, content: null, ...fields };
}

function feed(fields: Partial<EvalFeed> = {}, entries: Array<Partial<EvalEntry>> = [{}]): EvalFeed {
  return { title: null, link: null, ...fields, entries: entries.map(entry) };
}

function passes(check: Check, result: EvalFeed | null): boolean {
  return evaluateCheck(check, result).pass;
}

describe('feeds-dev check evaluator', () => {
  it('compares titles after stripping tags, decoding references and collapsing whitespace on both sides', () => {
    assert.equal(normalizeTitle('  <b>Fish &amp;\n  Chips</b> '), 'Fish & Chips');
    assert.equal(normalizeTitle('a < b'), 'a < b', 'a lone "<" is text, not a tag');
    assert.equal(normalizeTitle('x<!-- hidden -->y'), 'xy');
    assert.ok(passes({ type: 'feed.title', expected: '<b>&#38;</b>' }, feed({ title: '&' })));
    assert.ok(passes({ type: 'feed.title', expected: '&' }, feed({ title: '<b>&amp;</b>' })));
    assert.ok(passes({ type: 'entry.title', index: 0, expected: 'Caf&eacute;  time' }, feed({}, [{ title: 'Café time' }])));
    assert.ok(!passes({ type: 'entry.title', index: 0, expected: 'Café' }, feed({}, [{ title: 'Cafe' }])));
    assert.ok(!passes({ type: 'entry.title', index: 1, expected: 'x' }, feed({}, [{ title: 'x' }])), 'a missing entry fails');
  });

  it('compares links after WHATWG URL normalisation', () => {
    assert.ok(passes({ type: 'feed.link', expected: 'http://a.com' }, feed({ link: 'http://a.com/' })));
    assert.ok(passes({ type: 'feed.link', expected: 'http://www.EXAMPLE.org/a b' }, feed({ link: 'HTTP://www.example.org/a%20b' })));
    assert.ok(passes({ type: 'entry.link', index: 0, expected: 'https://example.org/a&b' }, feed({}, [{ link: 'https://example.org/a&b' }])));
    assert.ok(!passes({ type: 'entry.link', index: 0, expected: 'http://example.org/x' }, feed({}, [{ link: 'http://example.org/y' }])));
    assert.ok(!passes({ type: 'feed.link', expected: 'http://a.com/' }, feed({ link: null })));
  });

  it('does not let a relative link match an absolute expected URL', () => {
    assert.ok(!passes({ type: 'entry.link', index: 0, expected: 'http://example.com/relative/uri' }, feed({}, [{ link: '/relative/uri' }])));
    assert.ok(!passes({ type: 'entry.link', index: 0, expected: 'http://example.com/relative/uri' }, feed({}, [{ link: 'relative/uri' }])));
    assert.ok(passes({ type: 'entry.link', index: 0, expected: 'http://example.com/relative/uri' }, feed({}, [{ link: 'http://example.com/relative/uri' }])));
  });

  it('matches authors as text, an expected "Name (email)" also matching "Name"', () => {
    const check = (expected: string, author: string | null): boolean => passes({ type: 'entry.author', index: 0, expected }, feed({}, [{ author }]));
    assert.ok(check('Example author (me@example.com)', 'Example author (me@example.com)'));
    assert.ok(check('Example author (me@example.com)', 'Example author'));
    assert.ok(!check('Example author (me@example.com)', 'me@example.com'));
    assert.ok(!check('Example author', 'Example author (me@example.com)'), 'only the expected side may carry the email');
    assert.ok(check('Brent Simmons', ' Brent Simmons '));
    assert.ok(!check('Brent Simmons', 'Brent'));
  });

  it('compares dates as instants; entry.updated falls back to published', () => {
    assert.ok(passes({ type: 'entry.published', index: 0, expected: '2003-12-31T10:14:55Z' }, feed({}, [{ published: '2003-12-31T10:14:55.000Z' }])));
    assert.ok(passes({ type: 'entry.published', index: 0, expected: '2003-12-31T10:14:55Z' }, feed({}, [{ published: '2003-12-31T12:14:55+02:00' }])));
    assert.ok(!passes({ type: 'entry.published', index: 0, expected: '2003-12-31T10:14:55Z' }, feed({}, [{ published: null }])));
    assert.ok(!passes({ type: 'entry.published', index: 0, expected: '2003-12-31T10:14:55Z' }, feed({}, [{ published: '2003-12-31T10:14:56.000Z' }])));
    assert.ok(passes({ type: 'entry.published', index: 0, expected: '2007-04-23T13:25:47Z' }, feed({}, [{ published: '2007-04-23T13:25:47.538Z' }])), 'at the expected precision');
    assert.ok(!passes({ type: 'entry.published', index: 0, expected: '2007-04-23T13:25:47.100Z' }, feed({}, [{ published: '2007-04-23T13:25:47.538Z' }])));
    assert.ok(passes({ type: 'entry.published', index: 0, expected: '99-12-31T23:00:01Z' }, feed({}, [{ published: '0099-12-31T23:00:01.000Z' }])), 'an unpadded year');
    assert.ok(!passes({ type: 'entry.published', index: 0, expected: '99-12-31T23:00:01Z' }, feed({}, [{ published: '1999-12-31T23:00:01.000Z' }])));
    const updated = { type: 'entry.updated', index: 0, expected: '2004-01-01T19:48:21Z' };
    assert.ok(passes(updated, feed({}, [{ updated: '2004-01-01T19:48:21.000Z', published: '1999-01-01T00:00:00.000Z' }])));
    assert.ok(passes(updated, feed({}, [{ updated: null, published: '2004-01-01T19:48:21.000Z' }])), 'falls back to published');
    assert.ok(!passes(updated, feed({}, [{ updated: '2005-01-01T00:00:00.000Z', published: '2004-01-01T19:48:21.000Z' }])), 'no fallback when updated is set');
    assert.ok(!passes(updated, feed({}, [{}])));
  });

  it('finds the visible text of expected content in the content or the summary', () => {
    const check = { type: 'entry.content', index: 0, expected: 'safe <b>description</b>' };
    assert.ok(passes(check, feed({}, [{ content: '<p>A safe <b>description</b> here</p>' }])));
    assert.ok(passes(check, feed({}, [{ summary: 'safe description' }])), 'the summary counts, markup or not');
    assert.ok(passes(check, feed({}, [{ content: 'unrelated', summary: '<div>safe   description</div>' }])));
    assert.ok(!passes(check, feed({}, [{ content: 'safe', summary: 'description' }])));
    assert.ok(!passes(check, feed({}, [{}])));
    assert.equal(visibleText('safe<script>location.href="x";</script> description'), 'safe description', 'script text is not visible');
    assert.ok(passes({ type: 'entry.content', index: 0, expected: 'safe description' }, feed({}, [{ content: 'safe<script>alert(1)</script> description' }])));
    assert.ok(passes({ type: 'entry.content', index: 0, expected: '&lt;tag&gt;' }, feed({}, [{ content: 'an escaped &lt;tag&gt;' }])));
  });

  it('counts entries, checks entry ids after trimming, and fails everything when the parser failed', () => {
    const result = feed({ title: 'T' }, [{ id: ' abc ' }, {}, {}]);
    assert.ok(passes({ type: 'entries.count', expected: 3 }, result));
    assert.ok(!passes({ type: 'entries.count', expected: 2 }, result));
    assert.ok(passes({ type: 'entries.min', expected: 1 }, result));
    assert.ok(!passes({ type: 'entries.min', expected: 1 }, feed({}, [])));
    assert.ok(passes({ type: 'entry.id', index: 0, expected: 'abc' }, result));
    assert.ok(passes({ type: 'parses' }, result));

    const outcome = evaluateCase([{ type: 'parses' }, { type: 'feed.title', expected: 'T' }], null);
    assert.deepEqual([outcome.passed, outcome.total, outcome.ok], [0, 2, false]);
    assert.ok(evaluateCase([{ type: 'parses' }, { type: 'feed.title', expected: 'T' }], result).ok);
    assert.throws(() => evaluateCheck({ type: 'entry.mood', expected: 'x' }, result), /unknown check type/);
  });
});
