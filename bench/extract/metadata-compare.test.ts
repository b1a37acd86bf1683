import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normaliseByline, strictEqual, titleMatches } from './metadata-compare.js';

describe('the normalised metadata comparison of bench:extract', () => {
  it('accepts a title without a site-name part at either end, and nothing else', () => {
    assert.ok(titleMatches('How to Build a Terrarium | eHow', 'How to Build a Terrarium'));
    assert.ok(titleMatches('How to Build a Terrarium | eHow', 'how to build  a terrarium | ehow'));
    assert.ok(titleMatches('Yahoo News - Latest News & Headlines', 'Latest News & Headlines'));
    assert.ok(titleMatches('DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶_科技_腾讯网', 'DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶'));
    assert.ok(titleMatches('LWN.net Weekly Edition for March 26, 2015 [LWN.net]', 'LWN.net Weekly Edition for March 26, 2015'));
    // Words that are not in the expected title, or a part from the middle, are a miss.
    assert.ok(!titleMatches('standalone WebAssembly binaries using Emscripten · V8', 'Outside the web: standalone WebAssembly binaries using Emscripten'));
    assert.ok(!titleMatches('A - B - C - D', 'A - C - D'));
    assert.ok(!titleMatches('Headline | Site', 'Headline | Other'));
    assert.ok(!titleMatches('Headline | Site', null));
    // Wider than strict, never narrower.
    assert.ok(strictEqual('Headline | Site', 'headline  | site'));
  });

  it('reduces a byline to the person it names, the same for every side', () => {
    assert.equal(normaliseByline('By\n\t\tScott Cunningham', null), 'scott cunningham');
    assert.equal(normaliseByline('Par Sébastien Farcis', null), 'sébastien farcis');
    assert.equal(normaliseByline('By Nathan Willis\n      March 25, 2015', null), 'nathan willis');
    assert.equal(normaliseByline('by Lucas Nolan22 Dec 2016651', null), 'lucas nolan');
    assert.equal(normaliseByline('Written by Rob Ewaschuk\n Edited by Betsy Beyer', null), 'rob ewaschuk edited by betsy beyer');
    // No person: the site, a date, a label, a collective.
    assert.equal(normaliseByline('BBC News', 'BBC News'), null);
    assert.equal(normaliseByline('April 28, 2019 at 6:01 am Updated April 29, 2019', null), null);
    assert.equal(normaliseByline('Last Updated: January 7, 2025', null), null);
    assert.equal(normaliseByline('Follow Author', null), null);
    assert.equal(normaliseByline('Contributors to Wikimedia projects', null), null);
    assert.equal(normaliseByline(null, null), null);
    // A different person stays different.
    assert.notEqual(normaliseByline('Joanna Rothkopf', null), normaliseByline('Richard (R.J.) Eskow', null));
  });
});
