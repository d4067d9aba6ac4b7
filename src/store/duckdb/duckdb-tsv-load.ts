import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { plainNumberPattern, type ZeekJsonKind, zeekJsonKind, zeekKind } from '../../zeek/zeek-values.js';
import type { ColumnSpec, ColumnType } from '../schema/column.js';
import { provenanceNames } from '../schema/column.js';
import { telemetryTables } from '../schema/tables.js';
import { addressPattern, maxIntervalSeconds } from '../schema/value-ranges.js';
import type { BatchOrigin, NativeLoadResult, NativeTsvLoad, RejectRecord } from '../store.js';
import { csvLineLimits, sqlIdent } from './duckdb-types.js';

/** How DuckDB's CSV reader must parse a field feeding a column of this type (mirrors the JS engine). */
const readTypes: Record<ColumnType, string> = {
  timestamp: 'DECIMAL(18,6)',
  ubigint: 'UBIGINT',
  bigint: 'BIGINT',
  integer: 'USMALLINT',
  double: 'DOUBLE',
  boolean: 'BOOLEAN',
  varchar: 'VARCHAR',
  'varchar[]': 'VARCHAR',
  'double[]': 'VARCHAR',
  json: 'VARCHAR',
};

const rejectsTable = 'mamori_reject_errors';
const scansTable = 'mamori_reject_scans';
// DuckDB appends to its (per-connection) reject tables on every scan; they are cleared only after a
// scan used them, so a connection that never had rejects skips two statements per file.
const cleanRejectTables = new WeakSet<DuckDBConnection>();

/**
 * An interval as stored: to the microsecond, as roundMicros in the JS engine (`+ 0.0` turns −0 into
 * 0). Range checks read this value, so a tiny negative such as −2.5e-318 is 0, not a reject.
 */
export function storedIntervalSql(x: string): string {
  return `(round(${x}, 6) + 0.0)`;
}

/** A DOUBLE expression inside an interval's range (value-ranges.ts: finite, 0 to 1e9 s). */
export function intervalInRangeSql(x: string): string {
  return `(isfinite(${x}) AND ${x} >= 0 AND ${x} <= ${maxIntervalSeconds})`;
}

/** An address column's text matches `addressPattern` (RE2 reads the same pattern as JavaScript). */
export function addressSql(x: string): string {
  return `regexp_full_match(${x}, '${addressPattern}')`;
}

/**
 * The condition a read field must meet to be loaded, as the JS row plan checks it (null: none).
 * Rows failing it are left out of the load; the caller explains them line by line.
 */
function rangeCheck(col: ColumnSpec, c: string): string | null {
  if (col.address) return `(${c} IS NULL OR ${addressSql(c)})`;
  if (col.type === 'double') return `(${c} IS NULL OR ${intervalInRangeSql(storedIntervalSql(c))})`;
  return null;
}

function projection(col: ColumnSpec, c: string): string {
  switch (col.type) {
    case 'timestamp':
      // Exact to the microsecond for any time Zeek writes (a double holds them to ~0.1 µs), and
      // far cheaper than 128-bit decimal arithmetic.
      return `make_timestamp(CAST(CAST(${c} AS DOUBLE) * 1000000 AS BIGINT))`;
    case 'varchar':
      return `CASE WHEN ${c} = $empty THEN '' ELSE ${c} END`;
    case 'varchar[]':
      return `CASE WHEN ${c} = $empty THEN []::VARCHAR[] ELSE string_split(${c}, $setsep) END`;
    case 'double[]':
      // Elements that are not numbers, or out of an interval's range, become null (as in zeek-row-plan.ts).
      return `CASE WHEN ${c} = $empty THEN []::DOUBLE[] ELSE list_transform(string_split(${c}, $setsep), x -> CASE WHEN ${intervalInRangeSql(storedIntervalSql('TRY_CAST(x AS DOUBLE)'))} THEN ${storedIntervalSql('TRY_CAST(x AS DOUBLE)')} END) END`;
    case 'double':
      return storedIntervalSql(c);
    case 'integer':
      return `CAST(${c} AS INTEGER)`;
    default:
      return c;
  }
}

