// The clustering-dev dataset: one JSON object per line; the clusterer sees only the article
// fields, the gold `cluster` label stays with the benchmark.
import fs from 'node:fs';
import type { ClusterArticle } from '../../src/stories/cluster.js';

export interface LabelledArticle {
  article: ClusterArticle;
  gold: string;
}

export function readDataset(file: string): LabelledArticle[] {
  const out: LabelledArticle[] = [];
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, n) => {
    if (line.trim() === '') return;
    let row: Record<string, unknown>;
    try {
      row = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new Error(`${file}:${n + 1}: not a JSON object`);
    }
    const { id, time, title, text, source, url, lang, cluster } = row;
    if (typeof id !== 'string' || typeof time !== 'string' || typeof title !== 'string' || typeof cluster !== 'string') {
      throw new Error(`${file}:${n + 1}: needs string id, time, title and cluster`);
    }
    const date = new Date(time);
    if (Number.isNaN(date.getTime())) throw new Error(`${file}:${n + 1}: bad time ${time}`);
    out.push({
      article: {
        id,
        time: date,
        title,
        text: typeof text === 'string' ? text : '',
        source: typeof source === 'string' ? source : '',
        url: typeof url === 'string' ? url : null,
        lang: typeof lang === 'string' ? lang : null,
      },
      gold: cluster,
    });
  });
  return out;
}
