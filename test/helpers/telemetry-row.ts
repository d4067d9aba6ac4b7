import { provenanceNames } from '../../src/store/schema/column.js';
import { type TelemetryTableName, telemetryTables } from '../../src/store/schema/tables.js';
import type { CellValue, IngestBatch } from '../../src/store/store.js';

/** A table row from a record keyed by column name (provenance columns are the batch's to fill). */
export function rowOf(table: TelemetryTableName, record: Readonly<Record<string, CellValue>>): CellValue[] {
  return telemetryTables[table].columns
    .filter((c) => !provenanceNames.has(c.name))
    .map((c) => record[c.name] ?? null);
}

/** Appends one record to an open batch (whose table was prepared). */
export function appendRecord(
  batch: IngestBatch,
  table: TelemetryTableName,
  record: Readonly<Record<string, CellValue>>,
): void {
  batch.append(table, rowOf(table, record), null);
}
