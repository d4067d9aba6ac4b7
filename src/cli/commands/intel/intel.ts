import { Command } from 'commander';
import { intelImportCommand } from './intel-import.js';
import { intelSearchCommand } from './intel-search.js';
import { intelShowCommand } from './intel-show.js';
import { intelStatsCommand } from './intel-stats.js';
import { intelUpdateCommand } from './intel-update.js';

/** `mamori intel`: the threat knowledge base. */
export function intelCommand(): Command {
  const cmd = new Command('intel')
    .description('The threat knowledge base: import, update, show, search and count')
    .addCommand(intelImportCommand())
    .addCommand(intelShowCommand())
    .addCommand(intelSearchCommand())
    .addCommand(intelStatsCommand())
    .addCommand(intelUpdateCommand());
  for (const c of cmd.commands) c.exitOverride();
  return cmd.exitOverride();
}
