import type { Attribution } from '../../attribution/attribution.js';
import type { Incident } from '../../incidents/incident.js';
import { formatBytes, formatTime, incidentArtefacts } from '../report-figures.js';
import { hostServerGraph } from './host-server-graph.js';
import { htmlAttribution, htmlVerdict } from './html-attribution.js';
import { esc, ltr } from './html-escape.js';
import { timelineChart } from './timeline-chart.js';

/** Table caps: the HTML is for reading; the JSON carries everything. */
export const htmlCaps = { hosts: 100, servers: 100, findings: 30, timeline: 60, artefacts: 40 } as const;

function more(shown: number, total: number, what: string): string {
  return total > shown
    ? `<p class="more">…and ${total - shown} more ${what}; the JSON report lists them all.</p>`
    : '';
}

function tile(value: string, key: string): string {
  return `<div class="tile"><div class="v">${esc(value)}</div><div class="k">${esc(key)}</div></div>`;
}

function technique(id: string): string {
  const m = /^T(\d{4})(?:\.(\d{3}))?$/.exec(id);
  if (!m) return `<span class="chip mono">${esc(id)}</span>`;
  const url = `https://attack.mitre.org/techniques/T${m[1]}${m[2] ? `/${m[2]}` : ''}/`;
  return `<a class="chip mono" href="${url}" rel="noreferrer noopener">${id}</a>`;
}

