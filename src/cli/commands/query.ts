import { Command, Option } from 'commander';
import { resolveDataDir } from '../../config/data-dir.js';
import { openStore } from '../../store/open-store.js';
import { numberOption, optionSchemas } from '../options.js';
import { type OutputFormat, outputFormats, printText, renderCsv, renderTable, toJson } from '../output.js';

/** `mamori query`: read-only SQL against the store. */
export function queryCommand(): Command {
  return new Command('query')
    .description('Run one read-only SQL query against the store (writes are refused)')
    .argument(
      '<sql>',
      'the query, e.g. "SELECT orig_h, count(*) FROM conn GROUP BY 1 ORDER BY 2 DESC LIMIT 10"',
    )
    .option('-d, --data <dir>', 'data directory (env MAMORI_DATA, default ./mamori-data)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(outputFormats).default('table'))
    .option('--json', 'same as --format json')
    .option(
      '--limit <n>',
      'stop after this many rows',
      numberOption('--limit', optionSchemas.positiveInt),
      10_000,
    )
    .addHelpText(
      'after',
      `
Tables: conn dns http ssl x509 files notice weird alerts events rejects ingest_files ingest_batches

Output: control, bidi and invisible characters in values are shown as escapes (\\u001B, \\u202E,
\\n) in table and CSV output; JSON keeps the values exactly. In CSV, a text cell that starts with
= + - or @ gets a leading ' so spreadsheets show it as text; numbers, including negative ones,
are written as they are.`,
    )
    .action(
      async (sql: string, flags: { data?: string; format: OutputFormat; json?: boolean; limit: number }) => {
        const store = await openStore({ dataDir: resolveDataDir(flags.data), readOnly: true });
        try {
          const r = await store.userQuery(sql, { limit: flags.limit });
          const format = flags.json ? 'json' : flags.format;
          if (format === 'json') printText(toJson(r.rows));
          else if (format === 'csv') printText(renderCsv(r.columns, r.rows));
          else printText(`${renderTable(r.columns, r.rows)}\n(${r.rows.length} rows)`);
        } finally {
          await store.close();
        }
      },
    );
}