/**
 * SQL for one extra field's text as the JSON value the JS engine gives it (zeekTextToJson):
 * integral numbers without a fraction (3600, not 3600.0), T/F as booleans, other text as strings.
 */
function extraValueJson(x: string, kind: ZeekJsonKind): string {
  if (kind === 'bool')
    return `CASE ${x} WHEN 'T' THEN to_json(true) WHEN 'F' THEN to_json(false) ELSE to_json(${x}) END`;
  if (kind === 'string') return `to_json(${x})`;
  const d = `CAST(${x} AS DOUBLE)`;
  return `CASE WHEN NOT regexp_full_match(${x}, '${plainNumberPattern}') THEN to_json(${x})
    WHEN abs(${d}) < 9007199254740992 AND ${d} = trunc(${d}) THEN to_json(CAST(${d} AS BIGINT))
    ELSE to_json(${d}) END`;
}

/** The INSERT … SELECT … FROM read_csv statement and its parameters for one load. */
export function buildTsvInsert(
  load: NativeTsvLoad,
  origin: BatchOrigin,
  batchId: number,
  target: string,
): { sql: string; params: Record<string, DuckDBValue> } {
  const { layout } = load;
  const spec = telemetryTables[load.table];
  const indexOf = new Map(layout.fields.map((f, i) => [f, i]));
  const readType = layout.fields.map(() => 'VARCHAR');
  const used = new Set<number>();
  const params: Record<string, DuckDBValue> = {
    path: load.path,
    skip: load.skipLines,
    delim: layout.separator,
    nullstr: layout.unsetField,
    empty: layout.emptyField,
    setsep: layout.setSeparator,
    engine: origin.engine,
    sensor: origin.sensor,
    source_file: origin.sourceFile,
    batch_id: batchId,
    ...csvLineLimits(load.maxLineBytes ?? 0),
  };
  const names: string[] = [];
  const exprs: string[] = [];
  const checks: string[] = [];
  let k = 0;
  for (const col of spec.columns) {
    if (provenanceNames.has(col.name)) continue;
    names.push(sqlIdent(col.name));
    const index = col.zeek === undefined ? undefined : indexOf.get(col.zeek);
    if (index === undefined) {
      const constant = load.constants[col.name];
      if (constant === undefined || constant === null) {
        exprs.push('NULL');
      } else {
        params[`k${k}`] = constant as DuckDBValue;
        exprs.push(`CAST($k${k} AS ${col.type === 'boolean' ? 'BOOLEAN' : 'VARCHAR'})`);
        k += 1;
      }
      continue;
    }
    used.add(index);
    readType[index] = readTypes[col.type];
    exprs.push(projection(col, `c${index}`));
    const check = rangeCheck(col, `c${index}`);
    if (check !== null) checks.push(check);
  }
  const extras = layout.fields.map((_, i) => i).filter((i) => !used.has(i));
  names.push('extra');
  if (extras.length === 0) {
    exprs.push('NULL');
  } else {
    const pairs = extras.map((i, n) => {
      params[`x${n}`] = layout.fields[i] as string;
      const type = layout.types[i] ?? 'string';
      const kind = zeekJsonKind(type);
      const c = `c${i}`;
      const value =
        zeekKind(type) === 'list'
          ? `CASE WHEN ${c} = $empty THEN to_json([]::VARCHAR[]) ELSE to_json(list_transform(string_split(${c}, $setsep), v -> ${extraValueJson('v', kind)})) END`
          : `CASE WHEN ${c} = $empty THEN to_json('') ELSE ${extraValueJson(c, kind)} END`;
      return `$x${n}, ${value}`;
    });
    // A merge patch onto {} drops null members: unset fields are left out, as Zeek's JSON does.
    exprs.push(`nullif(json_merge_patch('{}', json_object(${pairs.join(', ')}))::VARCHAR, '{}')::JSON`);
  }
  names.push('engine', 'sensor', 'source_file', 'batch_id');
  exprs.push('$engine', '$sensor', '$source_file', '$batch_id');
  const columns = readType.map((t, i) => `'c${i}': '${t}'`).join(', ');
  const sql = `INSERT INTO ${target} (${names.join(', ')})
    SELECT ${exprs.join(',\n      ')}
    FROM read_csv($path, skip = $skip, delim = $delim, quote = '', escape = '', header = false, auto_detect = false,
      columns = {${columns}}, nullstr = $nullstr, strict_mode = true, null_padding = false,
      store_rejects = true, rejects_table = '${rejectsTable}', rejects_scan = '${scansTable}',
      max_line_size = $max_line, buffer_size = $buffer)${checks.length > 0 ? `\n    WHERE ${checks.join(' AND ')}` : ''}`;
  // DuckDB refuses parameters the statement does not use.
  const usedParams = Object.fromEntries(
    Object.entries(params).filter(([name]) => new RegExp(`\\$${name}\\b`).test(sql)),
  );
  return { sql, params: usedParams };
}

