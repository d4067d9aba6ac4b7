import type { IncidentTriage } from '../../domain/triage.js';
import type { AttributedIncident, SharingNote, Tlp } from '../../report/report-format.js';
import { describeLeftOut, planShare } from '../../report/share/share-policy.js';
import type { Store } from '../../store/store.js';
import { printError } from '../output.js';

/** The sharing flags `report` and `hunt` take. */
export interface ShareFlags {
  readonly tlp: Tlp;
  readonly force?: boolean;
  readonly includeInternal?: boolean;
  readonly internal?: readonly string[];
}

/**
 * Applies the sharing rules (report/share) to an export: reads each incident's triage from the
 * store when the caller has none, prints what was left out and any --force warning on stderr (so
 * stdout stays the export), and returns what may be exported with its sharing note. Refusals are
 * thrown as usage errors (exit 2).
 */
export async function shareForExport(
  store: Store,
  items: readonly AttributedIncident[],
  flags: ShareFlags & { readonly emptyIsFine?: boolean },
): Promise<{ items: AttributedIncident[]; sharing: SharingNote }> {
  const withTriage: AttributedIncident[] = [];
  for (const i of items) {
    const triage: IncidentTriage | null =
      i.triage === undefined ? await store.triage.get(i.incident.id) : i.triage;
    withTriage.push({ incident: i.incident, attribution: i.attribution, triage });
  }
  const plan = planShare(withTriage, {
    tlp: flags.tlp,
    force: flags.force === true,
    includeInternal: flags.includeInternal === true,
    internal: flags.internal,
    emptyIsFine: flags.emptyIsFine,
  });
  const leftOut = describeLeftOut(plan, items.length);
  if (leftOut) printError(`mamori: ${leftOut}`);
  for (const w of plan.warnings) printError(`mamori: ${w}`);
  return {
    items: [...plan.items],
    sharing: {
      internalAddresses: plan.withheld ? 'withheld' : 'included',
      withheldHosts: plan.withheld?.hosts ?? 0,
      withheldOtherAddresses: plan.withheld?.others ?? 0,
      leftOut: plan.leftOut.map((l) => ({ id: l.id, rule: l.rule })),
    },
  };
}
