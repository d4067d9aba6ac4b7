import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Command, Option } from 'commander';
import { type ConfigFormat, configFileNames, configFormats } from '../../../config/config-file.js';
import { renderConfigSample } from '../../../config/config-sample.js';
import { resolveDataDir } from '../../../config/data-dir.js';
import { errorCodes, MamoriError } from '../../../errors.js';
import { printText, toJson } from '../../output.js';

interface InitFlags {
  data?: string;
  format: ConfigFormat;
  out?: string;
  force?: boolean;
  json?: boolean;
}

/** `mamori config init`: a sample config with every key at its default, each commented. */
export function configInitCommand(): Command {
  return new Command('init')
    .description('Write a sample config file: every key at its default, with a comment saying what it does')
    .option(
      '-d, --data <dir>',
      'data directory to write mamori.config.<format> into (env MAMORI_DATA, default ./mamori-data)',
    )
    .addOption(
      new Option(
        '--format <format>',
        'yaml and toml carry a comment on each key; json a "$comment" per group',
      )
        .choices(configFormats)
        .default('yaml'),
    )
    .option('-o, --out <file>', 'write here instead of the data directory')
    .option('--force', 'overwrite an existing file')
    .option('--json', 'print {out, format} as JSON')
    .action((flags: InitFlags, cmd: Command) => {
      const dataDir = resolveDataDir(flags.data ?? cmd.optsWithGlobals()['data']);
      const out = flags.out ?? join(dataDir, `mamori.config.${flags.format}`);
      if (existsSync(out) && !flags.force)
        throw new MamoriError(errorCodes.usage, `${out} exists: give --force to overwrite it`);
      // A second config file in the data directory would make both of them unreadable.
      const other = flags.out
        ? undefined
        : configFileNames.map((n) => join(dataDir, n)).find((p) => p !== out && existsSync(p));
      if (other)
        throw new MamoriError(errorCodes.usage, `${other} exists: a data directory holds one config file`);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, renderConfigSample(flags.format));
      printText(
        flags.json
          ? toJson({ out, format: flags.format })
          : `Wrote ${out}: every key at its default. Edit what you need, then: mamori config check ${out}`,
      );
    });
}
