import type { Finding } from '../../domain/finding.js';
import type { Incident } from '../../domain/incident.js';
import { blockListText } from '../blocklist/block-list.js';
import { suricataRules } from '../blocklist/suricata-rules.js';
import { isBenignForReport } from '../incident-indicators.js';
import { formatMinute, incidentArtefacts, serverOf } from '../report-figures.js';
import type { AttributedIncident, ReportInput } from '../report-format.js';
import { htmlAttribution } from './html-attribution.js';
import { ltr } from './html-bidi.js';
import { htmlCaps, more } from './html-incident.js';
import { html, joinHtml, type SafeHtml } from './html-template.js';

/** The strongest finding of each detector, strongest first. */
function strongestPerDetector(findings: readonly Finding[]): Finding[] {
  const best = new Map<string, Finding>();
  for (const f of findings) {
    const b = best.get(f.detector);
    if (!b || f.score > b.score) best.set(f.detector, f);
  }
  return [...best.values()].sort((a, b) => b.score - a.score);
}

interface FindingPair {
  readonly host: string;
  readonly server: string | null;
  readonly findings: Finding[];
  first: string;
  last: string;
}

/** Findings grouped by host and server, strongest first within a pair; pairs by host, then time. */
function findingPairs(incident: Incident, findings: readonly Finding[]): FindingPair[] {
  const pairs = new Map<string, FindingPair>();
  for (const f of findings) {
    const server = serverOf(incident, f)?.key ?? f.endpointDomain ?? f.endpointIp;
    const id = `${f.host}\u0000${server ?? ''}`;
    const p = pairs.get(id) ?? { host: f.host, server, findings: [], first: f.first, last: f.last };
    p.findings.push(f);
    if (f.first < p.first) p.first = f.first;
    if (f.last > p.last) p.last = f.last;
    pairs.set(id, p);
  }
  const order = new Map(incident.hosts.map((h, i) => [h.ip, i]));
  return [...pairs.values()]
    .map((p) => ({ ...p, findings: [...p.findings].sort((a, b) => b.score - a.score) }))
    .sort(
      (a, b) =>
        (order.get(a.host) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.host) ?? Number.MAX_SAFE_INTEGER) ||
        a.first.localeCompare(b.first),
    );
}

/**
 * One incident's appendix: the attribution's evidence and matrix, every finding once (up to the
 * cap, grouped by host and server, with the strongest of each detector explained), how servers
 * were merged, the artefacts seen and the indicator block list as text and Suricata
 * rules, in preformatted blocks an analyst can copy. Printing starts it on a new page.
 */
export function htmlIncidentAppendix(item: AttributedIncident, anchor: string, input: ReportInput): SafeHtml {
  const { incident, attribution } = item;
  const findings = [...incident.findings].sort((a, b) => b.score - a.score).slice(0, htmlCaps.findings);
  const artefacts = incidentArtefacts(incident, htmlCaps.artefacts);
  const one: ReportInput = { ...input, incidents: [item] };
  const benign = isBenignForReport(item);
  const pairs = findingPairs(incident, findings);
  const merged = incident.servers.filter((s) => s.mergedBy.length > 0);
  return joinHtml(
    [
      html`<section class="appendix" id="${anchor}-appendix">`,
      html`<h2>Appendix: <span class="mono">${incident.id}</span></h2>`,
      htmlAttribution(attribution),
      html`<h3>Findings</h3><p class="sub">What each detector saw, in its strongest finding:</p><ul class="explained">${strongestPerDetector(
        findings,
      ).map((f) => html`<li><span class="kind">${f.detector}</span> ${f.explanation}</li>`)}</ul>`,
      html`<table class="findings"><thead><tr><th>Host</th><th>Server</th><th>Findings (detector and score)</th><th>From (UTC)</th><th>To (UTC)</th></tr></thead><tbody>`,
      // One row per host–server pair, each finding once in it (its tooltip, and the JSON report,
      // carry the explanation): a hundred findings fit in a printed page.
      joinHtml(
        pairs.map(
          (p) =>
            html`<tr><td class="mono addr">${ltr(p.host)}</td><td class="mono name">${p.server ? html`<bdi>${p.server}</bdi>` : '—'}</td><td>${joinHtml(
              p.findings.map(
                (f) =>
                  html`<span class="fd" title="${f.explanation}">${f.detector} <span class="badge sev-${f.severity}">${f.score.toFixed(2)}</span></span>`,
              ),
              ' ',
            )}</td><td class="nw">${formatMinute(p.first)}</td><td class="nw">${formatMinute(p.last)}</td></tr>`,
        ),
      ),
      html`</tbody></table>${more(findings.length, incident.findings.length, 'findings')}`,
      merged.length
        ? html`<h3>How addresses and names were merged into servers</h3><ul class="merged">${merged.map((s) => html`<li><bdi class="mono">${s.key}</bdi>: ${s.mergedBy.join('; ')}</li>`)}</ul>`
        : '',
      artefacts.length
        ? html`<h3>Artefacts seen</h3><table><thead><tr><th>Kind</th><th>Value</th></tr></thead><tbody>${artefacts.map((a) => html`<tr><td class="nw">${a.label}</td><td class="mono name"><bdi>${a.value}</bdi></td></tr>`)}</tbody></table>`
        : '',
      html`<h3>Indicator block list</h3>`,
      benign
        ? html`<p>None: the incident is likely benign, and nothing should be blocked before it is reviewed.</p>`
        : html`<p class="sub">Names and addresses of the incident's servers (those on benign warninglists left out) and the hashes of its files. The same list: <span class="mono">mamori report ${incident.id} --format blocklist | blocklist-csv | suricata</span>.</p><pre class="copy list">${blockListText(one)}</pre><details class="rules"><summary>Suricata rules for these names and addresses (also <span class="mono">--format suricata</span>)</summary><pre class="copy rules">${suricataRules(one)}</pre></details>`,
      html`</section>`,
    ],
    '\n',
  );
}
