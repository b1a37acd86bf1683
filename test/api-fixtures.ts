// A small newsroom for the API and feeds-out tests: sources, articles and stories made the
// way ingest makes them (Repository + StoriesService), on an in-memory database, with both
// extensions registered on the real app.
import type { FastifyInstance } from 'fastify';
import { defaultConfig } from '../src/config.js';
import type { Article, NewArticle, Source } from '../src/model.js';
import { StoriesService } from '../src/stories/service.js';
import { SqliteRepository } from '../src/store/sqlite/sqlite-repository.js';
import { apiExtension } from '../src/web/api/extension.js';
import { buildApp } from '../src/web/app.js';
import { feedsOutExtension } from '../src/web/feeds-out/extension.js';

export const FLOOD =
  'Three people have died and about 4,000 have been evacuated after the River Ambry burst its banks in the town of ' +
  'Kesselford, authorities said, as the river reached a record 6.8 metres following 140 millimetres of rain in 36 hours.';
export const BANK =
  'The Estravian central bank raised its key interest rate to 4.75 per cent on Thursday in a split vote, governor Ilse ' +
  'Varnholt said, warning that inflation in services remains too high and that further rises cannot be ruled out.';
/** Everything XML and HTML can trip on, and a control character XML cannot carry at all. */
export const HOSTILE_TITLE = '<script>alert("x")</script> & "friends" ]]> in Tessmoor';
export const HOSTILE_SUMMARY = 'Fish & chips <b>prices</b> soar\u0001 at the Tessmoor quay, traders say, as cod quotas tighten ]]> again.';

/** Made-up words, distinct for each filler story, so the clusterer keeps them apart. */
function word(n: number): string {
  let s = '';
  for (let k = n + 26; k > 0; k = Math.floor(k / 26)) s += String.fromCharCode(97 + (k % 26));
  return `zo${s}an`;
}

export interface Newsroom {
  repo: SqliteRepository;
  app: FastifyInstance;
  sources: Record<'wire' | 'herald' | 'courier' | 'ledger', Source>;
  /** Story ids. */
  flood: number;
  bank: number;
  hostile: number;
  hidden: number;
  fillers: number[];
  /** Articles of the flood story: the wire's original, the herald's copy, the courier's own. */
  floodArticles: { original: Article; copy: Article; own: Article };
  hiddenArticle: Article;
  close(): Promise<void>;
}

export const SITE_NAME = 'Harbour News';

export async function openNewsroom(options: { fillers?: number } = {}): Promise<Newsroom> {
  const repo = SqliteRepository.open(':memory:');
  const names = { wire: 'Meridian Wire', herald: 'The Harbor Herald', courier: 'Tessmoor Courier', ledger: 'Daily Ledger' } as const;
  const sources = {} as Newsroom['sources'];
  for (const key of Object.keys(names) as Array<keyof typeof names>) {
    sources[key] = await repo.addSource(
      { feedUrl: `https://${key}.example/feed.xml`, siteUrl: `https://${key}.example/`, name: names[key], section: key === 'ledger' ? 'business' : 'world' },
      15,
    );
  }
  const stories = new StoriesService(repo);
  const t0 = Date.now() - 12 * 3600_000;
  const at = (minutes: number) => new Date(t0 + minutes * 60_000);
  await stories.start(at(0));
  let n = 0;
  const publish = async (source: keyof typeof names, title: string, summary: string, minutes: number, extra: Partial<NewArticle> = {}) => {
    n++;
    const [inserted] = await repo.insertArticles([
      {
        sourceId: sources[source].id, guid: `g${n}`, url: `https://${source}.example/news/${n}`, canonicalUrl: `https://${source}.example/news/${n}`,
        title, author: null, summary, contentHtml: null, imageUrl: null, section: sources[source].section, categories: [],
        publishedAt: at(minutes), fetchedAt: at(minutes), ...extra,
      },
    ]);
    await stories.process([inserted!], at(minutes));
    return (await repo.getArticle(inserted!.id))!;
  };

  const fillerCount = options.fillers ?? 0;
  const fillers: number[] = [];
  for (let i = 0; i < fillerCount; i++) {
    const words = Array.from({ length: 12 }, (_, j) => word(i * 12 + j));
    const a = await publish(i % 2 ? 'ledger' : 'courier', `${words.slice(0, 5).join(' ')}`, `${words.join(' ')}.`, i);
    fillers.push(a.storyId!);
  }
  const base = fillerCount + 10;
  const original = await publish('wire', 'Three dead as River Ambry floods Kesselford', FLOOD, base);
  const copy = await publish('herald', 'Three dead as River Ambry floods Kesselford', `${FLOOD} Read the original article on Meridian Wire.`, base + 30);
  const own = await publish(
    'courier',
    'Kesselford under water as River Ambry hits record 6.8 metres',
    'Around 4,000 people have been evacuated and three have died after the River Ambry rose to a record 6.8 metres in Kesselford, the mayor told Reuters.',
    base + 40,
  );
  const bank = await publish('ledger', 'Estravian central bank lifts key rate to 4.75% in split vote', BANK, base + 50, {
    imageUrl: 'https://ledger.example/img/bank.jpg',
  });
  const hostile = await publish('herald', HOSTILE_TITLE, HOSTILE_SUMMARY, base + 60, { url: 'https://herald.example/news/fish?a=1&b=2' });
  const hiddenArticle = await publish(
    'ledger',
    'Quarterly glassworks output report published in Oberlin',
    'Output from glassworks in the Oberlin district fell by a tenth over the quarter, figures released on Monday showed.',
    base + 70,
  );
  await repo.setStoryFlags(hiddenArticle.storyId!, { hidden: true });

  const app = await buildApp({
    repo,
    config: { ...defaultConfig(), siteName: SITE_NAME },
    extensions: [feedsOutExtension({ repo, siteName: SITE_NAME }), apiExtension({ repo, siteName: SITE_NAME })],
  });
  return {
    repo, app, sources, fillers,
    flood: original.storyId!, bank: bank.storyId!, hostile: hostile.storyId!, hidden: hiddenArticle.storyId!,
    floodArticles: { original, copy, own }, hiddenArticle,
    async close() {
      await app.close();
      await repo.close();
    },
  };
}
