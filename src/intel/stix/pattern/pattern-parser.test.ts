import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeWithSharedData, sharedData } from '../../../../test/helpers/shared-data.js';
import { PatternError, parsePattern, printPattern } from './index.js';

/** Parses, prints and parses again: the two trees must be equal. */
function roundTrip(text: string): void {
  const ast = parsePattern(text);
  expect(parsePattern(printPattern(ast))).toEqual(ast);
}

function errorOf(text: string): PatternError {
  try {
    parsePattern(text);
  } catch (err) {
    if (err instanceof PatternError) return err;
    throw err;
  }
  throw new Error(`parsed: ${text}`);
}

describe('parsePattern', () => {
  it('reads a hash comparison with a quoted path component', () => {
    expect(parsePattern("[file:hashes.'SHA-256' = 'aa']")).toEqual({
      kind: 'observation',
      comparison: {
        kind: 'compare',
        path: {
          objectType: 'file',
          steps: [
            { kind: 'prop', name: 'hashes' },
            { kind: 'prop', name: 'SHA-256' },
          ],
        },
        op: '=',
        negated: false,
        value: { kind: 'string', value: 'aa' },
      },
    });
  });

  it('reads list indexes, negative indexes and wildcards', () => {
    const ast = parsePattern("[email-message:body_multipart[*].body_raw_ref.hashes[0].x[-1] = 'a']");
    expect(
      ast.kind === 'observation' && ast.comparison.kind === 'compare' && ast.comparison.path.steps,
    ).toEqual([
      { kind: 'prop', name: 'body_multipart' },
      { kind: 'index', index: '*' },
      { kind: 'prop', name: 'body_raw_ref' },
      { kind: 'prop', name: 'hashes' },
      { kind: 'index', index: 0 },
      { kind: 'prop', name: 'x' },
      { kind: 'index', index: -1 },
    ]);
  });

  it('gives AND precedence over OR, and OR over FOLLOWEDBY', () => {
    const ast = parsePattern('[a:b = 1] OR [c:d = 2] AND [e:f = 3] FOLLOWEDBY [g:h = 4]');
    expect(ast.kind).toBe('observations');
    if (ast.kind !== 'observations') return;
    expect(ast.op).toBe('FOLLOWEDBY');
    const first = ast.operands[0];
    expect(first?.kind === 'observations' && first.op).toBe('OR');
    expect(
      first?.kind === 'observations' && first.operands[1]?.kind === 'observations' && first.operands[1].op,
    ).toBe('AND');
    const cmp = parsePattern('[a:b = 1 OR a:c = 2 AND a:d = 3]');
    expect(cmp.kind === 'observation' && cmp.comparison.kind === 'comparisons' && cmp.comparison.op).toBe(
      'OR',
    );
  });

  it('reads every literal kind', () => {
    const ast = parsePattern(
      "[x:a IN ('s\\'q\\\\', 12, -3, +4, 1.5, -0.25, .5, true, FALSE, t'2020-01-02T03:04:05.123Z', b'aGk=', h'0aFF')]",
    );
    expect(ast.kind === 'observation' && ast.comparison.kind === 'in' && ast.comparison.values).toEqual([
      { kind: 'string', value: "s'q\\" },
      { kind: 'int', value: 12 },
      { kind: 'int', value: -3 },
      { kind: 'int', value: 4 },
      { kind: 'float', value: 1.5 },
      { kind: 'float', value: -0.25 },
      { kind: 'float', value: 0.5 },
      { kind: 'bool', value: true },
      { kind: 'bool', value: false },
      { kind: 'timestamp', value: '2020-01-02T03:04:05.123Z' },
      { kind: 'binary', value: 'aGk=' },
      { kind: 'hex', value: '0aFF' },
    ]);
  });

  it('reads qualifiers, stacked and on groups', () => {
    const ast = parsePattern(
      "([a:b = 1] AND [c:d = 2]) WITHIN 300 SECONDS REPEATS 5 TIMES START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'",
    );
    expect(ast.kind === 'qualified' && ast.qualifiers).toEqual([
      { kind: 'within', seconds: 300 },
      { kind: 'repeats', times: 5 },
      { kind: 'start-stop', start: '2016-06-01T00:00:00Z', stop: '2016-07-01T00:00:00Z' },
    ]);
  });

  it('reads every operator, NOT and EXISTS', () => {
    for (const op of ['=', '==', '!=', '<>', '<', '<=', '>', '>='])
      expect(() => parsePattern(`[a:b ${op} 1]`)).not.toThrow();
    for (const op of ['LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET'])
      expect(() => parsePattern(`[a:b NOT ${op} 'x']`)).not.toThrow();
    const ast = parsePattern("[a:b NOT IN ('x') AND EXISTS a:c]");
    expect(
      ast.kind === 'observation' && ast.comparison.kind === 'comparisons' && ast.comparison.operands,
    ).toMatchObject([
      { kind: 'in', negated: true },
      { kind: 'exists', path: { objectType: 'a' } },
    ]);
    expect(parsePattern('[a:b == 1]')).toEqual(parsePattern('[a:b = 1]'));
    expect(parsePattern('[a:b <> 1]')).toEqual(parsePattern('[a:b != 1]'));
  });

  it('keeps a backslash that escapes nothing, as real MATCHES patterns write regexes', () => {
    const ast = parsePattern("[file:name MATCHES '^a\\.exe$']");
    expect(ast.kind === 'observation' && ast.comparison.kind === 'compare' && ast.comparison.value).toEqual({
      kind: 'string',
      value: '^a\\.exe$',
    });
    roundTrip("[file:name MATCHES '^a\\.exe$']");
  });

  it('lets keywords name object types and properties', () => {
    roundTrip("[IN:AND.OR = 'x' AND EXISTS EXISTS:NOT]");
    roundTrip("[x-foo:a.'with space'.'it\\'s' = 1]");
  });

  it.each([
    ["[file:name = 'a'", 17, 'expected "]"'],
    ["[file:name = 'a]", 14, 'unterminated string'],
    ['[file:name]', 11, 'comparison operator'],
    ['[file:name = ]', 14, 'literal'],
    ["[file:name = 'a' and file:size = 1]", 18, 'upper case'],
    ["file:name = 'a'", 1, 'expected "[" or "("'],
    ["[file name = 'a']", 7, 'expected ":"'],
    ['[file:name > true]', 12, 'orderable'],
    ['[file:name LIKE 5]', 17, 'quoted string'],
    ['[a:b = 1] WITHIN -1 SECONDS', 18, 'seconds'],
    ['[a:b = 1] WITHIN 5 MINUTES', 20, 'SECONDS'],
    ['[a:b = 1] REPEATS 2.5 TIMES', 19, 'integer'],
    ["[a:b = t'2020-13-01T00:00:00Z']", 8, 'bad timestamp'],
    ["[a:b = h'abc']", 8, 'hex'],
    ["[a:b = b'a=b=']", 8, 'base64'],
    ['[a:b = 007]', 8, 'leading zero'],
    ['[a:b = 99999999999999999999]', 8, 'out of range'],
    ['[a:b = 1] [c:d = 2]', 11, 'end of the pattern'],
    ['[a:b IN (1, 2]', 14, 'IN list'],
    ['[a:b = 1 ; ]', 10, 'unexpected character'],
    ['[]', 2, 'object path'],
    ['', 1, 'expected "["'],
  ])('rejects %s at column %i', (text, column, fragment) => {
    const err = errorOf(text);
    expect(err.column).toBe(column);
    expect(err.message).toContain(fragment);
    expect(err.message).toMatch(/^column \d+: /);
  });

  it('refuses nesting deep enough to exhaust the stack, with a parse error', () => {
    const deep = `${'('.repeat(5000)}[a:b = 1]${')'.repeat(5000)}`;
    expect(errorOf(deep).message).toContain('nested deeper');
    expect(errorOf(`[${'('.repeat(5000)}a:b = 1${')'.repeat(5000)}]`).message).toContain('nested deeper');
  });

  it('reads long flat chains without recursion trouble', () => {
    const chain = Array.from(
      { length: 5000 },
      (_, i) => `ipv4-addr:value = '10.0.${i >> 8}.${i & 255}'`,
    ).join(' OR ');
    const ast = parsePattern(`[${chain}]`);
    expect(
      ast.kind === 'observation' && ast.comparison.kind === 'comparisons' && ast.comparison.operands.length,
    ).toBe(5000);
    roundTrip(`[${chain}]`);
  });

  it('prints groups back only where they are needed', () => {
    expect(printPattern(parsePattern('([a:b = 1] AND [c:d = 2]) OR ([e:f = 3])'))).toBe(
      '[a:b = 1] AND [c:d = 2] OR [e:f = 3]',
    );
    expect(printPattern(parsePattern('[a:b = 1] AND ([c:d = 2] AND [e:f = 3])'))).toBe(
      '[a:b = 1] AND ([c:d = 2] AND [e:f = 3])',
    );
    expect(printPattern(parsePattern('[(a:b = 1 OR a:c = 2) AND a:d = 3]'))).toBe(
      '[(a:b = 1 OR a:c = 2) AND a:d = 3]',
    );
    expect(printPattern(parsePattern('[a:b = 1.0] WITHIN 2.50 SECONDS'))).toBe(
      '[a:b = 1.0] WITHIN 2.5 SECONDS',
    );
  });

  it.each([
    "[ipv4-addr:value = '198.51.100.1/32' OR ipv4-addr:value = '203.0.113.33/32' OR ipv6-addr:value = '2001:0db8:dead:beef:dead:beef:dead:0001/128']",
    "[domain-name:value = 'example.com'] AND [network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'example.com' AND network-traffic:dst_port = 443]",
    "[windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\System\\\\Foo' AND windows-registry-key:values[*].name = 'Bar']",
    "[process:command_line MATCHES '^.+>-add GlobalSign.cer -c -s -r localMachine Root$'] FOLLOWEDBY [process:command_line MATCHES '^.+>-add GlobalSign.cer -c -s -r localMachineTrustedPublisher$'] WITHIN 300 SECONDS",
    "[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]",
    "[network-traffic:extensions.'http-request-ext'.request_header.'Accept-Encoding' NOT LIKE '%gzip%']",
    "[user-account:account_type = 'unix' AND user-account:user_id = '1007' AND user-account:account_login = 'Peter'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1008']",
    "[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES '\\\\xd4\\\\xc3\\\\xb2\\\\xa1\\\\x02\\\\x00\\\\x04\\\\x00']",
    "[file:mime_type = 'image/bmp' AND file:magic_number_hex = h'ffd8']",
    "[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28']",
    "[network-traffic:dst_port IN (80, 443, 8080) AND network-traffic:protocols[*] = 'tcp']",
    "[file:created > t'2016-01-01T00:00:00Z' AND file:created <= t'2016-12-31T23:59:59.999Z'] REPEATS 3 TIMES",
  ])('parses and round-trips the spec-style pattern %s', (text) => {
    roundTrip(text);
  });
});

