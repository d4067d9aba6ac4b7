import { useSearchParams } from 'wouter';
import { T } from '../../ui/safe-text.js';
import { type RowsFilter, RowsTable, type RowTable, rowTables } from './rows-table.js';

const keys = ['finding', 'host', 'server', 'indicator', 'from', 'to'] as const;

/** /rows?finding=… (or host, server, indicator): the raw rows behind a pivot, on their own page. */
export function RowsPage() {
  const [params] = useSearchParams();
  const filter: Record<string, string> = {};
  for (const k of keys) {
    const v = params.get(k);
    if (v) filter[k] = v;
  }
  const t = params.get('table');
  const initial = (rowTables as readonly string[]).includes(t ?? '') ? (t as RowTable) : 'conn';
  return (
    <section>
      <h1>Raw rows</h1>
      <p className="muted">
        {Object.entries(filter).map(([k, v]) => (
          <span key={k}>
            {k} <T v={v} max={60} />{' '}
          </span>
        ))}
      </p>
      <RowsTable key={params.toString()} filter={filter as RowsFilter} initial={initial} />
    </section>
  );
}
