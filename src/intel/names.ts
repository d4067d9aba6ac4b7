/**
 * The key names are compared by: case, accents, spaces, punctuation and symbols ignored, so
 * "Stone Panda", "stone-panda" and "STONE PANDA" are one alias, and "APT 10" is "APT10".
 * `nameKeySql` is the same rule in SQL, so lookups in the store agree with the merge step.
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** `nameKey` as a DuckDB expression over `expr`. */
export function nameKeySql(expr: string): string {
  return `regexp_replace(lower(strip_accents(${expr})), '[\\s\\pP\\pS]+', '', 'g')`;
}
