import type { SettingsView } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { useAuth } from '../../auth/auth-context.js';
import { count, time } from '../../ui/format.js';
import { T } from '../../ui/safe-text.js';
import { ErrorBox, Loading } from '../../ui/status-box.js';
import { uniqueKeys } from '../../ui/unique-keys.js';
import { SuppressionsPanel } from './suppressions-panel.js';
import { TokensPanel } from './tokens-panel.js';
import { UsersPanel } from './users-panel.js';

function List({ title, values }: { title: string; values: readonly string[] | undefined }) {
  return (
    <div>
      <h3>{title}</h3>
      {(values?.length ?? 0) === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul className="plain mono small">
          {values?.map((v) => (
            <li key={v}>
              <T v={v} max={100} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ServerSettings() {
  const { data, error, loading } = useApi<SettingsView>('/settings');
  if (loading) return <Loading />;
  if (error) return <ErrorBox error={error} />;
  if (!data) return null;
  return (
    <section className="card" data-testid="server-settings">
      <h2>Server</h2>
      <div className="two-col">
        <List title="Internal networks" values={data.internalNetworks} />
        <List title="Followed folders" values={data.follow} />
        <List title="Ingest roots (uploads by path)" values={data.ingestRoots} />
        <div>
          <h3>Knowledge sources</h3>
          <ul className="plain small">
            {uniqueKeys(data.intelSources, (s) => `${s.source}-${s.kind}`).map(([key, s]) => (
              <li key={key}>
                <T v={s.source} max={60} /> <span className="muted">{s.kind}</span>{' '}
                {`${count(s.entities)} entities, ${count(s.indicators)} indicators`}, imported{' '}
                {time(s.importedAt)}
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3>Warninglists</h3>
          <p className="muted small">
            {count(data.warninglists.lists.length)} lists
            {data.warninglists.asOf ? `, as of ${data.warninglists.asOf}` : ''}
            {data.warninglists.ageDays !== null ? ` (${data.warninglists.ageDays} days old)` : ''}
          </p>
          <ul className="plain small">
            {data.warninglists.lists.slice(0, 30).map((w) => (
              <li key={w.name}>
                <T v={w.name} max={60} /> <span className="muted">{count(w.entries)} entries</span>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3>Alert targets</h3>
          <ul className="plain small">
            {uniqueKeys(data.alertTargets, (a) => `${a.kind}-${a.target}`).map(([key, a]) => (
              <li key={key}>
                {a.kind} <T v={a.target} max={80} />
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}

/** Settings: what the server runs with, suppressions, users and tokens. */
export function SettingsPage() {
  const auth = useAuth();
  return (
    <section data-testid="settings-page">
      <h1>Settings</h1>
      {auth.can('admin') ? (
        <ServerSettings />
      ) : (
        <p className="muted">The server's configuration is for admins.</p>
      )}
      <SuppressionsPanel />
      {auth.me?.user && <TokensPanel />}
      {auth.can('admin') && <UsersPanel />}
    </section>
  );
}
