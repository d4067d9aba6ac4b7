import { clip } from '../../clip.js';
import { formatBytes } from '../../format-bytes.js';
import type { WorkingHours } from './exfil-config.js';
import { isNightly } from './exfil-routine.js';
import { type ExfilScore, uploadShare } from './exfil-score.js';
import type { ExfilCandidate } from './exfiltration-query.js';

const pct = (x: number) => `${Math.round(x * 100)}%`;
/** Server names come from the wire: keep them readable. */

const webPorts = new Set([80, 443, 8080, 8443]);

/**
 * T1041 when the bytes go where C2 usually talks (web ports), T1048 for any other protocol, plus
 * T1030 when they travel in many pieces of one fixed size.
 */
export function exfilTechniques(c: ExfilCandidate): string[] {
  const top = c.ports[0];
  const t = [top === undefined || webPorts.has(top) ? 'T1041' : 'T1048'];
  const { count, p10, p50, p90 } = c.chunks;
  if (count >= 10 && p50 > 0 && (p90 - p10) / p50 <= 0.1) t.push('T1030');
  return t;
}

/** One sentence an analyst can read: how much, where, how it compares with the host's own habits. */
export function exfilExplanation(
  c: ExfilCandidate,
  s: ExfilScore,
  prevalence: number,
  unit: string,
  w?: WorkingHours,
): string {
  const b = s.baseline;
  const endpoint = c.name ? `${clip(c.name)} (${c.respH})` : c.respH;
  const top = c.ports.slice(0, 3).map(String);
  const listed = top.length > 1 ? `${top.slice(0, -1).join(', ')} and ${top.at(-1)}` : top.join('');
  const ports = top.length ? ` to port${top.length > 1 ? 's' : ''} ${listed}` : '';
  const r = s.routine;
  if (r.routine) {
    const when = w && !isNightly(r, w) ? 'every day' : 'every night';
    const hh = String(r.usualHour).padStart(2, '0');
    const whom =
      prevalence <= 1 ? 'no other internal host talks to it' : `${prevalence} internal hosts talk to it`;
    return `Routine: ${c.origH} sends about ${formatBytes(r.usualBytes)} to ${endpoint} ${when} at about ${hh}:00 (${r.transfers.length} such transfers, ${formatBytes(c.bytesOut)} in ${c.connections} ${unit}${ports}): the host's own baseline, not exfiltration; ${whom}.`;
  }
  const off = b.offShare >= 0.5 ? `, ${pct(b.offShare)} of it outside working hours` : '';
  const days =
    s.novelty === null
      ? ''
      : s.novelty >= 0.75
        ? ', a one-off next to its other days'
        : `, though it sends ${formatBytes(b.usualDay ?? 0)} there on a usual day`;
  const who =
    prevalence <= 1 ? 'no other internal host talks to it' : `${prevalence} internal hosts talk to it`;
  return `${c.origH} sent ${formatBytes(c.bytesOut)} to ${endpoint} in ${c.connections} ${unit}${ports} (${pct(uploadShare(c.bytesOut, c.bytesIn))} of the bytes exchanged), up to ${formatBytes(b.peakBytes)} in one hour against a usual ${formatBytes(b.usualHour)}${off}${days}, and ${who}.`;
}
