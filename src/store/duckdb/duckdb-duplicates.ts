import type { DuckDBConnection } from '@duckdb/node-api';
import { duplicateKeys } from '../schema/duplicate-keys.js';
import { type TelemetryTableName, telemetryTables } from '../schema/tables.js';
import { sqlIdent } from './duckdb-types.js';

/** Rows of one table a batch held that other batches already had, and those batches' files. */
export interface TableDuplicates {
  readonly rows: number;
  readonly heldBy: readonly { readonly file: string; readonly rows: number }[];
}

/**
 * Deletes the batch's rows of `table` that another batch already stored (see duplicateKeys).
 * The other side is read only within the batch's own time range, so DuckDB's min/max zone maps on
 * `ts` skip the rest of the table; a batch without duplicates costs two small queries.
 */
export async function dropDuplicateRows(
  conn: DuckDBConnection,
  table: TelemetryTableName,
  batchId: number,
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
  const same = [
    'o.batch_id <> $batch',
    'o.ts BETWEEN make_timestamp($lo::BIGINT) AND make_timestamp($hi::BIGINT)',
    'o.ts = n.ts',
    `o.${id} = n.${id}`,
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
