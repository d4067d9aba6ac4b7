import type { Attribution } from '../../api/types.js';
import { T } from '../../ui/safe-text.js';

const markText = { consistent: 'C', inconsistent: 'I', neutral: '–' } as const;
const markTitle = { consistent: 'consistent', inconsistent: 'inconsistent', neutral: 'neutral' } as const;

/** Analysis of competing hypotheses: each piece of evidence against each hypothesis. */
export function AchMatrix({ attribution }: { attribution: Attribution }) {
  const { ach } = attribution;
  const observation = new Map(attribution.evidence.map((e) => [e.id, e.observation]));
  if (ach.rows.length === 0) return <p className="muted">No evidence to weigh.</p>;
  return (
    <div className="scroll-x">
      <table className="grid ach" data-testid="ach-matrix">
        <thead>
          <tr>
            <th>Evidence</th>
            {ach.hypotheses.map((h) => (
              <th key={h}>
                <T v={h} max={24} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ach.rows.map((r) => (
            <tr key={r.evidence}>
              <td>
                <T v={observation.get(r.evidence) ?? r.evidence} max={90} />
              </td>
              {r.marks.map((m, i) => (
                <td key={ach.hypotheses[i] ?? i} className={`mark mark-${m}`} title={markTitle[m]}>
                  {markText[m]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">C consistent · I inconsistent · – neutral</p>
    </div>
  );
}
