import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { errorCodes, MamoriError, messageOf } from '../errors.js';
import { rawDigest } from '../io/file-head.js';
import { log } from '../log.js';
import { defaultLiveScope, type LiveScope, refusalOf } from '../net/live-scope.js';
import type {
  EntitySourceRow,
  IndicatorRow,
  IntelImportCounts,
  IntelImportWriter,
  NameConflict,
  ObservableRow,
  RelationshipRow,
  SightingRow,
} from '../store/intel-store.js';
import type { Store as MamoriStore } from '../store/store.js';
import {
  entityRow,
  indicatorRow,
  observableRow,
  relationshipRow,
  sightingRow,
  stubRow,
  warninglistRow,
} from './import-rows.js';
import type { ImportDefaults, Importer, KnownName } from './importer.js';
import { EntityResolver } from './merge/entity-resolver.js';
import { rankOf, trustOfRank } from './merge/source-trust.js';
import { classOfType, type ImportProblem } from './model.js';
import { readHeadText } from './read-text.js';
import { type ImporterName, importers } from './registry.js';

/** How to import intel files. */
export interface IntelImportOptions {
  readonly store: MamoriStore;
  readonly defaults?: ImportDefaults;
  /** Force a format instead of sniffing. */
  readonly format?: ImporterName;
  readonly signal?: AbortSignal;
  /** Called every few thousand records with the running count. */
  readonly onProgress?: (p: { file: string; records: number }) => void;
  /** Which address indicators may be live; broader or non-public ones are kept as observables. */
  readonly liveScope?: LiveScope;
  /** The user vouches for these sources: their names and ATT&CK ids rank with ATT&CK's and the galaxies'. */
  readonly trusted?: boolean;
}

/** An address indicator kept as an observable instead of a live indicator, and why. */
export interface RefusedIndicator {
  readonly value: string;
  readonly reason: string;
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
  /** Names, aliases and ATT&CK ids this source claimed that a more trusted source defines (or the reverse). */
  readonly conflicts: readonly NameConflict[];
  /** Address indicators refused as live (too broad, private, loopback…): stored as observables only. */
  readonly refusedIndicators: number;
  readonly refusedExamples: readonly RefusedIndicator[];
  readonly seconds?: number;
  readonly error?: MamoriError;
}

const flushEvery = 5000;
const keepProblems = 200;

/**
 * Source label of a file when the user gives none: its name without extensions; for MISP's
 * `lists/<name>/list.json` layout the folder's name, so that each list of a clone is a source of its own.
 */
export function sourceLabelOf(path: string): string {
  if (/^list\.json(\.gz)?$/i.test(basename(path))) return basename(dirname(path));
  return basename(path).replace(/(\.(gz|json|jsonl|txt|csv|md|markdown|html?|stix2?[01]?))+$/i, '');
}

/** Picks the importer for a file by sniffing its head. */
export async function sniffImporter(path: string): Promise<Importer | null> {
  const head = await readHeadText(path);
  for (const imp of Object.values(importers)) if (imp.sniff(head, path)) return imp;
  return null;
}

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
      conflicts: [],
      refusedIndicators: 0,
      refusedExamples: [],
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
  const scope = opts.liveScope ?? defaultLiveScope;
  let refused = 0;
  const refusedExamples: RefusedIndicator[] = [];
  try {
    const { size } = await stat(path);
    writer = await store.intel.beginImport({
      source,
      kind: importer.name,
      path,
      digest: await rawDigest(path, size),
      liveScope: scope,
      ...(opts.trusted ? { trusted: true } : {}),
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
          const rank = rankOf(importer.name, r, opts.trusted);
          const res = resolver.resolve(r, source, trustOfRank(rank));
          if (res.note) notes.push(res.note);
          // Refused ATT&CK id claims are stored with the rest of the record, so the merged view and
          // `intel show` can name them; the view never gives them to this entity.
          const claimed = res.dropped.filter((d) => d.kind === 'attack-id').map((d) => d.claim);
          buf.entities.push(entityRow(res.id, { ...r, attackIds: [...res.attackIds, ...claimed] }, rank));
          break;
        }
        case 'relationship':
          refsSeen.add(item.relationship.sourceRef);
          refsSeen.add(item.relationship.targetRef);
          buf.relationships.push(relationshipRow(item.relationship));
          break;
        case 'indicator': {
          const i = item.indicator;
          for (const ref of i.indicates ?? []) refsSeen.add(ref);
          const reason = refusalOf(i.type, i.value, scope);
          if (reason === null) {
            buf.indicators.push(indicatorRow(i, opts.defaults));
            break;
          }
          // Kept so that nothing the source said is lost, but as an observable: never matched.
          refused++;
          if (refusedExamples.length < keepProblems) refusedExamples.push({ value: i.value, reason });
          buf.observables.push(
            observableRow({ ref: i.ref, kind: i.type, value: i.value, reason, indicates: i.indicates ?? [] }),
          );
          break;
        }
        case 'observable':
          buf.observables.push(observableRow(item.observable));
          break;
        case 'sighting':
          buf.sightings.push(sightingRow(item.sighting));
          break;
        case 'warninglist':
          await flush();
          await w.addWarninglist(warninglistRow(item.warninglist));
          break;
        case 'note':
          notes.push(item.note);
          break;
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
    for (const stub of resolver.stubs) buf.entities.push(stubRow(stub));
    await flush();
    const readSeconds = (performance.now() - started) / 1000;
    const counts = await w.commit(refMap, resolver.merges);
    const conflicts = await store.intel.nameConflicts({ source });
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
      conflicts,
      refusedIndicators: refused,
      refusedExamples,
    };
  } catch (err) {
    if (writer) await writer.abort();
    return fail(err, importer.name, source);
  }
}
