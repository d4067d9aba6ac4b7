/** `nameKey` (domain/name-key.ts) as a DuckDB expression over `expr`, so lookups agree with the merge step. */
export function nameKeySql(expr: string): string {
  return `regexp_replace(lower(strip_accents(${expr})), '[\\s\\pP\\pS]+', '', 'g')`;
}
