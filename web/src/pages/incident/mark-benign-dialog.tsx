import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { api, seg } from '../../api/client.js';
import type { Incident } from '../../api/types.js';
import { displayText } from '../../ui/display-text.js';
import { ErrorBox } from '../../ui/status-box.js';

type Kind = 'host-destination' | 'destination' | 'ja3' | 'detector-destination';

const kinds: readonly { kind: Kind; label: string }[] = [
  { kind: 'host-destination', label: 'This host talking to this destination (narrowest)' },
  { kind: 'destination', label: 'This destination, from any host' },
  { kind: 'ja3', label: 'This TLS client fingerprint (JA3)' },
  { kind: 'detector-destination', label: 'This detector on this destination' },
];

/** The JA3 hashes the incident's findings carry in their stats, if any. */
function ja3sOf(incident: Incident): string[] {
  const out = new Set<string>();
  for (const f of incident.findings) {
    for (const [k, v] of Object.entries(f.stats)) {
      if (!k.toLowerCase().includes('ja3')) continue;
      for (const x of Array.isArray(v) ? v : [v])
        if (typeof x === 'string' && /^[0-9a-f]{32}$/i.test(x)) out.add(x);
    }
  }
  return [...out];
}

/** A select of attacker-controlled values: option text is React text, shown with controls escaped. */
function ValueSelect({
  label,
  values,
  value,
  onChange,
}: {
  label: string;
  values: readonly string[];
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <label>
      {label}{' '}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {values.map((v) => (
          <option key={v} value={v}>
            {displayText(v).slice(0, 100)}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * "Mark benign…": a suppression scoped as narrowly as the analyst chooses, with a reason and an
 * optional expiry (POST /incidents/:id/suppress), then the incident's status set to benign.
 */
export function MarkBenignDialog({
  incident,
  onClose,
  onDone,
}: {
  incident: Incident;
  onClose: () => void;
  onDone: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const hosts = useMemo(() => incident.hosts.map((h) => h.ip), [incident]);
  const destinations = useMemo(
    () => [...new Set(incident.servers.flatMap((s) => [...s.domains, ...s.ips]))],
    [incident],
  );
  const detectors = useMemo(() => [...new Set(incident.findings.map((f) => f.detector))], [incident]);
  const ja3s = useMemo(() => ja3sOf(incident), [incident]);
  const [kind, setKind] = useState<Kind>('host-destination');
  const [host, setHost] = useState(hosts[0] ?? '');
  const [destination, setDestination] = useState(destinations[0] ?? '');
  const [detector, setDetector] = useState(detectors[0] ?? '');
  const [ja3, setJa3] = useState(ja3s[0] ?? '');
  const [reason, setReason] = useState('');
  const [expires, setExpires] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    // One call: the rule and the benign mark are stored together (and audited as one change).
    const body: Record<string, string> = { kind, reason: reason.trim(), status: 'benign' };
    if (kind === 'host-destination') Object.assign(body, { host, destination });
    if (kind === 'destination') Object.assign(body, { destination });
    if (kind === 'detector-destination') Object.assign(body, { detector, destination });
    if (kind === 'ja3') Object.assign(body, { ja3: ja3.trim() });
    if (expires) body['expiresAt'] = new Date(`${expires}T23:59:59Z`).toISOString();
    try {
      await api('POST', `/incidents/${seg(incident.id)}/suppress`, { body });
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      data-testid="mark-benign-dialog"
      onClose={onClose}
      aria-labelledby="mb-title"
    >
      <form onSubmit={submit}>
        <h2 id="mb-title">Mark benign</h2>
        <p className="small muted">
          Later hunts drop what the rule matches (never a match of a live intel indicator). Choose the
          narrowest scope.
        </p>
        <fieldset>
          <legend>Suppress</legend>
          {kinds.map((k) => (
            <label key={k.kind} className="radio">
              <input
                type="radio"
                name="kind"
                value={k.kind}
                checked={kind === k.kind}
                onChange={() => setKind(k.kind)}
                data-testid={`scope-${k.kind}`}
              />{' '}
              {k.label}
            </label>
          ))}
        </fieldset>
        {kind === 'host-destination' && (
          <ValueSelect label="Host" values={hosts} value={host} onChange={setHost} />
        )}
        {kind !== 'ja3' && (
          <ValueSelect
            label="Destination"
            values={destinations}
            value={destination}
            onChange={setDestination}
          />
        )}
        {kind === 'detector-destination' && (
          <ValueSelect label="Detector" values={detectors} value={detector} onChange={setDetector} />
        )}
        {kind === 'ja3' && (
          <label>
            JA3{' '}
            <input
              value={ja3}
              onChange={(e) => setJa3(e.target.value)}
              list="mb-ja3"
              required
              pattern="[0-9a-fA-F]{32}"
            />
            <datalist id="mb-ja3">
              {ja3s.map((j) => (
                <option key={j} value={j} />
              ))}
            </datalist>
          </label>
        )}
        <label>
          Reason{' '}
          <textarea
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
            maxLength={1000}
            rows={3}
            data-testid="mark-benign-reason"
          />
        </label>
        <label>
          Expires (optional){' '}
          <input
            type="date"
            value={expires}
            onChange={(e) => setExpires(e.target.value)}
            data-testid="mark-benign-expiry"
          />
        </label>
        <ErrorBox error={error} />
        <div className="row">
          <button type="submit" disabled={busy || !reason.trim()} data-testid="mark-benign-submit">
            {busy ? 'Saving…' : 'Suppress and mark benign'}
          </button>
          <button type="button" className="ghost" onClick={() => ref.current?.close()}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
