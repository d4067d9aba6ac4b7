const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** An English country name for a code (`JP` → `Japan`); names pass through. */
export function countryName(country: string): string {
  const t = country.trim();
  if (/^[A-Za-z]{2}$/.test(t)) {
    try {
      return regionNames.of(t.toUpperCase()) ?? t;
    } catch {
      return t;
    }
  }
  return t;
}

/** True when the victim's country is among the actor's known victims (by name or code). */
export function countryTargeted(victim: string, targets: readonly string[]): boolean {
  const want = countryName(victim).toLowerCase();
  return targets.some((c) => countryName(c).toLowerCase() === want);
}

// Words that say nothing about a sector on their own.
const filler = new Set(['sector', 'and', 'the', 'of', 'services', 'industry', 'organizations', 'companies']);

/** Word stems of a sector name, so that "Finance" meets "Financial" and "Telecoms" meets "Telecommunications". */
function stems(sector: string): Set<string> {
  return new Set(
    sector
      .toLowerCase()
      .split(/[^a-z]+/)
      .filter((w) => w.length >= 3 && !filler.has(w))
      .map((w) => w.slice(0, 6)),
  );
}

/** True when the victim's sector shares a word stem with one the actor is known to target. */
export function sectorTargeted(victim: string, targets: readonly string[]): boolean {
  const want = stems(victim);
  return targets.some((t) => [...stems(t)].some((s) => want.has(s)));
}
