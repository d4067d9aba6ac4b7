import type { Finding } from '../../domain/finding.js';
import { type Incident, isLikelyBenign } from '../../domain/incident.js';
import { formatBytes } from '../../format-bytes.js';
import type { LookalikeTruth } from '../labels.js';

/** Why a planted look-alike ended where it did, in the hunt's own words (its findings and verdicts). */
export interface LookalikeReason {
  /** One line, for the score block and `demo --json`. */
  readonly short: string;
  /** One line per incident holding it, else per finding on it; "no finding at all" when neither. */
  readonly lines: readonly string[];
}

const lower = (s: string) => s.toLowerCase();

/** True when a name or address a finding gives is the labelled address, or a name equal to or under it. */
function sameEndpoint(value: string, labelled: string): boolean {
  const v = lower(value);
  const l = lower(labelled);
  return v === l || v.endsWith(`.${l}`);
}

const listOf = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/** Every name and address a finding knows its endpoint by (beaconing keyed by name lists its addresses). */
function endpointValues(f: Finding): string[] {
  return [f.endpointIp, f.endpointDomain, ...listOf(f.stats['names']), ...listOf(f.stats['ips'])].filter(
    (v): v is string => typeof v === 'string' && v !== '',
  );
}

/** The run's findings on one of the look-alike's hosts and one of its servers, highest score first. */
export function lookalikeFindings(
  lookalike: Pick<LookalikeTruth, 'hosts' | 'servers'>,
  findings: readonly Finding[],
): Finding[] {
  return findings
    .filter(
      (f) =>
        lookalike.hosts.includes(f.host) &&
        endpointValues(f).some((v) => lookalike.servers.some((s) => sameEndpoint(v, s))),
    )
    .sort((a, b) => b.score - a.score || a.host.localeCompare(b.host));
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function every(seconds: number): string {
  return seconds >= 3600
    ? `${(seconds / 3600).toFixed(1)} h`
    : `${Math.max(1, Math.round(seconds / 60))} min`;
}

/** What the finding saw, in a few words, from the statistics its detector recorded. */
function what(f: Finding): string {
  if (f.detector === 'exfiltration') {
    if (num(f.stats['routine']) === 1) {
      const transfers = num(f.stats['transfers']) ?? 1;
      const bytes = num(f.stats['routineBytes']) ?? (f.bytesOut ?? 0) / Math.max(1, transfers);
      const hour = num(f.stats['routineHour']);
      const when = (num(f.stats['offHoursShare']) ?? 0) >= 0.5 ? 'nightly' : 'daily';
      const at = hour === null ? '' : ` at ${String(hour).padStart(2, '0')}:00`;
      return `routine ${when} upload of about ${formatBytes(bytes)}${at}`;
    }
    return `upload of ${formatBytes(f.bytesOut ?? 0)}`;
  }
  const interval = num(f.stats['medianInterval']);
  if (f.detector === 'beaconing' && interval !== null) return `calls about every ${every(interval)}`;
  return `${f.connections} connection${f.connections === 1 ? '' : 's'}`;
}

const lists = (f: Finding): string[] => listOf(f.stats['warninglists']);
const listed = (names: readonly string[]) => `warninglist${names.length > 1 ? 's' : ''} ${names.join(', ')}`;

/** One finding as a reason: where, what, how it scored, and the warninglists that down-weighted it. */
export function findingReason(f: Finding): string {
  const endpoint = f.endpointDomain ?? f.endpointIp ?? listOf(f.stats['names'])[0] ?? '?';
  const before = num(f.stats['scoreBeforeWarninglist']);
  const score = `score ${f.score.toFixed(2)}${before === null ? '' : `, ${before.toFixed(2)} before the warninglists`}`;
  const on = lists(f);
  const warned = on.length > 0 ? `; the server is on ${listed(on)}` : '';
  return `${f.host} → ${endpoint}: ${what(f)} (${f.detector}, ${f.severity}, ${score})${warned}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Why a look-alike is (or is not) set apart, from the data rather than the labels: the incidents
 * holding it with their verdicts and reasons, else the findings the hunt made on its hosts and
 * servers, none of which started an incident.
 */
export function lookalikeReason(
  lookalike: Pick<LookalikeTruth, 'hosts' | 'servers'>,
  holding: readonly Pick<Incident, 'id' | 'verdict' | 'verdictReasons'>[],
  findings: readonly Finding[],
): LookalikeReason {
  if (holding.length > 0) {
    // The verdict reasons are sentences: joined into one line, and in short only the first.
    const reasons = (i: (typeof holding)[number]) =>
      (i.verdictReasons ?? []).map((r) => r.replace(/\.\s*$/, ''));
    const said = (i: (typeof holding)[number], all: boolean) => {
      if (!isLikelyBenign(i)) return `suspicious incident ${i.id}`;
      const r = reasons(i);
      const why = all || r.length <= 1 ? r.join('; ') : `${r[0]} (and ${r.length - 1} more)`;
      return `likely-benign incident ${i.id}: ${why || 'no reason given'}`;
    };
    return { short: holding.map((i) => said(i, false)).join('; '), lines: holding.map((i) => said(i, true)) };
  }
  const found = lookalikeFindings(lookalike, findings);
  const top = found[0];
  if (!top) return { short: 'no finding at all', lines: ['no finding at all'] };
  const severities = new Set(found.map((f) => f.severity));
  const grade = severities.size === 1 ? `${top.severity} ` : '';
  const on = [...new Set(found.flatMap(lists))].sort();
  const short = `${plural(found.length, `${grade}finding`)}, no incident: ${what(top)} (${top.detector})${on.length > 0 ? `; on ${listed(on)}` : ''}`;
  return { short, lines: found.map(findingReason) };
}
