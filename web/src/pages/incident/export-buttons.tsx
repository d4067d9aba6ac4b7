import { useState } from 'react';
import type { ReportFormatName } from '../../../../src/report/registry.js';
import { apiUrl } from '../../api/client.js';

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

/** Downloads of the incident's report in each format (GET /incidents/:id/report). */
export function ExportButtons({ incidentId }: { incidentId: string }) {
  const [tlp, setTlp] = useState<string>('amber');
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
      {(Object.keys(formats) as ReportFormatName[]).map((f) => (
        <a
          key={f}
          className="button"
          href={apiUrl(`/incidents/${encodeURIComponent(incidentId)}/report`, { format: f, tlp })}
          download
          data-testid={`export-${f}`}
        >
          {formats[f]}
        </a>
      ))}
    </div>
  );
}
