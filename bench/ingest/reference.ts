// The reference beside the pipeline: the same generated articles (same seed, same outlets,
// same text the feeds carry) through the story clusterer alone, in this process, timed on CPU
// like the cluster scale run. Fetching, parsing, storing and indexing cost nothing here, so
// this is the most the pipeline could reach with the clusterer it has.
import { StoryClusterer } from '../../src/stories/cluster.js';
import { fastHtmlToText } from '../../src/text/html-text.js';
import { PublisherStream, type StreamPlan } from './stream.js';

export interface ReferenceRun {
  what: string;
  articles: number;
  seconds: number;
  articlesPerSecond: number;
}

export function runReference(plan: StreamPlan, articles: number, progress: (text: string) => void): ReferenceRun {
  const stream = new PublisherStream({ ...plan, total: articles }, Array.from({ length: plan.hosts }, (_, h) => `http://h${h}.invalid`));
  const clusterer = new StoryClusterer({ windowHours: 72 });
  let cpuMs = 0;
  let done = 0;
  stream.onRelease = (g, outlet, content) => {
    const text = content ? fastHtmlToText(content) : g.article.text;
    const cpu = process.cpuUsage();
    clusterer.add({ id: g.article.id, time: g.article.time, title: g.article.title, text, source: String(outlet.index), url: g.article.url });
    const used = process.cpuUsage(cpu);
    cpuMs += (used.user + used.system) / 1000;
    if (++done % 10_000 === 0) progress(`reference (clusterer alone): ${done.toLocaleString('en-US')}/${articles.toLocaleString('en-US')}`);
  };
  while (!stream.exhausted) stream.release(10_000);
  return { what: 'the story clusterer alone on the same articles and text (CPU time)', articles: done, seconds: cpuMs / 1000, articlesPerSecond: done / (cpuMs / 1000) };
}
