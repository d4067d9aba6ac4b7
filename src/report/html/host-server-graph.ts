import { clip } from '../../clip.js';
import type { Severity } from '../../domain/finding.js';
import { severityOf } from '../../domain/finding.js';
import type { Incident } from '../../domain/incident.js';
import { formatBytes, serverOf } from '../report-figures.js';
import { visibleText } from '../visible-text.js';
import { isolatedText, ltrText } from './html-bidi.js';
import { num } from './html-escape.js';
import { html, joinHtml, type SafeHtml } from './html-template.js';
import { severityColours } from './timeline-chart.js';

const W = 1000;
const HOST_X = 190;
const SERVER_X = 620;
/** Characters a server's name and detail may take together before they would leave the picture. */
const LABEL_CHARS = 54;
const GAP = 22;
const PAD = 22;
/** Beyond this many hosts the graph keeps the busiest and says how many it left out. */
export const graphHostCap = 60;

/** A drawn host–server pair. */
export interface Edge {
  readonly host: string;
  readonly server: string;
  bytes: number;
  score: number;
  findings: number;
}

/**
 * One edge per host–server pair. Its bytes are the pair's traffic as the incident recorded it (the
 * figures the host and server tables add up); several detectors see the same connections, so
 * findings are never added together. Incidents stored before pairs were recorded fall back to the
 * largest finding on the pair.
 */
export function hostServerEdges(incident: Incident): Map<string, Edge> {
  const edges = new Map<string, Edge>();
  const edge = (host: string, server: string) => {
    const id = `${host}\u0000${server}`;
    const e = edges.get(id) ?? { host, server, bytes: 0, score: 0, findings: 0 };
    edges.set(id, e);
    return e;
  };
  for (const p of incident.pairs ?? []) edge(p.host, p.server).bytes += p.bytesOut + p.bytesIn;
  for (const f of incident.findings) {
    const server = serverOf(incident, f);
    if (!server) continue;
    const e = edge(f.host, server.key);
    if (!incident.pairs) e.bytes = Math.max(e.bytes, (f.bytesOut ?? 0) + (f.bytesIn ?? 0));
    e.score = Math.max(e.score, f.score);
    e.findings++;
  }
  return edges;
}

/**
 * The host–server graph: internal hosts on the left (by first compromise), external servers on the
 * right ordered by the mean position of the hosts they talk to (fewer crossings), and one curve per
 * host–server pair whose width grows with the bytes exchanged and whose colour is the strongest
 * finding's severity. Deterministic: the same incident draws the same picture.
 */
