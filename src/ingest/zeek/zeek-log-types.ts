import type { TelemetryTableName } from '../../store/schema/tables.js';
import type { CellValue } from '../../store/store.js';
import { logTypeOfFileName } from './zeek-log-names.js';

/** Where one Zeek log type lands. */
export interface LogTarget {
  readonly table: TelemetryTableName;
  readonly constants: Readonly<Record<string, CellValue>>;
}

const direct: Readonly<Record<string, LogTarget>> = {
  conn: { table: 'conn', constants: { is_open: false } },
  open_conn: { table: 'conn', constants: { is_open: true } },
  dns: { table: 'dns', constants: {} },
  http: { table: 'http', constants: { is_open: false } },
  open_http: { table: 'http', constants: { is_open: true } },
  ssl: { table: 'ssl', constants: { is_open: false } },
  open_ssl: { table: 'ssl', constants: { is_open: true } },
  x509: { table: 'x509', constants: {} },
  files: { table: 'files', constants: {} },
  notice: { table: 'notice', constants: {} },
  weird: { table: 'weird', constants: {} },
};

/** The table for a Zeek `#path`; unknown paths go to `events`, keeping every field. */
export function targetForLogType(logType: string): LogTarget {
  return direct[logType] ?? { table: 'events', constants: { log_type: logType } };
}

/** Log types with a table of their own. */
export const dedicatedLogTypes = Object.keys(direct);

/** Log type from a file name (see `logTypeOfFileName`), or null. */
export function logTypeFromFileName(name: string): string | null {
  return logTypeOfFileName(name)?.type ?? null;
}

/**
 * The log type from what the file says (`#path` or `_path`) and its name. Some exporters (RITA's
 * fixtures among them) write `conn` inside open_conn.log: the more specific file name wins then.
 */
export function resolveLogType(stated: string | null | undefined, fromName: string | null): string {
  const name = fromName ?? 'unknown';
  const s = stated ?? name;
  return name === `open_${s}` ? name : s;
}
