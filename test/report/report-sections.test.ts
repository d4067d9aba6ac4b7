import { describe, expect, it } from 'vitest';
import type { Incident } from '../../src/domain/incident.js';
import { hostServerEdges, hostServerGraph } from '../../src/report/html/host-server-graph.js';
import { esc } from '../../src/report/html/html-escape.js';
import { htmlFormat } from '../../src/report/html/html-format.js';
import { markdownFormat } from '../../src/report/md/md-format.js';
import { assemble, DAY, type FindingSpec } from './fixtures/assemble.js';
import {
  apt10Attribution,
  apt10Incident,
  hostile,
  hostileAttribution,
  hostileIncident,
  reportInput,
} from './fixtures.js';
import { markdownShape, reportTags, strayAngles, tableProblems } from './structure.js';

/** One host and one server seen by three detectors: each finding counts the same 220 MB. */
function samePair(): Incident {
  const t0 = Date.parse('2016-06-01T05:50:00Z');
  const spec = (detector: FindingSpec['detector'], score: number) => ({
    detector,
    techniques: ['T1071'],
    host: '10.1.0.12',
    server: 0,
    first: t0,
    last: t0 + DAY,
    bytesOut: 207_000_000,
    bytesIn: 13_000_000,
    score,
    explanation: `${detector} on the pair`,
  });
  const base = assemble(
    'INC-00a1b2c3',
    [{ domains: ['update.symatnec-service.biz'], ips: ['45.124.26.240'], ports: [443], protocols: ['tls'] }],
    [spec('beaconing', 1), spec('threat-intel', 0.95), spec('exfiltration', 0.31)],
  );
  return base;
}

