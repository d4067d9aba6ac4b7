import { corroborationFloor } from '../detect/corroboration.js';
import { isLookAlikeProne, lookAlikeShapeOf } from '../detect/detector-properties.js';
import type { Finding } from '../domain/finding.js';
import type { IncidentVerdict } from '../domain/incident.js';

/**
 * What the verdict reads of an incident: its own findings, how many servers they name, and whether
 * its hosts are tied by lateral movement. Nothing from other incidents or the rest of the run.
 */
export interface LookAlikeInput {
  readonly findings: readonly Finding[];
  readonly servers: number;
  readonly lateral: boolean;
}

/** A routine transfer: outbound volume its host sends at the same hour every night (exfiltration's `routine`). */
export const isRoutineVolume = (f: Finding): boolean =>
  lookAlikeShapeOf(f) === 'routine-volume' && f.stats['routine'] === 1;

/**
 * A schedule scoring under this on its own (before the cap on uncorroborated look-alike-prone
 * findings) is look-alike-prone; from it (high) it is not: a RAT calling home every few seconds,
 * always the same size, to a server no other host uses, scores 1 and stays suspicious alone.
 */
export const lookAlikeScheduleMax = 0.75;

/** A medium schedule: calls at a steady interval, what backup, sync and update clients do all day. */
export function isSchedule(f: Finding): boolean {
  const own = f.stats['scoreBeforeCorroboration'];
  return (
    lookAlikeShapeOf(f) === 'schedule' && (typeof own === 'number' ? own : f.score) < lookAlikeScheduleMax
  );
}

/** Detectors whose finding, at any score, corroborates an incident: intel and IDS above all. */
const corroborating = (f: Finding) => !isLookAlikeProne(f);

const hostsOf = (fs: readonly Finding[]) => [...new Set(fs.map((f) => f.host))];
const serverOf = (f: Finding) => f.endpointDomain ?? f.endpointIp ?? 'one server';

/**
 * Whether an incident is a look-alike: `likely-benign` when its evidence is only look-alike-prone,
 * else `suspicious`. Look-alike-prone means all of:
 * - every finding at medium or above (score ≥ 0.5) is routine volume (an exfiltration finding marked
 *   `routine`) or a medium schedule (beaconing scoring under high, 0.75, before the cap on
 *   uncorroborated findings: a perfectly regular RAT beacon is not one); weaker findings of look-alike-prone detectors
 *   (their `lookAlikeProne` property) do not count either way;
 * - schedules, if any, go to one server (the incident has one server);
 * - nothing corroborates: no finding at any score from another detector (threat intel, Suricata,
 *   DGA, DNS tunnelling, payload delivery, fan-out…), no knowledge-base link on any finding, and no
 *   lateral movement between its hosts.
 * Two kinds of medium findings cannot both pass: routine volume is the only volume allowed and a
 * schedule the only timing. The reasons are plain sentences for the analyst.
 */
export function lookAlikeVerdict(x: LookAlikeInput): {
  readonly verdict: IncidentVerdict;
  readonly reasons: readonly string[];
} {
  const suspicious = { verdict: 'suspicious' as const, reasons: [] };
  const reported = x.findings.filter((f) => f.score >= corroborationFloor);
  const routine = x.findings.filter(isRoutineVolume);
  const schedules = x.findings.filter(isSchedule);
  const lead = reported.length > 0 ? reported : x.findings;
  if (lead.length === 0 || !lead.every((f) => isRoutineVolume(f) || isSchedule(f))) return suspicious;
  if (x.findings.some(corroborating) || x.findings.some((f) => f.links.length > 0) || x.lateral)
    return suspicious;
  const scheduled = lead.some(isSchedule);
  if (scheduled && x.servers > 1) return suspicious;

  const reasons: string[] = [];
  const leadRoutine = lead.filter(isRoutineVolume);
  const volume = leadRoutine.length > 0 ? leadRoutine : scheduled ? [] : routine;
  if (volume.length > 0) {
    const hosts = hostsOf(volume);
    const hour = volume[0]?.stats['routineHour'];
    const when =
      typeof hour !== 'number'
        ? 'every day at about the same hour'
        : `every ${hour < 7 || hour >= 20 ? 'night' : 'day'} at about ${String(hour).padStart(2, '0')}:00`;
    reasons.push(
      hosts.length === 1
        ? `The only volume is outbound data ${hosts[0]} sends ${when}: its own baseline, not exfiltration.`
        : `The only volume is outbound data each of ${hosts.length} hosts sends ${when}: their own baseline, not exfiltration.`,
    );
  }
  if (scheduled) {
    const hosts = hostsOf(schedules);
    const from = hosts.length > 1 ? `, from ${hosts.length} hosts` : '';
    reasons.push(
      `The only ${volume.length > 0 ? 'other ' : ''}evidence is one schedule to one server (${serverOf(schedules[0] as Finding)}${from}), as backup, sync and update clients keep.`,
    );
  }
  reasons.push(
    'Nothing corroborates it: no threat-intelligence match, IDS alert or lateral movement, and no second kind of finding (a rare name, odd content, a sweep) at medium or above.',
  );
  return { verdict: 'likely-benign', reasons };
}
