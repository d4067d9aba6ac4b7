import { describe, expect, it } from 'vitest';
import type { Incident } from '../../src/domain/incident.js';
import { blockListCsv, blockListText, percentEncodeUnusual } from '../../src/report/blocklist/block-list.js';
import {
  suricataContent,
  suricataRules,
  suricataSidBase,
} from '../../src/report/blocklist/suricata-rules.js';
import { formatByName } from '../../src/report/registry.js';
import type { ReportInput } from '../../src/report/report-format.js';
import { apt10Incident, reportInput } from './fixtures.js';

/** Names an attacker could register or put in a Host header or SNI to break out of a rule or cell. */
const evil = [
  'evil.example"; sid:1; rev:1;) alert ip any any -> any any (msg:"pwned',
  'pipe|7C|.example',
  'back\\slash.example',
  'semi;colon.example',
  'line\nbreak.example',
  'nul\u0000.example',
  'bidi\u202Eelpmaxe.com',
  "=cmd|' /C calc'!A0.example",
  'ünïcode.example',
];

function evilIncident(): Incident {
  const base = apt10Incident();
  const [first, ...rest] = base.servers;
  return {
    ...base,
    servers: [{ ...first!, domains: evil, ips: ['203.0.113.66', 'not-an-ip', '2001:db8::1'] }, ...rest],
  };
}

const input = (incident: Incident, over: Partial<ReportInput['incidents'][number]> = {}): ReportInput =>
  reportInput({ incidents: [{ incident, attribution: null, ...over }] });

/**
 * A structural check of one Suricata rule (there is no suricata binary here): the header, options
 * separated by unescaped `;` outside quotes, only the keywords we write, quoted strings with no
 * raw `"`, `;` or `\`, and `|` only around hex bytes in content.
 */
