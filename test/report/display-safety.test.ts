import { describe, expect, it } from 'vitest';
import { htmlFormat } from '../../src/report/html/html-format.js';
import { markdownFormat } from '../../src/report/md/md-format.js';
import { bidiStrings, hiddenChars, hostileAttribution, hostileIncident, reportInput } from './fixtures.js';
import { tableProblems } from './structure.js';

const input = reportInput({
  incidents: [{ incident: hostileIncident(bidiStrings), attribution: hostileAttribution(bidiStrings) }],
});
const raw = new RegExp(`[${hiddenChars}\\u0000-\\u0009\\u000b-\\u001f\\u0080-\\u009f]`, 'u');

describe('display safety in the reports', () => {
  it('M7: the HTML report carries no raw bidi or control character, only visible escapes', () => {
    const html = htmlFormat.render(input);
    expect(html).not.toMatch(raw);
    expect(html).toContain('c2\\u202Egnp.example');
    expect(html).toContain('tunnel\\u2066\\u202E\\u2066\\u2067\\u2068\\u2069\\u200E\\u200F\\u061C');
    expect(html).toContain('\\u200B\\u200C\\u200D\\uFEFF\\u2028\\u2029\\u001B\\u0085\\u007F.example');
  });

  it('M7: addresses and ports are isolated left to right in HTML tables and graph labels', () => {
    const html = htmlFormat.render(input);
    expect(html).toContain(
      '<div class="sub"><bdi dir="ltr">198.51.100.9</bdi> · port <bdi dir="ltr">443</bdi>',
    );
    expect(html).toContain('<span class="mono"><bdi dir="ltr">198.51.100.9</bdi></span>');
    // The graph's server label: the name in its own isolate, then the address and port left to right.
    expect(html).toContain(
      '&#x2068;c2\\u202Egnp.example&#x2069;<tspan fill="#5b6675" font-size="11">  &#x2066;198.51.100.9 · 443&#x2069;</tspan>',
    );
    expect(html).toContain('<title>&#x2068;c2\\u202Egnp.example&#x2069; (&#x2066;198.51.100.9&#x2069;, ');
  });

  it('M7: numbers after a right-to-left word keep their order (a left-to-right mark ends the run)', () => {
    const html = htmlFormat.render(input);
    expect(html).toContain('Mozilla/5.0 \u05E9\u05DC\u05D5\u05DD&#x200E; 203.0.113.79 · 443');
    const md = markdownFormat.render(input);
    expect(md).toContain('Mozilla/5.0 \u05E9\u05DC\u05D5\u05DD&lrm; 203.0.113.79 · 443');
  });

  it('M7: the Markdown report shows the escapes and keeps its tables', () => {
    const md = markdownFormat.render(input);
    expect(md).not.toMatch(raw);
    expect(md).toContain('c2\\\\u202Egnp\\[.\\]example');
    expect(tableProblems(md)).toEqual([]);
  });

  it('long names: a 257-character server name stays whole in Markdown and wraps anywhere in HTML', () => {
    expect(bidiStrings.domainPipes).toHaveLength(257);
    const md = markdownFormat.render(input);
    expect(md).toContain(bidiStrings.domainPipes.slice(0, 120));
    expect(tableProblems(md)).toEqual([]);
    const html = htmlFormat.render(input);
    expect(html).toMatch(/\.name\{overflow-wrap:anywhere;/);
    expect(html).toContain(`<td class="mono name"><div><bdi>${bidiStrings.domainPipes}</bdi></div>`);
  });
});
