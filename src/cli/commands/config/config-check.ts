import { Command } from 'commander';
import { findConfigFile, readConfigFile } from '../../../config/config-file.js';
import { valueAt } from '../../../config/config-issues.js';
import { resolveDataDir } from '../../../config/data-dir.js';
import { parseConfig } from '../../../config/load-config.js';
import { configEntries } from '../../../config/schema-keys.js';
import { plural } from '../../../plural.js';
import { printText, toJson } from '../../output.js';

interface CheckFlags {
  data?: string;
  json?: boolean;
}

/** `mamori config check [file]`: validates a config file; a bad key is a usage error (exit 2). */
export function configCheckCommand(): Command {
  return new Command('check')
    .description('Check a config file: a bad key is named with its value and the allowed range (exit 2)')
    .argument('[file]', 'the file to check (default: mamori.config.* in the data directory)')
    .option(
      '-d, --data <dir>',
      'data directory whose config file to check (env MAMORI_DATA, default ./mamori-data)',
    )
    .option('--json', 'print the result as JSON')
    .action((file: string | undefined, flags: CheckFlags, cmd: Command) => {
      const dataDir = resolveDataDir(flags.data ?? cmd.optsWithGlobals()['data']);
      const found = findConfigFile(dataDir, file);
      if (found === null) {
        printText(
          flags.json
            ? toJson({ file: null, valid: true, set: [] })
            : `No config file in ${dataDir}: every default applies (mamori config init writes one).`,
        );
        return;
      }
      const raw = readConfigFile(found);
      parseConfig(raw, `config file ${found}`);
      const set = configEntries()
        .keys.filter((k) => valueAt(raw, k.path) !== undefined)
        .map((k) => k.path.join('.'));
      printText(
        flags.json
          ? toJson({ file: found, valid: true, set })
          : `${found} is valid: ${plural(set.length, 'key')} set, the others at their defaults.`,
      );
    });
}
