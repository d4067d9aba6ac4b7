import { executiveSummary } from '../executive-summary.js';
import { formatBytes, formatMinute, formatTime } from '../report-figures.js';
import type { AttributedIncident } from '../report-format.js';
import { hostSteps, lateralSteps, lateralTarget, serverSteps } from '../report-timeline.js';
import { type TechniqueNames, techniqueName, techniqueUrl } from '../technique-names.js';
import { hostServerGraph } from './host-server-graph.js';
import { htmlVerdict } from './html-attribution.js';
import { esc, ltr } from './html-escape.js';
import { htmlActions, htmlExecutiveSummary, htmlTriage } from './html-summary.js';
import { timelineChart } from './timeline-chart.js';

/** Table caps: the HTML is for reading; the JSON carries everything. */
export const htmlCaps = { hosts: 100, servers: 100, findings: 100, artefacts: 40 } as const;

/** The "…and N more" line under a capped table. */
export function more(shown: number, total: number, what: string): string {
  return total > shown
    ? `<p class="more">…and ${total - shown} more ${what}; the JSON report lists them all.</p>`
    : '';
}

/** A technique as a chip: the id linked to its ATT&CK page, and its name. */
export function htmlTechnique(id: string, names?: TechniqueNames): string {
  const name = techniqueName(id, names);
  const label = `<span class="mono">${esc(id)}</span>${name ? ` ${esc(name)}` : ''}`;
  const url = techniqueUrl(id);
  return url
    ? `<a class="chip" href="${url}" rel="noreferrer noopener">${label}</a>`
    : `<span class="chip">${label}</span>`;
}

/**
 * One incident's main part, a few printed pages: headline, executive summary, recommended actions,
 * charts, the story per host and per server, techniques. Findings, attribution evidence and the
 * block list are in its appendix (`htmlIncidentAppendix`).
 */
export function htmlIncident(item: AttributedIncident, anchor: string, names?: TechniqueNames): string {
  const { incident, attribution } = item;
  const summary = executiveSummary(item);
  const steps = hostSteps(incident).slice(0, htmlCaps.hosts);
  const servers = serverSteps(incident).slice(0, htmlCaps.servers);
  const targets = new Set(steps.map((s) => s.host.ip));
  const lateral = lateralSteps(incident).filter((t) => !targets.has(lateralTarget(t) ?? ''));
  const chart = timelineChart(incident);
  return [
    `<section class="incident" id="${esc(anchor)}">`,
    `<div class="inc-head"><h2>${esc(incident.id)}</h2>${summary.benign ? '<span class="badge benign">likely benign: review</span>' : `<span class="badge sev-${esc(incident.severity)}">${esc(incident.severity)}</span>`}<span class="score">score ${incident.score.toFixed(2)}</span></div>`,
    htmlTriage(item.triage),
    htmlExecutiveSummary(summary, htmlVerdict(attribution), names),
    `<h3>Recommended actions</h3><ol class="actions">${htmlActions(summary.actions, names)}</ol>`,
    chart
      ? `<h3>Activity over time</h3><figure class="chart">${chart}<figcaption>Each bar is one finding, from first to last contact, on the server it involves; dots mark when it started, coloured by severity.</figcaption></figure>`
      : '',
    `<h3>Hosts and servers</h3><figure class="chart">${hostServerGraph(incident)}<figcaption>Line width grows with the bytes the pair exchanged; colour is the strongest finding's severity. Hollow servers are on benign warninglists.</figcaption></figure>`,
    '<h3>Timeline by host</h3>',
    // Addresses name hosts only within their network; the sensors say which network.
    incident.scope ? `<p>Network (sensors): <span class="mono">${esc(incident.scope)}</span></p>` : '',
    '<table><thead><tr><th>Host</th><th>First compromise (UTC)</th><th>Reached from</th><th>First server reached</th><th>Last activity (UTC)</th><th class="n">Findings</th><th class="n">Sent</th><th class="n">Received</th></tr></thead><tbody>',
    steps
      .map(
        ({ host: h, firstServer, via, reachedFrom }) =>
          `<tr><td class="mono addr">${ltr(h.ip)}</td><td class="nw">${esc(formatMinute(h.firstCompromise))}</td><td class="mono addr"${reachedFrom ? ` title="${esc(reachedFrom.text)}">${ltr(reachedFrom.host)}` : '>—'}</td><td class="mono name"${via ? ` title="${esc(`seen by ${via}`)}"` : ''}>${firstServer ? `<bdi>${esc(firstServer)}</bdi>` : '—'}</td><td class="nw">${esc(formatMinute(h.lastActivity))}</td><td class="n">${h.findings}</td><td class="n">${esc(formatBytes(h.bytesOut))}</td><td class="n">${esc(formatBytes(h.bytesIn))}</td></tr>`,
      )
      .join(''),
    `</tbody></table>${more(steps.length, incident.hosts.length, 'hosts')}`,
    // Lateral movement into a host is in its row; only moves to hosts outside the table are listed.
    lateral.length
      ? `<h4>Lateral movement</h4><ul>${lateral.map((t) => `<li><span class="nw">${esc(formatTime(t.ts))}</span> ${esc(t.text)}</li>`).join('')}</ul>`
      : '',
    '<h3>Timeline by server</h3><table><thead><tr><th>Server</th><th>Role</th><th>First contact (UTC)</th><th>Last contact (UTC)</th><th class="n">Hosts</th><th class="n">Sent to</th><th class="n">Received from</th><th>Notes</th></tr></thead><tbody>',
    servers
      .map(({ server: s, hosts }) => {
        // Why addresses and names were merged is in the appendix: it is long, and the proof, not the story.
        const notes = s.warninglists.length
          ? [`on warninglists ${s.warninglists.join(', ')}: not blocked, no attribution weight`]
          : [];
        const names = s.domains.length
          ? s.domains.map((d) => `<div><bdi>${esc(d)}</bdi></div>`).join('')
          : `<bdi>${esc(s.key)}</bdi>`;
        const where = [
          s.ips.length ? s.ips.map((ip) => ltr(ip)).join(', ') : '',
          s.ports.length ? `port ${ltr(s.ports.join(', '))}` : '',
          s.protocols.length ? esc(s.protocols.join(', ')) : '',
        ]
          .filter(Boolean)
          .join(' · ');
        return `<tr><td class="mono name">${names}${where ? `<div class="sub">${where}</div>` : ''}</td><td>${esc(s.role)}</td><td class="nw">${esc(formatMinute(s.first))}</td><td class="nw">${esc(formatMinute(s.last))}</td><td class="n">${hosts}</td><td class="n">${esc(formatBytes(s.bytesOut))}</td><td class="n">${esc(formatBytes(s.bytesIn))}</td><td class="sub">${esc(notes.join('; ') || '—')}</td></tr>`;
      })
      .join(''),
    `</tbody></table>${more(servers.length, incident.servers.length, 'servers')}`,
    '<h3>ATT&amp;CK techniques observed</h3>',
    incident.techniques.length
      ? `<div class="chips">${incident.techniques.map((t) => htmlTechnique(t, names)).join('')}</div>`
      : '<p>None mapped.</p>',
    `<p class="more">Findings, attribution evidence and the indicator block list: <a href="#${esc(anchor)}-appendix">appendix</a>.</p>`,
    '</section>',
  ].join('\n');
}
