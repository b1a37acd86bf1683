import type { ParsedOptions } from '../main.js';
import { numberOption } from '../options.js';
import { startDemo } from '../../../demo/run.js';

export async function demoCommand(values: ParsedOptions): Promise<number> {
  const demo = await startDemo({ port: numberOption('port', values.port, { min: 0, max: 65535 }), db: values.db });
  console.log(`\nNewsroom demo is running. Open ${demo.server.url}\n(database ${demo.db}; Ctrl-C to stop)`);
  await new Promise<void>((resolve) => {
    const onSignal = () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  console.log('Stopping the demo…');
  await demo.stop();
  return 0;
}
