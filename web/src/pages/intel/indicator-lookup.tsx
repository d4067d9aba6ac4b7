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
          <p className="muted small">
            Read as {data.query.type}: <T v={data.query.value} max={120} />
          </p>
          {data.hits.length === 0 && <p className="muted">Not in the knowledge base.</p>}
          <ul className="plain" data-testid="indicator-hits">
            {uniqueKeys(data.hits, (h) => `${h.type}-${h.value}-${h.port ?? ''}`).map(([key, h]) => (
              <li key={key}>
                <T v={h.value} max={80} />{' '}
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
                <span className="muted small">
                  from <T v={h.sources.map((x) => x.source).join(', ')} max={80} />
                </span>
              </li>
            ))}
          </ul>
          {data.warninglists.length > 0 && (
            <p className="notice">
              On warninglist(s): <T v={data.warninglists.join(', ')} max={200} />
            </p>
          )}
          <p className="small" data-testid="indicator-sighting">
            {data.sighting
              ? `First seen in our telemetry ${time(data.sighting.firstSeen)}.`
              : 'Not seen in our telemetry.'}{' '}
            <Link href={hrefs.search(data.query.value)}>Search it</Link>
          </p>
        </>
      )}
    </section>
  );
}
