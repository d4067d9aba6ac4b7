/**
 * The key names are compared by: case, accents, spaces, punctuation and symbols ignored, so
 * "Stone Panda", "stone-panda" and "STONE PANDA" are one alias, and "APT 10" is "APT10". The
 * importers key names with it and the store looks them up by it (its SQL twin is `nameKeySql`).
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}
