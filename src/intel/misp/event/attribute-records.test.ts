import { describe, expect, it } from 'vitest';
import type { IntelItem } from '../../model.js';
import { type AttributeScope, attributeRecords } from './attribute-records.js';

const scope: AttributeScope = { ref: 'attr:x', indicates: ['name:actor:APT10'] };

/** `kind type value[:port]` of each record, for compact expectations. */
function summary(type: string, value: string, extra: Record<string, unknown> = {}, s = scope): string[] {
  const { items, problems, skipped } = attributeRecords({ type, value, ...extra }, type, value, s);
  const lines = items.map((i: IntelItem) => {
    if (i.kind === 'indicator') {
      const port = i.indicator.port === undefined ? '' : `:${i.indicator.port}`;
      return `indicator ${i.indicator.type} ${i.indicator.value}${port}`;
    }
    if (i.kind === 'observable') return `observable ${i.observable.kind} ${i.observable.value}`;
    return i.kind;
  });
  return [...lines, ...problems.map((p) => `problem ${p}`), ...(skipped ? ['skipped'] : [])];
}

describe('attributeRecords', () => {
  it.each([
    ['ip-dst', '203.0.113.9', ['indicator ipv4 203.0.113.9']],
    ['ip-src', '2001:DB8::1', ['indicator ipv6 2001:db8::1']],
    ['ip-src', '10.1.2.3/8', ['indicator cidr 10.0.0.0/8']],
    ['ip-dst|port', '203.0.113.9|8443', ['indicator ipv4 203.0.113.9:8443']],
    ['ip-src|port', '2001:db8::2|53', ['indicator ipv6 2001:db8::2:53']],
    ['ip-dst|port', '203.0.113.9|http', ['problem ip-dst|port "203.0.113.9|http": "http" is not a port']],
    ['domain', 'Evil[.]Example.COM', ['indicator domain evil.example.com']],
    ['hostname', 'c2.example.net.', ['indicator domain c2.example.net']],
    ['hostname|port', 'c2.example.net|443', ['indicator domain c2.example.net']],
    [
      'domain|ip',
      'c2.example.net|198.51.100.1',
      ['indicator domain c2.example.net', 'indicator ipv4 198.51.100.1'],
    ],
    ['url', 'hxxp://evil.example.com/gate.php', ['indicator url http://evil.example.com/gate.php']],
    ['url', 'evil.example.com/gate.php', ['indicator url http://evil.example.com/gate.php']],
    ['uri', '/gate.php?id=1', ['observable uri /gate.php?id=1']],
    ['uri', 'https://evil.example.com/x', ['indicator url https://evil.example.com/x']],
    ['md5', 'D41D8CD98F00B204E9800998ECF8427E', ['indicator md5 d41d8cd98f00b204e9800998ecf8427e']],
    [
      'filename|sha1',
      'a.exe|da39a3ee5e6b4b0d3255bfef95601890afd80709',
      ['indicator sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709', 'observable filename a.exe'],
    ],
    [
      'malware-sample',
      'b.dll|d41d8cd98f00b204e9800998ecf8427e',
      ['indicator md5 d41d8cd98f00b204e9800998ecf8427e', 'observable filename b.dll'],
    ],
    ['email-src', 'Bad@Example.com', ['indicator email bad@example.com']],
    ['email-src-display-name', 'Support Team', ['observable email-src-display-name Support Team']],
    [
      'ja3-fingerprint-md5',
      '6734f37431670b3ab4292b8f60f29984',
      ['indicator ja3 6734f37431670b3ab4292b8f60f29984'],
    ],
    [
      'x509-fingerprint-sha1',
      'DA:39:A3:EE:5E:6B:4B:0D:32:55:BF:EF:95:60:18:90:AF:D8:07:09',
      ['indicator x509 da39a3ee5e6b4b0d3255bfef95601890afd80709'],
    ],
    [
      'hassh-md5',
      'ec7378c1a92f5a8dde7e8b7a1ddf33d1',
      ['observable hassh-md5 ec7378c1a92f5a8dde7e8b7a1ddf33d1'],
    ],
    [
      'jarm-fingerprint',
      '2ad2ad0002ad2ad00042d42d00000069',
      ['observable jarm-fingerprint 2ad2ad0002ad2ad00042d42d00000069'],
    ],
    ['mutex', 'Global\\evil', ['observable mutex Global\\evil']],
    ['regkey|value', 'HKCU\\Run|evil.exe', ['observable regkey|value HKCU\\Run|evil.exe']],
    ['link', 'https://blog.example.com/report', ['skipped']],
    ['size-in-bytes', '94208', ['skipped']],
  ])('%s %s', (type, value, expected) => {
    expect(summary(type, value)).toEqual(expected);
  });

  it('carries to_ids, seen times, comment, TLP and attribution', () => {
    const { items } = attributeRecords(
      { to_ids: false, timestamp: '1500000000', last_seen: '2020-02-02T10:00:00Z', comment: 'C2' },
      'ip-dst',
      '203.0.113.9',
      { ...scope, tlp: 'amber', port: 443 },
    );
    expect(items).toEqual([
      {
        kind: 'indicator',
        indicator: {
          ref: 'attr:x',
          type: 'ipv4',
          value: '203.0.113.9',
          port: 443,
          tlp: 'amber',
          toIds: false,
          firstSeen: '2017-07-14T02:40:00.000Z',
          lastSeen: '2020-02-02T10:00:00.000Z',
          description: 'C2',
          indicates: ['name:actor:APT10'],
        },
      },
    ]);
  });

  it('clips long observable values', () => {
    const { items } = attributeRecords({}, 'yara', 'x'.repeat(5000), scope);
    expect(items[0]?.kind === 'observable' && items[0].observable.value.length).toBe(1000);
  });
});
