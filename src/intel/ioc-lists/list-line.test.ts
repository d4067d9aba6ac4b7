import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseListLine } from './list-line.js';

const parsed = (line: string) => {
  const p = parseListLine(line);
  return p.kind === 'value' ? { type: p.value.type, value: p.value.value, d: p.description, s: p.score } : p;
};

describe('parseListLine', () => {
  it('reads bare values of every network type', () => {
    expect(parsed('evil.example.com')).toMatchObject({ type: 'domain', value: 'evil.example.com' });
    expect(parsed('  8.8.8.8 ')).toMatchObject({ type: 'ipv4', value: '8.8.8.8' });
    expect(parsed('10.0.0.0/8')).toMatchObject({ type: 'cidr', value: '10.0.0.0/8' });
    expect(parsed('https://x.example.org/a?b=c')).toMatchObject({ type: 'url' });
    expect(parsed('Bad@Example.COM')).toMatchObject({
      type: 'email',
      value: 'Bad@example.com'.toLowerCase(),
    });
    expect(parsed('D41D8CD98F00B204E9800998ECF8427E')).toMatchObject({ type: 'md5' });
  });

  it('undoes defanging, including spaced brackets and wildcards', () => {
    expect(parsed('update[.]kaspresksy[.]com')).toMatchObject({
      type: 'domain',
      value: 'update.kaspresksy.com',
    });
    expect(parsed('evil [.] example(.)org')).toMatchObject({ value: 'evil.example.org' });
    expect(parsed('bad[dot]example[dot]net')).toMatchObject({ value: 'bad.example.net' });
    expect(parsed('*.microsofts[.]org')).toMatchObject({ type: 'domain', value: 'microsofts.org' });
    expect(parsed('hxxp://evil[.]example[.]com/gate.php')).toMatchObject({
      type: 'url',
      value: 'http://evil.example.com/gate.php',
    });
  });

  it('accepts hosts under private public suffixes such as dynamic DNS', () => {
    expect(parsed('apples.sytes.net')).toMatchObject({ type: 'domain', value: 'apples.sytes.net' });
  });

  it('reads LOKI value;description, value;score and value;score;description', () => {
    expect(parsed('0c2674c3a97c53082187d930efb645c2;DEEP PANDA Sakula Malware')).toMatchObject({
      type: 'md5',
      d: 'DEEP PANDA Sakula Malware',
    });
    expect(parsed('176.123.5.126;65')).toMatchObject({ type: 'ipv4', s: 65, d: undefined });
    expect(
      parsed('bf4f41403280c1b115650d470f9b260a5c9042c04d9bcc2a6ca504a66379b2d6;55;Vulnerable library'),
    ).toMatchObject({ type: 'sha256', s: 55, d: 'Vulnerable library' });
  });

  it('takes a description after whitespace, in parentheses, or after a trailing comment', () => {
    expect(
      parsed('e0f91da52fdc61757f6a3f276ae77b01d2d1cc4b3743629c5acbd0341e5de80e (PlugX svchost.bin)'),
    ).toMatchObject({
      type: 'sha256',
      d: 'PlugX svchost.bin',
    });
    expect(parsed('evil.example.com # seen in May')).toMatchObject({ d: 'seen in May' });
    expect(parsed('C2: evil.example.com')).toMatchObject({ value: 'evil.example.com', d: 'C2' });
  });

  it('tells comments, headings and blank lines apart', () => {
    expect(parseListLine('   ')).toEqual({ kind: 'blank' });
    expect(parseListLine('# APT10 C2 IOCs - Source: AlienVault OTX')).toEqual({
      kind: 'comment',
      text: 'APT10 C2 IOCs - Source: AlienVault OTX',
    });
    expect(parseListLine('// note')).toEqual({ kind: 'comment', text: 'note' });
    expect(parseListLine('Quasar RAT:')).toEqual({ kind: 'heading', text: 'Quasar RAT', generic: false });
    expect(parseListLine('IP Addresses:')).toEqual({ kind: 'heading', text: 'IP Addresses', generic: true });
    expect(parseListLine('SHA256')).toEqual({ kind: 'heading', text: 'SHA256', generic: true });
  });

  it('explains what is wrong with a bad line', () => {
    const bad = parseListLine('foo');
    expect(bad).toMatchObject({ kind: 'bad', prose: false });
    expect(bad.kind === 'bad' && bad.reason).toContain('"foo" is not an IP address');
    expect(parseListLine('Need verification')).toMatchObject({ kind: 'bad', prose: true });
    expect(parseListLine('999.1.1.1')).toMatchObject({ kind: 'bad' });
  });

  it('never throws, whatever the line', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const p = parseListLine(s);
        expect(['blank', 'comment', 'heading', 'value', 'bad']).toContain(p.kind);
      }),
      { numRuns: 2000 },
    );
    const pieces = fc.constantFrom(
      '[.]',
      '(.)',
      'hxxp://',
      ';',
      ';80',
      ' ',
      '#',
      'a',
      '1',
      '.',
      '/',
      '@',
      ':',
      'com',
      '\t',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), (parts) => {
        expect(() => parseListLine(parts.join(''))).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });
});
