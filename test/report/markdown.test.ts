import { describe, expect, it } from 'vitest';
import { defang, mdText } from '../../src/report/md/md-escape.js';
import { markdownFormat } from '../../src/report/md/md-format.js';
import { mdCaps } from '../../src/report/md/md-incident.js';
import {
  type HostileStrings,
  hostile,
  hostileAttribution,
  hostileIncident,
  reportInput,
} from './fixtures.js';
import { markdownShape, tableProblems } from './structure.js';

describe('Markdown report', () => {
  const md = markdownFormat.render(reportInput());

  it('opens and closes with the TLP banner and leads each incident with its summary and attribution', () => {
    expect(md.startsWith('> **TLP:AMBER**: ')).toBe(true);
    expect(md.trimEnd().endsWith('on a need-to-know basis.')).toBe(true);
    expect(md).toContain(
      '**What happened:** 23 internal hosts exchanged 4.1 GB (3.8 GB outbound) with 10 external servers between 2016-06-02 and 2016-11-10.',
    );
    expect(md).toContain('**Confidence:** menuPass (G0045): very likely (87%). Analytic confidence: high.');
    expect(md).toContain('| **menuPass** | G0045 | APT10, Stone Panda');
    expect(md).toContain('| *unknown actor* | — | — | 9% | very unlikely |');
    expect(md).toContain('#### Analysis of competing hypotheses');
    expect(md).toContain('| E1 (infrastructure) | ✓ consistent | ✗ inconsistent |');
    expect(md).toContain('[T1573.002](https://attack.mitre.org/techniques/T1573/002/)');
  });

  it('13.4: tells the timeline per host and per server, and lists each finding once, in the appendix', () => {
    expect(md).toContain('### Timeline by host');
    expect(md).toContain('### Timeline by server');
    expect(md).not.toMatch(/^### Timeline$/m);
    const main = md.slice(0, md.indexOf('## Appendix'));
    expect(main).not.toContain('### Findings');
    const appendix = md.slice(md.indexOf('## Appendix'));
    expect(appendix.match(/^### Findings$/gm)).toHaveLength(3);
    expect(mdCaps.findings).toBeGreaterThanOrEqual(100);
  });

  it('says plainly when attribution did not run', () => {
    const input = reportInput();
    const text = markdownFormat.render({
      ...input,
      incidents: [{ ...input.incidents[0]!, attribution: null }],
    });
    expect(text).toContain('**Confidence:** not assessed (no knowledge base installed).');
  });

  it('keeps every table intact and lets no raw HTML through, with hostile strings', () => {
    expect(tableProblems(md)).toEqual([]);
    expect(md).not.toContain('<');
    expect(md).toContain('evil\\[.\\]example"&gt;&lt;script&gt;window.\\_\\_pwned=1&lt;/script&gt;');
    expect(md).toContain('a\\|b\\|c\\[.\\]example\\`rm -rf /\\`');
    expect(md).toContain('line1\\[.\\]example\\\\n\\#\\# injected heading\\\\n\\| x \\| y \\|');
    expect(md).not.toMatch(/^## injected/m);
  });

  it('has the same block structure whatever the attacker strings are', () => {
    const plain = Object.fromEntries(
      Object.keys(hostile).map((k, i) => [k, `plain${i}.example`]),
    ) as HostileStrings;
    const render = (s: HostileStrings) =>
      markdownFormat.render(
        reportInput({ incidents: [{ incident: hostileIncident(s), attribution: hostileAttribution(s) }] }),
      );
    expect(markdownShape(render(hostile))).toEqual(markdownShape(render(plain)));
  });

  it('escapes losslessly: unescaping gives back the text, control characters shown', () => {
    const unescapeMd = (s: string) =>
      s.replace(/\\(.)/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    expect(unescapeMd(mdText('a|b `c` <d> & *e* [f](g) _h_ ~i~ #j \\k'))).toBe(
      'a|b `c` <d> & *e* [f](g) _h_ ~i~ #j \\k',
    );
    expect(mdText('x\r\ny\tz\u0000')).toBe('x\\\\r\\\\ny\\\\tz\\\\u0000');
    expect(mdText('- item')).toBe('\\- item');
  });

  it('defangs names, URLs and mail addresses so that no renderer links them', () => {
    expect(defang('GET http://www.evil.example/a.php from cdn.c2.example')).toBe(
      'GET hxxp://www[.]evil[.]example/a[.]php from cdn.c2[.]example',
    );
    expect(defang('ops@mail.evil.example')).toBe('ops[@]mail.evil[.]example');
    // Addresses, version numbers and abbreviations are not links anywhere.
    expect(defang('10.1.0.42 ran Mozilla/5.0 (Windows NT 10.0), e.g. 203.0.113.5')).toBe(
      '10.1.0.42 ran Mozilla/5.0 (Windows NT 10.0), e.g. 203.0.113.5',
    );
    expect(mdText('cdn.c2.example')).toBe('cdn.c2\\[.\\]example');
  });
});
