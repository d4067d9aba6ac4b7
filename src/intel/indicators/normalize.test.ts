import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { refang } from './defang.js';
import { detectIndicator, normalizeAs } from './normalize.js';

const detect = (s: string) => {
  const n = detectIndicator(s);
  return n.ok ? `${n.type} ${n.value}${n.port ? `:${n.port}` : ''}` : 'no';
};

describe('indicator values', () => {
  it('refangs the usual forms', () => {
    expect(refang('hxxps://evil[.]example(.)com/a[dot]b')).toBe('https://evil.example.com/a.b');
    expect(refang('user[@]evil[.]com and http[:]//x')).toBe('user@evil.com and http://x');
  });

  it('detects and normalises types', () => {
    expect(detect('hxxp://Evil[.]COM/Path')).toBe('url http://evil.com/Path');
    expect(detect('update[.]kaspresksy[.]com')).toBe('domain update.kaspresksy.com');
    expect(detect('*.microsofts[.]org')).toBe('domain microsofts.org');
    expect(detect('apples.sytes.net')).toBe('domain apples.sytes.net');
    expect(detect('update.cloud-maste[.]example')).toBe('domain update.cloud-maste.example');
    expect(detect('abcdefghijklmnop.onion')).toBe('domain abcdefghijklmnop.onion');
    expect(detect('10.1.2.3/8')).toBe('cidr 10.0.0.0/8');
    expect(detect('1.2.3.4:443')).toBe('ipv4 1.2.3.4:443');
    expect(detect('2001:DB8:0::1')).toBe('ipv6 2001:db8::1');
    expect(detect('::ffff:1.2.3.4')).toBe('ipv4 1.2.3.4');
    expect(detect('D41D8CD98F00B204E9800998ECF8427E')).toBe('md5 d41d8cd98f00b204e9800998ecf8427e');
    expect(detect('x(at)evil.com')).toBe('email x@evil.com');
    for (const s of ['word', 'svchost.exe', '010.1.1.1', '999.1.1.1', '']) expect(detect(s), s).toBe('no');
  });

  it('checks values against a stated type', () => {
    expect(normalizeAs('sha256', 'abc').ok).toBe(false);
    expect(normalizeAs('ja3', 'E7D705A3286E19EA42F587B344EE6865')).toEqual({
      ok: true,
      type: 'ja3',
      value: 'e7d705a3286e19ea42f587b344ee6865',
    });
    expect(normalizeAs('x509', 'AB:CD:'.repeat(10).slice(0, 59)).ok).toBe(true);
    expect(normalizeAs('ipv4', '10.0.0.0/8').ok).toBe(false);
  });

  it('never throws on arbitrary text (fuzz)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const n = detectIndicator(s);
        expect(typeof n.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });
});
