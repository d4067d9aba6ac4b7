import { lazy, memo, Suspense, useCallback, useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { seg } from '../../api/client.js';
import { useServerEvents } from '../../api/events.js';
import type { IncidentDetail } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { SeverityTag, StatusTag, VerdictTag } from '../../ui/badges.js';
import { bytes, duration, time } from '../../ui/format.js';
import { hrefs } from '../../ui/links.js';
import { T } from '../../ui/safe-text.js';
import { ErrorBox, Loading } from '../../ui/status-box.js';
import { AttributionPanel } from './attribution-panel.js';
import { ExportButtons } from './export-buttons.js';
import { IncidentTables } from './incident-tables.js';
import { MarkBenignDialog } from './mark-benign-dialog.js';
import { loadPairCharts, PairSection } from './pair-section.js';
import { TechniquesList } from './techniques-list.js';
import { TriagePanel } from './triage-panel.js';

const loadGraph = () => import('./host-server-graph.js');
// Memoised: the page re-renders when the graph or charts say they are drawn; the graph need not.
const HostServerGraph = lazy(() => loadGraph().then((m) => ({ default: memo(m.default) })));

const Header = memo(function Header({ detail }: { detail: IncidentDetail }) {
  const i = detail.incident;
  return (
    <header className="incident-head">
      <h1>
        <T v={i.id} max={30} /> <SeverityTag severity={i.severity} />{' '}
        <StatusTag status={detail.triage?.status ?? 'new'} /> <VerdictTag verdict={i.verdict} />
      </h1>
      <p className="summary" data-testid="incident-summary">
        <T v={i.summary} max={600} />
      </p>
      <p className="muted small">
        {i.hosts.length} host(s) × {i.servers.length} server(s) · {bytes(i.bytesOut)} out, {bytes(i.bytesIn)}{' '}
        in · {time(i.firstSeen)} – {time(i.lastSeen)} ({duration(i.firstSeen, i.lastSeen)}) · score{' '}
        {i.score.toFixed(2)}
        {i.scope ? (
          <>
            {' '}
            · network <T v={i.scope} max={40} />
          </>
        ) : null}
        {detail.aliases.length > 0 && (
          <>
            {' '}
            · formerly <T v={detail.aliases.join(', ')} max={60} />
          </>
        )}
      </p>
      {i.verdict === 'likely-benign' && (i.verdictReasons?.length ?? 0) > 0 && (
        <ul className="notice small">
          {i.verdictReasons?.map((r) => (
            <li key={r}>
              <T v={r} max={300} />
            </li>
          ))}
        </ul>
      )}
    </header>
  );
});

/** The incident: who, what, when, why we think it is who we think, and the analyst's controls. */
export function IncidentPage({ id }: { id: string }) {
  const [, navigate] = useLocation();
  const { data, error, loading, reload } = useApi<IncidentDetail>(`/incidents/${seg(id)}`);
  // Fetch and parse the graph and chart code while the incident itself loads, not after.
  useEffect(() => {
    void loadGraph();
    void loadPairCharts();
  }, []);
  const [graphReady, setGraphReady] = useState(false);
  const [chartsReady, setChartsReady] = useState(false);
  const [benignOpen, setBenignOpen] = useState(false);
  const onGraphReady = useCallback(() => setGraphReady(true), []);
  const onChartsReady = useCallback(() => setChartsReady(true), []);
  const openBenign = useCallback(() => setBenignOpen(true), []);
  const openNode = useCallback(
    (n: { kind: 'host' | 'server'; value: string }) =>
      navigate(n.kind === 'host' ? hrefs.host(n.value) : hrefs.endpoint(n.value)),
    [navigate],
  );
  useServerEvents(
    useCallback(
      (e) => {
        if (e.type === 'triage' && e.incidentId === id) reload();
      },
      [id, reload],
    ),
  );

  if (error) return <ErrorBox error={error} />;
  if (!data) return <Loading what="Loading the incident" />;
  const incident = data.incident;
  const ready = graphReady && chartsReady && !loading;
  return (
    <article
      className="incident"
      data-testid="incident-page"
      data-ready={ready ? 'true' : 'false'}
      data-graph-ready={graphReady ? 'true' : 'false'}
      data-charts-ready={chartsReady ? 'true' : 'false'}
    >
      <Header detail={data} />
      <div className="incident-grid">
        <section className="card graph-card">
          <h2>Hosts and servers</h2>
          <Suspense fallback={<Loading what="Loading the graph" />}>
            <HostServerGraph incident={incident} onOpen={openNode} onReady={onGraphReady} />
          </Suspense>
        </section>
        <TriagePanel
          key={data.triage?.at ?? 'untriaged'}
          detail={data}
          onChanged={reload}
          onMarkBenign={openBenign}
        />
      </div>
      <section className="card">
        <h2>Beacon and traffic</h2>
        <PairSection incident={incident} onRendered={onChartsReady} />
      </section>
      <AttributionPanel attribution={data.attribution} />
      <section className="card">
        <h2>ATT&amp;CK techniques</h2>
        <TechniquesList ids={incident.techniques} names={data.techniqueNames} />
      </section>
      <IncidentTables incident={incident} pageReady={ready} />
      <section className="card">
        <h2>Export</h2>
        <ExportButtons incidentId={incident.id} benign={data.triage?.status === 'benign'} />
      </section>
      {benignOpen && (
        <MarkBenignDialog
          incident={incident}
          onClose={() => setBenignOpen(false)}
          onDone={() => {
            setBenignOpen(false);
            reload();
          }}
        />
      )}
    </article>
  );
}
