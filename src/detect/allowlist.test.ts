import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../domain/finding.js';
import { Allowlist } from './allowlist.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-allow-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const finding = (ip: string | null, domain: string | null, ja3?: string | string[]): Finding => ({
  detector: 'beaconing',
  techniques: [],
  host: '10.0.0.1',
  endpointIp: ip,
  endpointDomain: domain,
  first: '',
  last: '',
  connections: 1,
  bytesOut: null,
  bytesIn: null,
  score: 0.6,
  severity: 'medium',
  stats: ja3 ? { ja3 } : {},
  explanation: '',
  links: [],
});

describe('allowlist', () => {
  it('allows addresses, CIDRs, domains with their subdomains, and JA3 fingerprints', () => {
    const file = path.join(dir, 'allow.txt');
    writeFileSync(
      file,
      '# partners\n203.0.113.0/24\n2001:db8::1\nbackup.example.com # nightly backup\nja3:6734F37431670B3AB4292B8F60F29984\n',
    );
    const a = Allowlist.fromFile(file);
    expect(a.allows(finding('203.0.113.77', null))).toBe(true);
    expect(a.allows(finding('2001:db8::1', null))).toBe(true);
    expect(a.allows(finding(null, 'eu.backup.example.com'))).toBe(true);
    expect(a.allows(finding(null, 'notbackup.example.com'))).toBe(false);
    expect(a.allows(finding('198.51.100.1', null, '6734f37431670b3ab4292b8f60f29984'))).toBe(true);
    // Only when every fingerprint the finding is about is allowed.
    expect(
      a.allows(finding('198.51.100.1', null, ['6734f37431670b3ab4292b8f60f29984', 'ffff' + '0'.repeat(28)])),
    ).toBe(false);
  });

  it('names the file and line of an entry it cannot read', () => {
    const file = path.join(dir, 'bad.txt');
    writeFileSync(file, '10.0.0.0/8\nnot a thing\n');
    expect(() => Allowlist.fromFile(file)).toThrow(/bad\.txt: line 2: "not a thing"/);
    expect(() => Allowlist.fromFile(path.join(dir, 'missing.txt'))).toThrow(/missing\.txt: cannot read/);
  });
});
