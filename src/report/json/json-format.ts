import type { ReportFormat } from '../report-format.js';
import { incidentsJson } from './incidents-json.js';

/** The versioned JSON contract, pretty-printed (docs/report-json-schema.md). */
export const jsonFormat: ReportFormat = {
  name: 'json',
  extension: 'json',
  mediaType: 'application/json',
  render: (input) => `${JSON.stringify(incidentsJson(input), null, 2)}\n`,
};
