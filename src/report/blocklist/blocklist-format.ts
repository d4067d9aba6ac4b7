import type { ReportFormat } from '../report-format.js';
import { blockListCsv, blockListText } from './block-list.js';
import { suricataRules } from './suricata-rules.js';

/** The indicator block list as plain text, one value a line. */
export const blockListFormat: ReportFormat = {
  name: 'blocklist',
  extension: 'txt',
  mediaType: 'text/plain; charset=utf-8',
  render: blockListText,
};

/** The indicator block list as CSV. */
export const blockListCsvFormat: ReportFormat = {
  name: 'blocklist-csv',
  extension: 'csv',
  mediaType: 'text/csv; charset=utf-8',
  render: blockListCsv,
};

/** The block list as Suricata rules (DNS, TLS SNI and HTTP Host names; IP rules for addresses). */
export const suricataFormat: ReportFormat = {
  name: 'suricata',
  extension: 'rules',
  mediaType: 'text/plain; charset=utf-8',
  render: suricataRules,
};
