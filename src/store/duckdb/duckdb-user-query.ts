import { type DuckDBConnection, StatementType } from '@duckdb/node-api';
import { errorCodes, MamoriError, messageOf } from '../../errors.js';
import type { QueryResult } from '../store.js';

const allowed = new Set<StatementType>([StatementType.SELECT, StatementType.EXPLAIN]);

/**
 * Runs one read-only statement from a user. Writes, DDL, PRAGMA, ATTACH, COPY and file access are
 * refused before anything runs; a statement that still tries to write fails inside a rolled-back
 * transaction.
 */
export async function runUserQuery(
  conn: DuckDBConnection,
  sql: string,
  opts?: { limit?: number },
): Promise<QueryResult> {
  let extracted: Awaited<ReturnType<DuckDBConnection['extractStatements']>>;
  try {
    extracted = await conn.extractStatements(sql);
  } catch (err) {
    throw new MamoriError(errorCodes.badInput, `SQL error: ${messageOf(err)}`, { cause: err });
  }
  if (extracted.count !== 1) {
    throw new MamoriError(errorCodes.badInput, `give exactly one SQL statement (got ${extracted.count})`);
  }
  let prepared: Awaited<ReturnType<typeof extracted.prepare>>;
  try {
    prepared = await extracted.prepare(0);
  } catch (err) {
    throw new MamoriError(errorCodes.badInput, `SQL error: ${messageOf(err)}`, { cause: err });
  }
  if (!allowed.has(prepared.statementType)) {
    throw new MamoriError(
      errorCodes.readOnly,
      `mamori query is read-only: ${StatementType[prepared.statementType]} statements are refused`,
    );
  }
  // Table functions such as read_csv or read_text would reach outside the store.
  if (/\b(read_\w+|glob|sniff_csv|parquet_\w+|iceberg_\w+|delta_scan|getenv|copy)\s*\(/i.test(sql)) {
    throw new MamoriError(
      errorCodes.readOnly,
      'mamori query reads the store only; file and environment functions are refused',
    );
  }
  await conn.run('BEGIN TRANSACTION READ ONLY').catch(() => conn.run('BEGIN TRANSACTION'));
  try {
    const reader = await prepared.runAndReadUntil(opts?.limit ?? 10_000);
    return { columns: reader.columnNames(), rows: reader.getRowObjectsJson() as Record<string, unknown>[] };
  } catch (err) {
    throw new MamoriError(errorCodes.badInput, `SQL error: ${messageOf(err)}`, { cause: err });
  } finally {
    await conn.run('ROLLBACK');
  }
}
