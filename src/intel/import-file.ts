import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { errorCodes, MamoriError, messageOf } from '../errors.js';
import { rawDigest } from '../ingest/file-identity.js';
import { log } from '../log.js';
import type {
  EntitySourceRow,
  IndicatorRow,
  IntelImportCounts,
  IntelImportWriter,
  ObservableRow,
  RelationshipRow,
  SightingRow,
} from '../store/intel-store.js';
import type { Store as MamoriStore } from '../store/store.js';
import type { ImportDefaults, Importer, KnownName } from './importer.js';
import { EntityResolver } from './merge/entity-resolver.js';
import { classOfType, type EntityRecord, type ImportProblem, type IndicatorRecord } from './model.js';
import { readHeadText } from './read-text.js';
import { type ImporterName, importers } from './registry.js';
import { tryIpRange } from './warninglists/ip-range.js';
import { warninglistSuppresses } from './warninglists/warninglist-roles.js';
import { warninglistScope } from './warninglists/warninglist-scope.js';

/** How to import intel files. */
export interface IntelImportOptions {
  readonly store: MamoriStore;
  readonly defaults?: ImportDefaults;
  /** Force a format instead of sniffing. */
  readonly format?: ImporterName;
  readonly signal?: AbortSignal;
  /** Called every few thousand records with the running count. */
  readonly onProgress?: (p: { file: string; records: number }) => void;
}

/** What happened to one file. */
export interface IntelFileOutcome {
  readonly path: string;
  readonly status: 'imported' | 'failed';
  readonly format: string | null;
  readonly source: string | null;
  readonly counts: IntelImportCounts | null;
  /** Per-record problems; the records were skipped, everything else imported. */
  readonly problems: readonly ImportProblem[];
  readonly problemCount: number;
  /** Names no source defines, kept as stub entities (e.g. an actor named only by a MISP tag). */
  readonly stubs: readonly string[];
  readonly notes: readonly string[];
  readonly seconds?: number;
  readonly error?: MamoriError;
}

const flushEvery = 5000;
const keepProblems = 200;

/** Source label of a file when the user gives none: its name without extensions. */
export function sourceLabelOf(path: string): string {
  return basename(path).replace(/(\.(gz|json|jsonl|txt|csv|md|markdown|html?|stix2?[01]?))+$/i, '');
}

/** Picks the importer for a file by sniffing its head. */
export async function sniffImporter(path: string): Promise<Importer | null> {
  const head = await readHeadText(path);
  for (const imp of Object.values(importers)) if (imp.sniff(head, path)) return imp;
  return null;
}

const rankOf = (format: string, r: EntityRecord): number => {
  if (format === 'stix' && r.attackIds.length > 0) return 0;
  if (format === 'misp-galaxy' && r.attackIds.length > 0) return 1;
  if (format === 'stix') return 2;
  if (format === 'misp-galaxy') return 3;
  return 4;
};

/**
 * Imports one intel file atomically: its records are merged into the knowledge base, replacing what
 * the same source contributed before; if anything fails the store is left as it was.
 */
