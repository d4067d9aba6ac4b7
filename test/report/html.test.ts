import { describe, expect, it } from 'vitest';
import { esc } from '../../src/report/html/html-escape.js';
import { htmlCsp, htmlFormat } from '../../src/report/html/html-format.js';
import {
  type HostileStrings,
  hostile,
  hostileAttribution,
  hostileIncident,
  reportInput,
} from './fixtures.js';
import { htmlShape, reportTags, strayAngles } from './structure.js';

describe('HTML report', () => {
  const html = htmlFormat.render(reportInput());

  it('is one self-contained file: a CSP that forbids fetches and scripts, and nothing to fetch', () => {
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${htmlCsp}">`);
    expect(htmlCsp).toMatch(/default-src 'none'/);
    expect(htmlCsp).toMatch(/script-src 'none'/);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|@import|url\(/i);
    const attributes = htmlShape(html).flatMap((t) => t.split(' ').slice(1));
    expect(
      attributes.filter((a) =>
        /^(src|srcset|xlink:href|action|formaction|poster|background|data|ping)$/i.test(a),
      ),
    ).toEqual([]);
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    for (const href of hrefs)
      expect(href).toMatch(
        /^(#incident-\d+(-appendix)?|https:\/\/attack\.mitre\.org\/techniques\/T\d{4}\/(\d{3}\/)?)$/,
      );
  });

  it('draws the timeline chart and the host–server graph inline for every incident', () => {
    expect(html.match(/<svg[^>]*class="timeline-chart"/g)).toHaveLength(3);
    expect(html.match(/<svg[^>]*class="host-server-graph"/g)).toHaveLength(3);
    // 23 hosts and 10 servers in the APT10 graph.
    const graph = html.slice(
      html.indexOf('class="host-server-graph"'),
      html.indexOf('</svg>', html.indexOf('class="host-server-graph"')),
    );
    expect(graph.match(/<circle /g)).toHaveLength(23);
    expect(graph.match(/<rect /g)).toHaveLength(10);
  });

  it('shows the TLP banner in the TLP 2.0 colour, top and bottom', () => {
    expect(html.match(/<div class="tlp" role="note"><b style="color:#FFC000">TLP:AMBER<\/b>/g)).toHaveLength(
      2,
    );
    const red = htmlFormat.render(reportInput({ tlp: 'red' }));
    expect(red).toContain('<b style="color:#FF2B2B">TLP:RED</b>');
    expect(red).toContain('<title>TLP:RED ');
  });

  it('states the attribution with ICD 203 terms, confidence, evidence and the ACH matrix', () => {
    expect(html).toContain(
      '<strong>menuPass</strong> <span class="sub">(G0045)</span>: <span class="term">very likely</span> (87%)',
    );
    expect(html).toContain('<td class="mark consistent" title="consistent">✓</td>');
    expect(html).toContain('<span class="kind">infrastructure</span>');
  });

  it('escapes every attacker string, in text and in attributes', () => {
    expect(strayAngles(html, reportTags)).toEqual([]);
    expect(html).not.toContain(hostile.domain);
    expect(html).toContain(esc(hostile.domain));
    expect(html).toContain('evil.example&quot;&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    expect(html).toContain(esc(hostile.userAgent));
    expect(html).toContain(esc(hostile.certSubject));
    expect(html).toContain('line1.example\\n## injected heading\\n| x | y |');
  });

  it('has the same tags and attributes whatever the attacker strings are', () => {
    const plain = Object.fromEntries(
      Object.keys(hostile).map((k, i) => [k, `plain${i}.example`]),
    ) as HostileStrings;
    const render = (s: HostileStrings) =>
      htmlFormat.render(
        reportInput({ incidents: [{ incident: hostileIncident(s), attribution: hostileAttribution(s) }] }),
      );
    expect(htmlShape(render(hostile))).toEqual(htmlShape(render(plain)));
  });

  it('says plainly when attribution did not run', () => {
    const input = reportInput();
    const text = htmlFormat.render({ ...input, incidents: [{ ...input.incidents[1]!, attribution: null }] });
    expect(text).toContain(
      'Attribution was not assessed: no threat-intelligence knowledge base was installed.',
    );
  });

  it('renders an empty hunt', () => {
    const text = htmlFormat.render(reportInput({ incidents: [] }));
    expect(text).toContain('No incidents were found.');
  });
});
