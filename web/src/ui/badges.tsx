import type { Severity, TriageStatus } from '../api/types.js';

/** A severity as a coloured tag (the colour is CSS, the word is the meaning). */
export function SeverityTag({ severity }: { severity: Severity }) {
  return <span className={`tag sev-${severity}`}>{severity}</span>;
}

/** A triage status tag. */
export function StatusTag({ status }: { status: TriageStatus }) {
  return <span className={`tag status-${status}`}>{status}</span>;
}

/** The verdict: a look-alike reads differently from a likely intrusion. */
export function VerdictTag({ verdict }: { verdict: 'suspicious' | 'likely-benign' | undefined }) {
  const v = verdict ?? 'suspicious';
  return <span className={`tag verdict-${v}`}>{v === 'likely-benign' ? 'likely benign' : 'suspicious'}</span>;
}