function ruleProblems(rule: string): string[] {
  const problems: string[] = [];
  const m = /^alert (dns|tls|http|ip) \$HOME_NET any (->|<>) (any|\[[0-9a-fA-F:.]+\]) any \((.*)\)$/.exec(
    rule,
  );
  if (!m) return [`bad header: ${rule}`];
  const options: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < m[4]!.length; i++) {
    const c = m[4]![i]!;
    if (c === '\\') {
      problems.push(`backslash at ${i}`);
      cur += c;
    } else if (c === '"') {
      quoted = !quoted;
      cur += c;
    } else if (c === ';' && !quoted) {
      options.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  if (quoted) problems.push('unterminated string');
  if (cur.trim() !== '') problems.push(`trailing text: ${cur}`);
  const allowed =
    /^(msg:"[^"]*"|content:"[^"]*"|dns\.query|tls\.sni|http\.host|dotprefix|nocase|endswith|classtype:[a-z-]+|sid:\d+|rev:\d+)$/;
  for (const o of options) {
    if (!allowed.test(o)) problems.push(`unexpected option: ${o}`);
    const content = /^content:"(.*)"$/.exec(o)?.[1];
    if (content !== undefined) {
      const outside = content.replace(/\|[0-9A-F]{2}(?: [0-9A-F]{2})*\|/g, '');
      if (/[|;"\\\u0000-\u001f\u007f-\uffff]/.test(outside)) problems.push(`unescaped content: ${content}`);
    }
    const msg = /^msg:"(.*)"$/.exec(o)?.[1];
    if (msg !== undefined && /[;"\\|\u0000-\u001f\u007f-\uffff]/.test(msg))
      problems.push(`unsafe msg: ${msg}`);
  }
  if (!options.some((o) => o.startsWith('sid:'))) problems.push('no sid');
  return problems;
}

describe('indicator block list', () => {
  it('13.4: Suricata rules for DNS, TLS SNI and HTTP Host names and IP rules, well formed, unique local sids', () => {
    const rules = suricataRules(input(apt10Incident()));
    const lines = rules.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(lines.length).toBeGreaterThan(10);
    for (const l of lines) expect(ruleProblems(l)).toEqual([]);
    const sids = lines.map((l) => Number(/sid:(\d+);/.exec(l)?.[1]));
    expect(new Set(sids).size).toBe(sids.length);
    expect(Math.min(...sids)).toBeGreaterThan(suricataSidBase);
    expect(Math.max(...sids)).toBeLessThan(10_000_000);
    expect(lines.every((l) => l.includes('msg:"mamori INC-'))).toBe(true);
    const name = apt10Incident().servers[0]!.domains[0]!;
    expect(rules).toContain(`dns.query; dotprefix; content:".${name}"; nocase; endswith;`);
    expect(rules).toContain(`tls.sni; dotprefix; content:".${name}"; nocase; endswith;`);
    expect(rules).toContain(`http.host; dotprefix; content:".${name.toLowerCase()}"; endswith;`);
    expect(rules).toMatch(/alert ip \$HOME_NET any <> \[\d+\.\d+\.\d+\.\d+\] any \(msg:"mamori /);
  });

  it('13.4: a bare TLD, a wildcard or a domain a detector only grouped names under is never blocked', () => {
    const base = apt10Incident();
    const [first, ...rest] = base.servers;
    const grouped = {
      ...base.findings[0]!,
      endpointDomain: 'blogspot.com',
      stats: { ...base.findings[0]!.stats, names: ['evil-owner.blogspot.com'] },
    };
    const incident = {
      ...base,
      findings: [...base.findings, grouped],
      servers: [
        { ...first!, domains: ['com', '*', '*.github.io', 'blogspot.com', 'evil-owner.blogspot.com'] },
        ...rest,
      ],
    };
    const values = blockListText(input(incident)).split('\n');
    expect(values).toContain('evil-owner.blogspot.com');
    for (const v of ['com', '*', '*.github.io', 'blogspot.com']) expect(values).not.toContain(v);
  });

  it('13.5: an analyst confirming a likely-benign incident brings back its block list', () => {
    const base = apt10Incident();
    const benign = { ...base, verdict: 'likely-benign' as const, verdictReasons: ['one schedule'] };
    const triage = (status: 'true-positive' | 'benign') => ({
      incidentId: base.id,
      status,
      note: null,
      by: 'ana',
      at: '2016-06-03T10:00:00Z',
    });
    expect(blockListText(input(benign))).toContain('likely benign, nothing to block');
    expect(blockListText(input(benign, { triage: triage('true-positive') }))).toContain(
      base.servers[0]!.domains[0],
    );
    expect(blockListText(input(base, { triage: triage('benign') }))).not.toContain(
      base.servers[0]!.domains[0],
    );
  });

  it('13.4: a name whose parent name is listed too gets no rules of its own', () => {
    const base = apt10Incident();
    const [first, ...rest] = base.servers;
    const incident = {
      ...base,
      servers: [{ ...first!, domains: ['cdn.c2.example', 'c2.example'] }, ...rest],
    };
    const rules = suricataRules(input(incident));
    expect(rules).toContain('content:".c2.example"');
    expect(rules).not.toContain('content:".cdn.c2.example"');
  });

  it('13.4: no attacker name can break out of a Suricata rule: quotes, semicolons, backslashes, pipes and controls are hex', () => {
    const rules = suricataRules(input(evilIncident()));
    const lines = rules.split('\n').filter((l) => l && !l.startsWith('#'));
    for (const l of lines) expect(ruleProblems(l)).toEqual([]);
    expect(
      lines.filter(
        (l) => l.startsWith('alert dns') && l.includes(`"mamori ${evilIncident().id} DNS ${'evil'}`),
      ),
    ).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('alert dns')).length).toBeGreaterThanOrEqual(evil.length);
    expect(suricataContent('a";b|c\\d\ne')).toBe('a|22 3B|b|7C|c|5C|d|0A|e');
    expect(suricataContent('ü')).toBe('|C3 BC|');
    // Addresses that are not addresses get no IP rule; IPv6 ones do.
    expect(rules).not.toContain('not-an-ip');
    expect(rules).toContain('[2001:db8::1]');
    expect(rules.split('\n').every((l) => !/[\u0000-\u0009\u000b-\u001f]/.test(l))).toBe(true);
  });

  it('13.4: plain text has one value per line; CSV cells are neutralised and quoted', () => {
    const text = blockListText(input(evilIncident()));
    const values = text.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(values).toContain('line\\nbreak.example');
    expect(values).toContain('nul\\u0000.example');
    expect(values).toContain('bidi\\u202Eelpmaxe.com');
    expect(values).toContain('203.0.113.66');
    expect(values).not.toContain('not-an-ip');
    const csv = blockListCsv(input(evilIncident()));
    const rows = csv.trimEnd().split('\n');
    expect(rows[0]).toBe('incident,kind,value,role,server');
    expect(rows.length).toBe(1 + values.length);
    expect(csv).toContain(`,'=cmd|' /C calc'!A0.example,`);
    expect(csv).toContain('"evil.example""; sid:1; rev:1;) alert ip any any -> any any (msg:""pwned"');
    expect(percentEncodeUnusual('a b<c>.example')).toBe('a%20b%3Cc%3E.example');
    expect(percentEncodeUnusual('---x')).toBe('%2D--x');
  });

  it('13.4: servers on benign warninglists and likely-benign or benign-triaged incidents are never listed', () => {
    const base = apt10Incident();
    const listed = { ...base, servers: base.servers.map((s) => ({ ...s, warninglists: ['amazon-aws'] })) };
    expect(
      blockListText(input(listed))
        .split('\n')
        .filter((l) => l && !l.startsWith('#')),
    ).toEqual(expect.not.arrayContaining([base.servers[0]!.domains[0]]));
    const benign = { ...base, verdict: 'likely-benign' as const, verdictReasons: ['routine nightly backup'] };
    expect(blockListText(input(benign))).toContain('likely benign, nothing to block');
    expect(
      suricataRules(input(benign))
        .split('\n')
        .filter((l) => l.startsWith('alert')),
    ).toEqual([]);
    expect(blockListCsv(input(benign)).trimEnd()).toBe('incident,kind,value,role,server');
    const triaged = input(base, {
      triage: {
        incidentId: 'INC-x',
        status: 'benign',
        note: "the admins' backup",
        by: 'ana',
        at: '2016-06-03T10:00:00Z',
      },
    });
    expect(
      suricataRules(triaged)
        .split('\n')
        .filter((l) => l.startsWith('alert')),
    ).toEqual([]);
  });

  it('13.4: the block list formats are report formats: blocklist, blocklist-csv and suricata', () => {
    expect(formatByName('blocklist').extension).toBe('txt');
    expect(formatByName('blocklist-csv').mediaType).toMatch(/^text\/csv/);
    expect(formatByName('suricata').extension).toBe('rules');
  });
});
