import { Command, Option } from 'commander';
import { resolveDataDir } from '../../config/data-dir.js';
import { type Tlp, tlpLevels } from '../../intel/model.js';
import { openStore } from '../../store/open-store.js';
import { techniqueNamesFrom } from '../incidents/technique-names-from-store.js';
import { renderReport, reportFormatFor, reportFormatNames } from '../incidents/write-report.js';
import { checkOutPath } from '../out-path.js';
import { incidentOrFail } from './incidents.js';

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
    .addHelpText(
      'after',
      `
Examples:
  mamori report INC-1a2b3c4d --out incident.html
  mamori report INC-1a2b3c4d --format stix --tlp green > bundle.json
  mamori report INC-1a2b3c4d INC-5e6f7a8b --format md
  mamori report INC-1a2b3c4d --format suricata --out mamori-local.rules
  mamori report INC-1a2b3c4d --format blocklist-csv --out blocklist.csv

Block lists (blocklist, blocklist-csv, suricata) hold the names and addresses of the incident's
servers (except those on benign warninglists) and its file hashes; a likely-benign incident has
none. Suricata rules use local sids from 9000000.`,
    )
    .action(async (ids: string[], flags: { data?: string; format?: string; out?: string; tlp: Tlp }) => {
      const format = reportFormatFor(flags.format, flags.out);
      const dataDir = resolveDataDir(flags.data);
      if (flags.out) checkOutPath(flags.out, dataDir);
      const store = await openStore({ dataDir, readOnly: true });
      try {
        const items = [];
        for (const id of ids) items.push(await incidentOrFail(store, id));
        const techniqueNames = await techniqueNamesFrom(
          store.intel,
          items.flatMap((i) => i.incident.techniques),
        );
        const text = renderReport(items, { format, out: flags.out, tlp: flags.tlp, techniqueNames });
        if (text !== null) console.log(text.replace(/\n$/, ''));
        else console.log(`Wrote the ${format} report of ${ids.join(', ')} to ${flags.out}`);
      } finally {
        await store.close();
      }
    });
}
