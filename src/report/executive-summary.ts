import { isBenignForReport } from './incident-indicators.js';
import { incidentBehaviours, type RecommendedAction, recommendedActions } from './recommended-actions.js';
import { formatBytes, formatDay } from './report-figures.js';
import type { AttributedIncident } from './report-format.js';

/** The executive summary's facts, worded for a reader who will not open the rest. */
export interface ExecutiveSummary {
  /** True for a likely-benign incident, or one an analyst triaged benign: "likely benign: review". */
  readonly benign: boolean;
  /** One or two sentences (contains attacker-controlled names only through the incident summary). */
  readonly whatHappened: string;
  readonly scope: {
    readonly hosts: number;
    readonly servers: number;
    readonly sent: string;
    readonly received: string;
    readonly from: string;
    readonly to: string;
  };
  /** Why a likely-benign incident is one (the verdict's reasons, else the triage note). */
  readonly reasons: readonly string[];
  readonly actions: readonly RecommendedAction[];
  /** The first three actions: "what to do now". */
  readonly now: readonly RecommendedAction[];
}

/** The executive summary of one report item: what happened, scope and what to do now (the
 * renderers add the confidence in ICD 203 words from the attribution's verdict line). */
export function executiveSummary(item: AttributedIncident): ExecutiveSummary {
  const { incident } = item;
  const benign = isBenignForReport(item);
  const behaviours = incidentBehaviours(incident);
  const first = incident.summary.replace(/\.\s*$/, '');
  const second = benign
    ? 'It looks like routine traffic rather than an intrusion: review it before acting.'
    : behaviours.length > 0
      ? `The findings point to ${behaviours.slice(0, 4).join(', ')}.`
      : '';
  const actions = recommendedActions(incident, { benign });
  const verdictReasons = incident.verdictReasons ?? [];
  const note = item.triage?.status === 'benign' && item.triage.note ? [item.triage.note] : [];
  return {
    benign,
    whatHappened: [`${first}.`, second].filter(Boolean).join(' '),
    scope: {
      hosts: incident.hosts.length,
      servers: incident.servers.length,
      sent: formatBytes(incident.bytesOut),
      received: formatBytes(incident.bytesIn),
      from: formatDay(incident.firstSeen),
      to: formatDay(incident.lastSeen),
    },
    reasons: verdictReasons.length > 0 ? verdictReasons : note,
    actions,
    now: actions.slice(0, 3),
  };
}
