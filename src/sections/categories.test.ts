import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Section } from '../model.js';
import { sectionFromCategories } from './categories.js';

const SECTIONS: Section[] = ['world', 'politics', 'business', 'technology', 'science', 'health', 'entertainment', 'sports']
  .map((slug, i) => ({ slug, name: slug[0]!.toUpperCase() + slug.slice(1), position: i + 1 }))
  .concat([{ slug: 'local', name: 'Local', position: 9 }]);

describe('feed categories to sections', () => {
  it('maps the words publishers file under, in several languages, to our sections', () => {
    assert.equal(sectionFromCategories(['World news'], SECTIONS), 'world');
    assert.equal(sectionFromCategories(['US politics', 'Donald Trump'], SECTIONS), 'politics');
    assert.equal(sectionFromCategories(['Technologie'], SECTIONS), 'technology');
    assert.equal(sectionFromCategories(['Markets'], SECTIONS), 'business');
    assert.equal(sectionFromCategories(['Desporto'], SECTIONS), 'sports');
    assert.equal(sectionFromCategories(['Gesundheit'], SECTIONS), 'health');
    assert.equal(sectionFromCategories(['Arts & Entertainment'], SECTIONS), 'entertainment');
    assert.equal(sectionFromCategories(['Économie'], SECTIONS), 'business');
    assert.equal(sectionFromCategories(['Science News'], SECTIONS), 'science');
  });

  it('reads a category path part by part, and skips categories that name nothing', () => {
    assert.equal(sectionFromCategories(['News > Politics'], SECTIONS), 'politics');
    assert.equal(sectionFromCategories(['sport/football'], SECTIONS), 'sports');
    assert.equal(sectionFromCategories(['Donald Trump', 'Gymnastics', 'US sports'], SECTIONS), 'sports');
    assert.equal(sectionFromCategories(['Donald Trump', 'Kesselford'], SECTIONS), null);
    assert.equal(sectionFromCategories([], SECTIONS), null);
  });

  it("prefers a section of the site's own by name, and never answers a section the site does not have", () => {
    assert.equal(sectionFromCategories(['Local'], SECTIONS), 'local');
    assert.equal(sectionFromCategories(['Football', 'Local'], SECTIONS), 'local');
    const noSports = SECTIONS.filter((s) => s.slug !== 'sports');
    assert.equal(sectionFromCategories(['Football'], noSports), null);
  });
});
