import { resolve } from 'node:path';

/** Default data directory, relative to where mamori runs. */
export const defaultDataDir = './mamori-data';

/** The data directory: `--data`, else `MAMORI_DATA`, else `./mamori-data`. */
export function resolveDataDir(flag?: string): string {
  return resolve(flag ?? process.env['MAMORI_DATA'] ?? defaultDataDir);
}
