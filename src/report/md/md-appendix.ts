import type { Finding } from '../../domain/finding.js';
import { blockListText, percentEncodeUnusual } from '../blocklist/block-list.js';
import { isBenignForReport } from '../incident-indicators.js';
import { formatMinute, incidentArtefacts, serverOf } from '../report-figures.js';
import type { AttributedIncident, ReportInput } from '../report-format.js';
import { mdAttribution } from './md-attribution.js';
import { mdCell, mdTable, mdText } from './md-escape.js';
import { mdCaps, more } from './md-incident.js';

/**
 * A fenced code block that its content cannot close: the fence is one backtick longer than the
 * longest run of backticks inside (CommonMark); the block list inside is one value a line, with
 * anything unusual percent-encoded.
 */
export function mdFence(text: string, info = ''): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${text.replace(/\n$/, '')}\n${fence}`;
}

/**
 * One incident's appendix: attribution evidence and matrix, every finding once (strongest first,
 * up to the cap), how servers were merged, artefacts, and the block list (the Suricata rules are a
 * format of their own: their hex escapes and quotes would only be noise in a ticket).
 */
export function mdIncidentAppendix(item: AttributedIncident, input: ReportInput): string {
  const { incident, attribution } = item;
  const findings: Finding[] = [...incident.findings]
    .sort((a, b) => b.score - a.score)
    .slice(0, mdCaps.findings);
  const artefacts = incidentArtefacts(incident, mdCaps.artefacts);
  const merged = incident.servers.filter((s) => s.mergedBy.length > 0);
  const one: ReportInput = { ...input, incidents: [item] };
  const parts = [
    `## Appendix: ${mdText(incident.id)}`,
    mdAttribution(attribution),
    '### Findings',
    mdTable(
      ['Detector', 'Host', 'Server', 'From (UTC)', 'To (UTC)', 'Score', 'Explanation'],
      findings.map((f) => [
        mdText(f.detector),
        mdText(f.host),
        mdCell(serverOf(incident, f)?.key ?? f.endpointDomain ?? f.endpointIp),
        mdText(formatMinute(f.first)),
        mdText(formatMinute(f.last)),
        f.score.toFixed(2),
        mdCell(f.explanation),
      ]),
    ) + more(findings.length, incident.findings.length, 'findings'),
  ];
  if (merged.length)
    parts.push(
      '### How addresses and names were merged into servers',
      merged.map((s) => `- ${mdText(s.key)}: ${mdText(s.mergedBy.join('; '))}`).join('\n'),
    );
  if (artefacts.length)
    parts.push(
      '### Artefacts seen',
      mdTable(
        ['Kind', 'Value'],
        artefacts.map((a) => [mdText(a.label), mdText(a.value)]),
      ),
    );
  parts.push('### Indicator block list');
  if (isBenignForReport(item))
    parts.push('None: the incident is likely benign, and nothing should be blocked before it is reviewed.');
  else
    parts.push(
      'The values as seen (not defanged: do not click), for a firewall or resolver list; characters no name, address or hash has are percent-encoded. The same list as text, CSV or Suricata rules (DNS, TLS SNI and HTTP Host): `mamori report ID --format blocklist`, `blocklist-csv` or `suricata`.',
      mdFence(blockListText(one, percentEncodeUnusual), 'text'),
    );
  return parts.join('\n\n');
}