/** Runs a native TSV load inside the caller's transaction and collects DuckDB's rejects. */
export async function runNativeTsvLoad(
  conn: DuckDBConnection,
  load: NativeTsvLoad,
  origin: BatchOrigin,
  batchId: number,
  moveStaged: (stage: string) => Promise<number>,
): Promise<NativeLoadResult> {
  if (!cleanRejectTables.has(conn)) {
    await conn.run(`DROP TABLE IF EXISTS temp.${rejectsTable}`);
    await conn.run(`DROP TABLE IF EXISTS temp.${scansTable}`);
    cleanRejectTables.add(conn);
  }
  const needsUnescape = load.mayHaveEscapes;
  const target = needsUnescape ? 'mamori_stage' : sqlIdent(load.table);
  if (needsUnescape) {
    await conn.run(`DROP TABLE IF EXISTS temp.mamori_stage`);
    await conn.run(`CREATE TEMP TABLE mamori_stage AS SELECT * FROM ${sqlIdent(load.table)} LIMIT 0`);
  }
  const { sql, params } = buildTsvInsert(load, origin, batchId, target);
  const res = await conn.run(sql, params);
  let rows = Number(res.rowsChanged);
  if (needsUnescape) {
    rows = await moveStaged('mamori_stage');
    await conn.run(`DROP TABLE temp.mamori_stage`);
  }
  if (rows === load.dataLines) return { rows, rejects: [] };
  cleanRejectTables.delete(conn);
  const rej = await conn.runAndReadAll(
    `SELECT line, string_agg(coalesce(column_name, ''), '|' ORDER BY column_idx) AS cols,
            string_agg(error_type, '|' ORDER BY column_idx) AS types,
            string_agg(error_message, ' | ' ORDER BY column_idx) AS messages, any_value(csv_line) AS raw
     FROM temp.${rejectsTable} GROUP BY line ORDER BY line`,
  );
  const rejects: RejectRecord[] = [];
  for (const r of rej.getRowObjectsJson()) {
    const raw = String(r['raw'] ?? '').replace(/^\n+/, '');
    // The trailing `#close` line is a footer, not data.
    if (raw.startsWith('#')) continue;
    rejects.push({
      file: origin.sourceFile,
      line: Number(r['line']) + load.lineOffset,
      reason: rejectReason(
        String(r['types']),
        String(r['cols']),
        String(r['messages']),
        load.layout.fields,
        raw,
        load.layout.separator,
      ),
      raw,
    });
  }
  // Lines neither loaded nor refused by the reader failed a range check (rangeCheck).
  return { rows, rejects, unexplained: Math.max(0, load.dataLines - rows - rejects.length) };
}

function rejectReason(
  types: string,
  cols: string,
  messages: string,
  fields: readonly string[],
  raw: string,
  sep: string,
): string {
  if (types.includes('COLUMNS')) return `expected ${fields.length} fields, found ${raw.split(sep).length}`;
  const named = cols
    .split('|')
    .filter((c) => /^c\d+$/.test(c))
    .map((c) => fields[Number(c.slice(1))] ?? c);
  const msg = messages.replace(/Error when converting column "c\d+"\. /g, '');
  return named.length > 0 ? `field ${named.join(', ')}: ${msg}` : msg;
}
