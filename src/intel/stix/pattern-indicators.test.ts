import { describe, expect, it } from 'vitest';
import { parsePattern } from './pattern/index.js';
import { indicatorsOfPattern } from './pattern-indicators.js';

const of = (text: string) => indicatorsOfPattern(parsePattern(text));
const sha256 = 'e6ecb146f469d243945ad8a5451ba1129c5b190f7d50c64580dbad4b8246f88e';
const md5 = '001dd76872d80801692ff942308c64e6';
const sha1 = 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3';

describe('indicatorsOfPattern', () => {
  it.each([
    ["[ipv4-addr:value = '10.0.0.1']", { type: 'ipv4', value: '10.0.0.1' }],
    ["[ipv4-addr:value = '223.166.0.0/15']", { type: 'cidr', value: '223.166.0.0/15' }],
    ["[ipv6-addr:value = '2001:db8::1']", { type: 'ipv6', value: '2001:db8::1' }],
    ["[ipv6-addr:value = '2001:db8::/32']", { type: 'cidr', value: '2001:db8::/32' }],
    ["[domain-name:value = 'Evil.Example.COM']", { type: 'domain', value: 'evil.example.com' }],
    ["[url:value = 'http://x4z9arb.cn/4712']", { type: 'url', value: 'http://x4z9arb.cn/4712' }],
    ["[email-addr:value = 'Bad@Example.com']", { type: 'email', value: 'bad@example.com' }],
    [`[file:hashes.'SHA-256' = '${sha256.toUpperCase()}']`, { type: 'sha256', value: sha256 }],
    [`[file:hashes.SHA256 = '${sha256}']`, { type: 'sha256', value: sha256 }],
    [`[file:hashes.md5 = '${md5}']`, { type: 'md5', value: md5 }],
    [`[file:hashes.MD5 = '${md5}']`, { type: 'md5', value: md5 }],
    [`[file:hashes.'SHA-1' = '${sha1}']`, { type: 'sha1', value: sha1 }],
    [`[file:hashes.SHA1 = '${sha1}']`, { type: 'sha1', value: sha1 }],
    [`[x509-certificate:hashes.'SHA-1' = '${sha1}']`, { type: 'x509', value: sha1 }],
    ["[network-traffic:dst_ref.value = '198.51.100.7']", { type: 'ipv4', value: '198.51.100.7' }],
    ["[network-traffic:dst_ref.value = 'c2.example.net']", { type: 'domain', value: 'c2.example.net' }],
    [`[x-ja3:value = '${md5}']`, { type: 'ja3', value: md5 }],
    [`[network-traffic:extensions.'x-tls-ext'.ja3s = '${md5}']`, { type: 'ja3s', value: md5 }],
  ])('reads %s fully', (text, value) => {
    expect(of(text)).toEqual({ values: [value], matchable: 'full', rejected: [] });
  });

  it('reads each element of IN, and each side of OR, as an independent value', () => {
    const r = of(
      "[domain-name:value IN ('a.example.com', 'b.example.com') OR ipv4-addr:value = '192.0.2.1']",
    );
    expect(r.matchable).toBe('full');
    expect(r.values.map((v) => v.value)).toEqual(['a.example.com', 'b.example.com', '192.0.2.1']);
  });

  it('takes every hash of one file ANDed together as a value of its own', () => {
    const r = of(`[file:hashes.MD5 = '${md5}' AND file:hashes.'SHA-256' = '${sha256}']`);
    expect(r).toEqual({
      values: [
        { type: 'md5', value: md5 },
        { type: 'sha256', value: sha256 },
      ],
      matchable: 'full',
      rejected: [],
    });
  });

  it('puts a destination port on the addresses of the same observation', () => {
    const r = of(
      "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value IN ('192.0.2.1', '192.0.2.2') AND network-traffic:dst_port IN (443, 8443)]",
    );
    expect(r.matchable).toBe('full');
    expect(r.values).toEqual([
      { type: 'ipv4', value: '192.0.2.1', port: 443 },
      { type: 'ipv4', value: '192.0.2.1', port: 8443 },
      { type: 'ipv4', value: '192.0.2.2', port: 443 },
      { type: 'ipv4', value: '192.0.2.2', port: 8443 },
    ]);
  });

  it('keeps a domain of network traffic without its port, as partial', () => {
    const r = of("[network-traffic:dst_ref.value = 'c2.example.net' AND network-traffic:dst_port = 80]");
    expect(r.values).toEqual([{ type: 'domain', value: 'c2.example.net' }]);
    expect(r.matchable).toBe('partial');
    expect(r.reason).toContain('port');
  });

  it('calls a pattern partial when other conditions in the observation cannot be checked', () => {
    const r = of(
      "[domain-name:value = 'x.example.com' AND domain-name:resolves_to_refs[*].value = '10.0.0.1']",
    );
    expect(r.matchable).toBe('partial');
    expect(r.values).toEqual([{ type: 'domain', value: 'x.example.com' }]);
    const proc = of(`[file:hashes.MD5 = '${md5}' AND file:name = 'a.exe']`);
    expect(proc.matchable).toBe('partial');
    expect(proc.reason).toContain('file:name');
  });

  it('calls an AND or FOLLOWEDBY across observations partial, and names it', () => {
    const and = of("[domain-name:value = 'a.example.com'] AND [ipv4-addr:value = '192.0.2.1']");
    expect(and.matchable).toBe('partial');
    expect(and.values).toHaveLength(2);
    expect(and.reason).toContain('2 observations together');
    const seq = of("[domain-name:value = 'a.example.com'] FOLLOWEDBY [process:name = 'x.exe']");
    expect(seq.matchable).toBe('partial');
    expect(seq.reason).toContain('FOLLOWEDBY');
  });

  it('calls OR with an uncheckable alternative partial', () => {
    const r = of("[domain-name:value = 'a.example.com' OR file:name = 'x.exe']");
    expect(r.matchable).toBe('partial');
    expect(r.reason).toContain('alternative');
    expect(of("[domain-name:value = 'a.example.com'] OR [file:name = 'x.exe']").matchable).toBe('partial');
  });

  it('calls qualified patterns partial when a single sighting is not enough', () => {
    expect(of("[domain-name:value = 'a.example.com'] REPEATS 3 TIMES").reason).toContain('3 times');
    expect(
      of("[domain-name:value = 'a.example.com'] START t'2020-01-01T00:00:00Z' STOP t'2020-02-01T00:00:00Z'")
        .matchable,
    ).toBe('partial');
    expect(of("[domain-name:value = 'a.example.com'] WITHIN 60 SECONDS").matchable).toBe('full');
  });

  it.each([
    ["[file:name = 'CBricksDoc']", 'file:name'],
    ["[process:command_line MATCHES '^cmd']", 'process:command_line'],
    ["[windows-registry-key:key = 'HKLM\\\\Run']", 'windows-registry-key:key'],
    ["[mutex:name = 'Global\\\\x']", 'mutex:name'],
    ["[user-account:user_id = 'root']", 'user-account'],
    ["[domain-name:value LIKE '%.example.com']", 'LIKE'],
    ["[url:value MATCHES '^http://']", 'MATCHES'],
    ["[domain-name:value != 'a.example.com']", '!='],
    ["[domain-name:value NOT IN ('a.example.com')]", 'NOT IN'],
    ['[network-traffic:dst_port = 443]', 'only a port'],
    ['[EXISTS domain-name:value]', 'EXISTS'],
    [
      "[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b']",
      'x509-certificate:issuer',
    ],
  ])('finds nothing matchable in %s', (text, fragment) => {
    const r = of(text);
    expect(r.matchable).toBe('none');
    expect(r.values).toEqual([]);
    expect(r.reason).toContain(fragment);
  });

  it('rejects values that do not normalise, and counts the pattern as partial when others remain', () => {
    const r = of("[domain-name:value = 'domain autuo.xicp.net' OR ipv4-addr:value = '60.10.1.115']");
    expect(r.values).toEqual([{ type: 'ipv4', value: '60.10.1.115' }]);
    expect(r.matchable).toBe('partial');
    expect(r.rejected).toEqual([
      { value: 'domain autuo.xicp.net', reason: expect.stringContaining('not a domain') },
    ]);
    const none = of("[file:hashes.MD5 = 'nothex']");
    expect(none.matchable).toBe('none');
    expect(none.rejected).toHaveLength(1);
  });

  it('does not repeat a value the pattern names twice', () => {
    const r = of("[ipv4-addr:value = '192.0.2.1' OR ipv4-addr:value = '192.0.2.1/32']");
    expect(r.values).toEqual([{ type: 'ipv4', value: '192.0.2.1' }]);
  });
});
