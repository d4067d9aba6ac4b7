import { seg } from '../../api/client.js';
import type { HostView } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { count } from '../../ui/format.js';
import { hrefs } from '../../ui/links.js';
import { T } from '../../ui/safe-text.js';
import { ErrorBox, Loading } from '../../ui/status-box.js';
import { FindingsTable } from '../incident/findings-table.js';
import { IncidentsList, IntelMatches, PeerTable, Telemetry } from './pivot-parts.js';
import { RowsTable } from './rows-table.js';

/** Everything known about one internal host (GET /hosts/:ip). */
export function HostPage({ ip }: { ip: string }) {
  const { data, error } = useApi<HostView>(`/hosts/${seg(ip)}`);
  return (
    <section data-testid="host-page">
      <h1>
        Host <T v={ip} max={60} />
      </h1>
      <ErrorBox error={error} />
      {!data && !error && <Loading />}
      {data && (
        <>
          <div className="two-col">
            <div className="card">
              <h2>Connections it made</h2>
              <Telemetry v={data.outbound} />
              <h2>Connections it answered</h2>
              <Telemetry v={data.inbound} testId="telemetry-inbound" />
            </div>
            <div className="card">
              <h2>Incidents</h2>
              <IncidentsList items={data.incidents} />
              <h2>Intel matches</h2>
              <IntelMatches items={data.intel} />
              {data.topQueries.length > 0 && (
                <>
                  <h2>Top DNS queries</h2>
                  <ul className="plain small">
                    {data.topQueries.map((q) => (
                      <li key={q.name}>
                        <T v={q.name} max={80} /> <span className="muted">({count(q.count)})</span>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          </div>
          <section className="card">
            <PeerTable title="Top destinations" items={data.topDestinations} href={hrefs.endpoint} />
          </section>
          <section className="card">
            <h2>Findings</h2>
            <FindingsTable findings={data.findings.map((f) => f.finding)} />
          </section>
        </>
      )}
      <section className="card">
        <h2>Raw rows</h2>
        <RowsTable filter={{ host: ip }} />
      </section>
    </section>
  );
}
