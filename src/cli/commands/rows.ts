import { Command, Option } from 'commander';
import { resolveDataDir } from '../../config/data-dir.js';
import { errorCodes, MamoriError } from '../../errors.js';
import { rowsCsv, rowsJsonLines } from '../../report/rows-export.js';
import {
  decodeRowsCursor,
  encodeRowsCursor,
  type RawRow,
  type RowTable,
  rowTables,
} from '../../store/pivot/raw-rows-query.js';
import { type PivotRequest, pivotRows } from '../../store/pivot/rows-pivot.js';
import { numberOption, optionSchemas } from '../options.js';
import { cellText, printError, printText, renderTable, toJson } from '../output.js';
import { openStoreForReading } from '../read-store.js';
import { checkTimeWindow, timeForms, timeOption } from '../time-option.js';

interface RowsFlags {
  finding?: string;
  host?: string;
  server?: string;
  indicator?: string;
  scope?: string;
  table: RowTable | 'all';
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
  csv?: boolean;
  json?: boolean;
  jsonl?: boolean;
  data?: string;
}

// What the terminal table shows of each row besides its table, time and addresses.
const what: Record<RowTable, readonly string[]> = {
  conn: ['proto', 'service', 'orig_bytes', 'resp_bytes'],
  dns: ['query', 'answers'],
  http: ['method', 'host', 'uri', 'user_agent'],
  ssl: ['server_name', 'ja3', 'ja4'],
  files: ['filename', 'mime_type', 'sha256'],
  alerts: ['signature'],
  events: ['log_type'],
};

/** The terminal table's row: table, time, uid, the connection's ends and a short description. */
function tableRow(r: RawRow): Record<string, unknown> {
  const v = r.values;
  const port = (h: unknown, p: unknown) =>
    p === null || p === undefined ? cellText(h) : `${cellText(h)}:${p}`;
  return {
    table: r.table,
    ts: v['ts'],
    uid: v['uid'],
    from: port(v['orig_h'], v['orig_p']),
    to: port(v['resp_h'], v['resp_p']),
    what: what[r.table]
      .map((c) => v[c])
      .filter((x) => x !== null && x !== undefined && x !== '')
      .map(cellText)
      .join(' '),
  };
}

/** The one pivot the flags name; exactly one is required. */
function requestOf(flags: RowsFlags): PivotRequest {
  const given = (['finding', 'host', 'server', 'indicator'] as const).filter((k) => flags[k] !== undefined);
  if (given.length !== 1)
    throw new MamoriError(
      errorCodes.usage,
      given.length === 0
        ? 'say whose rows to list: --finding ID, --host IP, --server IP|DOMAIN or --indicator VALUE'
        : `give one of --finding, --host, --server and --indicator, not ${given.map((g) => `--${g}`).join(' and ')}`,
    );
  const key = given[0] as (typeof given)[number];
  return { [key]: flags[key], ...(flags.scope ? { scope: flags.scope } : {}) };
}

/** `mamori rows`: the raw log rows behind a finding, host, server or indicator. */
export function rowsCommand(): Command {
  return new Command('rows')
    .description('List the raw log rows behind a finding, a host, a server or an indicator')
    .option(
      '--finding <id>',
      'a finding id (F-…): its host and endpoint within its first..last, in its network',
    )
    .option('--host <ip>', 'rows a host originated (either end of files, alerts and events)')
    .option(
      '--server <ip|domain>',
      'rows to a server: its address, or a domain with the addresses it stood for',
    )
    .option(
      '--indicator <value>',
      'rows holding a value: address, domain, hash, JA3/JA4, uid or community id',
    )
    .option(
      '--scope <sensors>',
      'only these sensors (comma-separated: one network); a finding brings its own',
    )
    .addOption(new Option('--table <table>', 'which table').choices([...rowTables, 'all']).default('all'))
    .option('--from <time>', 'only rows at or after this time', timeOption('--from'))
    .option('--to <time>', 'only rows at or before this time', timeOption('--to'))
    .option('--limit <n>', 'rows per page', numberOption('--limit', optionSchemas.positiveInt), 100)
    .option('--cursor <c>', 'continue after the page that printed this cursor')
    .option('--csv', 'print CSV (formula-leading cells neutralised)')
    .option('--json', 'print one JSON document: {rows: [{table, …columns}], nextCursor}')
    .option('--jsonl', 'print JSON lines, one row per line (an export; the cursor goes to stderr)')
    .option('-d, --data <dir>', 'data directory (env MAMORI_DATA, default ./mamori-data)')
    .addHelpText(
      'after',
      `
Examples:
  mamori rows --finding F-3f2a9c0d11e4
  mamori rows --server evil.example --table ssl --csv > ssl.csv
  mamori rows --host 10.0.0.5 --from 2024-05-01 --to 2024-05-02 --jsonl > rows.jsonl
  mamori rows --indicator 44d88612fea8a8f36de82e1278abb02f --table files

Rows are oldest first, table by table. When more rows exist, the next page's cursor is printed (on
stderr with --csv and --jsonl; as nextCursor with --json): pass it back with --cursor and the same options.
--from and --to take ${timeForms}.`,
    )
    .action(async (flags: RowsFlags, cmd: Command) => {
      const req = requestOf(flags);
      checkTimeWindow(flags);
      if ([flags.csv, flags.json, flags.jsonl].filter(Boolean).length > 1)
        throw new MamoriError(errorCodes.usage, 'give one of --csv, --json and --jsonl');
      const after = flags.cursor === undefined ? null : decodeRowsCursor(flags.cursor);
      if (flags.cursor !== undefined && !after)
        throw new MamoriError(
          errorCodes.usage,
          `--cursor ${cellText(flags.cursor)} is not a cursor mamori rows printed`,
        );
      const dataDir = resolveDataDir(flags.data ?? cmd.optsWithGlobals()['data']);
      const store = await openStoreForReading(dataDir);
      try {
        const page = await pivotRows(store.analytics, req, {
          table: flags.table,
          from: flags.from,
          to: flags.to,
          limit: flags.limit,
          after,
        });
        if (!page)
          throw new MamoriError(
            errorCodes.badInput,
            `no stored finding has the id ${cellText(flags.finding)} (finding ids are in mamori incidents show ID --json and the API's /findings)`,
          );
        const next = page.next ? encodeRowsCursor(page.next) : null;
        if (flags.json) {
          printText(
            toJson({ rows: page.rows.map((r) => ({ table: r.table, ...r.values })), nextCursor: next }),
          );
          return;
        }
        if (flags.csv || flags.jsonl) {
          // Both renderers make attacker text inert: CSV shows escapes, JSON lines \\u escapes.
          const text = flags.csv ? rowsCsv(page.rows) : rowsJsonLines(page.rows);
          if (text !== '') printText(text.replace(/\n$/, ''));
          if (next) printError(`mamori: more rows: --cursor ${next}`);
          return;
        }
        if (page.rows.length === 0) {
          printText('no rows');
          return;
        }
        printText(renderTable(['table', 'ts', 'uid', 'from', 'to', 'what'], page.rows.map(tableRow)));
        printText(next ? `(${page.rows.length} rows; more: --cursor ${next})` : `(${page.rows.length} rows)`);
      } finally {
        await store.close();
      }
    });
}
