import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'wouter';
import { seg } from '../../api/client.js';
import type { IndicatorLookup as Lookup } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { time } from '../../ui/format.js';
import { hrefs } from '../../ui/links.js';
import { T } from '../../ui/safe-text.js';
import { ErrorBox, Loading } from '../../ui/status-box.js';
import { uniqueKeys } from '../../ui/unique-keys.js';

/** Look one value up in the knowledge base (GET /intel/indicators/:value). */
export function IndicatorLookup() {
  const [params, setParams] = useSearchParams();
  const value = params.get('indicator') ?? '';
  const [text, setText] = useState(value);
  const { data, error, loading } = useApi<Lookup>(value ? `/intel/indicators/${seg(value)}` : null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setParams(text.trim() ? { indicator: text.trim() } : {}, { replace: true });
  };
  return (
    <section className="card" data-testid="indicator-lookup">
      <h2>Indicator lookup</h2>
      <form onSubmit={submit} className="row">
        <input
          aria-label="Indicator"
          placeholder="IP, domain, URL, hash…"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit">Look up</button>
      </form>
      <ErrorBox error={error} />
      {loading && <Loading />}
      {data && (
        <>
          {data.matches.length === 0 && <p className="muted">Not in the knowledge base.</p>}
          <ul className="plain">
            {uniqueKeys(data.matches, (m) => `${m.value}-${m.entityId ?? ''}`).map(([key, m]) => (
              <li key={key}>
                <T v={m.value} max={80} /> <span className="muted">({m.type})</span>{' '}
                {m.entityId && (
                  <Link href={hrefs.actor(m.entityId)}>
                    <T v={m.entityName ?? m.entityId} max={40} />
                  </Link>
                )}{' '}
                {m.source && (
                  <span className="muted small">
                    from <T v={m.source} max={40} />
                  </span>
                )}
              </li>
            ))}
          </ul>
          {(data.warninglists?.length ?? 0) > 0 && (
            <p className="notice">
              On warninglist(s): <T v={data.warninglists?.join(', ')} max={200} />
            </p>
          )}
          {(data.sightings?.length ?? 0) > 0 && (
            <>
              <h3>Seen in our telemetry</h3>
              <ul className="plain small">
                {uniqueKeys(data.sightings ?? [], (s) => `${s.indicator}-${s.host ?? ''}`).map(([key, s]) => (
                  <li key={key}>
                    {s.host && <Link href={hrefs.host(s.host)}>{<T v={s.host} max={40} />}</Link>}{' '}
                    {time(s.last)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
