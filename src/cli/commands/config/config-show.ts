import { Command } from 'commander';
import { valueAt } from '../../../config/config-issues.js';
import { configEntries } from '../../../config/schema-keys.js';
import { addConfigOption, commandConfig, givenOption } from '../../command-config.js';
import { commaList, numberOption, optionSchemas } from '../../options.js';
import { printText, renderTable, toJson } from '../../output.js';

interface ShowFlags {
  internal?: string;
  allow?: string;
  json?: boolean;
}

/** `mamori config show`: the effective config, each key with its value and where it came from. */
export function configShowCommand(): Command {
  const cmd = new Command('show')
    .description(
      'Print the config a run would use: each key, its value, and where it came from (default, file, flag)',
    )
    .option('-d, --data <dir>', 'data directory (env MAMORI_DATA, default ./mamori-data)')
    .option('--internal <cidrs>', 'as hunt --internal: see it override the file')
    .option('--allow <file>', 'as hunt --allow')
    .option('--min-score <s>', 'as hunt --min-score', numberOption('--min-score', optionSchemas.unitInterval))
    .option('--json', 'print {file, dataDir, config, sources} as JSON');
  return addConfigOption(cmd).action((flags: ShowFlags, self: Command) => {
    const loaded = commandConfig(self, [
      { path: ['network', 'internal'], flag: '--internal', value: commaList(flags.internal) },
      { path: ['allowlist', 'file'], flag: '--allow', value: flags.allow },
      {
        path: ['correlation', 'minScore'],
        flag: '--min-score',
        value: givenOption<number>(self, 'minScore'),
      },
    ]);
    if (flags.json) {
      const { file, dataDir, config, sources } = loaded;
      printText(toJson({ file, dataDir, config, sources }));
      return;
    }
    const rows = configEntries().keys.map((k) => {
      const key = k.path.join('.');
      const value = valueAt(loaded.config, k.path);
      return {
        key,
        value: value === undefined ? '(unset)' : JSON.stringify(value),
        source: loaded.sources[key],
      };
    });
    const from = loaded.file ? `config file ${loaded.file}` : `no config file in ${loaded.dataDir}`;
    printText(`${from}\n\n${renderTable(['key', 'value', 'source'], rows, { maxWidth: 60 })}`);
  });
}