export function hostServerGraph(incident: Incident): SafeHtml {
  const edges = hostServerEdges(incident);
  const byHost = [...incident.hosts].sort(
    (a, b) => a.firstCompromise.localeCompare(b.firstCompromise) || a.ip.localeCompare(b.ip),
  );
  const busiest = new Set(
    [...incident.hosts]
      .sort((a, b) => b.bytesOut + b.bytesIn - (a.bytesOut + a.bytesIn))
      .slice(0, graphHostCap)
      .map((h) => h.ip),
  );
  const hosts = byHost.filter((h) => busiest.has(h.ip));
  const hostIndex = new Map(hosts.map((h, i) => [h.ip, i]));
  const drawn = [...edges.values()].filter((e) => hostIndex.has(e.host));
  const centre = (key: string) => {
    const idx = drawn.filter((e) => e.server === key).map((e) => hostIndex.get(e.host)!);
    return idx.length ? idx.reduce((a, b) => a + b, 0) / idx.length : Number.MAX_SAFE_INTEGER;
  };
  const servers = incident.servers
    .map((s, i) => ({ s, i, c: centre(s.key) }))
    .sort((a, b) => a.c - b.c || a.i - b.i)
    .map((x) => x.s);
  const rows = Math.max(hosts.length, servers.length, 1);
  const H = PAD * 2 + (rows - 1) * GAP + 16;
  const hostY = (i: number) =>
    PAD + 8 + (hosts.length > 1 ? (i * (rows - 1) * GAP) / (hosts.length - 1) : ((rows - 1) * GAP) / 2);
  const serverY = new Map(
    servers.map((s, i) => [
      s.key,
      PAD + 8 + (servers.length > 1 ? (i * (rows - 1) * GAP) / (servers.length - 1) : ((rows - 1) * GAP) / 2),
    ]),
  );
  const maxBytes = Math.max(1, ...drawn.map((e) => e.bytes));
  // Square root, not log: a log scale draws 20 MB and 2 GB nearly alike.
  const width = (b: number) => 1 + 5 * Math.sqrt(b / maxBytes);
  const out: SafeHtml[] = [
    html`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${num(H)}" role="img" aria-label="Internal hosts and the external servers they exchanged data with" class="host-server-graph">`,
    html`<text x="${HOST_X}" y="12" text-anchor="end" font-size="11" font-weight="600" fill="#5b6675">INTERNAL HOSTS</text>`,
    html`<text x="${SERVER_X}" y="12" font-size="11" font-weight="600" fill="#5b6675">EXTERNAL SERVERS</text>`,
  ];
  const order: Severity[] = ['low', 'medium', 'high', 'critical'];
  for (const e of drawn.sort(
    (a, b) => order.indexOf(severityOf(a.score)) - order.indexOf(severityOf(b.score)),
  )) {
    const y1 = hostY(hostIndex.get(e.host)!);
    const y2 = serverY.get(e.server)!;
    const mid = (HOST_X + SERVER_X) / 2;
    const tip = html`${ltrText(e.host)} ↔ ${isolatedText(e.server)}${`: ${formatBytes(e.bytes)}, ${e.findings} finding${e.findings === 1 ? '' : 's'}, top score ${e.score.toFixed(2)}`}`;
    out.push(
      html`<path d="M${HOST_X + 6} ${num(y1)} C${mid} ${num(y1)} ${mid} ${num(y2)} ${SERVER_X - 2} ${num(y2)}" fill="none" stroke="${severityColours[severityOf(e.score)]}" stroke-opacity="0.55" stroke-width="${num(width(e.bytes))}" stroke-linecap="round"><title>${tip}</title></path>`,
    );
  }
  hosts.forEach((h, i) => {
    const y = num(hostY(i));
    out.push(
      html`<circle cx="${HOST_X}" cy="${y}" r="5.5" fill="#1f4e89"/>`,
      html`<text x="${HOST_X - 11}" y="${num(hostY(i) + 4)}" text-anchor="end" font-size="12" class="mono" fill="#1c2430"><title>${ltrText(h.ip)}${`: first compromise ${h.firstCompromise}, ${formatBytes(h.bytesOut)} sent`}</title>${ltrText(clip(visibleText(h.ip), 26, { codePoints: true }))}</text>`,
    );
  });
  for (const s of servers) {
    const y = serverY.get(s.key)!;
    const listed = s.warninglists.length > 0;
    // Clipped after the escapes are written, so a run of hidden characters cannot widen the label.
    const name = clip(visibleText(s.key), 36, { codePoints: true });
    const room = LABEL_CHARS - [...name].length;
    const detail = [s.ips.length > 1 ? `${s.ips.length} addresses` : (s.ips[0] ?? ''), s.ports.join(',')]
      .filter(Boolean)
      .join(' · ');
    // Addresses and ports are isolated left to right: a right-to-left name before them cannot
    // reorder their digits.
    const shown =
      room >= 10 && detail
        ? html`<tspan fill="#5b6675" font-size="11">  ${ltrText(clip(visibleText(detail), room, { codePoints: true }))}</tspan>`
        : '';
    const where = joinHtml([...s.ips.map(ltrText), ...s.domains.map(isolatedText)], ', ');
    const lists = listed ? `; on warninglists ${s.warninglists.join(', ')}` : '';
    out.push(
      html`<rect x="${SERVER_X - 2}" y="${num(y - 6)}" width="12" height="12" rx="2" fill="${listed ? '#fff' : '#b3261e'}" stroke="${listed ? '#8b96a3' : '#b3261e'}" stroke-dasharray="${listed ? '2 2' : 'none'}"/>`,
      html`<text x="${SERVER_X + 18}" y="${num(y + 4)}" font-size="12" fill="#1c2430"><title>${isolatedText(s.key)} (${where})${lists}</title>${isolatedText(name)}${shown}</text>`,
    );
  }
  out.push(html`</svg>`);
  const left = incident.hosts.length - hosts.length;
  return left > 0 ? html`${out}<p class="more">${left} quieter hosts are not drawn.</p>` : joinHtml(out);
}
