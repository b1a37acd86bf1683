import { configFromOptions } from '../config-from-options.js';
import type { ParsedOptions } from '../main.js';
import { startServer } from '../../server.js';

export async function serveCommand(values: ParsedOptions): Promise<number> {
  const config = configFromOptions(values);
  const server = await startServer(config, { scheduler: !values['no-scheduler'] });
  console.log(`Newsroom is running at ${server.url}  (database ${config.db}; Ctrl-C to stop)`);
  await server.untilStopped();
  return 0;
}
