import { Command, Option } from 'commander';
import { resolveDataDir } from '../../config/data-dir.js';
import { readableTables } from '../../store/schema/readable-tables.js';
import { AbandonedQueryError, memorySizePattern, userQueryDefaults } from '../../store/user-query.js';
import { memorySizeOption, numberOption, optionSchemas } from '../options.js';
import {
  type OutputFormat,
  outputFormats,
  printError,
  printText,
  renderCsv,
  renderTable,
  toJson,
} from '../output.js';
import { openStoreForReading } from '../read-store.js';

/** The store's tables by group, one group a line: generated from the schema, so it cannot drift. */
export function tableHelp(): string {
  const pad = Math.max(...Object.keys(readableTables).map((g) => g.length)) + 1;
  return Object.entries(readableTables)
    .map(([group, names]) => `  ${`${group}:`.padEnd(pad)} ${names.join(' ')}`)
    .join('\n');
}

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
      userQueryDefaults.limit,
    )
    .option(
      '--timeout <seconds>',
      'stop the query after this many seconds',
      numberOption('--timeout', optionSchemas.seconds),
      userQueryDefaults.timeoutSeconds,
    )
    .option(
      '--memory-limit <size>',
      'memory the query may use, and spill to disk, e.g. 512MB, 4GB',
      memorySizeOption('--memory-limit', memorySizePattern),
      userQueryDefaults.memoryLimit,
    )
    .addHelpText(
      'after',
      `
Tables:
${tableHelp()}

Output: control, bidi and invisible characters in values are shown as escapes (\\u001B, \\u202E,
\\n) in table and CSV output; JSON keeps the values exactly. In CSV, a text cell that starts with
= + - or @ gets a leading ' so spreadsheets show it as text; numbers, including negative ones,
are written as they are.

A query that runs past --timeout or needs more than --memory-limit stops with an error (exit 1).`,
    )
    .action(
      async (
        sql: string,
        flags: {
          data?: string;
          format: OutputFormat;
          json?: boolean;
          limit: number;
          timeout: number;
          memoryLimit: string;
        },
      ) => {
        const store = await openStoreForReading(resolveDataDir(flags.data));
        let abandoned = false;
        try {
          const r = await store
            .userQuery(sql, {
              limit: flags.limit,
              timeoutSeconds: flags.timeout,
              memoryLimit: flags.memoryLimit,
            })
            .catch((err: unknown) => {
              // The engine still runs the statement; waiting for it is the hang the limit prevents.
              abandoned = err instanceof AbandonedQueryError;
              if (abandoned) setTimeout(() => process.exit(), 100).unref();
              throw err;
            });
          const format = flags.json ? 'json' : flags.format;
          const more = r.truncated ? `; stopped at --limit ${flags.limit}, more exist` : '';
          if (format === 'json') printText(toJson(r.rows));
          else if (format === 'csv') printText(renderCsv(r.columns, r.rows));
          else printText(`${renderTable(r.columns, r.rows)}\n(${r.rows.length} rows${more})`);
          // JSON and CSV stay clean for scripts; the note goes to stderr.
          if (r.truncated && format !== 'table')
            printError(`mamori: stopped at ${flags.limit} rows (--limit); more rows exist`);
        } finally {
          if (!abandoned) await store.close();
        }
      },
    );
}
