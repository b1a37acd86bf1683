// The publishers' side of the ingest benchmark: the clustering scale run's generated news
// stream (bench/cluster/synthetic.ts: Zipfian vocabulary, names, power-law story sizes, real
// timestamps, syndicated copies) dealt out to many outlets, each with its own feed. Articles
// are released in time order; a feed shows its outlet's latest `feedSize` released articles,
// as a real feed shows its latest items. Items are rendered to XML once: all of them before
// the run (prepare), so that during it the publishers only serve what they hold — real
// publishers are other machines, and generating the text is not what the run measures — or
// each when it is released (the tests and the reference).
import { newsStream, rng, type GeneratedArticle } from '../cluster/synthetic.js';

export interface StreamPlan {
  /** Articles in the whole stream. */
  total: number;
  sources: number;
  /** Loopback addresses the outlets are spread over (each a host of its own to the fetcher). */
  hosts: number;
  /** Items in a feed. */
  feedSize: number;
  /** Articles released into the stream per feed request (the publishers' clock). */
  perRequest: number;
  /** Generated articles per simulated hour (100,000 active in a 72-hour window, as in the cluster scale run). */
  articlesPerHour: number;
  seed: number;
  /** When the stream ends; it starts `total / articlesPerHour` hours before. */
  end: Date;
}

export const SECTIONS = ['World', 'Politics', 'Business', 'Technology', 'Science', 'Health', 'Entertainment', 'Sports'];

export interface Outlet {
  index: number;
  name: string;
  /** 'rss' (RSS 2.0) or 'atom'. */
  format: 'rss' | 'atom';
  /** Whether items carry the full text (content:encoded / <content>) or only a summary. */
  fullText: boolean;
  host: number;
  /** Rendered items (UTF-8), newest last; at most feedSize kept. */
  items: Buffer[];
  /** Index (in release order) of each kept item, to count the ones that fall off unseen. */
  seq: number[];
  /** Highest release number served to a client so far. */
  servedUpTo: number;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function outletName(random: () => number, i: number): string {
  const first = ['Daily', 'Evening', 'Morning', 'Weekly', 'Northern', 'Southern', 'Coastal', 'Valley', 'Metro', 'County'];
  const last = ['Herald', 'Courier', 'Gazette', 'Tribune', 'Observer', 'Ledger', 'Chronicle', 'Post', 'Dispatch', 'Record', 'Signal', 'Wire'];
  return `${first[Math.floor(random() * first.length)]!} ${last[Math.floor(random() * last.length)]!} ${i + 1}`;
}

/**
 * Body paragraphs for an article: its lead, then paragraphs of the story's own words (those
 * of its title and lead) mixed with the stream's common words, as follow-up paragraphs read.
 */
function body(g: GeneratedArticle, random: () => number, common: string[]): string {
  const own = `${g.article.title} ${g.article.text}`.split(/\s+/).filter((w) => w.length > 2);
  const paragraphs = [g.article.text];
  const count = 2 + Math.floor(random() * 3);
  for (let p = 0; p < count; p++) {
    const words: string[] = [];
    const length = 30 + Math.floor(random() * 30);
    for (let i = 0; i < length; i++) {
      words.push(random() < 0.4 && own.length > 0 ? own[Math.floor(random() * own.length)]! : common[Math.floor(random() * common.length)]!);
    }
    words[0] = words[0]![0]!.toUpperCase() + words[0]!.slice(1);
    paragraphs.push(`${words.join(' ')}.`);
  }
  return paragraphs.map((p) => `<p>${esc(p)}</p>`).join('');
}

export class PublisherStream {
  readonly outlets: Outlet[];
  private readonly stream: Generator<GeneratedArticle>;
  private readonly random: () => number;
  private readonly common: string[] = [];
  released = 0;
  /** Time of the latest article released: the feeds' own clock. */
  private clock = 0;
  /** Articles that left a feed before any request saw them (a feed too short for its polling). */
  dropped = 0;
  private readonly base: string[];
  /** Called with each article as it is generated, and the HTML body its feed carries (if any). */
  onRelease: ((g: GeneratedArticle, outlet: Outlet, content: string | null) => void) | null = null;
  /** The whole stream generated ahead (prepare): each article's outlet and item, in release order. */
  private prepared: { outlets: Int32Array; items: Buffer[]; times: Float64Array } | null = null;

  /** `base[h]` is the origin (http://127.0.1.x:port) of host h. */
  constructor(readonly plan: StreamPlan, base: string[]) {
    this.base = base;
    this.random = rng(plan.seed ^ 0x5eed);
    const hours = plan.total / plan.articlesPerHour;
    this.stream = newsStream({ seed: plan.seed, articlesPerHour: plan.articlesPerHour, start: new Date(plan.end.getTime() - hours * 3_600_000) });
    this.outlets = Array.from({ length: plan.sources }, (_, i) => ({
      index: i,
      name: outletName(this.random, i),
      format: this.random() < 0.7 ? 'rss' : 'atom',
      fullText: this.random() < 0.5,
      // Neighbouring sources live on different hosts, so a batch of due sources spreads over hosts.
      host: i % plan.hosts,
      items: [],
      seq: [],
      servedUpTo: -1,
    }));
  }

  get exhausted(): boolean {
    return this.released >= this.plan.total;
  }

  feedPath(i: number): string {
    return `/o${i}/feed.${this.outlets[i]!.format === 'rss' ? 'xml' : 'atom'}`;
  }

  feedUrl(i: number): string {
    return `${this.base[this.outlets[i]!.host]!}${this.feedPath(i)}`;
  }

