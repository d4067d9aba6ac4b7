import { type DuckDBConnection, DuckDBTypeId, StatementType } from '@duckdb/node-api';
import { errorCodes, MamoriError, messageOf } from '../../errors.js';
import type { QueryResult } from '../store.js';
import {
  AbandonedQueryError,
  memorySizePattern,
  type UserQueryLimits,
  userQueryDefaults,
} from '../user-query.js';

const allowed = new Set<StatementType>([StatementType.SELECT, StatementType.EXPLAIN]);

// A statement busy inside one huge vector sees its interrupt only when that vector is done; past
// this grace the caller gets its error and the statement is abandoned with its connection.
const interruptGraceMs = 5_000;

type Prepared = Awaited<ReturnType<Awaited<ReturnType<DuckDBConnection['extractStatements']>>['prepare']>>;

/** The one statement in `sql`, prepared and checked to be a read-only query of the store. */
async function prepareReadOnly(conn: DuckDBConnection, sql: string): Promise<Prepared> {
  let extracted: Awaited<ReturnType<DuckDBConnection['extractStatements']>>;
  try {
    extracted = await conn.extractStatements(sql);
  } catch (err) {
    throw new MamoriError(errorCodes.badInput, `SQL error: ${messageOf(err)}`, { cause: err });
  }
  if (extracted.count !== 1) {
    throw new MamoriError(errorCodes.badInput, `give exactly one SQL statement (got ${extracted.count})`);
  }
  let prepared: Prepared;
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
  return prepared;
}

const integerTypes = new Set([
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UHUGEINT,
]);

type Reader = Awaited<ReturnType<Prepared['runAndReadUntil']>>;

/**
 * DuckDB's JSON form writes 64- and 128-bit integers and decimals as strings (a double would lose
 * digits). Integers become bigints, which the CLI writes as exact JSON numbers, and decimals plain
 * numbers, so a script reads `count(*)` and `sum(orig_bytes)` as numbers.
 */
function numericColumns(reader: Reader, rows: Record<string, unknown>[]): Record<string, unknown>[] {
  // By position, not name: two columns of one name come back as `n` and `n:1`.
  const convert = reader.columnTypes().flatMap((t, i) => {
    if (integerTypes.has(t.typeId)) return [{ i, to: (v: string) => BigInt(v) as unknown }];
    if (t.typeId === DuckDBTypeId.DECIMAL) return [{ i, to: (v: string) => Number(v) as unknown }];
    return [];
  });
  if (convert.length === 0) return rows;
  for (const row of rows) {
    const keys = Object.keys(row);
    for (const c of convert) {
      const key = keys[c.i];
      if (key === undefined) continue;
      const v = row[key];
      if (typeof v === 'string') row[key] = c.to(v);
    }
  }
  return rows;
}

/** The user's error for a statement DuckDB refused or stopped. */
function queryError(
  err: unknown,
  limits: { seconds: number; memory: string; interrupted: boolean },
): MamoriError {
  if (err instanceof MamoriError) return err;
  const msg = messageOf(err);
  if (limits.interrupted) {
    return new MamoriError(
      errorCodes.badInput,
      `query stopped: it ran longer than ${limits.seconds} s (--timeout); narrow it with WHERE or LIMIT, or raise the limit`,
      { cause: err },
    );
  }
  if (/out of memory|temp(orary)? directory|max_temp_directory_size/i.test(msg)) {
    return new MamoriError(
      errorCodes.badInput,
      `query stopped: it needs more than its memory limit of ${limits.memory} (--memory-limit): ${msg.split('\n')[0]}`,
      { cause: err },
    );
  }
  return new MamoriError(errorCodes.badInput, `SQL error: ${msg}`, { cause: err });
}

/**
 * Runs one read-only statement from a user. Writes, DDL, PRAGMA, ATTACH, COPY and file access are
 * refused before anything runs; a statement that still tries to write fails inside a rolled-back
 * transaction. It runs under a time limit (the connection is interrupted) and a memory limit that
 * also bounds what it spills to disk; see {@link userQueryDefaults}.
 */
export async function runUserQuery(
  conn: DuckDBConnection,
  sql: string,
  opts: UserQueryLimits = {},
): Promise<QueryResult> {
  const memory = opts.memoryLimit ?? userQueryDefaults.memoryLimit;
  const seconds = opts.timeoutSeconds ?? userQueryDefaults.timeoutSeconds;
  if (!memorySizePattern.test(memory)) {
    throw new MamoriError(errorCodes.usage, `memory limit "${memory}" is not a size such as 512MB or 2GB`);
  }
  const prepared = await prepareReadOnly(conn, sql);
  // memory_limit is the instance's: the store's own is put back after the statement.
  const before = await conn.runAndReadAll(
    `SELECT current_setting('memory_limit')::VARCHAR, current_setting('max_temp_directory_size')::VARCHAR`,
  );
  const [memoryBefore, tempBefore] = (before.getRows()[0] ?? []).map(String);
  await conn.run(`SET memory_limit = '${memory}'`);
  await conn.run(`SET max_temp_directory_size = '${memory}'`);
  await conn.run('BEGIN TRANSACTION READ ONLY').catch(() => conn.run('BEGIN TRANSACTION'));
  const state = { seconds, memory, interrupted: false, abandoned: false };
  let timer: NodeJS.Timeout | undefined;
  let grace: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      state.interrupted = true;
      conn.interrupt();
      grace = setTimeout(() => {
        state.abandoned = true;
        reject(new AbandonedQueryError(seconds));
      }, interruptGraceMs);
    }, seconds * 1000);
  });
  try {
    const limit = opts.limit ?? userQueryDefaults.limit;
    // DuckDB hands rows over in chunks of 2,048: read one past the limit, then cut, to know if more exist.
    const reader = await Promise.race([prepared.runAndReadUntil(limit + 1), deadline]);
    const rows = numericColumns(reader, reader.getRowObjectsJson() as Record<string, unknown>[]);
    return { columns: reader.columnNames(), rows: rows.slice(0, limit), truncated: rows.length > limit };
  } catch (err) {
    throw queryError(err, state);
  } finally {
    clearTimeout(timer);
    clearTimeout(grace);
    // An abandoned statement still holds the connection: anything run on it now would wait for it.
    if (!state.abandoned) {
      await conn.run('ROLLBACK');
      await conn.run(`SET memory_limit = '${memoryBefore}'`);
      await conn.run(`SET max_temp_directory_size = '${tempBefore}'`);
    }
  }
}
