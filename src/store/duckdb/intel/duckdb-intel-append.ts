import { type DuckDBConnection, DuckDBTimestampValue, LIST, listValue, VARCHAR } from '@duckdb/node-api';
import type { AppendKind } from '../../analytics-session.js';

type Value = string | number | bigint | boolean | null | undefined | readonly string[];

const varcharList = LIST(VARCHAR);

/** Microseconds since the epoch of an ISO date, or null when it is not one. */
export function isoMicros(iso: string | null | undefined): bigint | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? BigInt(ms) * 1000n : null;
}

/** Appends rows of known column kinds to a table, inside the connection's open transaction. */
export async function appendRows(
  conn: DuckDBConnection,
  table: string,
  kinds: readonly AppendKind[],
  rows: Iterable<readonly Value[]>,
): Promise<number> {
  const a = await conn.createAppender(table);
  let n = 0;
  try {
    for (const row of rows) {
      kinds.forEach((kind, i) => {
        const v = row[i];
        if (v === null || v === undefined) {
          a.appendNull();
          return;
        }
        switch (kind) {
          case 'varchar':
            a.appendVarchar(String(v));
            break;
          case 'varchar[]':
            a.appendList(listValue([...(v as readonly string[])]), varcharList);
            break;
          case 'integer':
            a.appendInteger(Number(v));
            break;
          case 'tinyint':
            a.appendTinyInt(Number(v));
            break;
          case 'bigint':
            a.appendBigInt(BigInt(v as number));
            break;
          case 'double':
            a.appendDouble(Number(v));
            break;
          case 'uhugeint':
            a.appendUHugeInt(v as bigint);
            break;
          case 'boolean':
            a.appendBoolean(Boolean(v));
            break;
          case 'timestamp': {
            const us = isoMicros(String(v));
            if (us === null) a.appendNull();
            else a.appendTimestamp(new DuckDBTimestampValue(us));
            break;
          }
        }
      });
      a.endRow();
      n++;
    }
  } finally {
    a.closeSync();
  }
  return n;
}
