import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractIocs } from './ioc-extract.js';

const values = (text: string) => extractIocs(text).iocs.map((i) => `${i.type}:${i.value}`);

describe('extractIocs', () => {
  it('finds defanged and plain indicators of each type', () => {
    const text = [
      'The loader fetched hxxp://update[.]example[.]org/a.php?id=1, then beaconed to cloud-maste[.]com.',
      'Traffic went to 203.0.113.0/24 and 27.102.127.80:443; the sender was ops[@]mail.example.net.',
      'Sample d41d8cd98f00b204e9800998ecf8427f and sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709.',
    ].join('\n');
    expect(values(text)).toEqual([
      'url:http://update.example.org/a.php?id=1',
      'domain:cloud-maste.com',
      'ipv4:27.102.127.80',
      'email:ops@mail.example.net',
      'md5:d41d8cd98f00b204e9800998ecf8427f',
      'sha1:da39a3ee5e6b4b0d3255bfef95601890afd80709',
    ]);
  });

  it('leaves file names, version numbers and product names alone unless defanged', () => {
    const text =
      'Open report.pdf, run setup.py or config.sh, unpack archive.zip and watch movie.mov with svchost.exe. ' +
      'Version 1.2.3.4 and v10.0.17763.1 are builds. ASP.NET and Socket.IO are frameworks. ' +
      'The C2 was evil[.]zip and payload[.]py.';
    expect(values(text)).toEqual(['domain:evil.zip', 'domain:payload.py']);
    expect(extractIocs(text).skippedVersions).toBe(1);
  });

  it('skips private, loopback and documentation addresses and counts them', () => {
    const r = extractIocs('hosts 10.1.2.3, 192.168.0.1, 127.0.0.1 and 198.51.100.7 but also 8.8.4.4');
    expect(r.iocs.map((i) => i.value)).toEqual(['8.8.4.4']);
    expect(r.skippedNonPublic).toBe(4);
  });

  it('does not take a sentence run together for a host', () => {
    expect(values('the malware.Network traffic and the group.Security team')).toEqual([]);
    expect(values('visit apples.sytes.net today')).toEqual(['domain:apples.sytes.net']);
  });

  it('never throws, and every index points at text', () => {
    const piece = fc.constantFrom(
      'evil',
      '[.]',
      '.',
      'com',
      ' ',
      '\n',
      'hxxp://',
      '1.2.3.4',
      '/',
      '@',
      'd41d8cd98f00b204e9800998ecf8427f',
      'zip',
      '(',
      ')',
      ':',
      '8080',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.array(piece, { maxLength: 40 }).map((p) => p.join('')),
        ),
        (s) => {
          const r = extractIocs(s);
          for (const i of r.iocs) {
            expect(i.index).toBeGreaterThanOrEqual(0);
            expect(i.index + i.length).toBeLessThanOrEqual(r.text.length);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });
});
