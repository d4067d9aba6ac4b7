/** Logical column types; each backend maps them to its own SQL types. */
export type ColumnType =
  | 'timestamp'
  | 'varchar'
  | 'double'
  | 'ubigint'
  | 'bigint'
  | 'integer'
  | 'boolean'
  | 'varchar[]'
  | 'double[]'
  | 'json';

/** One column of a telemetry table, with the Zeek field it is read from (if any). */
export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  /** Zeek field name feeding this column, e.g. `id.orig_h`. */
  readonly zeek?: string;
  /** An IP address (Zeek `addr`): values must match `addressPattern`, or the record is rejected. */
  readonly address?: true;
}

/** A normalised telemetry table. */
export interface TableSpec {
  readonly name: string;
  /** What the table holds, shown in `mamori stats` and the docs. */
  readonly description: string;
  readonly columns: readonly ColumnSpec[];
}

/** Columns every telemetry table ends with; filled by the writer, not by parsers. */
export const provenanceColumns: readonly ColumnSpec[] = [
  { name: 'extra', type: 'json' },
  { name: 'engine', type: 'varchar' },
  { name: 'sensor', type: 'varchar' },
  { name: 'source_file', type: 'varchar' },
  { name: 'batch_id', type: 'bigint' },
];

export const provenanceNames = new Set(provenanceColumns.map((c) => c.name));

/** Shorthand for the five-tuple columns shared by most Zeek logs. */
export function connIdColumns(): ColumnSpec[] {
  return [
    { name: 'uid', type: 'varchar', zeek: 'uid' },
    { name: 'orig_h', type: 'varchar', zeek: 'id.orig_h', address: true },
    { name: 'orig_p', type: 'integer', zeek: 'id.orig_p' },
    { name: 'resp_h', type: 'varchar', zeek: 'id.resp_h', address: true },
    { name: 'resp_p', type: 'integer', zeek: 'id.resp_p' },
  ];
}

/** Builds a table spec: `ts` first, then the given columns, then provenance. */
export function table(name: string, description: string, columns: ColumnSpec[]): TableSpec {
  return {
    name,
    description,
    columns: [{ name: 'ts', type: 'timestamp', zeek: 'ts' }, ...columns, ...provenanceColumns],
  };
}
