// The benchmark's cases: what each seed plants and which hypothesis is the truth.
import type { PlantedEvidence } from '../../src/sim/intrusions/planted-evidence.js';
import type { SimulateOptions } from '../../src/sim/sim-options.js';
import { type PlantedMaterial, pick } from './planted-material.js';

export const caseKinds = ['strong', 'weak', 'false-flag', 'reused-name', 'generic'] as const;
export type CaseKind = (typeof caseKinds)[number];

/** What each kind means, for the report. */
export const caseMeaning: Record<CaseKind, string> = {
  strong: 'APT10 C2 names and an address, an implant of its ATT&CK software and another attributed hash',
  weak: 'one APT10 C2 name; the other C2 server and everything else fresh',
  'false-flag':
    'another actor on fresh infrastructure reusing one public tool (a Mimikatz, Cobalt Strike or PlugX build)',
  'reused-name':
    'another actor on one re-registered APT10 C2 name: the same evidence as "weak", the other truth',
  generic: 'fresh infrastructure and files: nothing the knowledge base attributes',
};

export interface BenchCase {
  readonly kind: CaseKind;
  readonly seed: number;
  readonly sim: Omit<SimulateOptions, 'out'>;
  /** The actor id that was planted, or null when the truth is "unknown". */
  readonly truth: string | null;
}

/** When the simulated week starts: after the Unit 42 playbook's indicators became valid (2019-01-08). */
export const simStart = '2019-03-04T00:00:00Z';

function planted(kind: CaseKind, m: PlantedMaterial, seed: number): PlantedEvidence | undefined {
  const family = m.hashes.filter((h) => h.family !== null);
  const attributed = m.hashes.filter((h) => h.family === null);
  const file = (h: { type: string; value: string }) => ({ [h.type]: h.value });
  switch (kind) {
    case 'strong':
      return {
        domains: pick(m.domains, seed, 2),
        ips: pick(m.ips, seed, 1),
        files: [...pick(family, seed, 1), ...pick(attributed, seed, 1, 1)].map(file),
      };
    case 'weak':
      return { domains: pick(m.domains, seed, 1, 2) };
    case 'false-flag':
      return { files: pick(m.publicTools, seed, 1).map(file) };
    case 'reused-name':
      return { domains: pick(m.domains, seed, 1, 3) };
    case 'generic':
      return undefined;
  }
}

/** `perKind` seeds of every kind, their simulation options varied by seed. */
export function benchCases(
  m: PlantedMaterial,
  perKind: Record<CaseKind, number>,
  hosts: number,
): BenchCase[] {
  const out: BenchCase[] = [];
  let seed = 2000;
  for (const kind of caseKinds)
    for (let i = 0; i < perKind[kind]; i++, seed++) {
      const plant = planted(kind, m, seed);
      out.push({
        kind,
        seed,
        truth: kind === 'strong' || kind === 'weak' ? m.actorId : null,
        sim: {
          scenario: 'apt',
          seed,
          hosts,
          hours: 24,
          start: simStart,
          c2: 2,
          c2Proto: i % 2 === 0 ? 'tls' : 'http',
          interval: [300, 600, 120][i % 3] as number,
          sleep: i % 4 === 3 ? 'night' : 'none',
          exfilMb: 50,
          actor: kind === 'strong' || kind === 'weak' ? 'APT10' : 'unknown',
          ...(plant ? { planted: plant } : {}),
        },
      });
    }
  return out;
}
