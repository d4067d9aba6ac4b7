import { lazy, memo, Suspense, useEffect, useMemo, useState } from 'react';
import type { Incident, PairSeries } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { displayText } from '../../ui/display-text.js';
import { bytes } from '../../ui/format.js';
import { ErrorBox, Loading } from '../../ui/status-box.js';
import { c2Pairs } from './incident-pairs.js';

/** The chart code (ECharts), loaded on demand; the incident page starts it early. */
export const loadPairCharts = () => import('./pair-charts.js');
const PairCharts = lazy(loadPairCharts);

/** Pick a pair; see its beacon histogram and its bytes over time (GET /pairs/series). */
export const PairSection = memo(function PairSection({
  incident,
  onRendered,
}: {
  incident: Incident;
  onRendered: () => void;
}) {
  const pairs = useMemo(() => c2Pairs(incident), [incident]);
  const [index, setIndex] = useState(0);
  const pair = pairs[index];
  const series = useApi<PairSeries>(
    pair ? '/pairs/series' : null,
    pair ? { host: pair.host, server: pair.server, scope: incident.scope } : undefined,
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
});
