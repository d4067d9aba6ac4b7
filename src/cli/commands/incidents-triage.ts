import { Command, Option } from 'commander';
import { type IncidentTriage, type TriageStatus, triageStatuses } from '../../domain/triage.js';
import { printError, toJson } from '../output.js';
import { type MarkFlags, runMark, withMarkOptions } from './incidents-mark.js';

/** One line for the terminal: the decision, who made it and when. */
export function describeTriage(id: string, t: IncidentTriage | null): string {
  if (!t) return `${id}: new (not triaged yet: mamori incidents mark ${id} true-positive|benign)`;
  const when = t.at.slice(0, 16).replace('T', ' ');
  const who = t.assignee ? `, assigned to ${t.assignee}` : '';
  return `${id}: ${t.status}${who} by ${t.by} at ${when} UTC${t.note ? ` (${t.note})` : ''}`;
}

/** `mamori incidents triage ID --status …`: the deprecated spelling of `incidents mark ID STATUS`. */
export function triageCommand(): Command {
  return withMarkOptions(
    new Command('triage')
      .description('Deprecated: use mamori incidents mark ID STATUS')
      .argument('<id>', 'incident id (INC-…)')
      .addOption(
        // The v10 names are still taken: open is new, confirmed is true-positive.
        new Option('--status <status>', 'the decision')
          .choices([...triageStatuses, 'open', 'confirmed'])
          .makeOptionMandatory(),
      ),
  )
    .addHelpText(
      'after',
      `
Kept for scripts: it does what mamori incidents mark does.

Example:
  mamori incidents triage INC-1a2b3c4d --status true-positive   # now: mamori incidents mark INC-1a2b3c4d true-positive`,
    )
    .action(async (id: string, flags: MarkFlags & { status: string }, sub: Command) => {
      const status = (
        flags.status === 'open' ? 'new' : flags.status === 'confirmed' ? 'true-positive' : flags.status
      ) as TriageStatus;
      printError(`mamori: incidents triage is deprecated: use mamori incidents mark ${id} ${status}`);
      await runMark(id, status, flags, sub, (o, json) =>
        json ? toJson(o.triage) : describeTriage(o.incidentId, o.triage),
      );
    });
}
