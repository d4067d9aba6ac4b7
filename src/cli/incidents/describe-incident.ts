import type { Attribution } from '../../domain/attribution.js';
import { type Incident, isLikelyBenign } from '../../domain/incident.js';
import { techniqueLabel } from '../../report/technique-names.js';
import { cellText, formatBytes, renderTable } from '../output.js';
import { paint, severityStyle, terminalWidth } from '../terminal.js';
import { wrapText } from '../text-wrap.js';

const pct = (p: number) => `${Math.round(p * 100)}%`;
const day = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/** A hanging indent under a column of text, or a short one when that column would be too narrow. */
function hangingIndent(column: number, cols: number | undefined): string {
  return ' '.repeat(cols === undefined || cols - column >= 40 ? column : 4);
}

/** Hypotheses as "likely (72%)  APT10 (menuPass, Stone Panda) G0045" lines. */
export function describeAttribution(a: Attribution, maxEvidence = 8): string {
  const cols = terminalWidth();
  const lines = a.likelyBenign
    ? [paint('bold', 'Attribution: no actor assessed (the activity is likely benign).')]
    : [paint('bold', `Attribution (${a.confidence} confidence):`)];
  for (const h of a.likelyBenign ? [] : a.hypotheses) {
    const aka = h.aliases.length > 0 ? ` (${h.aliases.slice(0, 3).map(cellText).join(', ')})` : '';
    const id = h.attackId ? ` ${h.attackId}` : '';
    lines.push(`  ${`${h.term} (${pct(h.probability)})`.padEnd(28)} ${cellText(h.actor)}${aka}${id}`);
  }
  lines.push('', wrapText(cellText(a.assessment), cols, { indent: '  ' }));
  if (a.evidence.length > 0) {
    lines.push('', paint('bold', '  Evidence:'));
    for (const e of a.evidence.slice(0, maxEvidence))
      lines.push(
        wrapText(`${cellText(e.observation)} — ${cellText(e.why)}`, cols, {
          indent: `   ${e.id} ${e.kind.padEnd(14)} LR ${e.likelihoodRatio.toFixed(2).padStart(6)}  `,
          hanging: '      ',
        }),
      );
    if (a.evidence.length > maxEvidence)
      lines.push(`   … ${a.evidence.length - maxEvidence} more (mamori incidents show ID --json)`);
  }
  return lines.join('\n');
}

/** The severity, or for a look-alike "likely benign: review", as incident lists and headers show it. */
export function verdictLabel(i: Pick<Incident, 'verdict' | 'severity'>): string {
  return isLikelyBenign(i) ? 'likely benign: review' : i.severity;
}

/** Why a look-alike is likely benign, one indented line each; nothing for a suspicious incident. */
export function verdictLines(i: Pick<Incident, 'verdict' | 'verdictReasons'>): string[] {
  if (!isLikelyBenign(i)) return [];
  return ['Likely benign, because:', ...(i.verdictReasons ?? []).map((r) => `  - ${cellText(r)}`), ''];
}

/** One incident for the terminal: the sentence, its servers and hosts, and who is behind it. */
export function describeIncident(
  incident: Incident,
  attribution: Attribution | null,
  opts: { servers?: number; hosts?: number; timeline?: number } = {},
): string {
  const i = incident;
  // The network says which hosts these are: two networks may use the same addresses.
  const network = i.scope ? `  network ${cellText(i.scope)}` : '';
  const cols = terminalWidth();
  const style = severityStyle(i.severity, isLikelyBenign(i));
  const label = verdictLabel(i);
  const severity = style ? paint(style, label) : label;
  const lines = [
    `${paint('bold', i.id)}  ${severity} (${i.score.toFixed(2)})${network}`,
    wrapText(cellText(i.summary), cols),
    '',
    ...verdictLines(i),
  ];
  const maxServers = opts.servers ?? 10;
  lines.push(
    renderTable(
      ['server', 'role', 'addresses', 'ports', 'protocols', 'out', 'in', 'first', 'last'],
      i.servers.slice(0, maxServers).map((s) => ({
        server: s.domains[0] ?? s.ips[0] ?? s.key,
        role: s.role,
        addresses:
          s.ips.length > 2 ? `${s.ips.slice(0, 2).join(', ')} +${s.ips.length - 2}` : s.ips.join(', '),
        ports: s.ports.slice(0, 4).join(','),
        protocols: s.protocols.join(','),
        out: formatBytes(s.bytesOut),
        in: formatBytes(s.bytesIn),
        first: day(s.first),
        last: day(s.last),
      })),
    ),
  );
  if (i.servers.length > maxServers) lines.push(`… ${i.servers.length - maxServers} more servers`);
  const maxHosts = opts.hosts ?? 10;
  lines.push(
    '',
    renderTable(
      ['host', 'first compromise', 'last activity', 'findings', 'out', 'in'],
      i.hosts.slice(0, maxHosts).map((h) => ({
        host: h.ip,
        'first compromise': day(h.firstCompromise),
        'last activity': day(h.lastActivity),
        findings: h.findings,
        out: formatBytes(h.bytesOut),
        in: formatBytes(h.bytesIn),
      })),
    ),
  );
  if (i.hosts.length > maxHosts) lines.push(`… ${i.hosts.length - maxHosts} more hosts`);
  if (i.techniques.length > 0)
    lines.push(
      '',
      wrapText(`Techniques: ${i.techniques.map((t) => techniqueLabel(t)).join(', ')}`, cols, {
        hanging: '  ',
      }),
    );
  const maxTimeline = opts.timeline ?? 0;
  if (maxTimeline > 0 && i.timeline.length > 0) {
    lines.push('', paint('bold', 'Timeline:'));
    for (const t of i.timeline.slice(0, maxTimeline))
      lines.push(
        wrapText(cellText(t.text), cols, {
          indent: `  ${day(t.ts)}  ${t.host.padEnd(15)} ${t.detector.padEnd(18)} `,
          hanging: hangingIndent(55, cols),
        }),
      );
    if (i.timeline.length > maxTimeline) lines.push(`  … ${i.timeline.length - maxTimeline} more`);
  }
  if (attribution) lines.push('', describeAttribution(attribution));
  return lines.join('\n');
}
