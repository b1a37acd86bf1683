// The demo's fictional news, loaded from demo/content/news.json and checked on load.
import fs from 'node:fs';
import { z } from 'zod';
import { projectPath } from '../src/paths.js';

const OutletSchema = z.object({
  slug: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string(),
  tagline: z.string(),
  section: z.string(),
  feedFormat: z.enum(['rss2', 'atom', 'jsonfeed', 'rss2-latin1']),
  donation: z.string(),
  authors: z.array(z.string()).min(1),
});

const ArticleSchema = z.object({
  outlet: z.string(),
  title: z.string(),
  summary: z.string(),
  author: z.string(),
  minutesAgo: z.number().positive(),
  paragraphs: z.array(z.string()).min(1),
});

const NewsSchema = z.object({
  outlets: z.array(OutletSchema).min(8),
  events: z.array(z.object({ id: z.string(), section: z.string(), articles: z.array(ArticleSchema).min(2) })).min(12),
  syndications: z.array(
    z.object({ event: z.string(), original: z.string(), republisher: z.string(), minutesAfter: z.number().nonnegative() }),
  ),
});

export type DemoOutlet = z.infer<typeof OutletSchema>;
export type DemoNews = z.infer<typeof NewsSchema>;

export function loadDemoNews(file = projectPath('demo/content/news.json')): DemoNews {
  return NewsSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}
