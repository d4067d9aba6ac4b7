import { executiveSummary } from '../executive-summary.js';
import { formatBytes, formatMinute } from '../report-figures.js';
import type { AttributedIncident } from '../report-format.js';
import { hostSteps, lateralSteps, lateralTarget, serverSteps } from '../report-timeline.js';
import { type TechniqueNames, techniqueName, techniqueUrl } from '../technique-names.js';
import { mdAttributionLine } from './md-attribution.js';
import { mdCell, mdTable, mdText } from './md-escape.js';
import { mdActions, mdExecutiveSummary, mdTriage } from './md-summary.js';

/** Rows beyond these caps are counted, not listed: a ticket wants the shape, the JSON has the rest. */
export const mdCaps = { hosts: 50, servers: 50, findings: 100, artefacts: 20 } as const;

/** The "…and N more" line under a capped table. */
export function more(shown: number, total: number, what: string): string {
  return total > shown ? `\n\n…and ${total - shown} more ${what} (see the JSON or HTML report).` : '';
}

/** ATT&CK ids link to their page; anything not shaped like an id is shown as text. */
export function mdTechnique(id: string, names?: TechniqueNames): string {
  const url = techniqueUrl(id);
  const name = techniqueName(id, names);
  return `${url ? `[${id}](${url})` : mdText(id)}${name ? ` ${mdText(name)}` : ''}`;
}

/**
 * One incident's main part: headline, executive summary, recommended actions, the story per host
 * and per server, techniques. Attribution evidence, findings and the block list are in its
 * appendix (`mdIncidentAppendix`).
 */
export function mdIncident(item: AttributedIncident, names?: TechniqueNames): string {
  const { incident, attribution } = item;
  const summary = executiveSummary(item);
  const steps = hostSteps(incident).slice(0, mdCaps.hosts);
  const servers = serverSteps(incident).slice(0, mdCaps.servers);
  const targets = new Set(steps.map((s) => s.host.ip));
  const lateral = lateralSteps(incident).filter((t) => !targets.has(lateralTarget(t) ?? ''));
  const parts = [
    `## ${mdText(incident.id)}: ${summary.benign ? 'likely benign: review' : `${mdText(incident.severity)} severity`} (score ${incident.score.toFixed(2)})`,
    ...(item.triage ? [mdTriage(item.triage) as string] : []),
    mdExecutiveSummary(summary, mdAttributionLine(attribution)),
    '### Recommended actions',
    mdActions(summary.actions, names),
    '### Timeline by host',
    // Addresses name hosts only within their network; the sensors say which network.
    ...(incident.scope ? [`Network (sensors): ${mdText(incident.scope)}`] : []),
    mdTable(
      [
        'Host',
        'First compromise (UTC)',
        'Reached from',
        'First server reached',
        'Last activity (UTC)',
        'Findings',
        'Sent',
        'Received',
      ],
      steps.map(({ host: h, firstServer, via, reachedFrom }) => [
        mdText(h.ip),
        mdText(formatMinute(h.firstCompromise)),
        mdCell(reachedFrom?.host),
        firstServer ? `${mdText(firstServer)}${via ? ` (${mdText(via)})` : ''}` : '—',
        mdText(formatMinute(h.lastActivity)),
        String(h.findings),
        formatBytes(h.bytesOut),
        formatBytes(h.bytesIn),
      ]),
    ) + more(steps.length, incident.hosts.length, 'hosts'),
    ...(lateral.length
      ? ['#### Lateral movement', lateral.map((t) => `- ${mdText(t.text)}`).join('\n')]
      : []),
    '### Timeline by server',
    mdTable(
      [
        'Server',
        'Role',
        'Addresses',
        'Ports',
        'First contact (UTC)',
        'Last contact (UTC)',
        'Hosts',
        'Sent to',
        'Received from',
        'Notes',
      ],
      servers.map(({ server: s, hosts }) => [
        s.domains.length ? s.domains.map(mdText).join(', ') : mdText(s.key),
        s.role,
        mdCell(s.ips.join(', ')),
        mdCell(s.ports.join(', ')),
        mdText(formatMinute(s.first)),
        mdText(formatMinute(s.last)),
        String(hosts),
        formatBytes(s.bytesOut),
        formatBytes(s.bytesIn),
        mdCell(
          s.warninglists.length
            ? `on warninglists ${s.warninglists.join(', ')}: not blocked, no attribution weight`
            : '',
        ),
      ]),
    ) + more(servers.length, incident.servers.length, 'servers'),
    '### ATT&CK techniques observed',
    incident.techniques.length
      ? incident.techniques.map((t) => `- ${mdTechnique(t, names)}`).join('\n')
      : 'None mapped.',
  ];
  return parts.join('\n\n');
}
