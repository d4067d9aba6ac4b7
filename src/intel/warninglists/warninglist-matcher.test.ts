import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeWithSharedData, sharedData } from '../../../test/helpers/shared-data.js';
import type { WarninglistRecord } from '../model.js';
import { warninglistImporter } from './warninglist-importer.js';
import { buildWarninglistMatcher, type WarninglistMatcher } from './warninglist-matcher.js';

function list(
  name: string,
  matchType: WarninglistRecord['matchType'],
  entries: string[],
  attrs: string[] = [],
) {
  const record: WarninglistRecord = {
    name,
    description: name,
    version: '1',
    matchType,
    category: 'false-positive',
    matchingAttributes: attrs,
    entries,
  };
  return record;
}

describe('buildWarninglistMatcher on small lists', () => {
  const m = buildWarninglistMatcher([
    list('nets', 'cidr', ['10.0.0.0/8', '2001:db8::/32', 'bogus'], ['ip-dst']),
    list('hosts', 'hostname', ['example.com'], ['hostname']),
    list('strings', 'string', ['exact.example.org', '.sub.example.org', 'https://x.test/path'], []),
    list('hashes', 'string', ['d41d8cd98f00b204e9800998ecf8427e'], ['md5']),
    list('subs', 'substring', ['sandbox'], ['domain', 'url']),
    list('patterns', 'regex', ['/^evil-\\d+\\.test$/i', '(broken'], []),
  ]);

  it('skips unusable entries with a reason', () => {
    expect(m.skipped.map((s) => `${s.list}:${s.entry}`)).toEqual(['nets:bogus', 'patterns:(broken']);
    expect(m.skipped[1]!.reason).toMatch(/invalid regex/);
  });

  it('matches addresses and whole networks inside CIDR lists', () => {
    expect(m.match('ipv4', '10.1.2.3')).toEqual(['nets']);
    expect(m.match('cidr', '10.9.0.0/16')).toEqual(['nets']);
    expect(m.match('cidr', '10.0.0.0/7')).toEqual([]);
    expect(m.match('ipv6', '2001:db8::1')).toEqual(['nets']);
    expect(m.match('ipv4', '11.0.0.1')).toEqual([]);
  });

  it('matches hostnames and their subdomains on label boundaries only', () => {
    expect(m.match('domain', 'example.com')).toEqual(['hosts']);
    expect(m.match('domain', 'a.b.example.com')).toEqual(['hosts']);
    expect(m.match('domain', 'badexample.com')).toEqual([]);
    expect(m.match('url', 'http://www.example.com/x')).toEqual(['hosts']);
  });

  it('matches strings exactly, dotted strings as subdomains, URLs also by host', () => {
    expect(m.match('domain', 'exact.example.org')).toEqual(['strings']);
    expect(m.match('domain', 'x.exact.example.org')).toEqual([]);
    expect(m.match('domain', 'a.sub.example.org')).toEqual(['strings']);
    expect(m.match('domain', 'sub.example.org')).toEqual([]);
    expect(m.match('url', 'https://exact.example.org/anything')).toEqual(['strings']);
    expect(m.match('url', 'https://X.test/path')).toEqual(['strings']);
  });

  it('keeps each list to the indicator types its attributes name', () => {
    expect(m.match('md5', 'd41d8cd98f00b204e9800998ecf8427e')).toEqual(['hashes']);
    expect(m.match('sha1', 'd41d8cd98f00b204e9800998ecf8427e')).toEqual([]);
    expect(m.match('domain', 'my-sandbox.test')).toEqual(['subs']);
    expect(m.match('email', 'sandbox@x.test')).toEqual([]);
  });

  it('tests regexes with their flags', () => {
    expect(m.match('domain', 'evil-42.test')).toEqual(['patterns']);
    expect(m.match('domain', 'evil-x.test')).toEqual([]);
  });
});

describeWithSharedData('buildWarninglistMatcher on the real MISP warninglists', () => {
  let m: WarninglistMatcher;
  beforeAll(async () => {
    const dir = sharedData('intel/misp-warninglists');
    const lists: WarninglistRecord[] = [];
    for (const f of readdirSync(dir).sort()) {
      if (!f.endsWith('.json') || f === 'schema.json') continue;
      const ctx = { path: path.join(dir, f), source: 'test', defaults: {}, knownNames: async () => [] };
      for await (const item of warninglistImporter.read(ctx)) {
        if (item.kind === 'warninglist') lists.push(item.warninglist);
      }
    }
    m = buildWarninglistMatcher(lists);
  });

  it('knows public resolvers and private ranges', () => {
    expect(m.match('ipv4', '8.8.8.8')).toContain('public-dns-v4');
    expect(m.match('ipv4', '8.8.8.8')).not.toContain('rfc1918');
    expect(m.match('ipv4', '10.1.2.3')).toEqual(expect.arrayContaining(['rfc1918', 'rfc5735']));
    expect(m.match('cidr', '192.168.10.0/24')).toContain('rfc1918');
    expect(m.match('ipv6', '2001:4860:4860::8888')).toContain('public-dns-v6');
    expect(m.match('ipv6', 'fe80::1')).toContain('ipv6-linklocal');
    expect(m.match('ipv4', '100.64.1.1')).toContain('rfc6598');
  });

  it('knows cloud ranges (amazon-aws lists 3.5.120.0/22 and 2600:1f00:1000::/40)', () => {
    expect(m.match('ipv4', '3.5.121.200')).toContain('amazon-aws');
    expect(m.match('cidr', '3.5.120.0/23')).toContain('amazon-aws');
    expect(m.match('ipv6', '2600:1f00:1000::1')).toContain('amazon-aws');
  });

  it('finds popular names on the top-site lists', () => {
    const hits = m.match('domain', 'www.google.com');
    // tranco10k and alexa are hostname lists holding google.com; cisco_top1000 lists www.google.com itself.
    expect(hits).toEqual(expect.arrayContaining(['alexa', 'tranco10k', 'cisco_top1000', 'captive-portals']));
    expect(m.match('url', 'https://www.google.com/search?q=X')).toEqual(
      expect.arrayContaining(['tranco10k']),
    );
    expect(m.match('domain', 'foo.aadrm.com')).toContain('microsoft');
  });

  it('leaves an APT10 C2 domain off every list', () => {
    expect(m.match('domain', 'cloud-maste.com')).toEqual([]);
    expect(m.match('ipv4', '27.102.115.44')).not.toContain('rfc1918');
  });

  it('knows the hash of the empty file', () => {
    expect(m.match('md5', 'd41d8cd98f00b204e9800998ecf8427e')).toEqual(
      expect.arrayContaining(['empty-hashes', 'common-ioc-false-positive']),
    );
    expect(m.match('sha256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')).toContain(
      'empty-hashes',
    );
  });

  it('compiles every real entry', () => {
    expect(m.skipped).toEqual([]);
  });
});
