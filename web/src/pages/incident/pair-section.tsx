import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { Incident, PairSeries } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { displayText } from '../../ui/display-text.js';
import { bytes } from '../../ui/format.js';
import { ErrorBox, Loading } from '../../ui/status-box.js';

const PairCharts = lazy(() => import('./pair-charts.js'));

interface Pair {
  readonly host: string;
  readonly server: string;
  readonly bytes: number;
}

/** The incident's C2 pairs, heaviest first (every pair when no server is C2). */
export function c2Pairs(incident: Incident): Pair[] {
  const roles = new Map(incident.servers.map((s) => [s.key, s.role]));
  const all: Pair[] = (incident.pairs ?? []).map((p) => ({
    host: p.host,
    server: p.server,
    bytes: p.bytesOut + p.bytesIn,
  }));
  if (all.length === 0) {
    // Incidents stored before pairs: one pair per finding's host and server.
    const keyOf = new Map<string, string>();
    for (const s of incident.servers) for (const v of [s.key, ...s.ips, ...s.domains]) keyOf.set(v, s.key);
    const seen = new Map<string, Pair>();
    for (const f of incident.findings) {
      const server =
        (f.endpointDomain && keyOf.get(f.endpointDomain)) || (f.endpointIp && keyOf.get(f.endpointIp));
      if (!server) continue;
      const k = `${f.host}\u0000${server}`;
      const prev = seen.get(k);
      seen.set(k, { host: f.host, server, bytes: (prev?.bytes ?? 0) + (f.bytesOut ?? 0) + (f.bytesIn ?? 0) });
    }
    all.push(...seen.values());
  }
  const c2 = all.filter((p) => roles.get(p.server) === 'c2');
  return (c2.length > 0 ? c2 : all).sort((a, b) => b.bytes - a.bytes);
}

/** Pick a pair; see its beacon histogram and its bytes over time (GET /pairs/series). */
export function PairSection({ incident, onRendered }: { incident: Incident; onRendered: () => void }) {
  const pairs = useMemo(() => c2Pairs(incident), [incident]);
  const [index, setIndex] = useState(0);
  const pair = pairs[index];
  const series = useApi<PairSeries>(
    pair ? '/pairs/series' : null,
    pair ? { host: pair.host, server: pair.server } : undefined,
  );
  // Nothing to draw is also "rendered", so the page can say it is ready.
  useEffect(() => {
    if (pairs.length === 0 || series.error) onRendered();
  }, [pairs.length, series.error, onRendered]);
  if (pairs.length === 0) return <p className="muted">No host–server pairs to chart.</p>;
  return (
    <div>
      <label>
        Pair{' '}
        <select
          value={index}
          onChange={(e) => setIndex(Number(e.target.value))}
          data-testid="pair-select"
          aria-label="Host and server pair"
        >
          {pairs.map((p, i) => (
            <option key={`${p.host}-${p.server}`} value={i}>
              {displayText(p.host).slice(0, 60)} → {displayText(p.server).slice(0, 80)} ({bytes(p.bytes)})
            </option>
          ))}
        </select>
      </label>
      <ErrorBox error={series.error} />
      {series.loading && <Loading what="Loading the pair's series" />}
      {series.data && !series.loading && (
        <Suspense fallback={<Loading what="Loading charts" />}>
          <PairCharts data={series.data} onRendered={onRendered} />
        </Suspense>
      )}
    </div>
  );
}