  /**
   * Generates and renders the whole stream now, so that releasing and serving it later costs
   * no more than copying bytes. `onProgress` is called every 10,000 articles.
   */
  prepare(onProgress?: (done: number) => void): void {
    if (this.prepared || this.released > 0) throw new Error('prepare() comes before any release');
    const total = this.plan.total;
    const prepared = { outlets: new Int32Array(total), items: new Array<Buffer>(total), times: new Float64Array(total) };
    for (let seq = 0; seq < total; seq++) {
      const { outlet, item, time } = this.generate(seq);
      prepared.outlets[seq] = outlet.index;
      prepared.items[seq] = item;
      prepared.times[seq] = time;
      if ((seq + 1) % 10_000 === 0) onProgress?.(seq + 1);
    }
    this.prepared = prepared;
  }

  /** The next article of the stream, its outlet and its rendered item. */
  private generate(seq: number): { outlet: Outlet; item: Buffer; time: number } {
    const g = this.stream.next().value as GeneratedArticle;
    for (const w of g.article.text.split(' ')) if (this.random() < 0.05) this.common[this.common.length < 5000 ? this.common.length : Math.floor(this.random() * 5000)] = w.toLowerCase();
    const outlet = this.outlets[Math.floor(this.random() * this.outlets.length)]!;
    const content = outlet.fullText ? body(g, this.random, this.common.length > 0 ? this.common : g.article.text.split(' ')) : null;
    this.onRelease?.(g, outlet, content);
    return { outlet, item: Buffer.from(this.render(outlet, g, seq, content)), time: g.article.time.getTime() };
  }

  /** Releases the next `n` articles of the stream into their outlets' feeds. */
  release(n: number): void {
    const prepared = this.prepared;
    for (let k = 0; k < n && this.released < this.plan.total; k++) {
      const seq = this.released++;
      let outlet: Outlet;
      let item: Buffer;
      if (prepared) {
        outlet = this.outlets[prepared.outlets[seq]!]!;
        item = prepared.items[seq]!;
        // Served from here on: the prepared copy is no longer needed.
        prepared.items[seq] = EMPTY;
        this.clock = prepared.times[seq]!;
      } else {
        const made = this.generate(seq);
        outlet = made.outlet;
        item = made.item;
        this.clock = made.time;
      }
      outlet.items.push(item);
      outlet.seq.push(seq);
      if (outlet.items.length > this.plan.feedSize) {
        outlet.items.shift();
        const gone = outlet.seq.shift()!;
        if (gone > outlet.servedUpTo) this.dropped++;
      }
    }
  }

  private render(outlet: Outlet, g: GeneratedArticle, seq: number, content: string | null): string {
    const a = g.article;
    const link = `${this.base[outlet.host]!}/o${outlet.index}/${seq}-${a.title.toLowerCase().split(' ').slice(0, 6).join('-')}`;
    const section = SECTIONS[g.gold % SECTIONS.length]!;
    const author = `${a.title.split(' ')[1] ?? 'Staff'} Reporter`;
    if (outlet.format === 'rss') {
      return `<item><title>${esc(a.title)}</title><link>${link}</link><guid isPermaLink="true">${link}</guid>` +
        `<pubDate>${a.time.toUTCString()}</pubDate><dc:creator>${esc(author)}</dc:creator><category>${section}</category>` +
        `<description>${esc(a.text)}</description>${content ? `<content:encoded><![CDATA[${content}]]></content:encoded>` : ''}</item>`;
    }
    return `<entry><title>${esc(a.title)}</title><link rel="alternate" href="${link}"/><id>${link}</id>` +
      `<published>${a.time.toISOString()}</published><updated>${a.time.toISOString()}</updated>` +
      `<author><name>${esc(author)}</name></author><category term="${section}"/>` +
      `<summary>${esc(a.text)}</summary>${content ? `<content type="html">${esc(content)}</content>` : ''}</entry>`;
  }

  /** The feed document of outlet `i` now. Serving it advances the publishers' clock. */
  feed(i: number): string {
    return this.feedIfChanged(i, null).body!.toString('utf8');
  }

  /**
   * As a real publisher answers a conditional request: the feed with its validator, or no body
   * (304) when `ifNoneMatch` is the validator of the items it shows now. Either way the request
   * advances the publishers' clock.
   */
  feedIfChanged(i: number, ifNoneMatch: string | null): { etag: string; body: Buffer | null } {
    this.release(this.plan.perRequest);
    const o = this.outlets[i]!;
    if (o.seq.length > 0) o.servedUpTo = Math.max(o.servedUpTo, o.seq[o.seq.length - 1]!);
    const etag = `"o${i}-${o.seq.length > 0 ? o.seq[o.seq.length - 1] : 'empty'}"`;
    if (ifNoneMatch === etag) return { etag, body: null };
    return { etag, body: this.document(o, i) };
  }

  private document(o: Outlet, i: number): Buffer {
    const home = `${this.base[o.host]!}/o${i}/`;
    const [head, tail] =
      o.format === 'rss'
        ? [
            `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
              `<channel><title>${esc(o.name)}</title><link>${home}</link><description>News from ${esc(o.name)}</description>`,
            '</channel></rss>',
          ]
        : [
            `<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>${esc(o.name)}</title>` +
              `<link rel="alternate" href="${home}"/><id>${home}</id><updated>${new Date(this.clock).toISOString()}</updated>`,
            '</feed>',
          ];
    // Newest first, as feeds list them.
    return Buffer.concat([Buffer.from(head), ...[...o.items].reverse(), Buffer.from(tail)]);
  }
}

const EMPTY = Buffer.alloc(0);
