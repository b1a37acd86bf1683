import { loadConfig, type Config } from '../config.js';
import type { ParsedOptions } from './main.js';
import { numberOption } from './options.js';

/** The configuration for a command: environment, then its flags. */
export function configFromOptions(values: ParsedOptions, extra: { allowLoopback?: boolean } = {}): Config {
  return loadConfig(process.env, {
    db: values.db,
    host: values.host,
    port: numberOption('port', values.port, { min: 0, max: 65535 }),
    allowLoopback: values['allow-loopback'] ? true : extra.allowLoopback,
  });
}