export async function importIntelFile(path: string, opts: IntelImportOptions): Promise<IntelFileOutcome> {
  const started = performance.now();
  const problems: ImportProblem[] = [];
  let problemCount = 0;
  const fail = (err: unknown, format: string | null, source: string | null): IntelFileOutcome => {
    const error =
      err instanceof MamoriError
        ? err
        : new MamoriError(errorCodes.badInput, `${path}: ${messageOf(err)}`, { cause: err });
    return {
      path,
      status: 'failed',
      format,
      source,
      counts: null,
      problems,
      problemCount,
      stubs: [],
      notes: [],
      error,
    };
  };
  try {
    await stat(path);
  } catch (err) {
    return fail(new MamoriError(errorCodes.io, `${path}: cannot read: ${messageOf(err)}`), null, null);
  }
  const importer = opts.format ? importers[opts.format] : await sniffImporter(path);
  if (!importer) {
    const expected = Object.values(importers)
      .map((i) => i.description)
      .join('; ');
    return fail(
      new MamoriError(
        errorCodes.unknownFormat,
        `${path}: not an intel format mamori reads; expected one of: ${expected}`,
      ),
      null,
      null,
    );
  }
  const source = opts.defaults?.source ?? sourceLabelOf(path);
  const store = opts.store;
  const resolver = new EntityResolver(await store.intel.loadIndex());
  let names: KnownName[] | null = null;
  const knownNames = async (): Promise<readonly KnownName[]> => {
    names ??= (await store.intel.loadIndex()).flatMap((e) => {
      const cls = classOfType[e.type as keyof typeof classOfType];
      if (!cls || cls === 'report') return [];
      return [e.name, ...e.aliases].map((n) => ({ name: n, cls, canonical: e.name, entityId: e.id }));
    });
    return names;
  };
  let writer: IntelImportWriter | null = null;
  const notes: string[] = [];
  try {
    const { size } = await stat(path);
    writer = await store.intel.beginImport({
      source,
      kind: importer.name,
      path,
      digest: await rawDigest(path, size),
    });
    const w = writer;
    const buf = {
      entities: [] as EntitySourceRow[],
      indicators: [] as IndicatorRow[],
      relationships: [] as RelationshipRow[],
      observables: [] as ObservableRow[],
      sightings: [] as SightingRow[],
    };
    const refsSeen = new Set<string>();
    const flush = async () => {
      if (buf.entities.length) await w.addEntities(buf.entities.splice(0));
      if (buf.indicators.length) await w.addIndicators(buf.indicators.splice(0));
      if (buf.relationships.length) await w.addRelationships(buf.relationships.splice(0));
      if (buf.observables.length) await w.addObservables(buf.observables.splice(0));
      if (buf.sightings.length) await w.addSightings(buf.sightings.splice(0));
    };
    let records = 0;
    const ctx = { path, source, defaults: opts.defaults ?? {}, knownNames, signal: opts.signal };
    for await (const item of importer.read(ctx)) {
      if (opts.signal?.aborted)
        throw new MamoriError(errorCodes.interrupted, `${path}: import interrupted; nothing of it was kept`);
      records++;
      switch (item.kind) {
        case 'entity': {
          const r = item.entity;
          const res = resolver.resolve(r, source);
          if (res.note) notes.push(res.note);
          buf.entities.push(entityRow(res.id, { ...r, attackIds: res.attackIds }, rankOf(importer.name, r)));
          break;
        }
        case 'relationship': {
          const r = item.relationship;
          refsSeen.add(r.sourceRef);
          refsSeen.add(r.targetRef);
          buf.relationships.push({
            sourceRef: r.sourceRef,
            type: r.type,
            targetRef: r.targetRef,
            description: r.description ?? null,
            firstSeen: r.firstSeen ?? null,
            lastSeen: r.lastSeen ?? null,
          });
          break;
        }
        case 'indicator':
          for (const ref of item.indicator.indicates ?? []) refsSeen.add(ref);
          buf.indicators.push(indicatorRow(item.indicator, opts.defaults));
          break;
        case 'observable': {
          const o = item.observable;
          buf.observables.push({
            ref: o.ref,
            kind: o.kind,
            value: o.value,
            reason: o.reason,
            indicates: o.indicates ?? [],
          });
          break;
        }
        case 'sighting': {
          const s = item.sighting;
          buf.sightings.push({
            ref: s.ref,
            count: s.count,
            firstSeen: s.firstSeen ?? null,
            lastSeen: s.lastSeen ?? null,
            observer: s.observer ?? null,
          });
          break;
        }
        case 'warninglist': {
          await flush();
          const wl = item.warninglist;
          await w.addWarninglist({
            name: wl.name,
            description: wl.description,
            version: wl.version,
            matchType: wl.matchType,
            category: wl.category,
            matchingAttributes: wl.matchingAttributes,
            scope: [...warninglistScope(wl)],
            suppresses: warninglistSuppresses(wl.name),
            entries: wl.entries.map((value) => {
              const range = wl.matchType === 'cidr' ? tryIpRange(value) : null;
              return { value, ipVersion: range?.v ?? null, ipLo: range?.lo ?? null, ipHi: range?.hi ?? null };
            }),
          });
          break;
        }
        case 'problem':
          problemCount++;
          if (problems.length < keepProblems) problems.push(item.problem);
          break;
      }
      if (records % flushEvery === 0) {
        await flush();
        opts.onProgress?.({ file: path, records });
      }
    }
    // Refs are resolved once every entity of the file is known, whatever order the file had.
    const refMap = new Map<string, string>();
    for (const ref of await store.intel.pendingRefs()) refsSeen.add(ref);
    for (const ref of refsSeen) {
      const id = resolver.resolveRef(ref);
      if (id) refMap.set(ref, id);
    }
    for (const e of buf.entities) refMap.set(e.ref, e.entityId);
    for (const stub of resolver.stubs) {
      buf.entities.push({
        entityId: stub.id,
        ref: stub.ref,
        type: stub.type,
        name: stub.name,
        aliases: [],
        attackIds: [],
        otherRefs: [],
        description: null,
        country: null,
        attrs: JSON.stringify({ stub: true }),
        revoked: false,
        deprecated: false,
        url: null,
        published: null,
        tlp: null,
        rank: 9,
      });
    }
    await flush();
    const readSeconds = (performance.now() - started) / 1000;
    const counts = await w.commit(refMap, resolver.merges);
    for (const m of resolver.merges) notes.push(`merged ${m.from} into ${m.into}: ${m.why}`);
    log.debug(
      { file: path, records, readSeconds, commitSeconds: (performance.now() - started) / 1000 - readSeconds },
      'intel import',
    );
    return {
      seconds: (performance.now() - started) / 1000,
      path,
      status: 'imported',
      format: importer.name,
      source,
      counts,
      problems,
      problemCount,
      stubs: resolver.stubs.map((s) => s.name),
      notes,
    };
  } catch (err) {
    if (writer) await writer.abort();
    return fail(err, importer.name, source);
  }
}

