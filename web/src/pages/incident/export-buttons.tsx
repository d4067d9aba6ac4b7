import { useState } from 'react';
import type { ReportFormatName } from '../../../../src/report/registry.js';
import { apiUrl } from '../../api/client.js';
import { useAuth } from '../../auth/auth-context.js';

/** Every format of the report registry; the type makes a new format a compile error here. */
const formats: Readonly<Record<ReportFormatName, string>> = {
  md: 'Markdown',
  html: 'HTML',
  json: 'JSON',
  stix: 'STIX 2.1',
  blocklist: 'Block list',
  'blocklist-csv': 'Block list (CSV)',
  suricata: 'Suricata rules',
};

const tlps = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;

/** What the server refuses, so the page offers no link that downloads an error. */
function refusal(f: ReportFormatName, canAnalyse: boolean, benign: boolean): string | null {
  // Mirrors viewerReportFormats (report-routes.ts) and the sharing rules' formats (share-policy.ts).
  if (!canAnalyse && f !== 'md' && f !== 'html') return 'needs the analyst role';
  if (benign && (f === 'json' || f === 'stix')) return 'benign incidents are never shared';
  return null;
}

/** Downloads of the incident's report in each format (GET /incidents/:id/report). */
export function ExportButtons({ incidentId, benign }: { incidentId: string; benign: boolean }) {
  const [tlp, setTlp] = useState<string>('amber');
  const canAnalyse = useAuth().can('analyst');
  return (
    <div className="exports" data-testid="export-buttons">
      <label>
        TLP{' '}
        <select value={tlp} onChange={(e) => setTlp(e.target.value)}>
          {tlps.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      {(Object.keys(formats) as ReportFormatName[]).map((f) => {
        const refused = refusal(f, canAnalyse, benign);
        return refused ? (
          <span key={f} className="button disabled" title={refused} data-testid={`export-${f}`}>
            {formats[f]}
          </span>
        ) : (
          <a
            key={f}
            className="button"
            href={apiUrl(`/incidents/${encodeURIComponent(incidentId)}/report`, { format: f, tlp })}
            download
            data-testid={`export-${f}`}
          >
            {formats[f]}
          </a>
        );
      })}
    </div>
  );
}
