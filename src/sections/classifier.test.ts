import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadModel, SectionClassifier } from './classifier.js';
import { trainModel } from './train.js';

describe('the section classifier (shipped model)', () => {
  const classifier = new SectionClassifier(loadModel());
  const section = (title: string, summary: string | null = null) => classifier.classify(title, summary)?.slug ?? null;

  it('files realistic headlines under their sections', () => {
    assert.equal(section('Striker scores twice as United win the cup final at Wembley'), 'sports');
    assert.equal(section('Senate Republicans block the voting rights bill as Democrats vow to try again'), 'politics');
    assert.equal(section('Troops pull back from the border as ceasefire talks open in Geneva'), 'world');
    assert.equal(section('Astronomers find water vapour on a planet orbiting a nearby star', 'The telescope measured the exoplanet atmosphere.'), 'science');
    assert.equal(section('Shares fall as the central bank raises interest rates again'), 'business');
    assert.equal(section('Apple releases iOS update to fix an iPhone security flaw exploited by hackers'), 'technology');
    assert.equal(section('Measles outbreak: health officials urge parents to vaccinate children', 'Hospitals report rising cases.'), 'health');
    assert.equal(section('The actress and the director talk about their new film ahead of the Oscars'), 'entertainment');
  });

  it('gives no section when the words do not point to one', () => {
    assert.equal(section('What we learned this week'), null);
    assert.equal(section(''), null);
    assert.equal(classifier.classify(null, null), null);
  });

  it('answers only among the sections allowed', () => {
    const allowed = new Set(['business', 'technology']);
    const guess = classifier.classify('Striker scores twice as United win the cup final at Wembley', null, allowed);
    assert.ok(guess === null || allowed.has(guess.slug));
  });
});

describe('training the model', () => {
  const examples = [
    { text: 'Acme shares jump on profit', slug: 'business', story: 'a' },
    { text: 'Acme profit beats forecast', slug: 'business', story: 'a' },
    { text: 'Banks report profit rise', slug: 'business', story: 'b' },
    { text: 'Retailer profit slips', slug: 'business', story: 'c' },
    { text: 'Acme wins award for profit', slug: 'business', story: 'a' },
    { text: 'New phone app launched', slug: 'technology', story: 'd' },
    { text: 'Phone maker ships new app', slug: 'technology', story: 'e' },
    { text: 'App store adds phone games', slug: 'technology', story: 'f' },
  ];
  const options = { minDf: 3, minStories: 3, maxWeight: 2.5, minWeight: 0.5, maxTerms: 10, lexiconWeight: 3, minScore: 1, minMargin: 0.5, summaryWeight: 0.5 };

  it('learns words seen across stories, not a name from one story', () => {
    const model = trainModel(examples, {}, 'test', options);
    assert.ok(model.weights.business!.profit! > 0, 'profit is in three distinct business stories');
    assert.equal(model.weights.business!.acm, undefined, 'Acme is one story');
    assert.ok(model.weights.technology!.phon! > 0); // weights are keyed by stem
    assert.ok(Object.values(model.weights.business!).every((w) => w <= options.maxWeight));
  });

  it('lets the lexicon own its words: a lexicon word is not learned for another section', () => {
    const model = trainModel(examples, { sports: ['games'], technology: ['phone'] }, 'test', { ...options, minStories: 1, minDf: 1 });
    assert.equal(model.weights.sports!.gam, 3);
    assert.equal(model.weights.technology!.gam, undefined);
    assert.equal(model.weights.technology!.phon, 3);
  });
});
