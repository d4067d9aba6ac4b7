import { userInfo } from 'node:os';
import { Command, Option } from 'commander';
import { resolveDataDir } from '../../config/data-dir.js';
import { type IncidentTriage, type TriageStatus, triageStatuses } from '../../domain/triage.js';
import { errorCodes, MamoriError } from '../../errors.js';
import { printText, toJson } from '../output.js';
import { openStoreForWriting } from '../read-store.js';
import { incidentOrFail } from './incidents.js';

/** Longest note kept: a sentence or a ticket reference, not a document. */
const maxNote = 2000;

/** Who is deciding: `--by`, else the OS user name (some containers have no passwd entry). */
function whoDecides(by: string | undefined): string {
  if (by !== undefined) {
    const name = by.trim();
    if (!name) throw new MamoriError(errorCodes.usage, 'option --by: a name is required');
    return name;
  }
  try {
    return userInfo().username || process.env['USER'] || 'unknown';
  } catch {
    return process.env['USER'] || 'unknown';
  }
}

/** One line for the terminal: the decision, who made it and when. */
export function describeTriage(id: string, t: IncidentTriage | null): string {
  if (!t) return `${id}: new (not triaged yet: mamori incidents triage ${id} --status true-positive|benign)`;
  const when = t.at.slice(0, 16).replace('T', ' ');
  return `${id}: ${t.status} by ${t.by} at ${when} UTC${t.note ? ` (${t.note})` : ''}`;
}

/** `mamori incidents triage ID --status …`: record an analyst's decision on an incident. */
export function triageCommand(): Command {
  return new Command('triage')
    .description(
      'Record your triage of an incident: new, investigating, true-positive (real), benign (false positive) or closed',
    )
    .argument('<id>', 'incident id (INC-…); the decision follows the id into later hunts')
    .addOption(new Option('--status <status>', 'the decision').choices(triageStatuses).makeOptionMandatory())
    .option('--note <text>', `why, in a sentence or a ticket reference (up to ${maxNote} characters)`)
    .option('--by <name>', 'who decided (default: your OS user name)')
    .option('-d, --data <dir>', 'data directory (env MAMORI_DATA, default ./mamori-data)')
    .option('--json', 'print the stored decision as JSON')
    .addHelpText(
      'after',
      `
One decision per incident is kept (the latest); a team server will add users and an audit trail.
Exports read it: a benign incident is never exported, and STIX or JSON at TLP:GREEN or TLP:CLEAR
needs the incident confirmed (or --force). See docs/security.md, "Reports and sharing".

Examples:
  mamori incidents triage INC-1a2b3c4d --status true-positive --note "IR-2291: C2 confirmed by EDR"
  mamori incidents triage INC-5e6f7a8b --status benign --note "nightly backup to S3"
  mamori incidents triage INC-5e6f7a8b --status new`,
    )
    .action(
      async (
        id: string,
        flags: { status: TriageStatus; note?: string; by?: string; data?: string; json?: boolean },
        sub: Command,
      ) => {
        const note = flags.note?.trim() || null;
        if (note && [...note].length > maxNote)
          throw new MamoriError(errorCodes.usage, `option --note: longer than ${maxNote} characters`);
        const by = whoDecides(flags.by);
        // `incidents` has --data and --json of its own, and commander gives them to it.
        const globals = sub.optsWithGlobals();
        const json = flags.json ?? globals['json'] === true;
        const dataDir = resolveDataDir(flags.data ?? globals['data']);
        const store = await openStoreForWriting(dataDir);
        try {
          const got = await incidentOrFail(store, id);
          const stored = await store.setTriage({
            incidentId: got.incident.id,
            status: flags.status,
            note,
            by,
            at: new Date().toISOString(),
          });
          printText(json ? toJson(stored) : describeTriage(got.incident.id, stored));
        } finally {
          await store.close();
        }
      },
    );
}
