import { Link, useSearchParams } from 'wouter';
import type { SearchResult } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { count, time } from '../../ui/format.js';
import { hrefs } from '../../ui/links.js';
import { T } from '../../ui/safe-text.js';
import { ErrorBox, Loading } from '../../ui/status-box.js';
import { uniqueKeys } from '../../ui/unique-keys.js';
import { rowsHref } from '../incident/findings-table.js';

/** The pivot page of a searched value (built here: a link the server sent is not followed). */
function pivotOf(q: SearchResult['query']): string | null {
  if (q.kind === 'ip' || q.kind === 'domain') return hrefs.endpoint(q.value);
  return null;
}

function Telemetry({ data }: { data: SearchResult }) {
  if (data.telemetry.length === 0) return <p className="muted">Not in our logs.</p>;
  return (
    <table className="grid" data-testid="search-telemetry">
      <thead>
        <tr>
          <th>Table</th>
          <th>Field</th>
          <th>Rows</th>
          <th>Hosts</th>
          <th>First</th>
          <th>Last</th>
        </tr>
      </thead>
      <tbody>
        {uniqueKeys(data.telemetry, (t) => `${t.table}.${t.field}`).map(([key, t]) => (
          <tr key={key}>
            <td>
              <T v={t.table} max={20} />
            </td>
            <td className="mono">
              <T v={t.field} max={30} />
            </td>
            <td className="num">{count(t.rows)}</td>
            <td className="num">{count(t.hosts)}</td>
            <td>{time(t.first)}</td>
            <td>{time(t.last)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Search across telemetry and intel: IP, CIDR, domain, hash, JA3. */
export function SearchPage() {
  const [params] = useSearchParams();
  const q = params.get('q') ?? '';
  const { data, error, loading } = useApi<SearchResult>(q ? '/search' : null, { q });
  const pivot = data ? pivotOf(data.query) : null;
  return (
    <section data-testid="search-page">
      <h1>Search {q && <T v={q} max={80} />}</h1>
      {!q && <p className="muted">Type an IP, CIDR, domain, hash or JA3 in the search box (press /).</p>}
      <ErrorBox error={error} />
      {loading && <Loading what="Searching" />}
      {data && (
        <>
          <p className="muted" data-testid="search-kind">
            Read as {data.query.kind}: <T v={data.query.value} max={120} />{' '}
            {pivot && <Link href={pivot}>open its page</Link>}{' '}
            {data.rowsHref !== null && <Link href={rowsHref({ indicator: data.query.value })}>raw rows</Link>}
          </p>
          <section className="card" data-testid="search-group">
            <h2>In our telemetry</h2>
            <Telemetry data={data} />
            {data.addresses.length > 0 && (
              <>
                <h3>Addresses seen inside it</h3>
                <ul className="plain small">
                  {data.addresses.map((a) => (
                    <li key={a}>
                      <Link href={hrefs.endpoint(a)}>
                        <T v={a} max={45} />
                      </Link>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
          <section className="card" data-testid="search-group">
            <h2>Intel ({data.intel.length})</h2>
            {data.intel.length === 0 && <p className="muted">No indicator matches.</p>}
            <ul className="plain">
              {uniqueKeys(data.intel, (h) => `${h.type}-${h.value}-${h.port ?? ''}`).map(([key, h]) => (
                <li key={key}>
                  <Link href={`/intel?indicator=${encodeURIComponent(h.value)}`}>
                    <T v={h.value} max={80} />
                  </Link>{' '}
                  <span className="muted">
                    ({h.type}, {h.match})
                  </span>{' '}
                  {h.entities.map((e) => (
                    <span key={e.id}>
                      <Link href={hrefs.actor(e.id)}>
                        <T v={e.name} max={40} />
                      </Link>{' '}
                    </span>
                  ))}
                </li>
              ))}
            </ul>
          </section>
          {data.entities.length > 0 && (
            <section className="card" data-testid="search-group">
              <h2>Knowledge-base entities ({data.entities.length})</h2>
              <ul className="plain">
                {data.entities.map((e) => (
                  <li key={e.id}>
                    <Link href={hrefs.actor(e.id)}>
                      <T v={e.name} max={60} />
                    </Link>{' '}
                    <span className="muted">
                      <T v={e.type} max={20} />
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </section>
  );
}
