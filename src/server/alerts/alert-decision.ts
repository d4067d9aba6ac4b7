import type { MamoriConfig } from '../../config/config-schema.js';
import type { Attribution } from '../../domain/attribution.js';
import type { Severity } from '../../domain/finding.js';
import type { Incident } from '../../domain/incident.js';
import type { TriageStore } from '../../store/triage-store.js';
import { parseSeverity, severityRank } from './alert.js';

/** An incident that alerts: new (`previous` null) or risen above the severity it last alerted at. */
export interface AlertDue {
  readonly incident: Incident;
  readonly attribution: Attribution | null;
  readonly previous: Severity | null;
}

/**
 * Which of a hunt's incidents alert, recording each as alerted. Never one an analyst triaged benign
 * or closed; likely-benign look-alikes only when the settings ask for them.
 */
export async function alertsDue(
  items: readonly { readonly incident: Incident; readonly attribution: Attribution | null }[],
  triage: TriageStore,
  settings: Pick<MamoriConfig['alerts'], 'minSeverity' | 'includeLikelyBenign'>,
  now: Date = new Date(),
): Promise<AlertDue[]> {
  const due: AlertDue[] = [];
  const floor = severityRank(settings.minSeverity);
  for (const { incident, attribution } of items) {
    if (severityRank(incident.severity) < floor) continue;
    if (incident.verdict === 'likely-benign' && !settings.includeLikelyBenign) continue;
    const status = (await triage.get(incident.id))?.status;
    if (status === 'benign' || status === 'closed') continue;
    const stored = await triage.alertedSeverity(incident.id);
    const previous = parseSeverity(stored);
    if (stored !== null && severityRank(incident.severity) <= severityRank(stored)) continue;
    await triage.recordAlert(incident.id, incident.severity, now.toISOString());
    due.push({ incident, attribution, previous });
  }
  return due;
}
