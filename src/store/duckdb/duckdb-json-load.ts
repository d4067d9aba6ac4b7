import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { messageOf } from '../../errors.js';
import { log } from '../../log.js';
import type { ColumnSpec, ColumnType } from '../schema/column.js';
import { provenanceNames } from '../schema/column.js';
import { telemetryTables } from '../schema/tables.js';
import type { BatchOrigin, JsonScan, NativeJsonLoad } from '../store.js';
import { addressSql, intervalInRangeSql, storedIntervalSql } from './duckdb-tsv-load.js';
import { duckdbSqlTypes, sqlIdent } from './duckdb-types.js';

/** How DuckDB's JSON reader reads a key feeding a column of this type (mirrors json-values.ts). */
const jsonReadTypes: Record<ColumnType, string> = {
  timestamp: 'DOUBLE',
  varchar: 'VARCHAR',
  double: 'DOUBLE',
  ubigint: 'UBIGINT',
  bigint: 'BIGINT',
  integer: 'USMALLINT',
  boolean: 'BOOLEAN',
  'varchar[]': 'VARCHAR[]',
  'double[]': 'DOUBLE[]',
  json: 'JSON',
};

const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** DuckDB's own limit on one JSON record, raised so that every line the reader accepted fits. */
function maxObjectSize(maxLineBytes: number | undefined): number {
  return Math.max(16 * 1024 * 1024, (maxLineBytes ?? 0) + 1024);
}

// Intervals are stored to the microsecond, as the TSV has them (roundMicros in the JS engine), and
// the range is checked on that stored value. A
// value out of its column's range fails the whole read, which leaves the file to the JavaScript
// engine: it rejects those records by line, naming the field.
function jsonProjection(col: ColumnSpec, ref: string): string {
  const refuse = `error('field ' || ${sqlString(col.zeek ?? col.name)} || ' out of range')`;
  if (col.address) return `CASE WHEN ${ref} IS NULL OR ${addressSql(ref)} THEN ${ref} ELSE ${refuse} END`;
  if (col.type === 'timestamp') return `make_timestamp(CAST(${ref} * 1000000 AS BIGINT))`;
  if (col.type === 'double')
    return `CASE WHEN ${ref} IS NULL OR ${intervalInRangeSql(storedIntervalSql(ref))} THEN ${storedIntervalSql(ref)} ELSE ${refuse} END`;
  if (col.type === 'double[]')
    return `list_transform(${ref}, x -> CASE WHEN ${intervalInRangeSql(storedIntervalSql('x'))} THEN ${storedIntervalSql('x')} END)`;
  return ref;
}

/**
 * Staging for JSON loads. DuckDB aborts a transaction on any error, and a JSON file that does not
 * fit its columns must fail without touching the batch's transaction: so files are read on a
 * second connection into a Parquet file (a table would be invisible to the batch's older
 * snapshot), and only a successful read is copied in.
 */
