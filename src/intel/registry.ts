import type { Importer } from './importer.js';
import { iocListImporter } from './ioc-lists/ioc-list-importer.js';
import { mispEventImporter } from './misp/event/event-importer.js';
import { mispGalaxyImporter } from './misp/galaxy/galaxy-importer.js';
import { reportImporter } from './reports/report-importer.js';
import { stixImporter } from './stix/stix-importer.js';
import { warninglistSnapshotImporter } from './warninglists/snapshot-importer.js';
import { warninglistImporter } from './warninglists/warninglist-importer.js';

/** Every intel format; sniffing tries them in this order, the most specific first. */
export const importers = {
  'warninglist-snapshot': warninglistSnapshotImporter,
  warninglist: warninglistImporter,
  stix: stixImporter,
  'misp-galaxy': mispGalaxyImporter,
  'misp-event': mispEventImporter,
  'ioc-list': iocListImporter,
  report: reportImporter,
} as const satisfies Record<string, Importer>;

export type ImporterName = keyof typeof importers;
export const importerNames = Object.keys(importers) as ImporterName[];

/** The order files of a run are imported in: what later formats refer to comes first. */
export const importOrder: readonly ImporterName[] = importerNames;
