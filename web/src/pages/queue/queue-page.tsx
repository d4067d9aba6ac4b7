import { useCallback } from 'react';
import { useLocation, useSearchParams } from 'wouter';
import { useServerEvents } from '../../api/events.js';
import type { IncidentListItem } from '../../api/types.js';
import { usePages } from '../../api/use-pages.js';
import { useListKeys } from '../../ui/keys.js';
import { hrefs } from '../../ui/links.js';
import { ErrorBox, Loading } from '../../ui/status-box.js';
import { QueueFilterBar, type QueueFilters } from './queue-filters.js';
import { QueueRow } from './queue-row.js';

type SortKey = 'score' | 'severity' | 'hosts' | 'servers' | 'bytes' | 'firstSeen' | 'lastSeen';

const columns: readonly { label: string; sort?: SortKey }[] = [
  { label: 'Severity', sort: 'severity' },
  { label: 'Status' },
  { label: 'Incident', sort: 'score' },
  { label: 'Hosts × servers', sort: 'hosts' },
  { label: 'Bytes', sort: 'bytes' },
  { label: 'Span', sort: 'lastSeen' },
  { label: 'Top attribution' },
  { label: 'Assignee' },
  { label: 'Verdict' },
];

/** The triage queue: incidents, filtered and sorted by the server, a page at a time. */
export function QueuePage() {
  const [params, setParams] = useSearchParams();
  const [, navigate] = useLocation();
  const filters: QueueFilters = {
    status: params.get('status') ?? '',
    severity: params.get('severity') ?? '',
    verdict: params.get('verdict') ?? '',
    q: params.get('q') ?? '',
  };
  const sort = (params.get('sort') as SortKey | null) ?? 'score';
  const order = params.get('order') === 'asc' ? 'asc' : 'desc';
  // usePages keys on the query's JSON, so a new object each render is fine.
  const query = { ...filters, sort, order, limit: 100 };
  const list = usePages<IncidentListItem>('/incidents', query);
  const { reload } = list;

  useServerEvents(
    useCallback(
      (e) => {
        if (e.type === 'hunt-done') reload();
      },
      [reload],
    ),
  );

  const setQuery = (next: Partial<QueueFilters & { sort: string; order: string }>) => {
    const merged: Record<string, string> = { ...filters, sort, order, ...next };
    const clean = Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== ''));
    setParams(clean, { replace: true });
  };
  const toggleSort = (key: SortKey) =>
    setQuery({ sort: key, order: sort === key && order === 'desc' ? 'asc' : 'desc' });
  const open = (i: number) => {
    const item = list.items[i];
    if (item) navigate(hrefs.incident(item.id));
  };
  const selected = useListKeys(list.items.length, open);

  return (
    <section>
      <h1>Incidents</h1>
      <QueueFilterBar value={filters} onChange={(f) => setQuery(f)} />
      <ErrorBox error={list.error} />
      <table className="grid queue" data-testid="queue-table">
        <thead>
          <tr>
            {columns.map((c) => (
              <th
                key={c.label}
                aria-sort={
                  c.sort && c.sort === sort ? (order === 'asc' ? 'ascending' : 'descending') : undefined
                }
              >
                {c.sort ? (
                  <button type="button" className="sort" onClick={() => toggleSort(c.sort!)}>
                    {c.label}
                    {c.sort === sort ? (order === 'asc' ? ' ▲' : ' ▼') : ''}
                  </button>
                ) : (
                  c.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {list.items.map((item, i) => (
            <QueueRow key={item.id} item={item} index={i} selected={i === selected} open={() => open(i)} />
          ))}
        </tbody>
      </table>
      {list.loading && <Loading />}
      {!list.loading && list.items.length === 0 && !list.error && (
        <p className="muted">No incidents match.</p>
      )}
      {list.more && (
        <button type="button" onClick={list.loadMore} disabled={list.loading} data-testid="load-more">
          Load more
        </button>
      )}
    </section>
  );
}
