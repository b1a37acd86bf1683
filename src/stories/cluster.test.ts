import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StoryClusterer, type ClusterArticle } from './cluster.js';

const T0 = Date.parse('2025-03-03T08:00:00Z');
const HOUR = 3_600_000;

function article(id: string, hours: number, title: string, text: string, source = 'Example News', url: string | null = null): ClusterArticle {
  return { id, time: new Date(T0 + hours * HOUR), title, text, source, url, lang: 'en' };
}

/** A day of unrelated news, so document frequencies look like a real stream's. */
const BACKGROUND: ClusterArticle[] = [
  article('bg1', 0, 'Chiquita agrees to buy Irish rival Fyffes to create banana giant', 'Chiquita Brands International said on Monday it would merge with Fyffes of Ireland in an all-share deal, creating the largest banana company in the world with annual sales of about $4.6 billion.'),
  article('bg2', 0.5, 'Apple releases iOS 7.1 with CarPlay and Siri improvements', 'Apple on Monday released iOS 7.1, the first major update to its mobile operating system since September, adding CarPlay support for cars and a faster, more natural-sounding Siri.'),
  article('bg3', 1, 'Men’s Wearhouse to acquire Jos. A. Bank for $1.8 billion', 'Men’s Wearhouse agreed to buy rival Jos. A. Bank for about $1.8 billion, ending a months-long takeover battle between the two menswear retailers.'),
  article('bg4', 1.5, 'Snowden tells SXSW audience he would leak the documents again', 'Former NSA contractor Edward Snowden told an audience at the South by Southwest festival in Austin, via a video link from Russia, that he would do it again.'),
  article('bg5', 2, 'Colorado collects $2 million in marijuana taxes in January', 'Colorado collected about $2 million in taxes from recreational marijuana sales in January, the first month such sales were legal, the state revenue department said.'),
  article('bg6', 2.5, 'Bank of England governor Carney warns on housing market', 'Mark Carney, governor of the Bank of England, told lawmakers that the housing market was the biggest risk to financial stability in the United Kingdom.'),
  article('bg7', 3, 'Titanfall launches on Xbox One to strong reviews', 'Respawn Entertainment’s shooter Titanfall went on sale for the Xbox One and PC on Tuesday, with critics praising its fast-paced multiplayer matches.'),
  article('bg8', 3.5, 'GM faces criminal probe over ignition switch recall', 'Federal prosecutors have opened a criminal investigation into whether General Motors was slow to recall cars with faulty ignition switches linked to 13 deaths.'),
];

function withBackground(options: ConstructorParameters<typeof StoryClusterer>[0] = {}): StoryClusterer {
  const c = new StoryClusterer(options);
  for (const a of BACKGROUND) c.add(a);
  return c;
}

const QUAKE_1 = article(
  'q1',
  4,
  'Strong earthquake strikes off northeastern Japan, tsunami warning issued',
  'A magnitude 7.1 earthquake struck off the coast of Fukushima prefecture on Tuesday evening, the Japan Meteorological Agency said, prompting a tsunami warning for the Pacific coast and the evacuation of coastal towns.',
  'Daily Planet',
  'https://planet.example/world/asia/strong-earthquake-strikes-off-northeastern-japan',
);
const QUAKE_2 = article(
  'q2',
  5,
  'Tsunami alert after 7.1 quake hits Fukushima coast',
  'Japan issued a tsunami warning after a magnitude 7.1 earthquake shook Fukushima prefecture on Tuesday, the Meteorological Agency said. Residents of coastal towns were told to move to higher ground.',
  'Morning Herald',
  'https://herald.example/news/tsunami-alert-quake-fukushima',
);

const BUDGET_1 = article(
  'b1',
  6,
  'Parliament approves budget in first vote after marathon debate',
  'Lawmakers approved the government’s 2025 budget in a first vote late on Tuesday after a marathon debate, with 312 members voting in favour and 251 against. The finance minister said the spending plan would cut the deficit.',
  'Capital Times',
);
const BUDGET_2_NEXT_WEEK = article(
  'b2',
  6 + 7 * 24,
  'Parliament passes budget in final vote',
  'Lawmakers passed the government’s 2026 budget in a final vote on Tuesday, with 305 members voting in favour and 260 against, after the finance minister defended the spending plan and its deficit target.',
  'Capital Times',
);

