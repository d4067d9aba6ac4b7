import { Command, Option } from 'commander';
import { resolveDataDir } from '../../config/data-dir.js';
import { errorCodes, MamoriError } from '../../errors.js';
import { type Tlp, tlpLevels } from '../../intel/model.js';
import { sharedFormats } from '../../report/share/share-policy.js';
import { techniqueNamesFrom } from '../../report/technique-names-from-store.js';
import type { StoredIncident } from '../../store/store.js';
import { shareForExport } from '../incidents/share-export.js';
import { renderReport, reportFormatFor, reportFormatNames } from '../incidents/write-report.js';
import { commaList } from '../options.js';
import { checkOutPath } from '../out-path.js';
import { printText, toJson } from '../output.js';
import { openStoreForReading } from '../read-store.js';
import { incidentOrFail } from './incidents.js';

interface ReportFlags {
  data?: string;
  format?: string;
  out?: string;
  tlp: Tlp;
  includeInternal?: boolean;
  internal?: string;
  force?: boolean;
  json?: boolean;
}

/** `mamori report ID --format …`: one stored incident as a report. */
export function reportCommand(): Command {
  return new Command('report')
    .description(
      'Write a stored incident as a report (Markdown, self-contained HTML, JSON, a STIX 2.1 bundle, or its indicator block list as text, CSV or Suricata rules)',
    )
    .argument('<ids...>', 'incident ids (INC-…); several go into one report')
    .option('-d, --data <dir>', 'data directory (env MAMORI_DATA, default ./mamori-data)')
    .addOption(
      new Option('--format <format>', 'report format (default from --out, else md)').choices(
        reportFormatNames,
      ),
    )
    .option(
      '-o, --out <file>',
      'write to this file instead of standard output (never inside the data directory)',
    )
    .addOption(
      new Option('--tlp <level>', 'TLP 2.0 marking of the report').choices(tlpLevels).default('amber'),
    )
    .option(
      '--include-internal',
      'stix and json: keep internal addresses (by default they become internal-host-N references)',
    )
    .option(
      '--internal <cidrs>',
      'stix and json: comma-separated networks that are internal too (private ranges always are)',
    )
    .option(
      '--force',
      'stix and json: export at TLP:GREEN or TLP:CLEAR incidents not triaged true-positive (with a warning)',
    )
    .option(
      '--json',
      'print JSON: the JSON report (the same as --format json), or with --out what was written',
    )
    .addHelpText(
      'after',
      `
Sharing (--format stix and json):
  - internal addresses (the incident's hosts, private ranges, --internal networks) are replaced by
    internal-host-N / internal-address-N unless --include-internal;
  - an incident that is likely benign or triaged benign is never exported: alone it is refused
    (exit 2), among several it is left out and counted on stderr;
  - at TLP:GREEN or TLP:CLEAR every incident must be triaged true-positive
    (mamori incidents mark ID true-positive), or the export needs --force and warns.
  TLP:AMBER, AMBER+STRICT and RED export as before. See docs/security.md, "Reports and sharing".

Examples:
  mamori report INC-1a2b3c4d --out incident.html
  mamori incidents mark INC-1a2b3c4d true-positive
  mamori report INC-1a2b3c4d --format stix --tlp green > bundle.json
  mamori report INC-1a2b3c4d INC-5e6f7a8b --format md
  mamori report INC-1a2b3c4d --format suricata --out mamori-local.rules
  mamori report INC-1a2b3c4d --format blocklist-csv --out blocklist.csv

Block lists (blocklist, blocklist-csv, suricata) hold the names and addresses of the incident's
servers (except those on benign warninglists) and its file hashes; a likely-benign incident has
none. Suricata rules use local sids from 9000000.`,
    )
    .action(async (ids: string[], flags: ReportFlags) => {
      if (flags.json && !flags.out && flags.format !== undefined && flags.format !== 'json') {
        throw new MamoriError(
          errorCodes.usage,
          `--json prints the JSON report, but --format asks for ${flags.format}: give one of them, or --out`,
        );
      }
      const format = reportFormatFor(
        flags.format ?? (flags.json && !flags.out ? 'json' : undefined),
        flags.out,
      );
      const dataDir = resolveDataDir(flags.data);
      if (flags.out) checkOutPath(flags.out, dataDir);
      const store = await openStoreForReading(dataDir);
      try {
        const items: StoredIncident[] = [];
        for (const id of ids) items.push(await incidentOrFail(store, id));
        const shared = (sharedFormats as readonly string[]).includes(format)
          ? await shareForExport(store, items, {
              tlp: flags.tlp,
              force: flags.force,
              includeInternal: flags.includeInternal,
              internal: commaList(flags.internal),
            })
          : { items, sharing: undefined };
        const techniqueNames = await techniqueNamesFrom(
          store.intel,
          items.flatMap((i) => i.incident.techniques),
        );
        const text = renderReport(shared.items, {
          format,
          out: flags.out,
          tlp: flags.tlp,
          sharing: shared.sharing,
          techniqueNames,
        });
        if (text !== null) console.log(text.replace(/\n$/, ''));
        else if (flags.json)
          printText(toJson({ out: flags.out, format, incidents: shared.items.map((i) => i.incident.id) }));
        else
          printText(
            `Wrote the ${format} report of ${shared.items.map((i) => i.incident.id).join(', ')} to ${flags.out}`,
          );
      } finally {
        await store.close();
      }
    });
}
