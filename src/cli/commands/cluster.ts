// `newsroom cluster`: the online clusterer on its own. Reads JSONL articles in time order
// and answers each line with its story as soon as it has decided.
import { StoryClusterer } from '../../stories/cluster.js';
import type { ParsedOptions } from '../main.js';
import { answerJsonLines } from '../jsonl.js';
import { numberOption } from '../options.js';

export async function clusterCommand(values: ParsedOptions): Promise<number> {
  const windowHours = numberOption('window', values.window, { min: 1, max: 24 * 365 });
  const clusterer = new StoryClusterer(windowHours !== undefined ? { windowHours } : {});
  const failures = await answerJsonLines((input) => {
    if (typeof input.id !== 'string' && typeof input.id !== 'number') throw new Error('missing "id"');
    const time = new Date(String(input.time ?? ''));
    if (Number.isNaN(time.getTime())) throw new Error('missing or invalid "time" (ISO 8601)');
    const decision = clusterer.add({
      id: String(input.id),
      time,
      title: typeof input.title === 'string' ? input.title : '',
      text: typeof input.text === 'string' ? input.text : '',
      source: typeof input.source === 'string' ? input.source : '',
      url: typeof input.url === 'string' ? input.url : null,
      lang: typeof input.lang === 'string' ? input.lang : null,
    });
    return { story: decision.story };
  });
  return failures > 0 ? 1 : 0;
}
