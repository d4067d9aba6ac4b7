import { memo, startTransition, useEffect, useState } from 'react';
import type { Incident } from '../../api/types.js';
import { Loading } from '../../ui/status-box.js';
import { FindingsTable } from './findings-table.js';
import { ServersTable } from './servers-table.js';
import { TimelineTable } from './timeline-table.js';

/** Rows the three tables may hold before they wait for the graph and charts. */
const eagerRows = 300;

/** Rows each table shows of a big incident until the analyst asks for all. */
export const tableFirstRows = 50;

/**
 * Whether the tables of this incident are small enough to render with the rest of the page;
 * a thousand-host incident's tables would otherwise hold back the graph and charts.
 */
export function tablesAreSmall(incident: Incident): boolean {
  return incident.servers.length + incident.timeline.length + incident.findings.length <= eagerRows;
}

/**
 * The incident's servers, timeline and findings. Those of a big incident mount only once
 * `pageReady` (graph and charts drawn), as a transition, so the browser paints the rest first.
 */
export const IncidentTables = memo(function IncidentTables({
  incident,
  pageReady,
}: {
  incident: Incident;
  pageReady: boolean;
}) {
  const small = tablesAreSmall(incident);
  const [mounted, setMounted] = useState(small);
  useEffect(() => {
    if (pageReady && !mounted) startTransition(() => setMounted(true));
  }, [pageReady, mounted]);
  const show = small || mounted;
  const first = small ? eagerRows : tableFirstRows;
  return (
    <div data-testid="incident-tables" data-tables-ready={show ? 'true' : 'false'}>
      <section className="card">
        <h2>Servers ({incident.servers.length})</h2>
        {show ? (
          <ServersTable servers={incident.servers} first={first} />
        ) : (
          <Loading what="Loading the servers" />
        )}
      </section>
      <section className="card">
        <h2>Timeline ({incident.timeline.length})</h2>
        {show ? (
          <TimelineTable entries={incident.timeline} first={first} />
        ) : (
          <Loading what="Loading the timeline" />
        )}
      </section>
      <section className="card">
        <h2>Findings ({incident.findings.length})</h2>
        {show ? (
          <FindingsTable findings={incident.findings} first={first} />
        ) : (
          <Loading what="Loading the findings" />
        )}
      </section>
    </div>
  );
});