/** Every `pattern` in a JSON file, wherever it sits. */
function patternsIn(rel: string): string[] {
  const found: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'pattern' && typeof x === 'string') found.push(x);
        else walk(x);
      }
    }
  };
  walk(JSON.parse(readFileSync(sharedData(rel), 'utf8')));
  return found;
}

describeWithSharedData('parsePattern on real patterns', () => {
  const files = [
    'intel/stix/unit42-playbook-granite-taurus-menuPass.stix20.json',
    'intel/stix/unit42-playbook-plugx.stix20.json',
    'stix/cti-stix2-json-schemas/examples/threat-reports/apt1.json',
    'stix/cti-stix2-json-schemas/examples/threat-reports/poisonivy.json',
    'stix/cti-stix2-json-schemas/examples/malicious-email-indicator-with-attachment.json',
    'stix/cti-stix2-json-schemas/examples/indicators-for-C2-with-COA.json',
    'stix/cti-stix2-json-schemas/examples/indicator-to-campaign-relationship.json',
    'stix/taxii21/medallion-default_data.json',
  ];
  it.each(files)('parses and round-trips every pattern in %s', (rel) => {
    const patterns = patternsIn(rel);
    expect(patterns.length).toBeGreaterThan(0);
    for (const p of patterns) roundTrip(p);
  });
});
