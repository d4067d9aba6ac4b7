import { useState } from 'react';
import { Link } from 'wouter';
import { get, seg } from '../../api/client.js';
import type { ActorProfile } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { time } from '../../ui/format.js';
import { hrefs } from '../../ui/links.js';
import { SourceLink, T } from '../../ui/safe-text.js';
import { ErrorBox, Loading } from '../../ui/status-box.js';
import { uniqueKeys } from '../../ui/unique-keys.js';
import { TechniquesList } from '../incident/techniques-list.js';

function Indicators({ id, first }: { id: string; first: ActorProfile['indicators'] }) {
  // The profile carries the first page; later ones come from the profile again, `indicatorsCursor` on.
  const [extra, setExtra] = useState<ActorProfile['indicators']['items']>([]);
  const [cursor, setCursor] = useState<string | null>(first?.nextCursor ?? null);
  const [error, setError] = useState<unknown>(null);
  const loadMore = () => {
    if (!cursor) return;
    get<ActorProfile>(`/intel/entities/${seg(id)}`, { query: { indicatorsCursor: cursor } })
      .then((p) => {
        setExtra((x) => [...x, ...p.indicators.items]);
        setCursor(p.indicators.nextCursor);
      })
      .catch(setError);
  };
  const items = [...(first?.items ?? []), ...extra];
  if (items.length === 0) return <p className="muted">No indicators.</p>;
  return (
    <>
      <table className="grid" data-testid="actor-indicators">
        <thead>
          <tr>
            <th>Indicator</th>
            <th>Type</th>
            <th>Confidence</th>
            <th>Last seen</th>
          </tr>
        </thead>
        <tbody>
          {uniqueKeys(items, (x) => `${x.value}-${x.type}`).map(([key, x]) => (
            <tr key={key}>
              <td className="mono small">
                <Link href={`/intel?indicator=${encodeURIComponent(x.value)}`}>
                  <T v={x.value} max={80} />
                </Link>
              </td>
              <td>
                <T v={x.type} max={20} />
              </td>
              <td className="num">{x.confidence ?? ''}</td>
              <td className="small">{time(x.lastSeen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ErrorBox error={error} />
      {cursor && (
        <button type="button" onClick={loadMore}>
          Load more
        </button>
      )}
    </>
  );
}

/** An actor's profile: aliases, malware, techniques, indicators, reports and our sightings. */
export function ActorPage({ id }: { id: string }) {
  const { data, error } = useApi<ActorProfile>(`/intel/entities/${seg(id)}`);
  if (error) return <ErrorBox error={error} />;
  if (!data) return <Loading />;
  const techniques = data.techniques ?? [];
  return (
    <section data-testid="actor-page">
      <h1>
        <T v={data.name} max={60} /> <span className="muted small">{data.type}</span>
      </h1>
      {(data.aliases?.length ?? 0) > 0 && (
        <p>
          Also known as <T v={data.aliases?.join(', ')} max={300} />
        </p>
      )}
      {data.description && (
        <p className="small">
          <T v={data.description} max={1200} />
        </p>
      )}
      <div className="two-col">
        <section className="card">
          <h2>Malware</h2>
          {(data.malware?.length ?? 0) === 0 && <p className="muted">None known.</p>}
          <ul className="plain">
            {(data.malware ?? []).map((m) => (
              <li key={m.id}>
                <Link href={hrefs.actor(m.id)}>
                  <T v={m.name} max={50} />
                </Link>
              </li>
            ))}
          </ul>
          <h2>Techniques</h2>
          <TechniquesList
            ids={techniques.map((t) => t.id)}
            names={Object.fromEntries(techniques.map((t) => [t.id, t.name]))}
          />
        </section>
        <section className="card">
          <h2>Seen in our telemetry</h2>
          {(data.sightings?.length ?? 0) === 0 && <p className="muted">No sightings.</p>}
          <ul className="plain small" data-testid="actor-sightings">
            {uniqueKeys(data.sightings, (s) => `${s.type}-${s.value}`).map(([key, s]) => (
              <li key={key}>
                <Link href={hrefs.search(s.value)}>
                  <T v={s.value} max={60} />
                </Link>{' '}
                <span className="muted">({s.type})</span> first seen {time(s.firstSeen)}
              </li>
            ))}
          </ul>
          <h2>Reports</h2>
          <ul className="plain small">
            {uniqueKeys(data.reports, (r) => r.id).map(([key, r]) => (
              <li key={key}>
                <SourceLink href={r.url} label={r.name} max={120} />{' '}
                <span className="muted">{r.published ?? ''}</span>
              </li>
            ))}
          </ul>
        </section>
      </div>
      <section className="card">
        <h2>Indicators</h2>
        <Indicators id={id} first={data.indicators} />
      </section>
    </section>
  );
}
