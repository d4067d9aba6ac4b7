import type { ImportContext, Importer } from '../importer.js';
import { type EntityType, entityTypes, type IntelItem } from '../model.js';
import { entryLocation, readStixBundle } from './bundle-stream.js';
import { entityOf } from './stix-entities.js';
import { type IndicatorOutcome, indicatorItems } from './stix-indicator.js';
import { TlpMarkings } from './stix-markings.js';
import { relationshipOf, reportMentions, sightingOf } from './stix-relations.js';
import { sniffStix } from './stix-sniff.js';

/** What one file held, for callers that want numbers rather than the summary problem. */
export interface StixTally {
  /** Every object type seen, with its count. */
  readonly types: ReadonlyMap<string, number>;
  /** Types not read at all (course-of-action, identity, x-mitre-*…). */
  readonly skipped: ReadonlyMap<string, number>;
  /** Relationships not kept, by reason (`mitigates relationships`, `revoked relationships`…). */
  readonly ignored: ReadonlyMap<string, number>;
  /** Indicators by how much of their pattern network data can match. */
  readonly indicators: ReadonlyMap<IndicatorOutcome, number>;
  /** Report `object_refs` that name neither an entity nor an indicator. */
  readonly unmentioned: number;
}

export interface StixImporterOptions {
  /** Called once a file has been read through, with what it held. */
  readonly onTally?: (tally: StixTally, path: string) => void;
}

const entityTypeSet = new Set<string>(entityTypes);
/** Skipped types that every ATT&CK bundle carries; not worth a mention in the summary. */
const expectedSkips = (type: string): boolean =>
  type.startsWith('x-mitre-') || type === 'marking-definition' || type === 'identity';

/** The STIX importer with options (`stixImporter` is it with none). */
export function createStixImporter(options: StixImporterOptions = {}): Importer {
  return {
    name: 'stix',
    description:
      'STIX 2.0/2.1 bundles (MITRE ATT&CK, vendor playbooks, TAXII exports): entities, relationships, indicators, sightings',
    sniff: sniffStix,
    read: (ctx) => readStix(ctx, options),
  };
}

/** Reads STIX 2.0 and 2.1 bundles, bare object lists and single objects. */
export const stixImporter: Importer = createStixImporter();

async function* readStix(ctx: ImportContext, options: StixImporterOptions): AsyncGenerator<IntelItem> {
  const signal = ctx.signal;
  // Custom TLP marking definitions may come after the objects they mark, so they are read first.
  const markings = new TlpMarkings();
  const onlyMarkings = (bytes: Buffer): boolean => bytes.includes('"marking-definition"');
  for await (const entry of readStixBundle(ctx.path, { only: onlyMarkings, ...(signal ? { signal } : {}) })) {
    if (entry.object) markings.learn(entry.object);
  }
  const tally = {
    types: new Map<string, number>(),
    skipped: new Map<string, number>(),
    ignored: new Map<string, number>(),
    indicators: new Map<IndicatorOutcome, number>(),
    unmentioned: 0,
  };
  const bump = <K>(m: Map<K, number>, k: K): void => {
    m.set(k, (m.get(k) ?? 0) + 1);
  };
  for await (const entry of readStixBundle(ctx.path, signal ? { signal } : {})) {
    const location = entryLocation(entry);
    const o = entry.object;
    if (!o) {
      yield { kind: 'problem', problem: { location, message: entry.problem ?? 'not a STIX object' } };
      continue;
    }
    bump(tally.types, o.type);
    const tlp = markings.tlpOf(o) ?? ctx.defaults.tlp;
    if (entityTypeSet.has(o.type)) {
      const entity = entityOf(o, o.type as EntityType, tlp);
      if (typeof entity === 'string') yield { kind: 'problem', problem: { location, message: entity } };
      else yield { kind: 'entity', entity };
      if (o.type === 'report') {
        const mentions = reportMentions(o);
        tally.unmentioned += mentions.skipped;
        for (const relationship of mentions.records) yield { kind: 'relationship', relationship };
      }
    } else if (o.type === 'relationship') {
      const r = relationshipOf(o);
      if ('record' in r) yield { kind: 'relationship', relationship: r.record };
      else if ('ignored' in r) bump(tally.ignored, r.ignored);
      else yield { kind: 'problem', problem: { location, message: r.problem } };
    } else if (o.type === 'indicator') {
      const { items, outcome } = indicatorItems(o, tlp, location);
      bump(tally.indicators, outcome);
      yield* items;
    } else if (o.type === 'sighting') {
      const sighting = sightingOf(o);
      if (typeof sighting === 'string') yield { kind: 'problem', problem: { location, message: sighting } };
      else yield { kind: 'sighting', sighting };
    } else {
      bump(tally.skipped, o.type);
    }
  }
  options.onTally?.(tally, ctx.path);
  const summary = summaryOf(tally);
  // Types the knowledge base does not keep are left out on purpose: a note, not bad records.
  if (summary) yield { kind: 'note', note: summary };
}

/** One line on what was left out by design, or null when nothing unexpected was. */
export function summaryOf(tally: StixTally): string | null {
  const parts: string[] = [];
  const skipped = [...tally.skipped].filter(([type]) => !expectedSkips(type)).sort((a, b) => b[1] - a[1]);
  if (skipped.length > 0)
    parts.push(
      `${skipped.map(([t, n]) => `${n} ${t}`).join(', ')} objects not used (the knowledge base keeps no such objects)`,
    );
  const ignored = [...tally.ignored].sort((a, b) => b[1] - a[1]);
  if (ignored.length > 0) parts.push(`${ignored.map(([t, n]) => `${n} ${t}`).join(', ')} not used`);
  if (tally.unmentioned > 0)
    parts.push(
      `${tally.unmentioned} report object_refs not kept (they name neither an entity nor an indicator)`,
    );
  return parts.length > 0 ? `skipped by design: ${parts.join('; ')}` : null;
}
