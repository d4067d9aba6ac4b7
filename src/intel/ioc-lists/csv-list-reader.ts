import type { ImportContext } from '../importer.js';
import { detectIndicator as detectValue, type Normalized, normalizeAs } from '../indicators/normalize.js';
import type { IntelItem } from '../model.js';
import { readLines } from '../read-text.js';
import { isoDate } from '../reports/document-text.js';
import type { NameResolver } from './block-context.js';
import { boolOf, type CsvColumns, columnsOf, confidenceOf, ruleOfType, tlpOf } from './csv-columns.js';
import { delimiterOf, splitCsv } from './csv-fields.js';
import type { ListEmitter, ValueFacts } from './list-emitter.js';
import type { ProblemLog } from './problem-log.js';

/** A quoted field that has not closed after this many characters is a broken file, not a long cell. */
const maxRecordChars = 1024 * 1024;

/** What a CSV reader needs besides the file. */
export interface CsvListDeps {
  readonly names: NameResolver;
  readonly emitter: ListEmitter;
  readonly problems: ProblemLog;
}

/** The header of a CSV list when its first line names a value column (and maybe a type column). */
export function csvHeaderOf(head: string): { columns: CsvColumns; delimiter: string } | null {
  const first = head.split(/\r?\n/).find((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  if (first === undefined) return null;
  const delimiter = delimiterOf(first);
  const columns = columnsOf(splitCsv(first, delimiter).fields);
  return columns ? { columns, delimiter } : null;
}

/**
 * Reads a CSV list with a header (PwC's `Type,Value`, MISP's CSV export, …). Network types are
 * detected from the value, so a `url` column holding bare domains yields domains; other declared
 * types (Filename, Mutex, RegistryKey…) become observables of that kind.
 */
export async function* readCsvList(
  ctx: ImportContext,
  header: { columns: CsvColumns; delimiter: string },
  deps: CsvListDeps,
): AsyncGenerator<IntelItem> {
  const { columns, delimiter } = header;
  const { names, emitter, problems } = deps;
  let seenHeader = false;
  let pending = '';
  let pendingNo = 0;
  const problem = (no: number, message: string): IntelItem[] => {
    const item = problems.add(`line ${no}`, message);
    return item ? [item] : [];
  };
  for await (const { line, no } of readLines(ctx.path)) {
    if (no % 2000 === 0) ctx.signal?.throwIfAborted();
    if (pending === '' && (line.trim() === '' || line.trim().startsWith('#'))) continue;
    if (!seenHeader) {
      seenHeader = true;
      continue;
    }
    const record = pending === '' ? line : `${pending}\n${line}`;
    const at = pending === '' ? no : pendingNo;
    const split = splitCsv(record, delimiter);
    if (split.open && record.length < maxRecordChars) {
      pending = record;
      pendingNo = at;
      continue;
    }
    pending = '';
    if (split.open) {
      yield* problem(at, 'a quoted field is never closed; the record was skipped');
      continue;
    }
    yield* row(split.fields, at);
  }
  if (pending !== '')
    yield* problem(pendingNo, 'the file ends inside a quoted field; the record was skipped');
  yield* problems.summary();

  function row(fields: readonly string[], no: number): IntelItem[] {
    const value = fields[columns.value] ?? '';
    const declared = columns.type === undefined ? '' : (fields[columns.type] ?? '');
    if (value === '') return problem(no, `no value in column ${columns.value + 1}`);
    const description = cell(fields, columns.description);
    const indicates = names.refsIn(description);
    const firstSeen = isoDate(cell(fields, columns.firstSeen));
    const lastSeen = isoDate(cell(fields, columns.lastSeen));
    const confidence = confidenceOf(cell(fields, columns.confidence));
    const tlp = tlpOf(cell(fields, columns.tlp));
    const toIds = boolOf(cell(fields, columns.toIds));
    const facts: ValueFacts = {
      indicates,
      ...(description ? { description } : {}),
      ...(firstSeen ? { firstSeen } : {}),
      ...(lastSeen ? { lastSeen } : {}),
      ...(confidence === undefined ? {} : { confidence }),
      ...(tlp ? { tlp } : {}),
      ...(toIds === undefined ? {} : { toIds }),
    };
    // MISP composite types: `filename|md5` with `a.exe|d41d…` is two values.
    const types = declared.split('|');
    const values = value.split('|');
    const pairs =
      types.length > 1 && types.length === values.length
        ? types.map((t, i) => [t, values[i] ?? ''] as const)
        : [[declared, value] as const];
    const out: IntelItem[] = [];
    for (const [t, v] of pairs) {
      const rule = ruleOfType(t);
      if (rule.kind === 'observable') {
        const reason = `${t} from a CSV IOC list; not matchable in network data${description ? `; ${description}` : ''}`;
        out.push(...emitter.observable(rule.name, v, reason, indicates));
        continue;
      }
      const n: Normalized = rule.kind === 'as' ? normalizeAs(rule.type, v) : detectValue(v);
      if (n.ok) out.push(...emitter.indicator(n, facts));
      else out.push(...problem(no, t === '' ? n.reason : `${t}: ${n.reason}`));
    }
    return out;
  }
}

function cell(fields: readonly string[], index: number | undefined): string | undefined {
  if (index === undefined) return undefined;
  const v = fields[index]?.trim();
  return v === '' ? undefined : v;
}
