import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assessmentText } from '../attribution/model/assessment.js';
import { defaultWeights } from '../attribution/weights.js';
import type { Evidence, Hypothesis } from '../domain/attribution.js';
import type { Finding } from '../domain/finding.js';
import { correlateDefaults } from '../incidents/correlate-config.js';
import { serverRoleOf } from './detector-properties.js';
import { detectorNames, detectors } from './registry.js';

const src = path.resolve(import.meta.dirname, '..');

/** Every non-test TypeScript file under src/, relative to it. */
function sources(dir = src): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path.relative(src, full)] : [];
  });
}

/**
 * Where a detector's name may be written: its own folder and the registry line. The simulator is
 * left out: it names its own planted intrusions (`dga`) and describes findings in words.
 */
const mayName = (file: string) =>
  detectorNames.some((n) => file.startsWith(`detect/${n}/`)) ||
  file === 'detect/registry.ts' ||
  file.startsWith('sim/');

/** `exfiltration` is also a server role, and the server-role type and test may spell it. */
const roleWords: Readonly<Record<string, readonly string[]>> = {
  'domain/incident.ts': ['exfiltration'],
  'incidents/assemble-incident.ts': ['exfiltration'],
  // The API's mirror of IncidentServer.role.
  'server/api/schemas/incident-schemas.ts': ['exfiltration'],
};

const unknownLead: Hypothesis = {
  actor: 'unknown',
  actorId: null,
  aliases: [],
  attackId: null,
  probability: 0.9,
  term: 'very likely',
  likelihood: 1,
  evidence: [],
};

const item = (e: Partial<Evidence>): Evidence => ({
  id: 'E1',
  kind: 'infrastructure',
  observation: 'x',
  source: 's',
  actors: ['a'],
  likelihoodRatio: 1,
  why: 'w',
  ...e,
});

describe('detector properties', () => {
  it('14.1: detector properties live on the detector', () => {
    const kinds = ['timing', 'novelty', 'content', 'volume', 'sweep', 'dns', 'intel', 'ids', 'delivery'];
    for (const name of detectorNames) {
      const d = detectors[name];
      expect(d.name).toBe(name);
      expect(kinds).toContain(d.evidenceKind);
      for (const flag of [
        d.lookAlikeProne,
        d.downWeightedOnProxy,
        d.outranksAllowlist,
        d.leadIn,
        d.matchesIndicators,
      ])
        expect(typeof flag).toBe('boolean');
      expect(
        typeof d.serverRole === 'function' || ['c2', 'delivery', 'exfiltration'].includes(d.serverRole),
      ).toBe(true);
    }

    // No stage keeps a table of detector names: the names are written only in their folders.
    const written: string[] = [];
    for (const file of sources().filter((f) => !mayName(f))) {
      const text = readFileSync(path.join(src, file), 'utf8');
      for (const name of detectorNames)
        if (text.includes(`'${name}'`) && !roleWords[file]?.includes(name)) written.push(`${file}: ${name}`);
    }
    expect(written).toEqual([]);

    // The properties give what the tables gave.
    expect(correlateDefaults.leadInDetectors).toEqual(['payload-delivery']);
    expect(detectorNames.filter((n) => detectors[n].lookAlikeProne)).toEqual([
      'beaconing',
      'long-connections',
      'exfiltration',
      'rare-destinations',
      'tls-http-oddities',
    ]);
    expect(detectorNames.filter((n) => detectors[n].outranksAllowlist)).toEqual(['threat-intel']);
    const intel = (fields: string[]) =>
      ({ detector: 'threat-intel', stats: { fields } }) as unknown as Finding;
    expect(serverRoleOf(intel(['files.sha256']))).toBe('delivery');
    expect(serverRoleOf(intel(['files.sha256', 'dns.query']))).toBe('c2');
  });

  it('14.1: the assessment reads the evidence flags, never the sentences', () => {
    const text = (evidence: Evidence[]) =>
      assessmentText('INC-1', [unknownLead], evidence, 'low', defaultWeights);
    const said = 'warninglisted or shared value counted for nothing';
    expect(text([item({ why: 'x', flags: { warninglisted: true } })])).toContain(said);
    expect(text([item({ why: 'on warninglist tranco: shared' })])).not.toContain(said);
    const old = 'was years old and weighed less';
    expect(text([item({ likelihoodRatio: 2, flags: { aged: true } })])).toContain(old);
    expect(
      text([item({ likelihoodRatio: 2, why: 'dated 2019-01-01, 3.0 years before the activity' })]),
    ).not.toContain(old);

    // Source scan: nothing in attribution tests the collectors' sentences.
    const parsing =
      /\.(why|observation)\.(includes|startsWith|endsWith|match)\(|\.test\([a-z]+\.(why|observation)\)/;
    const offenders = sources()
      .filter((f) => f.startsWith('attribution/'))
      .filter((f) => parsing.test(readFileSync(path.join(src, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