describe('StoryClusterer', () => {
  it('puts two outlets’ different headlines on one event in one story', () => {
    const c = withBackground();
    const first = c.add(QUAKE_1);
    const second = c.add(QUAKE_2);
    assert.equal(first.isNew, true);
    assert.equal(second.isNew, false);
    assert.equal(second.story, first.story);
    assert.ok(second.similarity >= c.options.threshold);
    assert.equal(c.storyOf('q1'), c.storyOf('q2'));
  });

  it('never splits a syndicated copy from its original', () => {
    const c = withBackground();
    const original = c.add(QUAKE_1);
    const copy = c.add({ ...QUAKE_1, id: 'q1-copy', source: 'Regional Wire', url: 'https://regional.example/2025/03/04/japan-quake', time: new Date(T0 + 9 * HOUR) });
    assert.equal(copy.story, original.story);
    assert.equal(copy.isNew, false);
    assert.equal(copy.similarity, 1);
  });

  it('keeps unrelated articles apart', () => {
    const c = withBackground();
    const stories = new Set(BACKGROUND.map((a) => c.storyOf(a.id)));
    assert.equal(stories.size, BACKGROUND.length);
    const quake = c.add(QUAKE_1);
    const budget = c.add(BUDGET_1);
    assert.equal(quake.isNew, true);
    assert.equal(budget.isNew, true);
    assert.notEqual(quake.story, budget.story);
  });

  it('makes the same topic a week later another story (window and time decay)', () => {
    // With the default window the first vote's story has ended when the second comes.
    const c = withBackground();
    const first = c.add(BUDGET_1);
    const second = c.add(BUDGET_2_NEXT_WEEK);
    assert.equal(second.isNew, true);
    assert.notEqual(second.story, first.story);

    // With a window of two weeks both are active, and time decay keeps them apart ...
    const long = withBackground({ windowHours: 14 * 24 });
    const a = long.add(BUDGET_1);
    const b = long.add(BUDGET_2_NEXT_WEEK);
    assert.equal(b.isNew, true);
    assert.notEqual(b.story, a.story);

    // ... while the same report a few hours later joins (content decides, not a clock).
    const sameDay = withBackground({ windowHours: 14 * 24 });
    const x = sameDay.add(BUDGET_1);
    const y = sameDay.add({ ...BUDGET_2_NEXT_WEEK, time: new Date(T0 + 9 * HOUR) });
    assert.equal(y.story, x.story);
  });

  it('lets stories leave the window, with their articles and memory', () => {
    const c = withBackground({ windowHours: 24 });
    c.add(QUAKE_1);
    c.add(QUAKE_2);
    const before = c.stats();
    assert.equal(before.activeArticles, BACKGROUND.length + 2);
    assert.equal(before.activeStories, BACKGROUND.length + 1);
    // Two days later: everything before has left the window.
    const later = c.add(article('late', 53, 'Storm Ciara brings flooding to northern England', 'Heavy rain from Storm Ciara flooded homes in Yorkshire and Cumbria overnight, the Environment Agency said.'));
    assert.equal(later.isNew, true);
    const after = c.stats();
    assert.equal(after.activeArticles, 1);
    assert.equal(after.activeStories, 1);
    assert.equal(c.storyOf('q1'), null);
    // A new report on the old quake starts a story of its own.
    const again = c.add({ ...QUAKE_2, id: 'q3', time: new Date(T0 + 54 * HOUR) });
    assert.equal(again.isNew, true);
  });

  it('honours an editor’s assignment in later decisions', () => {
    const c = withBackground();
    const quake = c.add(QUAKE_1).story;
    c.add(QUAKE_2);
    // The editor takes q2 out into a story of its own; its syndicated copy follows it.
    const own = c.assign('q2', null);
    assert.notEqual(own, quake);
    assert.equal(c.storyOf('q2'), own);
    const copy = c.add({ ...QUAKE_2, id: 'q2-copy', source: 'Regional Wire', time: new Date(T0 + 7 * HOUR) });
    assert.equal(copy.story, own);
    // Assigning into an existing story: the budget article joins the quake story, and so
    // does a copy of it.
    c.add(BUDGET_1);
    assert.equal(c.assign('b1', quake), quake);
    assert.equal(c.add({ ...BUDGET_1, id: 'b1-copy', time: new Date(T0 + 8 * HOUR) }).story, quake);
    // An article no longer in the window changes nothing.
    const stats = c.stats();
    assert.equal(c.assign('gone', quake), quake);
    assert.match(c.assign('gone', null), /^s\d+$/);
    assert.deepEqual(c.stats(), stats);
  });

  it('honours an editor’s merge in later decisions', () => {
    const c = withBackground();
    const quake = c.add(QUAKE_1).story;
    const budget = c.add(BUDGET_1).story;
    c.merge(budget, quake);
    assert.equal(c.storyOf('b1'), quake);
    assert.equal(c.stats().activeStories, BACKGROUND.length + 1);
    // A later report on the budget joins the merged story, under its surviving id.
    const follow = c.add(article('b1-follow', 9, 'Budget clears first vote in parliament', 'The government’s 2025 budget cleared its first vote in parliament on Tuesday after a marathon debate, the finance minister said.'));
    assert.equal(follow.story, quake);
    // The merged-away id still names the story for the editor's next action.
    assert.equal(c.assign('q1', budget), quake);
    // Merging into a story that has left the window: the active one goes on under that id.
    c.merge(quake, 's999');
    assert.equal(c.storyOf('q1'), 's999');
    assert.equal(c.add(article('q-follow', 10, 'Fukushima quake: tsunami warning lifted', 'Japan lifted its tsunami warning for the Fukushima coast on Wednesday after the magnitude 7.1 earthquake, the Meteorological Agency said.')).story, 's999');
  });

  it('reloads a decided window with restore, and treats the same article twice as once', () => {
    const c = new StoryClusterer({}, (() => {
      let n = 100;
      return () => String(++n);
    })());
    assert.equal(c.restore(QUAKE_1, '7').story, '7');
    assert.equal(c.add(QUAKE_2).story, '7');
    const again = c.add(QUAKE_2);
    assert.deepEqual(again, { id: 'q2', story: '7', isNew: false, similarity: 1 });
    assert.equal(c.stats().activeArticles, 2);
    assert.equal(c.add(BUDGET_1).story, '101');
  });

  it('restores an article again into the story it alone holds without corrupting the index', () => {
    // The decider did this when an article came before its copy that a stage taking over had
    // learned undecided (it added the article, then restored it into the story it had started):
    // restoring the only article of a story into that story once emptied the story, freed its
    // slot, and then indexed the freed slot — the next article that looked the story up found
    // no story there and threw (docs/decisions/0026).
    const c = new StoryClusterer({}, (() => {
      let n = 100;
      return () => String(++n);
    })());
    assert.equal(c.restore(QUAKE_1, '7').story, '7');
    assert.equal(c.restore(QUAKE_1, '7').story, '7');
    assert.deepEqual(c.stats().activeStories, 1);
    assert.equal(c.add(BUDGET_1).story, '101');
    assert.equal(c.add(QUAKE_2).story, '7');
    assert.equal(c.storyOf('q1'), '7');
    assert.deepEqual({ stories: c.stats().activeStories, articles: c.stats().activeArticles }, { stories: 2, articles: 3 });
  });

  it('clusters headlines without text', () => {
    const c = new StoryClusterer();
    const heads = [
      ['h1', 'Chiquita to buy Fyffes, creating world’s largest banana company'],
      ['h2', 'Snowden says he would leak NSA documents again'],
      ['h3', 'Chiquita and Fyffes agree merger to form banana giant'],
      ['h4', 'Edward Snowden at SXSW: I would do it again'],
      ['h5', 'Colorado marijuana taxes bring in $2 million'],
    ] as const;
    const d = heads.map(([id, title], i) => c.add(article(id, i * 0.2, title, '')));
    assert.equal(d[2]!.story, d[0]!.story);
    assert.equal(d[3]!.story, d[1]!.story);
    assert.notEqual(d[0]!.story, d[1]!.story);
    assert.equal(d[4]!.isNew, true);
  });
});
