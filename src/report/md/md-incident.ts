import type { Attribution } from '../../attribution/attribution.js';
import type { Incident } from '../../incidents/incident.js';
import { formatBytes, formatTime, incidentArtefacts } from '../report-figures.js';
import { mdAttribution, mdAttributionLine } from './md-attribution.js';
import { mdCell, mdTable, mdText } from './md-escape.js';

/** Rows beyond these caps are counted, not listed: a ticket wants the shape, the JSON has the rest. */
export const mdCaps = { hosts: 50, servers: 50, timeline: 25, artefacts: 20 } as const;

function more(shown: number, total: number, what: string): string {
  return total > shown ? `\n\n…and ${total - shown} more ${what} (see the JSON or HTML report).` : '';
}

/** ATT&CK ids link to their page; anything not shaped like an id is shown as text. */
export function mdTechnique(id: string): string {
  const m = /^T(\d{4})(?:\.(\d{3}))?$/.exec(id);
  if (!m) return mdText(id);
  return `[${id}](https://attack.mitre.org/techniques/T${m[1]}${m[2] ? `/${m[2]}` : ''}/)`;
}

/** One incident: headline, figures, attribution, hosts, servers, techniques, artefacts, timeline. */
export function mdIncident(incident: Incident, attribution: Attribution | null): string {
  const hosts = incident.hosts.slice(0, mdCaps.hosts);
  const servers = incident.servers.slice(0, mdCaps.servers);
  const timeline = incident.timeline.slice(0, mdCaps.timeline);
  const artefacts = incidentArtefacts(incident, mdCaps.artefacts);
  const parts = [
    `## ${mdText(incident.id)}: ${mdText(incident.severity)} severity (score ${incident.score.toFixed(2)})`,
    `**${mdText(incident.summary.replace(/\.\s*$/, ''))}.**`,
    mdAttributionLine(attribution),
    mdTable(
      ['First seen', 'Last seen', 'Internal hosts', 'External servers', 'Sent', 'Received', 'Findings'],
      [
        [
          mdText(formatTime(incident.firstSeen)),
          mdText(formatTime(incident.lastSeen)),
          String(incident.hosts.length),
          String(incident.servers.length),
          formatBytes(incident.bytesOut),
          formatBytes(incident.bytesIn),
          String(incident.findings.length),
        ],
      ],
    ),
    mdAttribution(attribution),
    '### Internal hosts',
    // Addresses name hosts only within their network; the sensors say which network.
    ...(incident.scope ? [`Network (sensors): ${mdText(incident.scope)}`] : []),
    mdTable(
      ['Host', 'First compromise', 'Last activity', 'Findings', 'Sent', 'Received'],
      hosts.map((h) => [
        mdText(h.ip),
        mdText(formatTime(h.firstCompromise)),
        mdText(formatTime(h.lastActivity)),
        String(h.findings),
        formatBytes(h.bytesOut),
        formatBytes(h.bytesIn),
      ]),
    ) + more(hosts.length, incident.hosts.length, 'hosts'),
    '### External servers',
    mdTable(
      ['Server', 'Role', 'Addresses', 'Domains', 'Ports', 'Protocols', 'Sent to', 'Received from', 'Notes'],
      servers.map((s) => [
        mdText(s.key),
        s.role,
        mdCell(s.ips.join(', ')),
        mdCell(s.domains.join(', ')),
        mdCell(s.ports.join(', ')),
        mdCell(s.protocols.join(', ')),
        formatBytes(s.bytesOut),
        formatBytes(s.bytesIn),
        mdCell(
          [
            s.mergedBy.length ? `merged by ${s.mergedBy.join(', ')}` : '',
            s.warninglists.length
              ? `on warninglists ${s.warninglists.join(', ')} (no attribution weight)`
              : '',
          ]
            .filter(Boolean)
            .join('; '),
        ),
      ]),
    ) + more(servers.length, incident.servers.length, 'servers'),
    '### ATT&CK techniques observed',
    incident.techniques.length ? incident.techniques.map(mdTechnique).join(', ') : 'None mapped.',
  ];
  if (artefacts.length) {
    parts.push(
      '### Artefacts seen',
      mdTable(
        ['Kind', 'Value'],
        artefacts.map((a) => [mdText(a.label), mdText(a.value)]),
      ),
    );
  }
  parts.push(
    `### Timeline${incident.timeline.length > timeline.length ? ` (first ${timeline.length} of ${incident.timeline.length})` : ''}`,
    timeline.length
      ? mdTable(
          ['Time', 'Host', 'Server', 'Detector', 'Severity', 'What happened'],
          timeline.map((t) => [
            mdText(formatTime(t.ts)),
            mdText(t.host),
            mdCell(t.server),
            mdText(t.detector),
            mdText(t.severity),
            mdCell(t.text),
          ]),
        )
      : 'No timeline entries.',
  );
  return parts.join('\n\n');
}
