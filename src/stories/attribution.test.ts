import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { citationsIn, statedOriginal, withoutAttribution } from './attribution.js';

describe('statedOriginal', () => {
  it('finds the outlet a republished article credits, in the forms publishers use', () => {
    const cases: Array<[string, string]> = [
      ['The council met on Tuesday. Read the original article on The Conversation.', 'The Conversation'],
      ["Prices rose. This article originally appeared in L'Éclaireur Continental (https://x.example/a).", "L'Éclaireur Continental"],
      ['It was first published by the Financial Times on Monday.', 'the Financial Times'],
      ['This story was first published on Meridian Wire and is republished with permission.', 'Meridian Wire'],
      ['Republished from Circuit & Signal under a Creative Commons licence.', 'Circuit & Signal'],
    ];
    for (const [text, outlet] of cases) assert.equal(statedOriginal(text), outlet, text);
  });

  it('finds nothing in an article that credits no one', () => {
    assert.equal(statedOriginal('The original plan was first published in 2019, officials said.'), null);
    assert.equal(statedOriginal('Read the original report here.'), null);
  });
});

describe('citationsIn', () => {
  // From the reference page: an article that reports the FT's story and cites the WSJ.
  const reference =
    'The United States urges Iran to stop selling strike drones to Russia. This is stated in a report by the British ' +
    'newspaper the Financial Times, published on August 16. The administration raised the issue during indirect talks, ' +
    'according to people briefed on the matter, the FT reported. The US newspaper Wall Street Journal reported at the end ' +
    'of April that Iran has delivered more than 300,000 artillery shells. An Iranian official told Reuters the talks continue.';

  it('finds the outlets cited, named as the article names them, even when we do not follow them', () => {
    const outlets = citationsIn(reference).map((c) => c.outlet);
    assert.deepEqual(outlets.sort(), ['Reuters', 'The Financial Times', 'Wall Street Journal']);
  });

  it('recognises the outlets we follow without outlet-like words in their names', () => {
    const found = citationsIn('The figures were first reported by Cobalt Lens, and according to the Harbor Herald the talks failed.', [
      'Cobalt Lens',
      'The Harbor Herald',
    ]);
    assert.deepEqual(found.map((c) => c.outlet).sort(), ['Cobalt Lens', 'The Harbor Herald']);
    assert.match(found.find((c) => c.outlet === 'The Harbor Herald')!.phrase, /according to the Harbor Herald/);
  });

  it('does not take people, officials or pronouns for outlets', () => {
    assert.deepEqual(citationsIn('According to Maria Lopez, the mayor, the bridge will open. Police told residents to stay home. He reported the fault.'), []);
  });
});

describe('withoutAttribution', () => {
  it('drops a leading dateline and the credit line, keeping the text', () => {
    assert.equal(
      withoutAttribution('PORTVALE, Tuesday — Dock workers walked out. Read the original article on Meridian Wire (https://x.example/a). More follows.'),
      'Dock workers walked out. More follows.',
    );
  });
});
