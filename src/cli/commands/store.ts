import { Command } from 'commander';
import { resolveDataDir } from '../../config/data-dir.js';
import { errorCodes, MamoriError } from '../../errors.js';
import type { BatchDeletion, BatchInfo } from '../../store/store.js';
import { numberOption, optionSchemas } from '../options.js';
import { printText, renderTable, toJson } from '../output.js';
import { openStoreForReading, openStoreForWriting } from '../read-store.js';

const dataOption = ['-d, --data <dir>', 'data directory (env MAMORI_DATA, default ./mamori-data)'] as const;

/** The batches as a table, newest first. */
export function batchesTable(batches: readonly BatchInfo[]): string {
  if (batches.length === 0) return 'no batches stored yet: run mamori ingest';
  return renderTable(
    ['batch', 'ingested', 'sensor', 'engine', 'rows', 'rejects', 'file'],
    batches.map((b) => ({
      batch: b.id,
      ingested: b.finishedAt,
      sensor: b.sensor,
      engine: b.engine,
      rows: b.rows.toLocaleString('en'),
      rejects: b.rejects.toLocaleString('en'),
      file: b.sourceFile,
    })),
  );
}

/** What a deletion removed (or would remove), for people. */
export function describeDeletion(d: BatchDeletion): string {
  const verb = d.dryRun ? 'would delete' : 'deleted';
  const tables = Object.entries(d.rows);
  const out = [
    `batch ${d.batch.id} (${d.batch.sourceFile}, sensor ${d.batch.sensor}, ingested ${d.batch.finishedAt}): ${verb}`,
    renderTable(
      ['table', 'rows'],
      [
        ...tables.map(([table, rows]) => ({ table, rows: rows.toLocaleString('en') })),
        { table: 'rejects', rows: d.rejects.toLocaleString('en') },
        { table: 'ledger entries', rows: d.ledgerEntries },
        { table: 'detection runs', rows: d.detectRuns },
        { table: 'findings', rows: d.findings.toLocaleString('en') },
        { table: 'incidents', rows: d.incidents.toLocaleString('en') },
      ],
    ),
  ];
  if (d.otherBatchesOfFile.length > 0) {
    out.push(
      `other batches of the same file stay: ${d.otherBatchesOfFile.join(', ')} (delete them too to drop the whole file)`,
    );
  }
  if (d.dryRun) out.push('nothing was changed (--dry-run)');
  else {
    out.push('the file can be ingested again (mamori ingest); its records held by other batches are skipped');
    if (d.detectRuns > 0)
      out.push('findings and incidents that may have used the batch were removed: run mamori hunt');
  }
  return out.join('\n');
}

function batchesCommand(): Command {
  return new Command('batches')
    .description(
      'List ingest batches (one per file read), newest first: id, time, sensor, rows, rejects, file',
    )
    .option(...dataOption)
    .option('--limit <n>', 'batches to list', numberOption('--limit', optionSchemas.positiveInt), 50)
    .option('--json', 'print as JSON')
    .action(async (flags: { data?: string; limit: number; json?: boolean }) => {
      const store = await openStoreForReading(resolveDataDir(flags.data));
      try {
        const batches = await store.listBatches({ limit: flags.limit });
        printText(flags.json ? toJson({ batches }) : batchesTable(batches));
      } finally {
        await store.close();
      }
    });
}

function deleteCommand(): Command {
  return new Command('delete')
    .description(
      'Delete one ingest batch: its rows in every table, its rejects and its ledger entries (so the file can be ingested again), and the detection runs, findings and incidents made since it was ingested',
    )
    .requiredOption(
      '--batch <id>',
      'batch id (see mamori store batches)',
      numberOption('--batch', optionSchemas.positiveInt),
    )
    .option(...dataOption)
    .option('--dry-run', 'count what would be deleted, change nothing')
    .option('--json', 'print what was deleted as JSON')
    .addHelpText(
      'after',
      `
Examples:
  mamori store batches
  mamori store delete --batch 42 --dry-run
  mamori store delete --batch 42`,
    )
    .action(async (flags: { data?: string; batch: number; dryRun?: boolean; json?: boolean }) => {
      const dryRun = flags.dryRun ?? false;
      const store = await (dryRun ? openStoreForReading : openStoreForWriting)(resolveDataDir(flags.data));
      try {
        const done = await store.deleteBatch(flags.batch, { dryRun });
        if (!done) {
          const latest = (await store.listBatches({ limit: 5 })).map((b) => b.id);
          throw new MamoriError(
            errorCodes.badInput,
            `no batch ${flags.batch}${latest.length > 0 ? ` (latest: ${latest.join(', ')})` : ' (none stored yet)'}`,
          );
        }
        printText(flags.json ? toJson(done) : describeDeletion(done));
      } finally {
        await store.close();
      }
    });
}

/** `mamori store batches` and `mamori store delete --batch ID`. */
export function storeCommand(): Command {
  const cmd = new Command('store')
    .description('Inspect and repair the store: list ingest batches, delete a bad one')
    .addCommand(batchesCommand())
    .addCommand(deleteCommand());
  for (const c of cmd.commands) c.exitOverride();
  return cmd.exitOverride();
}
