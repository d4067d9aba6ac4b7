import { Link, useSearchParams } from 'wouter';
import type { SearchHit, SearchResult } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { hrefs } from '../../ui/links.js';
import { T } from '../../ui/safe-text.js';
import { ErrorBox, Loading } from '../../ui/status-box.js';
import { uniqueKeys } from '../../ui/unique-keys.js';
import { rowsHref } from '../incident/findings-table.js';

/** Where a hit of each kind leads (built here: a link the server sent is not followed). */
function hrefOf(hit: SearchHit): string | null {
  switch (hit.kind) {
    case 'host':
      return hrefs.host(hit.value);
    case 'ip':
    case 'domain':
    case 'endpoint':
    case 'server':
      return hrefs.endpoint(hit.value);
    case 'incident':
      return hrefs.incident(hit.value);
    case 'actor':
    case 'entity':
    case 'malware':
      return hrefs.actor(hit.value);
    case 'indicator':
      return `/intel?indicator=${encodeURIComponent(hit.value)}`;
    case 'finding':
      return rowsHref({ finding: hit.value });
    default:
      return null;
  }
}

/** Groups from `{groups}`, or from a flat `{items}` list grouped by kind. */
function groupsOf(r: SearchResult & { items?: readonly SearchHit[] }): SearchResult['groups'] {
  if (Array.isArray(r.groups)) return r.groups;
  const by = new Map<string, SearchHit[]>();
  for (const h of r.items ?? []) by.set(h.kind, [...(by.get(h.kind) ?? []), h]);
  return [...by].map(([kind, hits]) => ({ kind, hits }));
}

/** Search across telemetry and intel: IP, CIDR, domain, hash, JA3. */
export function SearchPage() {
  const [params] = useSearchParams();
  const q = params.get('q') ?? '';
  const { data, error, loading } = useApi<SearchResult>(q ? '/search' : null, { q });
  const groups = data ? groupsOf(data) : [];
  return (
    <section data-testid="search-page">
      <h1>Search {q && <T v={q} max={80} />}</h1>
      {!q && <p className="muted">Type an IP, CIDR, domain, hash or JA3 in the search box (press /).</p>}
      <ErrorBox error={error} />
      {loading && <Loading what="Searching" />}
      {data && groups.length === 0 && <p className="muted">Nothing found.</p>}
      {groups.map((g) => (
        <section key={g.kind} className="card" data-testid="search-group">
          <h2>
            <T v={g.kind} max={30} /> ({g.hits.length})
          </h2>
          <ul className="plain">
            {uniqueKeys(g.hits, (h) => h.value).map(([key, h]) => {
              const href = hrefOf(h);
              const label = <T v={h.label ?? h.value} max={100} />;
              return (
                <li key={key}>
                  {href ? <Link href={href}>{label}</Link> : label}{' '}
                  {h.detail && (
                    <span className="muted small">
                      <T v={h.detail} max={160} />
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </section>
  );
}