export class DuckDBJsonStage {
  private conn: DuckDBConnection | null = null;
  private counter = 0;

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly tmpDir: string,
  ) {}

  private async stageConn(): Promise<DuckDBConnection> {
    this.conn ??= await this.instance.connect();
    return this.conn;
  }

  async scan(path: string, gzip: boolean, maxLineBytes?: number): Promise<JsonScan | null> {
    const c = await this.stageConn();
    try {
      const r = await c.runAndReadAll(
        `SELECT count(*)::BIGINT AS n, count(json->>'_path')::BIGINT AS with_path,
                (count(*) FILTER ((json->>'/id.orig_h') IS NULL OR (json->>'/id.resp_h') IS NULL))::BIGINT AS no_addr,
                list(DISTINCT json->>'_path') AS paths,
                list_distinct(flatten(list(DISTINCT json_keys(json)))) AS keys
         FROM read_ndjson_objects($path, compression = $compression, maximum_object_size = $max_object)`,
        { path, compression: gzip ? 'gzip' : 'uncompressed', max_object: maxObjectSize(maxLineBytes) },
      );
      const row = r.getRowObjectsJson()[0] ?? {};
      return {
        records: Number(row['n']),
        recordsWithPath: Number(row['with_path']),
        recordsWithoutAddresses: Number(row['no_addr']),
        paths: ((row['paths'] as (string | null)[] | null) ?? []).filter((p): p is string => p !== null),
        keys: (row['keys'] as string[] | null) ?? [],
      };
    } catch (err) {
      log.debug({ file: path, err: messageOf(err) }, 'JSON reader refused the file');
      return null;
    }
  }

  /** Stages the rows on the side connection, then copies them in on `conn` (the batch's transaction). */
  async load(
    conn: DuckDBConnection,
    load: NativeJsonLoad,
    origin: BatchOrigin,
    batchId: number,
  ): Promise<{ rows: number } | null> {
    const c = await this.stageConn();
    const spec = telemetryTables[load.table];
    const keySet = new Set(load.keys);
    const used = new Set<string>(load.dropKeys);
    const readCols: string[] = [];
    const exprs: string[] = [];
    const params: Record<string, string | number | boolean> = {
      path: load.path,
      compression: load.gzip ? 'gzip' : 'uncompressed',
      engine: origin.engine,
      sensor: origin.sensor,
      source_file: origin.sourceFile,
      batch_id: batchId,
      max_object: maxObjectSize(load.maxLineBytes),
    };
    let n = 0;
    for (const col of spec.columns) {
      if (provenanceNames.has(col.name)) continue;
      const key = col.zeek;
      if (key === undefined || !keySet.has(key)) {
        const constant = load.constants[col.name];
        if (constant === undefined || constant === null) exprs.push(`NULL::${duckdbSqlTypes[col.type]}`);
        else {
          params[`k${n}`] = constant as string | number | boolean;
          exprs.push(`CAST($k${n++} AS ${col.type === 'boolean' ? 'BOOLEAN' : 'VARCHAR'})`);
        }
        if (key !== undefined) used.add(key);
        continue;
      }
      used.add(key);
      readCols.push(`${sqlString(key)}: '${jsonReadTypes[col.type]}'`);
      const ref = sqlIdent(key);
      exprs.push(jsonProjection(col, ref));
    }
    const extras = load.keys.filter((k) => !used.has(k));
    for (const k of extras) readCols.push(`${sqlString(k)}: 'JSON'`);
    // A merge patch onto {} drops null members, so keys a record lacks are not kept (as in the JS engine).
    exprs.push(
      extras.length === 0
        ? 'NULL::JSON'
        : `nullif(json_merge_patch('{}', json_object(${extras.map((k) => `${sqlString(k)}, ${sqlIdent(k)}`).join(', ')}))::VARCHAR, '{}')::JSON`,
    );
    mkdirSync(this.tmpDir, { recursive: true });
    const stage = join(this.tmpDir, `json-stage-${process.pid}-${++this.counter}.parquet`);
    params['stage'] = stage;
    const names = [
      ...spec.columns.filter((col) => !provenanceNames.has(col.name)).map((col) => sqlIdent(col.name)),
      'extra',
    ];
    try {
      await c.run(
        `COPY (
           SELECT ${exprs.map((e, i) => `${e} AS ${names[i]}`).join(', ')},
                  $engine AS engine, $sensor AS sensor, $source_file AS source_file, $batch_id::BIGINT AS batch_id
           FROM read_json($path, format = 'newline_delimited', compression = $compression, maximum_object_size = $max_object, columns = {${readCols.join(', ')}})
         ) TO $stage (FORMAT parquet)`,
        params,
      );
    } catch (err) {
      log.debug(
        { file: load.path, err: messageOf(err) },
        'JSON reader could not load the file; falling back',
      );
      rmSync(stage, { force: true });
      return null;
    }
    try {
      const r = await conn.run(
        `INSERT INTO ${sqlIdent(load.table)} BY NAME SELECT * FROM read_parquet($stage)`,
        {
          stage,
        },
      );
      return { rows: Number(r.rowsChanged) };
    } finally {
      rmSync(stage, { force: true });
    }
  }

  close(): void {
    this.conn?.closeSync();
    this.conn = null;
  }
}
