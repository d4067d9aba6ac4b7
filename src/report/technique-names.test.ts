import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinTechniqueNames, techniqueLabel, techniqueName, techniqueUrl } from './technique-names.js';

/** Every ATT&CK id written in the detectors, the correlation and the simulator. */
function emittedIds(): string[] {
  const ids = new Set<string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
        for (const m of readFileSync(p, 'utf8').matchAll(/'(T1\d{3}(?:\.\d{3})?)'/g)) ids.add(m[1]!);
    }
  };
  for (const dir of ['detect', 'incidents', 'sim']) walk(join(import.meta.dirname, '..', dir));
  return [...ids].sort();
}

describe('technique names', () => {
  it('13.4: the built-in table names every technique the detectors and the simulator emit', () => {
    const ids = emittedIds();
    expect(ids.length).toBeGreaterThan(20);
    expect(ids.filter((id) => !Object.hasOwn(builtinTechniqueNames, id))).toEqual([]);
  });

  it('13.4: the knowledge base name wins, the built-in one fills in, an unknown id stays bare', () => {
    expect(techniqueName('T1071.004')).toBe('Application Layer Protocol: DNS');
    expect(techniqueName('T1071.004', { 'T1071.004': 'DNS (from ATT&CK)' })).toBe('DNS (from ATT&CK)');
    expect(techniqueName('T1999')).toBeNull();
    expect(techniqueName('constructor')).toBeNull();
    expect(techniqueLabel('T1105')).toBe('T1105 Ingress Tool Transfer');
    expect(techniqueLabel('T1999')).toBe('T1999');
    expect(techniqueUrl('T1573.002')).toBe('https://attack.mitre.org/techniques/T1573/002/');
    expect(techniqueUrl('javascript:x')).toBeNull();
  });
});
