// The apt intrusion with a planted actor's evidence: its names, addresses, hashes, user agent and
// JA3 appear in the logs; everything the plant does not touch stays as without it.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { logLines, readLog, tempDir } from '../../../test/sim/sim-helpers.js';
import { simulate } from '../simulate.js';
import { resolvePlanted } from './planted-evidence.js';

const dir = tempDir('planted');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = {
  scenario: 'apt',
  hosts: 8,
  hours: 12,
  seed: 11,
  start: '2019-03-04T00:00:00Z',
  c2: 2,
} as const;
const sha256 = 'fadf362a52dcf884f0d41ce3df9eaa9bb30227afda50c0e0657c096baff501f0';
const md5 = 'e5aacf3103af27f9aaafa0a74b296d50';
const planted = {
  domains: ['Kawasaki.Cloud-Maste.com'],
  ips: ['27.102.66.67'],
  files: [{ sha256 }, { md5: md5.toUpperCase() }],
  userAgent: 'Mozilla/4.0 (compatible; MSIE 8.0; Win32)',
  ja3: 'a0e9f5d64349fb13191bc781f81f42e1',
};

describe('planted evidence in the apt intrusion', () => {
  it('puts the actor’s C2 name, address, implant hashes, user agent and JA3 into the logs', async () => {
    const out = path.join(dir, 'tls');
    const truth = await simulate({ ...base, out, planted });
    const dns = readLog(out, 'dns');
    expect(dns.some((r) => r['query'] === 'kawasaki.cloud-maste.com')).toBe(true);
    expect(logLines(out, 'conn').some((l) => l.includes('\t27.102.66.67\t'))).toBe(true);
    const files = readLog(out, 'files');
    expect(files.some((r) => r['sha256'] === sha256)).toBe(true);
    expect(files.some((r) => r['md5'] === md5)).toBe(true);
    const ssl = readLog(out, 'ssl');
    expect(ssl.some((r) => r['server_name'] === 'kawasaki.cloud-maste.com' && r['ja3'] === planted.ja3)).toBe(
      true,
    );
    const apt = truth.intrusions[0];
    expect(apt?.c2[0]?.domains).toEqual(['kawasaki.cloud-maste.com', 'cloud-maste.com']);
    expect(apt?.c2[0]?.ips).toContain('27.102.66.67');
    expect(apt?.details['userAgent']).toBe(planted.userAgent);
    expect(truth.params.planted?.files).toEqual([{ sha256 }, { md5 }]);
  });

  it('changes nothing else: the same seed without a plant keeps its other C2 server and background', async () => {
    const plain = path.join(dir, 'plain');
    const with_ = path.join(dir, 'with');
    const a = await simulate({ ...base, out: plain });
    const b = await simulate({ ...base, out: with_, planted: { domains: ['wthelpdesk.com'] } });
    expect(a.params.planted).toBeUndefined();
    expect(b.intrusions[0]?.c2[1]).toEqual(a.intrusions[0]?.c2[1]);
    expect(b.infectedHosts).toEqual(a.infectedHosts);
    const lookalike = a.intrusions[0]?.c2[0]?.domains[0] ?? '';
    // DNS sizes follow the name's length; every other connection must be the same, byte for byte.
    const untouched = (lines: string[]) =>
      lines.filter(
        (l) => !l.includes('\t53\tudp\t') && !l.includes(lookalike) && !l.includes('wthelpdesk.com'),
      );
    expect(untouched(logLines(with_, 'conn'))).toEqual(untouched(logLines(plain, 'conn')));
  });

  it('rejects values that are not what they claim to be', () => {
    expect(() => resolvePlanted({ domains: ['not a domain'] })).toThrow(/not a domain name/);
    expect(() => resolvePlanted({ ips: ['example.com'] })).toThrow(/not an IPv4 address/);
    expect(() => resolvePlanted({ files: [{ md5: 'abc' }] })).toThrow(/not an MD5 hash/);
    expect(() => resolvePlanted({ files: [{}] })).toThrow(/at least one hash/);
    expect(() => resolvePlanted({ ja3: 'zz' })).toThrow(/JA3/);
    expect(() => resolvePlanted({ userAgent: 'a\tb' })).toThrow(/user agent/);
  });
});
