import { useState } from 'react';
import { apiUrl } from '../../api/client.js';
import type { RawRow } from '../../api/types.js';
import { usePages } from '../../api/use-pages.js';
import { T } from '../../ui/safe-text.js';
import { ErrorBox, Loading } from '../../ui/status-box.js';

export const rowTables = ['conn', 'dns', 'http', 'ssl', 'files', 'alerts', 'events'] as const;
export type RowTable = (typeof rowTables)[number];

/** What the rows are for: one of finding, host, server or indicator (GET /rows filters). */
export type RowsFilter = Readonly<
  Partial<Record<'finding' | 'host' | 'server' | 'indicator' | 'from' | 'to', string>>
>;

/** A cell: scalars as text; arrays and objects as compact JSON text (never HTML). */
function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** The raw log rows behind a pivot, one Zeek table at a time, paged, with CSV and JSON downloads. */
export function RowsTable({ filter, initial = 'conn' }: { filter: RowsFilter; initial?: RowTable }) {
  const [table, setTable] = useState<RowTable>(initial);
  const query = { ...filter, table, limit: 100 };
  const rows = usePages<RawRow>('/rows', query);
  const columns = rows.items.length > 0 ? Object.keys(rows.items[0]!.values) : [];
  return (
    <div data-testid="rows">
      <div className="row">
        <div role="tablist" aria-label="Log table">
          {rowTables.map((t) => (
            <button
              key={t}
              type="button"
              role="tab"
              aria-selected={t === table}
              className={t === table ? 'tab active' : 'tab'}
              onClick={() => setTable(t)}
            >
              {t}
            </button>
          ))}
        </div>
        <a
          className="button"
          href={apiUrl('/rows', { ...filter, table, format: 'csv', limit: 1000 })}
          download
        >
          CSV
        </a>
        <a
          className="button"
          href={apiUrl('/rows', { ...filter, table, format: 'json', limit: 1000 })}
          download
        >
          JSON
        </a>
      </div>
      <ErrorBox error={rows.error} />
      <div className="scroll-x">
        <table className="grid rows-grid">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c}>
                  <T v={c} max={24} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.items.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: log rows have no key of their own in every table
              <tr key={i}>
                {columns.map((c) => (
                  <td key={c} className="small mono">
                    <T v={cell(r.values[c])} max={60} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.loading && <Loading />}
      {!rows.loading && rows.items.length === 0 && !rows.error && <p className="muted">No {table} rows.</p>}
      {rows.more && (
        <button type="button" onClick={rows.loadMore} disabled={rows.loading}>
          Load more
        </button>
      )}
    </div>
  );
}
