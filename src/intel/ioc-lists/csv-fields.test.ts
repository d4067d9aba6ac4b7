import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnsOf, ruleOfType, tlpOf } from './csv-columns.js';
import { delimiterOf, splitCsv } from './csv-fields.js';

describe('splitCsv', () => {
  it('splits quoted fields with delimiters, doubled quotes and line breaks', () => {
    expect(splitCsv('domain,"evil.example.com","C2, seen ""twice"""').fields).toEqual([
      'domain',
      'evil.example.com',
      'C2, seen "twice"',
    ]);
    expect(splitCsv('url,"a\nb').open).toBe(true);
    expect(splitCsv('a;b', ';').fields).toEqual(['a', 'b']);
    expect(delimiterOf('type\tvalue')).toBe('\t');
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), fc.constantFrom(',', ';', '\t'), (s, d) => {
        expect(Array.isArray(splitCsv(s, d).fields)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('CSV columns and types', () => {
  it('finds the type, value and optional columns', () => {
    expect(columnsOf(['Type', 'Value'])).toEqual({ value: 1, type: 0 });
    expect(columnsOf(['indicator', 'Comment', 'First Seen', 'TLP', 'confidence'])).toEqual({
      value: 0,
      description: 1,
      firstSeen: 2,
      tlp: 3,
      confidence: 4,
    });
    expect(columnsOf(['a', 'b'])).toBeNull();
  });

  it('detects network types and keeps the rest as observables', () => {
    expect(ruleOfType('url')).toEqual({ kind: 'detect' });
    expect(ruleOfType('filehash-md5')).toEqual({ kind: 'detect' });
    expect(ruleOfType('ja3-fingerprint-md5')).toEqual({ kind: 'as', type: 'ja3' });
    expect(ruleOfType('RegistryKey')).toEqual({ kind: 'observable', name: 'registrykey' });
    expect(ruleOfType('Named pipe')).toEqual({ kind: 'observable', name: 'named-pipe' });
    expect(tlpOf('TLP:WHITE')).toBe('clear');
    expect(tlpOf('amber')).toBe('amber');
  });
});
