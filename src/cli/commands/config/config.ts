import { Command } from 'commander';
import { configCheckCommand } from './config-check.js';
import { configInitCommand } from './config-init.js';
import { configShowCommand } from './config-show.js';

/** `mamori config`: write, check and show the one config file. */
export function configCommand(): Command {
  const cmd = new Command('config')
    .description(
      'Write a sample config file, check one, or show the config a run would use and where each value comes from',
    )
    .addHelpText(
      'after',
      `
The config file is mamori.config.yaml (or .yml, .toml, .json) in the data directory, or any file
given with --config to hunt, detect, demo, intel stats and config show. Every key is optional: a missing key keeps
its default, today's built-in value. Command-line flags (--data, --internal, --allow, --min-score)
win over the file. docs/configuration.md lists every key with its default, range and meaning.

Examples:
  mamori config init                       (writes mamori-data/mamori.config.yaml, every key commented)
  mamori config check                      (the data directory's file; exit 2 naming a bad key)
  mamori config check ./tuned.toml
  mamori config show --config ./tuned.toml --json
  mamori hunt logs/ --config ./tuned.toml`,
    )
    .addCommand(configInitCommand())
    .addCommand(configCheckCommand())
    .addCommand(configShowCommand());
  // As in main.ts: usage errors of subcommands exit with 2 too.
  for (const c of cmd.commands) c.exitOverride();
  return cmd.exitOverride();
}
