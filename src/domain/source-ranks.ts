/**
 * Which contribution wins an entity's canonical name (lower wins), and how far a source is trusted.
 * ATT&CK, the MISP galaxies and sources the user imported with `--trusted` are reference sources;
 * any other bundle, event, list or report is unvetted. Rank 2 keeps its meaning from before trust
 * existed (other STIX), so a store written then reads its unknown bundles as unvetted. The store reads
 * these ranks in SQL and the importers assign them, so they live below both.
 */
export const sourceRanks = {
  attack: 0,
  mitreGalaxy: 1,
  stix: 2,
  galaxy: 3,
  trusted: 3,
  other: 4,
  stub: 9,
} as const;

/** Ranks of reference sources: their names, aliases and ATT&CK ids cannot be claimed by unvetted ones. */
export const referenceRanks: readonly number[] = [
  sourceRanks.attack,
  sourceRanks.mitreGalaxy,
  sourceRanks.galaxy,
];

/** `referenceRanks` as a SQL condition on a `rank` column. */
export const referenceRankSql = (col = 'rank'): string => `${col} IN (${referenceRanks.join(', ')})`;
