import { Command } from 'commander';
import { resolveDataDir } from '../../config/data-dir.js';
import type { TriageChange } from '../../domain/triage.js';
import { errorCodes, MamoriError } from '../../errors.js';
import { printText, renderTable, toJson } from '../output.js';
import { triageActor } from '../triage/triage-actor.js';
import { withTriageBackend } from '../triage/triage-backend.js';

interface Flags {
  by?: string;
  data?: string;
  json?: boolean;
  none?: boolean;
}

function context(flags: Flags, sub: Command) {
  const g = sub.optsWithGlobals<{ data?: string; json?: boolean }>();
  return { json: flags.json ?? g.json === true, dataDir: resolveDataDir(flags.data ?? g.data) };
}

const common = (c: Command) =>
  c
    .option('-d, --data <dir>', 'data directory (env MAMORI_DATA, default ./mamori-data)')
    .option('--json', 'print the result as JSON');

/** `mamori incidents note ID "text"`. */
export function noteCommand(): Command {
  return common(
    new Command('note')
      .description('Add a note to an incident (kept with it across hunts, and in its history)')
      .argument('<id>', 'incident id (INC-…)')
      .argument('<text>', 'the note (up to 4000 characters)')
      .option('--by <name>', 'the author (default: your OS user name)'),
  )
    .addHelpText(
      'after',
      '\nExample:\n  mamori incidents note INC-1a2b3c4d "EDR shows the same beacon on 10.0.0.7"',
    )
    .action(async (id: string, text: string, flags: Flags, sub: Command) => {
      const { json, dataDir } = context(flags, sub);
      const out = await withTriageBackend(dataDir, triageActor(flags.by), true, (b) =>
        b.mark(id, { note: text }),
      );
      printText(json ? toJson(out) : `${out.incidentId}: note added`);
    });
}

/** `mamori incidents assign ID USER|--none`. */
export function assignCommand(): Command {
  return common(
    new Command('assign')
      .description('Assign an incident to someone, or unassign it with --none')
      .argument('<id>', 'incident id (INC-…)')
      .argument('[user]', 'who works on it')
      .option('--none', 'unassign')
      .option('--by <name>', 'who assigns (default: your OS user name)'),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  mamori incidents assign INC-1a2b3c4d alice\n  mamori incidents assign INC-1a2b3c4d --none',
    )
    .action(async (id: string, user: string | undefined, flags: Flags, sub: Command) => {
      const { json, dataDir } = context(flags, sub);
      if ((user === undefined) === (flags.none !== true))
        throw new MamoriError(errorCodes.usage, 'give a user name or --none (not both)');
      const assignee = flags.none ? null : (user as string).trim();
      const out = await withTriageBackend(dataDir, triageActor(flags.by), true, (b) =>
        b.mark(id, { assignee }),
      );
      printText(
        json ? toJson(out) : `${out.incidentId}: ${assignee ? `assigned to ${assignee}` : 'unassigned'}`,
      );
    });
}

function historyTable(items: readonly TriageChange[]): string {
  if (items.length === 0) return 'no changes recorded';
  return renderTable(
    ['at', 'actor', 'field', 'from', 'to'],
    items.map((h) => ({
      at: h.at.slice(0, 19).replace('T', ' '),
      actor: h.actor,
      field: h.field,
      from: h.from ?? '',
      to: h.to ?? '',
    })),
  );
}

/** `mamori incidents history ID`. */
export function historyCommand(): Command {
  return common(
    new Command('history')
      .description(
        'Every change to an incident’s triage, oldest first (status, assignee, notes, suppressions, identity)',
      )
      .argument('<id>', 'incident id (INC-…), or an id it had in an earlier hunt'),
  )
    .addHelpText('after', '\nExample:\n  mamori incidents history INC-1a2b3c4d --json')
    .action(async (id: string, flags: Flags, sub: Command) => {
      const { json, dataDir } = context(flags, sub);
      const out = await withTriageBackend(dataDir, triageActor(undefined), false, (b) => b.history(id));
      printText(json ? toJson(out) : historyTable(out.items));
    });
}
