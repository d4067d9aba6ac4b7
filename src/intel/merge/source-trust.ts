import { referenceRanks, sourceRanks } from '../../domain/source-ranks.js';
import type { EntityRecord } from '../model.js';

/** The identity MITRE signs every ATT&CK object with (`created_by_ref`). */
export const mitreAttackIdentity = 'identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5';

/** Where a source stands: `reference` sources may define names; `unvetted` ones may only add to them. */
export type SourceTrust = 'reference' | 'unvetted';

/** The rank of one record of a source of this format. */
export function rankOf(format: string, r: EntityRecord, trusted = false): number {
  // ATT&CK ids alone prove nothing (any bundle can write G0045): the object must be MITRE's own.
  if (format === 'stix' && r.attackIds.length > 0 && r.createdBy === mitreAttackIdentity)
    return sourceRanks.attack;
  if (format === 'misp-galaxy' && r.attackIds.length > 0) return sourceRanks.mitreGalaxy;
  if (format === 'misp-galaxy') return sourceRanks.galaxy;
  if (trusted) return sourceRanks.trusted;
  return format === 'stix' ? sourceRanks.stix : sourceRanks.other;
}

/** Whether a record of this rank comes from a reference source. */
export function trustOfRank(rank: number): SourceTrust {
  return referenceRanks.includes(rank) ? 'reference' : 'unvetted';
}
