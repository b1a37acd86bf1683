// The `newsroom` command: parses arguments, then loads only the command it runs, so that
// `--help` and friends answer without loading the database driver or the web framework.
import { parseArgs } from 'node:util';
import { COMMAND_HELP, mainHelp } from './help.js';
import { UsageError } from './options.js';

const OPTIONS = {
  db: { type: 'string' },
  'allow-loopback': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  host: { type: 'string' },
  port: { type: 'string' },
  'no-scheduler': { type: 'boolean' },
  all: { type: 'boolean' },
  section: { type: 'string' },
  name: { type: 'string' },
  interval: { type: 'string' },
  json: { type: 'boolean' },
  jsonl: { type: 'boolean' },
  url: { type: 'string' },
  window: { type: 'string' },
  source: { type: 'string' },
  email: { type: 'string' },
  concurrency: { type: 'string' },
  force: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  days: { type: 'string' },
} as const;

export type ParsedOptions = ReturnType<typeof parse>['values'];

function parse(argv: string[]) {
  return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
}

async function version(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const { projectPath } = await import('../paths.js');
  return (JSON.parse(await readFile(projectPath('package.json'), 'utf8')) as { version: string }).version;
}

export async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parse(argv);
  } catch (err) {
    console.error(`newsroom: ${err instanceof Error ? err.message : String(err)}\nRun "newsroom --help" for usage.`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.version) {
    console.log(await version());
    return 0;
  }
  if (command === 'help') {
    const topic = rest[0];
    console.log(topic && COMMAND_HELP[topic] ? COMMAND_HELP[topic] : mainHelp());
    return 0;
  }
  if (!command || values.help) {
    if (command && COMMAND_HELP[command]) console.log(COMMAND_HELP[command]);
    else console.log(mainHelp());
    return command || values.help ? 0 : 2;
  }
  try {
    switch (command) {
      case 'serve':
        return await (await import('./commands/serve.js')).serveCommand(values);
      case 'demo':
        return await (await import('./commands/demo.js')).demoCommand(values);
      case 'fetch':
        return await (await import('./commands/fetch.js')).fetchCommand(values);
      case 'parse-feed':
        return await (await import('./commands/parse-feed.js')).parseFeedCommand(rest, values);
      case 'extract':
        return await (await import('./commands/extract.js')).extractCommand(rest, values);
      case 'reextract':
        return await (await import('./commands/reextract.js')).reextractCommand(values);
      case 'cluster':
        return await (await import('./commands/cluster.js')).clusterCommand(values);
      case 'stories':
        return await (await import('./commands/stories.js')).storiesCommand(rest, values);
      case 'sources':
        return await (await import('./commands/sources.js')).sourcesCommand(rest, values);
      case 'web':
        return await (await import('./commands/web.js')).webCommand(values);
      case 'worker':
        return await (await import('./commands/worker.js')).workerCommand(values);
      case 'scheduler':
        return await (await import('./commands/scheduler.js')).schedulerCommand(values);
      case 'jobs':
        return await (await import('./commands/jobs.js')).jobsCommand(rest, values);
      case 'backup':
        return await (await import('./commands/backup.js')).backupCommand(rest, values);
      case 'prune':
        return await (await import('./commands/prune.js')).pruneCommand(values);
      case 'admin':
        return await (await import('./commands/admin.js')).adminCommand(rest, values);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    const { ConfigError } = await import('../config.js');
    if (err instanceof UsageError || err instanceof ConfigError) {
      console.error(`newsroom: ${err.message}\nRun "newsroom --help" for usage.`);
      return 2;
    }
    throw err;
  }
}
