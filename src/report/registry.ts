import { errorCodes, MamoriError } from '../errors.js';
import { blockListCsvFormat, blockListFormat, suricataFormat } from './blocklist/blocklist-format.js';
import { htmlFormat } from './html/html-format.js';
import { jsonFormat } from './json/json-format.js';
import { markdownFormat } from './md/md-format.js';
import type { ReportFormat } from './report-format.js';
import { stixFormat } from './stix/stix-format.js';

/** Every report format; a new one is a folder under report/ and one line here. */
export const reportFormats = {
  md: markdownFormat,
  html: htmlFormat,
  json: jsonFormat,
  stix: stixFormat,
  blocklist: blockListFormat,
  'blocklist-csv': blockListCsvFormat,
  suricata: suricataFormat,
} as const satisfies { readonly [K in ReportFormat['name']]: ReportFormat };

export type ReportFormatName = keyof typeof reportFormats;
export const reportFormatNames = Object.keys(reportFormats) as ReportFormatName[];

/** The format called `name`; an unknown name is a usage error that lists the formats. */
export function formatByName(name: string): ReportFormat {
  if (Object.hasOwn(reportFormats, name)) return reportFormats[name as ReportFormatName];
  throw new MamoriError(
    errorCodes.usage,
    `unknown report format ${JSON.stringify(name)}: use one of ${reportFormatNames.join(', ')}`,
  );
}