function entityRow(id: string, r: EntityRecord, rank: number): EntitySourceRow {
  return {
    entityId: id,
    ref: r.ref,
    type: r.type,
    name: r.name,
    aliases: [...new Set(r.aliases.filter((a) => a.trim() !== '' && a !== r.name))],
    attackIds: [...new Set(r.attackIds.map((a) => a.toUpperCase()))],
    otherRefs: [...(r.otherRefs ?? [])],
    description: r.description ?? null,
    country: r.country ?? null,
    attrs: r.attrs ? JSON.stringify(r.attrs) : null,
    revoked: r.revoked ?? false,
    deprecated: r.deprecated ?? false,
    url: r.url ?? null,
    published: r.published ?? null,
    tlp: r.tlp ?? null,
    rank,
  };
}

function indicatorRow(i: IndicatorRecord, d: ImportDefaults | undefined): IndicatorRow {
  const range = i.type === 'ipv4' || i.type === 'ipv6' || i.type === 'cidr' ? tryIpRange(i.value) : null;
  return {
    ref: i.ref,
    type: i.type,
    value: i.value,
    port: i.port ?? null,
    ipVersion: range?.v ?? null,
    ipLo: range?.lo ?? null,
    ipHi: range?.hi ?? null,
    validFrom: i.validFrom ?? null,
    validUntil: i.validUntil ?? null,
    confidence: i.confidence ?? d?.confidence ?? null,
    tlp: i.tlp ?? d?.tlp ?? null,
    firstSeen: i.firstSeen ?? null,
    lastSeen: i.lastSeen ?? null,
    description: i.description ?? null,
    pattern: i.pattern ?? null,
    toIds: i.toIds ?? true,
    revoked: i.revoked ?? false,
    indicates: [...(i.indicates ?? [])],
  };
}
