import { rolesOfValue, type ValueRole } from '../../../incidents/value-in-incident.js';
import type { WarninglistMembership } from '../../../intel/warninglists/warninglist-membership.js';
import type { Store } from '../../../store/store.js';
import { cellText, printText } from '../../output.js';

/** An incident of the latest hunt that a searched value appears in. */
export interface IncidentWithValue {
  readonly id: string;
  readonly runId: number;
  readonly severity: string;
  readonly score: number;
  readonly summary: string;
  /** How the value appears: as a host, a server, or quoted by a finding. */
  readonly as: readonly ValueRole[];
}

/** The incidents of the latest run with incidents (those `mamori incidents` lists) that hold the value. */
export async function incidentsWith(store: Store, type: string, value: string): Promise<IncidentWithValue[]> {
  const out: IncidentWithValue[] = [];
  for (const row of await store.listIncidents({ limit: 1000 })) {
    const stored = await store.getIncident(row.id);
    if (!stored) continue;
    const as = rolesOfValue(stored.incident, type, value);
    if (as.length === 0) continue;
    out.push({
      id: row.id,
      runId: row.runId,
      severity: row.severity,
      score: row.score,
      summary: row.summary,
      as,
    });
  }
  return out;
}

/** The warninglist lines of `intel search`. */
export function printMembership(m: WarninglistMembership): void {
  const benign = m.lists.filter((l) => l.benign).map((l) => l.name);
  const context = m.lists.filter((l) => !l.benign).map((l) => l.name);
  if (benign.length)
    printText(`  on warninglists: ${benign.join(', ')} (benign: never matched as malicious)`);
  if (context.length) printText(`  on warninglists: ${context.join(', ')} (context only; still matched)`);
  if (m.lists.length === 0) printText('  on no warninglist');
  printText(`  ${m.consulted.replace(/^warninglists: /, 'warninglists consulted: ')}`);
}

/** The incident lines of `intel search`. */
export function printIncidents(incidents: readonly IncidentWithValue[]): void {
  if (incidents.length === 0) {
    printText('  in no incident of the latest hunt');
    return;
  }
  printText(`  in ${incidents.length} incident${incidents.length === 1 ? '' : 's'}:`);
  for (const i of incidents)
    printText(
      `    ${cellText(i.id)} ${i.severity} (${i.score.toFixed(2)}), as ${i.as.join(', ')}: ${cellText(i.summary)}`,
    );
}