describe('report sections (issue 13.4)', () => {
  it('13.4: a graph edge carries the pair’s traffic, not a sum over its findings', () => {
    const incident: Incident = {
      ...samePair(),
      pairs: [
        {
          host: '10.1.0.12',
          server: 'update.symatnec-service.biz',
          bytesOut: 207_000_000,
          bytesIn: 13_000_000,
        },
      ],
    };
    const [edge] = [...hostServerEdges(incident).values()];
    expect(edge?.bytes).toBe(220_000_000);
    expect(edge?.findings).toBe(3);
    expect(hostServerGraph(incident).markup).toContain(': 220 MB, 3 findings');
    expect(hostServerGraph(incident).markup).not.toContain('660 MB');
    // Incidents stored before pairs were recorded: the largest finding, never the sum.
    expect([...hostServerEdges(samePair()).values()][0]?.bytes).toBe(220_000_000);
  });

  const html = htmlFormat.render(reportInput());
  const md = markdownFormat.render(reportInput());

  it('13.4: the HTML report opens each incident with an executive summary and recommended actions', () => {
    const first = html.slice(
      html.indexOf('<section class="incident"'),
      html.indexOf('<h3>Recommended actions'),
    );
    expect(first).toContain('<h3>Executive summary</h3>');
    for (const term of ['What happened', 'Scope', 'Confidence', 'What to do now'])
      expect(first).toContain(`<dt>${term}</dt>`);
    expect(first).toContain('<span class="term">very likely</span> (87%)');
    expect(first.match(/<ol class="now">(.*?)<\/ol>/)?.[1]?.match(/<li>/g)).toHaveLength(3);
    expect(html).toContain('<li>Block these names and addresses at the resolver, proxy and firewall');
    expect(html).toContain('<li>Isolate these 23 hosts from the network');
    expect(html).toContain('Reset the credentials used on these hosts');
  });

  it('13.4: technique names stand beside their ids, from the knowledge base when it has them', () => {
    expect(html).toContain(
      '<span class="mono">T1573.002</span> Encrypted Channel: Asymmetric Cryptography</a>',
    );
    expect(md).toContain(
      '[T1573.002](https://attack.mitre.org/techniques/T1573/002/) Encrypted Channel: Asymmetric Cryptography',
    );
    const named = htmlFormat.render(
      reportInput({ techniqueNames: { 'T1573.002': 'Asymmetric Crypto (KB)' } }),
    );
    expect(named).toContain('<span class="mono">T1573.002</span> Asymmetric Crypto (KB)</a>');
  });

  it('13.4: the main part holds no finding list and no per-finding timeline; the appendix lists each finding once', () => {
    const main = html.slice(0, html.indexOf('<section class="appendix"'));
    const appendix = html.slice(html.indexOf('<section class="appendix"'));
    expect(main).not.toContain('<h3>Findings</h3>');
    expect(main).not.toContain('<h3>Timeline</h3>');
    expect(main).toContain('<h3>Timeline by host</h3>');
    expect(main).toContain('<h3>Timeline by server</h3>');
    expect(appendix.match(/<h3>Findings<\/h3>/g)).toHaveLength(3);
    const incident = apt10Incident();
    const firstAppendix = appendix.slice(0, appendix.indexOf('<section class="appendix"', 10));
    expect(firstAppendix.match(/<span class="fd" /g)).toHaveLength(incident.findings.length);
    // Outside the charts' tooltips, no finding's explanation is in the main part.
    const text = main.replace(/<svg[\s\S]*?<\/svg>/g, '');
    for (const f of incident.findings) expect(text).not.toContain(esc(f.explanation));
    expect(html).toContain('<pre class="copy list">');
    expect(html).toContain('<details class="rules"><summary>Suricata rules');
  });

  it('13.4: print CSS keeps the graphs small, breaks before the appendix and never splits a row', () => {
    const print = html.slice(html.indexOf('@media print'));
    expect(print).toMatch(/section\.appendix\{break-before:page\}/);
    expect(print).toMatch(/tr,li,figure[^{]*\{break-inside:avoid\}/);
    expect(print).toMatch(/figure\.chart svg\{max-height:\d+mm/);
  });

  it('13.4: a likely-benign incident says "likely benign: review" with its reasons and nothing to block', () => {
    const incident = {
      ...apt10Incident(),
      verdict: 'likely-benign' as const,
      verdictReasons: ['Nightly backup <of> 656 MB, same hour every night.'],
    };
    const input = reportInput({ incidents: [{ incident, attribution: apt10Attribution() }] });
    const h = htmlFormat.render(input);
    expect(h).toContain('<span class="badge benign">likely benign: review</span>');
    expect(h).toContain('<strong>Likely benign: review.</strong>');
    expect(h).toContain('<li>Nightly backup &lt;of&gt; 656 MB, same hour every night.</li>');
    expect(h).not.toContain('Block these names');
    expect(h).not.toContain('Isolate these');
    expect(h).toContain('None: the incident is likely benign');
    const m = markdownFormat.render(input);
    expect(m).toContain('likely benign: review');
    expect(m).toContain('- Nightly backup &lt;of&gt; 656 MB, same hour every night.');
    expect(m).not.toContain('Isolate these');
  });

  it('13.4: a triage decision is shown when given, and a benign one withholds the block actions', () => {
    const base = reportInput().incidents[0]!;
    const confirmed = htmlFormat.render(
      reportInput({
        incidents: [
          {
            ...base,
            triage: {
              incidentId: base.incident.id,
              status: 'true-positive',
              by: 'ana',
              at: '2016-06-03T10:00:00Z',
              note: '<b>IR-42</b>',
            },
          },
        ],
      }),
    );
    expect(confirmed).toContain(
      'Triage: <strong>true-positive</strong> by ana on 2016-06-03: &lt;b&gt;IR-42&lt;/b&gt;',
    );
    expect(confirmed).toContain('Isolate these 23 hosts');
    const benign = markdownFormat.render(
      reportInput({
        incidents: [
          {
            ...base,
            triage: {
              incidentId: base.incident.id,
              status: 'benign',
              note: 'pen test',
              by: 'ana',
              at: '2016-06-03T10:00:00Z',
            },
          },
        ],
      }),
    );
    expect(benign).toContain('**Triage:** benign by ana on 2016-06-03: pen test');
    expect(benign).not.toContain('Isolate these');
  });

  it('13.4: the new sections escape attacker strings (HTML tags, Markdown structure)', () => {
    const input = reportInput({
      incidents: [{ incident: hostileIncident(), attribution: hostileAttribution() }],
    });
    const h = htmlFormat.render(input);
    expect(strayAngles(h, reportTags)).toEqual([]);
    const actions = h.slice(
      h.indexOf('<h3>Recommended actions'),
      h.indexOf('</ol>', h.indexOf('<h3>Recommended actions')),
    );
    expect(actions).toContain('evil.example&quot;&gt;&lt;script&gt;');
    expect(actions).not.toContain(hostile.domain);
    const block = h.slice(
      h.indexOf('<pre class="copy list">'),
      h.indexOf('</pre>', h.indexOf('<pre class="copy list">')),
    );
    expect(block).toContain('evil.example&quot;&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    expect(block).not.toContain(hostile.domain);
    const m = markdownFormat.render(input);
    expect(tableProblems(m)).toEqual([]);
    expect(m).not.toContain('<');
    expect(m).not.toMatch(/^## injected/m);
    // In the Markdown block list, anything a name cannot hold is percent-encoded.
    expect(m).toContain('evil.example%22%3E%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E');
    expect(markdownShape(m).filter((l) => l.startsWith('#')).length).toBeGreaterThan(5);
  });
});
