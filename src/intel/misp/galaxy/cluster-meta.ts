import { field, type JsonObject, text, texts } from '../json-values.js';

/** Meta keys kept as entity attrs; anything else a cluster's meta holds is ignored. */
const keptKeys = [
  'cfr-suspected-state-sponsor',
  'cfr-suspected-victims',
  'cfr-target-category',
  'cfr-type-of-incident',
  'attribution-confidence',
  'targeted-sector',
  'suspected-victims',
  'victimology',
  'motive',
  'since',
  'capabilities',
  'mode-of-operation',
  'threat-actor-classification',
  'spoken-language',
  'sector',
  'date',
  'status',
  'possible_issues',
  'mitre_platforms',
  'type',
  'kill_chain',
] as const;

const maxRefs = 10;

/**
 * The facts worth keeping from a cluster's `meta`, as strings or string lists under fixed keys:
 * the known keys above, the first few `refs`, every country, the `origin:<name>` vendor notes and
 * the Malpedia family id.
 */
export function clusterAttrs(meta: JsonObject | undefined): Record<string, unknown> | undefined {
  if (!meta) return undefined;
  const attrs: Record<string, unknown> = {};
  for (const key of keptKeys) {
    const raw = field(meta, key);
    const values = texts(raw);
    if (values.length === 0) continue;
    attrs[key] = Array.isArray(raw) ? values : values[0];
  }
  const refs = texts(field(meta, 'refs'), maxRefs, 1000);
  if (refs.length > 0) attrs['refs'] = refs;
  const countries = texts(field(meta, 'country'));
  if (countries.length > 1) attrs['countries'] = countries;
  const origins: string[] = [];
  for (const key of Object.keys(meta)) {
    if (!key.startsWith('origin:')) continue;
    const vendor = text(field(meta, key), 200);
    if (vendor) origins.push(`${key.slice('origin:'.length).trim()}: ${vendor}`);
  }
  if (origins.length > 0) attrs['name-origins'] = origins;
  const malpediaId = refs
    .map((r) =>
      /^https?:\/\/malpedia\.caad\.fkie\.fraunhofer\.de\/details\/([a-z0-9_]+\.[a-z0-9_]+)$/i.exec(r),
    )
    .find((m) => m?.[1])?.[1];
  if (malpediaId) attrs['malpedia-id'] = malpediaId;
  return Object.keys(attrs).length > 0 ? attrs : undefined;
}
