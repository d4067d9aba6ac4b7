import { Command } from 'commander';
import { resolveDataDir } from '../../config/data-dir.js';
import type { Severity } from '../../domain/finding.js';
import { errorCodes, MamoriError } from '../../errors.js';
import { incidentsJson } from '../../report/json/incidents-json.js';
import type { ReportInput } from '../../report/report-format.js';
import type { IncidentListing, Store, StoredIncident } from '../../store/store.js';
import { mamoriVersion } from '../../version.js';
import { describeIncident, verdictLabel } from '../incidents/describe-incident.js';
import { numberOption, optionSchemas } from '../options.js';
import { formatBytes, printText, renderTable, toJson } from '../output.js';
import { openStoreForReading } from '../read-store.js';
import { severityStyle, terminalWidth } from '../terminal.js';
import { wrapText } from '../text-wrap.js';
import { checkTimeWindow, timeForms, timeOption } from '../time-option.js';
import { markCommand } from './incidents-mark.js';
import { assignCommand, historyCommand, noteCommand } from './incidents-notes.js';
import { describeTriage, triageCommand } from './incidents-triage.js';

/** What the JSON report is rendered from: stored incidents, marked as the store holds them. */
function jsonInput(items: readonly StoredIncident[]): ReportInput {
  return {
    incidents: items,
    generatedAt: new Date().toISOString(),
    tlp: 'amber',
    tool: { name: 'mamori', version: mamoriVersion },
  };
}

const pct = (p: number | null) => (p === null ? '' : `${Math.round(p * 100)}%`);

function listingTable(rows: readonly IncidentListing[], windowed: boolean): string {
  if (rows.length === 0)
    return windowed ? 'no incidents in this time window' : 'no incidents (run: mamori hunt PATH...)';
  // With several networks in one run, the network says whose hosts they are.
  const networks = new Set(rows.map((r) => r.scope ?? '')).size > 1;
  return renderTable(
    [
      'id',
      ...(networks ? ['network'] : []),
      'severity',
      'score',
      'hosts',
      'servers',
      'out',
      'in',
      'first',
      'last',
      'actor',
      'triage',
    ],
    rows.map((r) => ({
      id: r.id,
      ...(networks ? { network: r.scope ?? '' } : {}),
      severity: verdictLabel({ verdict: r.verdict, severity: r.severity as Severity }),
      score: r.score.toFixed(2),
      hosts: r.hosts,
      servers: r.servers,
      out: formatBytes(r.bytesOut),
      in: formatBytes(r.bytesIn),
      first: r.firstSeen.slice(0, 16).replace('T', ' '),
      last: r.lastSeen.slice(0, 16).replace('T', ' '),
      actor: r.topActor ? `${r.topActor} ${pct(r.topProbability)}` : 'unknown',
      triage: r.triage?.status ?? 'new',
    })),
    { paint: (column, row) => (column === 'severity' ? severityStyle(String(row['severity'])) : null) },
  );
}

/** An incident by id, or a clear error naming what exists. */
export async function incidentOrFail(store: Store, id: string): Promise<StoredIncident> {
  const found = await store.getIncident(id);
  if (found) return found;
  const known = (await store.listIncidents({ limit: 5 })).map((r) => r.id);
  throw new MamoriError(
    errorCodes.badInput,
    `no incident ${id}${known.length > 0 ? ` (latest: ${known.join(', ')})` : ' (none stored yet: run mamori hunt)'}`,
  );
}

interface ListFlags {
  data?: string;
  run?: number;
  limit: number;
  from?: string;
  to?: string;
  json?: boolean;
}

/** `mamori incidents` and `mamori incidents show ID`. */
export function incidentsCommand(): Command {
  const cmd = new Command('incidents')
    .description('List the incidents of the latest hunt (or of a given detection run)')
    .option('-d, --data <dir>', 'data directory (env MAMORI_DATA, default ./mamori-data)')
    .option(
      '--run <id>',
      'detection run id (default: the latest with incidents)',
      numberOption('--run', optionSchemas.positiveInt),
    )
    .option('--limit <n>', 'incidents to list', numberOption('--limit', optionSchemas.positiveInt), 50)
    .option(
      '--from <time>',
      'only incidents (of the latest run, or --run N) active at or after this time (see Times below)',
      timeOption('--from'),
    )
    .option(
      '--to <time>',
      'only incidents (of the latest run, or --run N) active at or before this time (see Times below)',
      timeOption('--to'),
    )
    .option(
      '--json',
      'print the incidents as JSON (the documented report schema, docs/report-json-schema.md)',
    )
    .addHelpText(
      'after',
      `
Examples:
  mamori incidents
  mamori incidents --json
  mamori incidents --from 7d
  mamori incidents show INC-1a2b3c4d
  mamori incidents mark INC-1a2b3c4d true-positive --note "IR-2291"
  mamori incidents mark INC-5e6f7a8b benign --suppress host-destination
  mamori incidents history INC-1a2b3c4d

Times (--from, --to): ${timeForms}.`,
    )
    .action(async (flags: ListFlags) => {
      checkTimeWindow(flags);
      const store = await openStoreForReading(resolveDataDir(flags.data));
      try {
        const rows = await store.listIncidents({
          runId: flags.run,
          limit: flags.limit,
          from: flags.from,
          to: flags.to,
        });
        if (!flags.json) {
          printText(listingTable(rows, flags.from !== undefined || flags.to !== undefined));
          return;
        }
        const items: StoredIncident[] = [];
        for (const r of rows) {
          const got = await store.getIncident(r.id);
          if (got) items.push(got);
        }
        printText(toJson(incidentsJson(jsonInput(items))));
      } finally {
        await store.close();
      }
    });
  cmd
    .command('show')
    .description('Show one incident: its hosts, servers, timeline and attribution')
    .argument('<id>', 'incident id (INC-…)')
    .option('-d, --data <dir>', 'data directory (env MAMORI_DATA, default ./mamori-data)')
    .option('--json', 'print the incident as JSON')
    .action(async (id: string, flags: { data?: string; json?: boolean }, sub: Command) => {
      // `incidents` has --data and --json of its own: placed after `show ID`, commander gives them
      // to the parent, so they are read from both.
      const all = sub.optsWithGlobals<{ data?: string; json?: boolean }>();
      const dataDir = resolveDataDir(flags.data ?? all.data);
      const store = await openStoreForReading(dataDir);
      try {
        const got = await incidentOrFail(store, id);
        if (flags.json || all.json) printText(toJson(incidentsJson(jsonInput([got]))));
        else
          printText(
            `${describeIncident(got.incident, got.attribution, { servers: 50, hosts: 50, timeline: 40 })}\n\n${wrapText(`Triage: ${describeTriage(got.incident.id, got.triage)}`, terminalWidth(), { hanging: '  ' })}`,
          );
      } finally {
        await store.close();
      }
    });
  for (const c of [markCommand(), noteCommand(), assignCommand(), historyCommand(), triageCommand()])
    cmd.addCommand(c);
  for (const c of cmd.commands) c.exitOverride();
  return cmd;
}