/** One incident as a card: headline, figures, attribution, charts and the tables behind them. */
export function htmlIncident(incident: Incident, attribution: Attribution | null, anchor: string): string {
  const hosts = incident.hosts.slice(0, htmlCaps.hosts);
  const servers = incident.servers.slice(0, htmlCaps.servers);
  const findings = [...incident.findings].sort((a, b) => b.score - a.score).slice(0, htmlCaps.findings);
  const timeline = incident.timeline.slice(0, htmlCaps.timeline);
  const artefacts = incidentArtefacts(incident, htmlCaps.artefacts);
  const chart = timelineChart(incident);
  return [
    `<section class="incident" id="${esc(anchor)}">`,
    `<div class="inc-head"><h2>${esc(incident.id)}</h2><span class="badge sev-${esc(incident.severity)}">${esc(incident.severity)}</span><span class="score">score ${incident.score.toFixed(2)}</span></div>`,
    `<p class="summary">${esc(incident.summary.replace(/\.\s*$/, ''))}.</p>`,
    htmlVerdict(attribution),
    '<div class="tiles">',
    tile(String(incident.hosts.length), 'internal hosts'),
    tile(String(incident.servers.length), 'external servers'),
    tile(formatBytes(incident.bytesOut), 'sent out'),
    tile(formatBytes(incident.bytesIn), 'received'),
    tile(incident.firstSeen.slice(0, 10), 'first seen'),
    tile(incident.lastSeen.slice(0, 10), 'last seen'),
    tile(String(incident.findings.length), 'findings'),
    '</div>',
    htmlAttribution(attribution),
    chart
      ? `<h3>Activity over time</h3><figure>${chart}<figcaption>Each bar is one finding, from first to last contact, on the server it involves; dots mark when it started, coloured by severity.</figcaption></figure>`
      : '',
    `<h3>Hosts and servers</h3><figure>${hostServerGraph(incident)}<figcaption>Line width grows with the bytes exchanged; colour is the strongest finding's severity. Hollow servers are on benign warninglists.</figcaption></figure>`,
    // Addresses name hosts only within their network; the sensors say which network.
    '<h3>Internal hosts</h3>',
    incident.scope ? `<p>Network (sensors): <span class="mono">${esc(incident.scope)}</span></p>` : '',
    '<table><thead><tr><th>Host</th><th>First compromise</th><th>Last activity</th><th class="n">Findings</th><th class="n">Sent</th><th class="n">Received</th></tr></thead><tbody>',
    hosts
      .map(
        (h) =>
          `<tr><td class="mono addr">${ltr(h.ip)}</td><td class="nw">${esc(formatTime(h.firstCompromise))}</td><td class="nw">${esc(formatTime(h.lastActivity))}</td><td class="n">${h.findings}</td><td class="n">${esc(formatBytes(h.bytesOut))}</td><td class="n">${esc(formatBytes(h.bytesIn))}</td></tr>`,
      )
      .join(''),
    `</tbody></table>${more(hosts.length, incident.hosts.length, 'hosts')}`,
    '<h3>External servers</h3><table><thead><tr><th>Server</th><th>Role</th><th>Addresses</th><th>Ports</th><th>Protocols</th><th class="n">Sent to</th><th class="n">Received from</th><th>Notes</th></tr></thead><tbody>',
    servers
      .map((s) => {
        const notes = [
          s.mergedBy.length ? `merged by ${s.mergedBy.join(', ')}` : '',
          s.warninglists.length ? `on warninglists ${s.warninglists.join(', ')}: no attribution weight` : '',
        ].filter(Boolean);
        const names = s.domains.length
          ? s.domains.map((d) => `<div><bdi>${esc(d)}</bdi></div>`).join('')
          : `<bdi>${esc(s.key)}</bdi>`;
        return `<tr><td class="mono name">${names}</td><td>${esc(s.role)}</td><td class="mono addr">${s.ips.map((ip) => `<div>${ltr(ip)}</div>`).join('') || '—'}</td><td class="mono">${s.ports.length ? ltr(s.ports.join(', ')) : '—'}</td><td>${esc(s.protocols.join(', ') || '—')}</td><td class="n">${esc(formatBytes(s.bytesOut))}</td><td class="n">${esc(formatBytes(s.bytesIn))}</td><td class="sub">${esc(notes.join('; ') || '—')}</td></tr>`;
      })
      .join(''),
    `</tbody></table>${more(servers.length, incident.servers.length, 'servers')}`,
    '<h3>ATT&amp;CK techniques observed</h3>',
    incident.techniques.length
      ? `<div class="chips">${incident.techniques.map(technique).join('')}</div>`
      : '<p>None mapped.</p>',
    artefacts.length
      ? `<h3>Artefacts seen</h3><table><thead><tr><th>Kind</th><th>Value</th></tr></thead><tbody>${artefacts.map((a) => `<tr><td class="nw">${esc(a.label)}</td><td class="mono name"><bdi>${esc(a.value)}</bdi></td></tr>`).join('')}</tbody></table>`
      : '',
    '<h3>Strongest findings</h3><table><thead><tr><th>Detector</th><th>Host</th><th>Endpoint</th><th class="n">Score</th><th>Explanation</th></tr></thead><tbody>',
    findings
      .map(
        (f) =>
          `<tr><td class="nw">${esc(f.detector)}</td><td class="mono addr">${ltr(f.host)}</td><td class="mono name">${[f.endpointDomain ? `<bdi>${esc(f.endpointDomain)}</bdi>` : '', f.endpointIp ? ltr(f.endpointIp) : ''].filter(Boolean).join(' ')}</td><td class="n"><span class="badge sev-${esc(f.severity)}">${f.score.toFixed(2)}</span></td><td>${esc(f.explanation)}</td></tr>`,
      )
      .join(''),
    `</tbody></table>${more(findings.length, incident.findings.length, 'findings')}`,
    `<h3>Timeline</h3><table><thead><tr><th>Time</th><th>Host</th><th>Server</th><th>Detector</th><th>What happened</th></tr></thead><tbody>`,
    timeline
      .map(
        (t) =>
          `<tr><td class="nw">${esc(formatTime(t.ts))}</td><td class="mono addr">${ltr(t.host)}</td><td class="mono name">${t.server ? `<bdi>${esc(t.server)}</bdi>` : '—'}</td><td class="nw"><span class="badge sev-${esc(t.severity)}">${esc(t.detector)}</span></td><td>${esc(t.text)}</td></tr>`,
      )
      .join(''),
    `</tbody></table>${more(timeline.length, incident.timeline.length, 'timeline entries')}`,
    '</section>',
  ].join('\n');
}
