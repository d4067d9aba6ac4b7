import { seg } from '../../api/client.js';
import type { EndpointView } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { count, time } from '../../ui/format.js';
import { EndpointLink, hrefs } from '../../ui/links.js';
import { T } from '../../ui/safe-text.js';
import { ErrorBox, Loading } from '../../ui/status-box.js';
import { uniqueKeys } from '../../ui/unique-keys.js';
import { FindingsTable } from '../incident/findings-table.js';
import { IncidentsList, IntelMatches, PeerTable, Telemetry } from './pivot-parts.js';
import { RowsTable } from './rows-table.js';

function Names({ title, values }: { title: string; values: readonly string[] | undefined }) {
  if (!values || values.length === 0) return null;
  return (
    <div>
      <h3>{title}</h3>
      <ul className="plain">
        {values.map((v) => (
          <li key={v}>
            <EndpointLink value={v} max={80} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Everything known about one external IP or domain (GET /endpoints/:value). */
export function EndpointPage({ value }: { value: string }) {
  const { data, error } = useApi<EndpointView>(`/endpoints/${seg(value)}`);
  return (
    <section data-testid="endpoint-page">
      <h1>
        Endpoint <T v={value} max={80} />
      </h1>
      <ErrorBox error={error} />
      {!data && !error && <Loading />}
      {data && (
        <>
          {data.warninglists.length > 0 && (
            <p className="notice">
              On warninglist(s): <T v={data.warninglists.join(', ')} max={200} />
            </p>
          )}
          <div className="two-col">
            <div className="card">
              <h2>Telemetry</h2>
              <Telemetry v={data.totals} />
              {data.ports.length > 0 && (
                <p className="small">
                  Ports:{' '}
                  {data.ports
                    .map((p) => `${p.port}${p.proto ? `/${p.proto}` : ''} (${count(p.connections)})`)
                    .join(', ')}
                </p>
              )}
              <Names title="Names" values={data.names} />
              <Names title="Addresses" values={data.addresses} />
            </div>
            <div className="card">
              <h2>Incidents</h2>
              <IncidentsList items={data.incidents} />
              <h2>Intel matches</h2>
              <IntelMatches items={data.intel} />
              {data.certificates.length > 0 && (
                <>
                  <h2>Certificates</h2>
                  <ul className="plain small">
                    {uniqueKeys(
                      data.certificates,
                      (c) => `${c.serverName ?? ''}|${c.subject ?? ''}|${c.issuer ?? ''}`,
                    ).map(([key, c]) => (
                      <li key={key}>
                        <T v={c.serverName} max={80} /> <T v={c.subject} max={100} />{' '}
                        <span className="muted">issued by</span> <T v={c.issuer} max={80} />{' '}
                        <span className="muted">
                          {count(c.sessions)} session(s), last {time(c.last)}
                        </span>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          </div>
          <section className="card">
            <h2>Findings</h2>
            <FindingsTable findings={data.findings.map((f) => f.finding)} />
          </section>
          <section className="card">
            <PeerTable title="Internal clients" items={data.clients} href={hrefs.host} />
          </section>
        </>
      )}
      <section className="card">
        <h2>Raw rows</h2>
        <RowsTable filter={{ server: value }} />
      </section>
    </section>
  );
}
