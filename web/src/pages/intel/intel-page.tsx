import { type FormEvent, useState } from 'react';
import { useLocation } from 'wouter';
import type { EntitySummary } from '../../api/types.js';
import { usePages } from '../../api/use-pages.js';
import { useListKeys } from '../../ui/keys.js';
import { hrefs } from '../../ui/links.js';
import { T } from '../../ui/safe-text.js';
import { ErrorBox, Loading } from '../../ui/status-box.js';
import { IndicatorLookup } from './indicator-lookup.js';

/** The knowledge base: actors (and other entities) and an indicator lookup. */
export function IntelPage() {
  const [, navigate] = useLocation();
  const [q, setQ] = useState('');
  const [filter, setFilter] = useState({ q: '', type: 'intrusion-set' });
  // The API finds entities by name, alias or ATT&CK id: nothing is listed until one is given.
  const list = usePages<EntitySummary>(filter.q ? '/intel/entities' : null, { ...filter, limit: 100 });
  const open = (i: number) => {
    const e = list.items[i];
    if (e) navigate(hrefs.actor(e.id));
  };
  const selected = useListKeys(list.items.length, open);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilter((f) => ({ ...f, q: q.trim() }));
  };
  return (
    <section data-testid="intel-page">
      <h1>Intel</h1>
      <IndicatorLookup />
      <section className="card">
        <h2>Entities</h2>
        <form onSubmit={submit} className="row">
          <select
            aria-label="Type"
            value={filter.type}
            onChange={(e) => setFilter((f) => ({ ...f, type: e.target.value }))}
          >
            <option value="intrusion-set">actors</option>
            <option value="malware">malware</option>
            <option value="campaign">campaigns</option>
            <option value="">everything</option>
          </select>
          <input
            aria-label="Name"
            placeholder="name, alias or ATT&CK id (e.g. APT10)"
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
          <button type="submit">Filter</button>
        </form>
        <ErrorBox error={list.error} />
        {!filter.q && <p className="muted">Give a name, an alias or an ATT&amp;CK id.</p>}
        {filter.q && !list.loading && list.items.length === 0 && !list.error && (
          <p className="muted">No entity matches.</p>
        )}
        <table className="grid" data-testid="intel-entities">
          <thead>
            <tr>
              <th>Name</th>
              <th>Type</th>
              <th>ATT&amp;CK</th>
              <th>Aliases</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((e, i) => (
              <tr
                key={e.id}
                data-row={i}
                tabIndex={0}
                className={i === selected ? 'selected' : undefined}
                onClick={() => open(i)}
                onKeyDown={(ev) => {
                  if (ev.key === 'Enter') open(i);
                }}
              >
                <td>
                  <T v={e.name} max={50} />
                </td>
                <td className="muted">
                  <T v={e.type} max={20} />
                </td>
                <td className="mono small">
                  <T v={e.attackIds.join(', ')} max={40} />
                </td>
                <td className="small">
                  <T v={e.aliases.join(', ')} max={100} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.loading && <Loading />}
        {list.more && (
          <button type="button" onClick={list.loadMore} disabled={list.loading}>
            Load more
          </button>
        )}
      </section>
    </section>
  );
}
