import { executiveSummary } from '../executive-summary.js';
import { formatBytes, formatMinute, formatTime } from '../report-figures.js';
import type { AttributedIncident } from '../report-format.js';
import { hostSteps, lateralSteps, lateralTarget, serverSteps } from '../report-timeline.js';
import { type TechniqueNames, techniqueName, techniqueUrl } from '../technique-names.js';
import { hostServerGraph } from './host-server-graph.js';
import { htmlVerdict } from './html-attribution.js';
import { ltr } from './html-bidi.js';
import { htmlActions, htmlExecutiveSummary, htmlTriage } from './html-summary.js';
import { html, joinHtml, type SafeHtml } from './html-template.js';
import { timelineChart } from './timeline-chart.js';

/** Table caps: the HTML is for reading; the JSON carries everything. */
export const htmlCaps = { hosts: 100, servers: 100, findings: 100, artefacts: 40 } as const;

/** The "…and N more" line under a capped table. */
export function more(shown: number, total: number, what: string): SafeHtml | '' {
  return total > shown
    ? html`<p class="more">…and ${total - shown} more ${what}; the JSON report lists them all.</p>`
    : '';
}

/** A technique as a chip: the id linked to its ATT&CK page, and its name. */
export function htmlTechnique(id: string, names?: TechniqueNames): SafeHtml {
  const name = techniqueName(id, names);
  const label = html`<span class="mono">${id}</span>${name ? html` ${name}` : ''}`;
  const url = techniqueUrl(id);
  return url
    ? html`<a class="chip" href="${url}" rel="noreferrer noopener">${label}</a>`
    : html`<span class="chip">${label}</span>`;
}

/**
 * One incident's main part, a few printed pages: headline, executive summary, recommended actions,
 * charts, the story per host and per server, techniques. Findings, attribution evidence and the
 * block list are in its appendix (`htmlIncidentAppendix`).
 */
export function htmlIncident(item: AttributedIncident, anchor: string, names?: TechniqueNames): SafeHtml {
  const { incident, attribution } = item;
  const summary = executiveSummary(item);
  const steps = hostSteps(incident).slice(0, htmlCaps.hosts);
  const servers = serverSteps(incident).slice(0, htmlCaps.servers);
  const targets = new Set(steps.map((s) => s.host.ip));
  const lateral = lateralSteps(incident).filter((t) => !targets.has(lateralTarget(t) ?? ''));
  const chart = timelineChart(incident);
  return joinHtml(
    [
      html`<section class="incident" id="${anchor}">`,
      html`<div class="inc-head"><h2>${incident.id}</h2>${summary.benign ? html`<span class="badge benign">likely benign: review</span>` : html`<span class="badge sev-${incident.severity}">${incident.severity}</span>`}<span class="score">score ${incident.score.toFixed(2)}</span></div>`,
      htmlTriage(item.triage),
      htmlExecutiveSummary(summary, htmlVerdict(attribution), names),
      html`<h3>Recommended actions</h3><ol class="actions">${htmlActions(summary.actions, names)}</ol>`,
      chart
        ? html`<h3>Activity over time</h3><figure class="chart">${chart}<figcaption>Each bar is one finding, from first to last contact, on the server it involves; dots mark when it started, coloured by severity.</figcaption></figure>`
        : '',
      html`<h3>Hosts and servers</h3><figure class="chart">${hostServerGraph(incident)}<figcaption>Line width grows with the bytes the pair exchanged; colour is the strongest finding's severity. Hollow servers are on benign warninglists.</figcaption></figure>`,
      html`<h3>Timeline by host</h3>`,
      // Addresses name hosts only within their network; the sensors say which network.
      incident.scope ? html`<p>Network (sensors): <span class="mono">${incident.scope}</span></p>` : '',
      html`<table><thead><tr><th>Host</th><th>First compromise (UTC)</th><th>Reached from</th><th>First server reached</th><th>Last activity (UTC)</th><th class="n">Findings</th><th class="n">Sent</th><th class="n">Received</th></tr></thead><tbody>`,
      joinHtml(
        steps.map(
          ({ host: h, firstServer, via, reachedFrom }) =>
            html`<tr><td class="mono addr">${ltr(h.ip)}</td><td class="nw">${formatMinute(h.firstCompromise)}</td><td class="mono addr"${reachedFrom ? html` title="${reachedFrom.text}">${ltr(reachedFrom.host)}` : html`>—`}</td><td class="mono name"${via ? html` title="${`seen by ${via}`}"` : ''}>${firstServer ? html`<bdi>${firstServer}</bdi>` : '—'}</td><td class="nw">${formatMinute(h.lastActivity)}</td><td class="n">${h.findings}</td><td class="n">${formatBytes(h.bytesOut)}</td><td class="n">${formatBytes(h.bytesIn)}</td></tr>`,
        ),
      ),
      html`</tbody></table>${more(steps.length, incident.hosts.length, 'hosts')}`,
      // Lateral movement into a host is in its row; only moves to hosts outside the table are listed.
      lateral.length
        ? html`<h4>Lateral movement</h4><ul>${lateral.map((t) => html`<li><span class="nw">${formatTime(t.ts)}</span> ${t.text}</li>`)}</ul>`
        : '',
      html`<h3>Timeline by server</h3><table><thead><tr><th>Server</th><th>Role</th><th>First contact (UTC)</th><th>Last contact (UTC)</th><th class="n">Hosts</th><th class="n">Sent to</th><th class="n">Received from</th><th>Notes</th></tr></thead><tbody>`,
      joinHtml(
        servers.map(({ server: s, hosts }) => {
          // Why addresses and names were merged is in the appendix: it is long, and the proof, not the story.
          const notes = s.warninglists.length
            ? [`on warninglists ${s.warninglists.join(', ')}: not blocked, no attribution weight`]
            : [];
          const names = s.domains.length
            ? joinHtml(s.domains.map((d) => html`<div><bdi>${d}</bdi></div>`))
            : html`<bdi>${s.key}</bdi>`;
          const where = joinHtml(
            [
              s.ips.length
                ? joinHtml(
                    s.ips.map((ip) => ltr(ip)),
                    ', ',
                  )
                : '',
              s.ports.length ? html`port ${ltr(s.ports.join(', '))}` : '',
              s.protocols.length ? s.protocols.join(', ') : '',
            ].filter((part) => part !== ''),
            ' · ',
          );
          return html`<tr><td class="mono name">${names}${where.markup ? html`<div class="sub">${where}</div>` : ''}</td><td>${s.role}</td><td class="nw">${formatMinute(s.first)}</td><td class="nw">${formatMinute(s.last)}</td><td class="n">${hosts}</td><td class="n">${formatBytes(s.bytesOut)}</td><td class="n">${formatBytes(s.bytesIn)}</td><td class="sub">${notes.join('; ') || '—'}</td></tr>`;
        }),
      ),
      html`</tbody></table>${more(servers.length, incident.servers.length, 'servers')}`,
      html`<h3>ATT&amp;CK techniques observed</h3>`,
      incident.techniques.length
        ? html`<div class="chips">${incident.techniques.map((t) => htmlTechnique(t, names))}</div>`
        : html`<p>None mapped.</p>`,
      html`<p class="more">Findings, attribution evidence and the indicator block list: <a href="#${anchor}-appendix">appendix</a>.</p>`,
      html`</section>`,
    ],
    '\n',
  );
}
