// What every command that touches the store needs, built from the validated configuration.
import type { Config } from '../config.js';
import { createHttpClient, type HttpClient } from '../fetch/http.js';
import { StoriesService } from '../stories/service.js';
import { openRepository } from '../store/open.js';
import type { Repository } from '../store/repository.js';

export interface CommandContext {
  config: Config;
  repo: Repository;
  http: HttpClient;
  /** The stories stage; call `start()` before the first use (it loads the active window). */
  stories: StoriesService;
  close(): Promise<void>;
}

export async function openContext(config: Config): Promise<CommandContext> {
  const repo = await openRepository(config.db);
  const http = createHttpClient(config.fetch);
  const stories = new StoriesService(repo);
  return {
    config,
    repo,
    http,
    stories,
    async close() {
      await http.close();
      // What was ingested is stored with its stories, but their outlines (titles, counts,
      // outlets) follow a moment later: written before the store closes, not lost with it.
      await stories.settled();
      await repo.close();
    },
  };
}

/** Progress lines go to a terminal only; in a pipe the command stays quiet. */
export function progress(message: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K${message}`);
}

export function endProgress(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
}
