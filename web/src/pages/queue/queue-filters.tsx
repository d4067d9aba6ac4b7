import { type FormEvent, useState } from 'react';

/** The queue's filters, as they sit in the URL. */
export interface QueueFilters {
  readonly status: string;
  readonly severity: string;
  readonly verdict: string;
  readonly q: string;
}

const statusChoices = [
  ['', 'any status'],
  ['new,investigating', 'open (new, investigating)'],
  ['new', 'new'],
  ['investigating', 'investigating'],
  ['true-positive', 'true positive'],
  ['benign', 'benign'],
  ['closed', 'closed'],
] as const;

const severityChoices = [
  ['', 'any severity'],
  ['critical', 'critical'],
  ['high,critical', 'high and above'],
  ['medium,high,critical', 'medium and above'],
  ['low', 'low'],
] as const;

const verdictChoices = [
  ['', 'any verdict'],
  ['suspicious', 'suspicious'],
  ['likely-benign', 'likely benign'],
] as const;

/** Selects and a text box; the text applies on Enter, the selects at once. */
export function QueueFilterBar({
  value,
  onChange,
}: {
  value: QueueFilters;
  onChange: (f: QueueFilters) => void;
}) {
  const [q, setQ] = useState(value.q);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onChange({ ...value, q: q.trim() });
  };
  return (
    <form className="filters" onSubmit={submit} data-testid="queue-filters">
      <select
        aria-label="Status"
        value={value.status}
        onChange={(e) => onChange({ ...value, status: e.target.value })}
      >
        {statusChoices.map(([v, label]) => (
          <option key={v} value={v}>
            {label}
          </option>
        ))}
      </select>
      <select
        aria-label="Severity"
        value={value.severity}
        onChange={(e) => onChange({ ...value, severity: e.target.value })}
      >
        {severityChoices.map(([v, label]) => (
          <option key={v} value={v}>
            {label}
          </option>
        ))}
      </select>
      <select
        aria-label="Verdict"
        value={value.verdict}
        onChange={(e) => onChange({ ...value, verdict: e.target.value })}
      >
        {verdictChoices.map(([v, label]) => (
          <option key={v} value={v}>
            {label}
          </option>
        ))}
      </select>
      <input
        type="search"
        aria-label="Filter text"
        placeholder="id, host, server, actor…"
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      <button type="submit">Filter</button>
    </form>
  );
}
