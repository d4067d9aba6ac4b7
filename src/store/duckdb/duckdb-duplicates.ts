import type { DuckDBConnection } from '@duckdb/node-api';
import { duplicateKeys } from '../schema/duplicate-keys.js';
import { type TelemetryTableName, telemetryTables } from '../schema/tables.js';
import { sqlIdent } from './duckdb-types.js';

/** Rows of one table a batch held that other batches already had, and those batches' files. */
export interface TableDuplicates {
  readonly rows: number;
  readonly heldBy: readonly { readonly file: string; readonly rows: number }[];
}

type Range = readonly [lo: bigint, hi: bigint];

/**
 * The `ts` range (epoch µs) of every batch, per table, read from the store once and then kept up
 * to date, so that a batch whose range meets no other batch's (the next hour of a rotated log)
 * skips the join. Ranges of batches later aborted stay: a superset only costs a join.
 */
export class BatchTimeRanges {
  private readonly byTable = new Map<TelemetryTableName, Map<number, Range>>();

  /** The ranges of `table`'s batches, loaded on first use. */
  async of(conn: DuckDBConnection, table: TelemetryTableName): Promise<Map<number, Range>> {
    let ranges = this.byTable.get(table);
    if (!ranges) {
      const r = await conn.runAndReadAll(
        `SELECT batch_id, epoch_us(min(ts)) AS lo, epoch_us(max(ts)) AS hi FROM ${sqlIdent(table)}
         WHERE ts IS NOT NULL GROUP BY batch_id`,
      );
      ranges = new Map(r.getRows().map(([b, lo, hi]) => [Number(b), [lo as bigint, hi as bigint] as const]));
      this.byTable.set(table, ranges);
    }
    return ranges;
  }
}

/** The other batches whose time range meets `[lo, hi]`. */
function overlapping(ranges: ReadonlyMap<number, Range>, batchId: number, [lo, hi]: Range): number[] {
  const out: number[] = [];
  for (const [id, [a, b]] of ranges) if (id !== batchId && a <= hi && b >= lo) out.push(id);
  return out;
}

/**
 * Deletes the batch's rows of `table` that another batch already stored (see duplicateKeys).
 * The other side is read only within the batch's own time range, so DuckDB's min/max zone maps on
 * `ts` skip the rest of the table; a batch whose range meets no other batch's costs one query.
 */
export async function dropDuplicateRows(
  conn: DuckDBConnection,
  table: TelemetryTableName,
  batchId: number,
  timeRanges: BatchTimeRanges,
): Promise<TableDuplicates> {
  const none = { rows: 0, heldBy: [] };
  const key = duplicateKeys[table];
  const t = sqlIdent(table);
  const id = sqlIdent(key.id);
  const open = telemetryTables[table].columns.some((c) => c.name === 'is_open');
  const closed = (alias: string) => (open ? ` AND NOT coalesce(${alias}.is_open, false)` : '');
  const range = await conn.runAndReadAll(
    `SELECT epoch_us(min(ts)) AS lo, epoch_us(max(ts)) AS hi FROM ${t}
     WHERE batch_id = $batch AND ${id} IS NOT NULL${closed(t)}`,
    { batch: batchId },
  );
  const [lo, hi] = (range.getRows()[0] ?? [null, null]) as [bigint | null, bigint | null];
  if (lo === null || hi === null) return none;
  const ranges = await timeRanges.of(conn, table);
  const others = overlapping(ranges, batchId, [lo, hi]);
  ranges.set(batchId, [lo, hi]);
  if (others.length === 0) return none;
  const same = [
    // Batch ids are integers from the store, so they can be inlined.
    `o.batch_id IN (${others.join(', ')})`,
    'o.ts BETWEEN make_timestamp($lo::BIGINT) AND make_timestamp($hi::BIGINT)',
    'o.ts = n.ts',
    `o.${id} = n.${id}`,
    // Another sensor's copy is another network's telemetry (a capture hunted as two sites): scopes
    // stay independent, so only the same sensor's records count as duplicates.
    'o.sensor IS NOT DISTINCT FROM n.sensor',
    ...key.with.map((c) => `o.${sqlIdent(c)} IS NOT DISTINCT FROM n.${sqlIdent(c)}`),
  ].join(' AND ');
  const mine = `n.batch_id = $batch AND n.${id} IS NOT NULL${closed('n')}`;
  const params = { batch: batchId, lo, hi };
  const found = await conn.runAndReadAll(
    `SELECT o.source_file AS file, count(DISTINCT n.rowid)::BIGINT AS n
     FROM ${t} n JOIN ${t} o ON ${same}${closed('o')}
     WHERE ${mine} GROUP BY o.source_file ORDER BY n DESC, file`,
    params,
  );
  const heldBy = found.getRowObjectsJson().map((r) => ({ file: String(r['file']), rows: Number(r['n']) }));
  if (heldBy.length === 0) return none;
  const deleted = await conn.run(
    `DELETE FROM ${t} AS n WHERE ${mine}
     AND EXISTS (SELECT 1 FROM ${t} o WHERE ${same}${closed('o')})`,
    params,
  );
  return { rows: Number(deleted.rowsChanged), heldBy };
}
