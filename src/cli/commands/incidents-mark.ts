import { Argument, Command, Option } from 'commander';
import { resolveDataDir } from '../../config/data-dir.js';
import { suppressionKinds } from '../../domain/suppression.js';
import { type TriageStatus, triageStatuses } from '../../domain/triage.js';
import { errorCodes, MamoriError } from '../../errors.js';
import type { MarkRequest } from '../../incidents/triage-actions.js';
import { printText, toJson } from '../output.js';
import { parseExpires } from '../triage/expires-option.js';
import { triageActor } from '../triage/triage-actor.js';
import { type MarkOutcome, withTriageBackend } from '../triage/triage-backend.js';
import { describeRule } from './suppressions.js';

/** The flags of `incidents mark` (and of the deprecated `incidents triage`). */
export interface MarkFlags {
  note?: string;
  suppress?: (typeof suppressionKinds)[number];
  host?: string;
  destination?: string;
  ja3?: string;
  detector?: string;
  reason?: string;
  expires?: string;
  by?: string;
  data?: string;
  json?: boolean;
}

/** One line per thing the mark changed. */
function describeMark(o: MarkOutcome): string {
  const lines: string[] = [];
  const t = o.triage;
  if (t)
    lines.push(`${o.incidentId}: ${t.status}${t.assignee ? `, assigned to ${t.assignee}` : ''} (by ${t.by})`);
  if (o.note) lines.push(`note added by ${o.note.author}`);
  if (o.suppression)
    lines.push(
      `suppression ${describeRule(o.suppression)}: later hunts drop what it covers (never an intel match)`,
    );
  return lines.join('\n') || `${o.incidentId}: nothing changed`;
}

/** Runs a mark from the CLI's flags; shared with the deprecated `triage` command. */
export async function runMark(
  id: string,
  status: TriageStatus | undefined,
  flags: MarkFlags,
  sub: Command,
  /** The deprecated `triage` prints the stored decision, as it always did. */
  print: (o: MarkOutcome, json: boolean) => string = (o, json) => (json ? toJson(o) : describeMark(o)),
) {
  const globals = sub.optsWithGlobals<{ data?: string; json?: boolean }>();
  const json = flags.json ?? globals.json === true;
  const dataDir = resolveDataDir(flags.data ?? globals.data);
  const ruleFlags = ['host', 'destination', 'ja3', 'detector', 'reason', 'expires'] as const;
  const stray = ruleFlags.filter((f) => flags[f] !== undefined);
  if (!flags.suppress && stray.length > 0)
    throw new MamoriError(errorCodes.usage, `option --${stray[0]} only goes with --suppress KIND`);
  const req: MarkRequest = {
    ...(status !== undefined ? { status } : {}),
    ...(flags.note !== undefined ? { note: flags.note } : {}),
    ...(flags.suppress
      ? {
          suppress: {
            kind: flags.suppress,
            host: flags.host,
            destination: flags.destination,
            ja3: flags.ja3,
            detector: flags.detector,
            reason: flags.reason,
            expiresAt: parseExpires(flags.expires) ?? null,
          },
        }
      : {}),
  };
  const out = await withTriageBackend(dataDir, triageActor(flags.by), true, (b) => b.mark(id, req));
  printText(print(out, json));
}

/** Adds the rule options `mark` and the deprecated `triage` share. */
export function withMarkOptions(cmd: Command): Command {
  return cmd
    .option('--note <text>', 'why, in a sentence or a ticket reference (kept as a note)')
    .addOption(
      new Option(
        '--suppress <kind>',
        'also suppress this traffic in later hunts, scoped this narrowly',
      ).choices(suppressionKinds),
    )
    .option('--host <ip>', 'the internal host (host-destination; default: the incident’s only host)')
    .option('--destination <d>', 'the server name or address, or a parent domain (default: the only server)')
    .option('--ja3 <hash>', 'the TLS client fingerprint (ja3)')
    .option('--detector <name>', 'the detector (detector-destination; default: the incident’s only one)')
    .option('--reason <text>', 'why the traffic is benign (default: the note)')
    .option('--expires <when>', 'when the rule stops applying: 30d, 12h, 2w or an ISO date (default: never)')
    .option('--by <name>', 'who decided (default: your OS user name)')
    .option('-d, --data <dir>', 'data directory (env MAMORI_DATA, default ./mamori-data)')
    .option('--json', 'print what was stored as JSON');
}

/** `mamori incidents mark ID STATUS …`: the analyst's decision, optionally with a suppression. */
export function markCommand(): Command {
  return withMarkOptions(
    new Command('mark')
      .description(
        'Mark an incident new, investigating, true-positive, benign or closed (and suppress its traffic)',
      )
      .argument('<id>', 'incident id (INC-…); the decision follows the incident into later hunts')
      .addArgument(new Argument('<status>', 'the decision').choices(triageStatuses)),
  )
    .addHelpText(
      'after',
      `
Every change is kept in the incident's history and the audit log (see docs/triage.md). Exports read
the status: a benign incident is never exported, and STIX or JSON at TLP:GREEN or TLP:CLEAR needs it
true-positive (or --force). A suppression is applied when later hunts analyse findings: it never
touches the stored telemetry and never hides a finding that matches a live intel indicator.
When mamori serve owns the store, the change goes through its API.

Examples:
  mamori incidents mark INC-1a2b3c4d true-positive --note "IR-2291: C2 confirmed by EDR"
  mamori incidents mark INC-5e6f7a8b benign --note "nightly backup" --suppress host-destination
  mamori incidents mark INC-5e6f7a8b benign --suppress destination --destination backup.example.com --expires 90d
  mamori incidents mark INC-5e6f7a8b investigating`,
    )
    .action(async (id: string, status: TriageStatus, flags: MarkFlags, sub: Command) =>
      runMark(id, status, flags, sub),
    );
}
