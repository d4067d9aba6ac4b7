import { memo } from 'react';
import type { Attribution } from '../../api/types.js';
import { percent } from '../../ui/format.js';
import { SourceLink, T } from '../../ui/safe-text.js';
import { AchMatrix } from './ach-matrix.js';

type Evidence = Attribution['evidence'][number];

function Bars({ attribution }: { attribution: Attribution }) {
  return (
    <ol className="bars" data-testid="attribution-bars">
      {attribution.hypotheses.map((h) => (
        <li
          key={h.actorId ?? h.actor}
          data-testid="attribution-bar"
          data-actor={h.actor}
          data-probability={h.probability}
        >
          <div className="bar-label">
            <T v={h.actor} max={40} />
            {h.aliases.length > 0 && (
              <span className="muted small">
                {' '}
                (<T v={h.aliases.slice(0, 4).join(', ')} max={60} />)
              </span>
            )}
          </div>
          <div className="bar-track" title={`${percent(h.probability)} (${h.term})`}>
            <div
              className="bar-fill"
              style={{ width: `${Math.max(0.5, Math.min(100, h.probability * 100))}%` }}
            />
          </div>
          <div className="bar-value">
            {percent(h.probability)} <span className="term">{h.term}</span>
          </div>
        </li>
      ))}
    </ol>
  );
}

function EvidenceItem({ e }: { e: Evidence }) {
  return (
    <li data-testid="evidence-item">
      <span className={`tag kind-${e.kind}`}>{e.kind}</span> <T v={e.observation} max={200} />
      <div className="small muted">
        source: <SourceLink href={e.source} max={90} /> · likelihood ratio {e.likelihoodRatio.toFixed(2)}
        {e.actors.length > 0 && (
          <>
            {' '}
            · for <T v={e.actors.join(', ')} max={80} />
          </>
        )}
      </div>
      <div className="small">
        <T v={e.why} max={300} />
      </div>
    </li>
  );
}

/** Who is behind the incident: probability bars, the ACH matrix and every piece of evidence. */
export const AttributionPanel = memo(function AttributionPanel({
  attribution,
}: {
  attribution: Attribution | null;
}) {
  if (!attribution) {
    return (
      <section className="card" data-testid="attribution">
        <h2>Attribution</h2>
        <p className="muted">Attribution did not run for this incident (no knowledge base loaded).</p>
      </section>
    );
  }
  return (
    <section className="card" data-testid="attribution">
      <h2>
        Attribution <span className="muted small">confidence: {attribution.confidence}</span>
      </h2>
      {attribution.likelyBenign && <p className="notice">The evidence points to benign infrastructure.</p>}
      <p className="assessment">
        <T v={attribution.assessment} max={1000} />
      </p>
      {attribution.hypotheses.length > 0 ? (
        <Bars attribution={attribution} />
      ) : (
        <p className="muted">No hypotheses.</p>
      )}
      {attribution.unlistedActors ? (
        <p className="muted small">
          {attribution.unlistedActors} other actor(s) with a negligible probability.
        </p>
      ) : null}
      <h3>Competing hypotheses</h3>
      <AchMatrix attribution={attribution} />
      <h3>Evidence ({attribution.evidence.length})</h3>
      <ul className="evidence">
        {attribution.evidence.map((e) => (
          <EvidenceItem key={e.id} e={e} />
        ))}
      </ul>
      <p className="muted small">model {attribution.modelVersion}</p>
    </section>
  );
});
