import type { Command } from 'commander';
import { readConfigFile } from '../config/config-file.js';
import { resolveDataDir } from '../config/data-dir.js';
import { type ConfigFlag, type LoadedConfig, loadConfig, parseConfig } from '../config/load-config.js';
import { errorCodes, MamoriError } from '../errors.js';

/** What `--config` says in every command's help. */
export const configOptionHelp =
  'config file (.yaml, .toml or .json; default: mamori.config.* in the data directory; see mamori config --help)';

/** Adds `--config <file>` to a command. */
export function addConfigOption(cmd: Command): Command {
  return cmd.option('--config <file>', configOptionHelp);
}

/** An option's value only when the user gave it (on the command line or through its env), not its default. */
export function givenOption<T>(cmd: Command, name: string): T | undefined {
  const source = cmd.getOptionValueSource(name);
  return source === 'cli' || source === 'env' ? (cmd.getOptionValue(name) as T) : undefined;
}

/** A command's effective config and data directory. */
export interface CommandConfig extends LoadedConfig {
  readonly dataDir: string;
}

/**
 * The config a command runs with: defaults, then the config file, then the given flags (`--data`
 * and MAMORI_DATA count as flags for `store.dataDir`). The data directory is `--data`, else
 * MAMORI_DATA, else the `--config` file's `store.dataDir`, else ./mamori-data; a data directory's own
 * file cannot move it.
 */
export function commandConfig(cmd: Command, flags: readonly ConfigFlag[] = []): CommandConfig {
  const opts = cmd.optsWithGlobals();
  const file = opts['config'] as string | undefined;
  const dataFlag = opts['data'] as string | undefined;
  const env = process.env['MAMORI_DATA'];
  const fromFile =
    file && dataFlag === undefined && env === undefined
      ? parseConfig(readConfigFile(file), `config file ${file}`).store.dataDir
      : undefined;
  const dataDir = resolveDataDir(dataFlag ?? fromFile);
  const data: ConfigFlag[] =
    dataFlag !== undefined
      ? [{ path: ['store', 'dataDir'], flag: '--data', value: dataFlag }]
      : env !== undefined
        ? [{ path: ['store', 'dataDir'], flag: 'MAMORI_DATA', value: env }]
        : [];
  const loaded = loadConfig({ dataDir, file, flags: [...data, ...flags] });
  if (!file && loaded.file && loaded.sources['store.dataDir'] === loaded.file)
    throw new MamoriError(
      errorCodes.usage,
      `config file ${loaded.file}: store.dataDir cannot move the data directory it is in; set it in a file given with --config`,
    );
  return { ...loaded, dataDir };
}

/** A key's value for a stage that takes "unset" as its default: undefined unless a file or flag set it. */
export function setValue<T>(loaded: LoadedConfig, key: string, value: T): T | undefined {
  return loaded.sources[key] === 'default' ? undefined : value;
}

/** The slices of the config a hunt hands to its stages (moved to hunt/ for the live server). */
export { huntSettings } from '../hunt/stored-hunt.js';
