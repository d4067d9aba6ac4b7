import { join } from 'node:path';
import { Command, Option } from 'commander';
import { resolveDataDir } from '../../config/data-dir.js';
import { followDirectory } from '../../ingest/follow.js';
import { defaultSensor, type IngestSummary, ingestPaths } from '../../ingest/ingest-paths.js';
import { type EngineChoice, engineChoices } from '../../ingest/registry.js';
import { findInputFiles } from '../../io/input-files.js';
import { createSerialiser, startSnapshotListener } from '../../server/snapshot-listener.js';
import { addIngestLimitOptions, type IngestLimitFlags, ingestLimits } from '../ingest-limit-options.js';
import { numberOption, optionSchemas } from '../options.js';
import { cellText, formatBytes, printText, toJson } from '../output.js';
import { createProgress } from '../progress.js';
import { openStoreForWriting } from '../read-store.js';

interface IngestFlags extends IngestLimitFlags {
  data?: string;
  sensor?: string;
  strict?: boolean;
  json?: boolean;
  engine: EngineChoice;
  follow?: boolean;
  interval: number;
  progress: boolean;
}

/** Human summary of an ingest run. */
export function describeSummary(s: IngestSummary): string {
  const lines: string[] = [];
  const st = s.byStatus;
  lines.push(
    `files: ${s.files} (${st.ingested} new, ${st.resumed} grown, ${st.unchanged} unchanged, ${st.empty} without rows, ${st.skipped} not telemetry, ${st.unreadable} unreadable, ${st.failed} failed)`,
  );
  const tables = Object.entries(s.rowsByTable);
  lines.push(
    `rows:  ${s.rows.toLocaleString('en')}${tables.length ? ` (${tables.map(([t, n]) => `${t} ${n.toLocaleString('en')}`).join(', ')})` : ''}`,
  );
  lines.push(
    `rejects: ${s.rejects.toLocaleString('en')}${s.rejects ? ' (see: mamori query "SELECT file, line, reason FROM rejects")' : ''}`,
  );
  if (s.duplicates > 0) {
    lines.push(
      `duplicates: ${s.duplicates.toLocaleString('en')} records skipped, already ingested from other files`,
    );
  }
  lines.push(
    `time:  ${s.seconds.toFixed(2)} s (${Math.round(s.rows / Math.max(s.seconds, 0.001)).toLocaleString('en')} rows/s, ${formatBytes(s.rawBytes)} read)`,
  );
  for (const o of s.outcomes) {
    if (o.status === 'failed') lines.push(`error: ${o.message}`);
    else if (o.status === 'empty') lines.push(`note: ${o.message}`);
    else if (o.status === 'unreadable') lines.push(`warning: skipped ${o.message}`);
    else if (o.duplicates) lines.push(`warning: ${o.message}`);
  }
  for (const n of s.notes) lines.push(`warning: ${n}`);
  const skipped = s.outcomes.filter((o) => o.status === 'skipped');
  if (skipped.length > 0) {
    const shown = skipped
      .slice(0, 5)
      .map((o) => `  ${cellText(o.path)}${o.reason ? ` (${cellText(o.reason)})` : ''}`);
    if (skipped.length > 5) shown.push(`  … and ${skipped.length - 5} more`);
    lines.push(
      `skipped ${skipped.length} files that are not Zeek or Suricata logs or not regular files:`,
      ...shown,
    );
  }
  return lines.join('\n');
}

/** `mamori ingest`: load Zeek, Suricata logs into the store. */
export function ingestCommand(): Command {
  const cmd = new Command('ingest')
    .description(
      'Ingest Zeek logs (TSV or JSON, plain or .gz, folders of rotated logs) and Suricata EVE JSON',
    )
    .argument(
      '<paths...>',
      "files or directories (searched recursively); '-' or a FIFO is read as a stream (copied to <data>/tmp first)",
    )
    .option('-d, --data <dir>', 'data directory (env MAMORI_DATA, default ./mamori-data)')
    .option(
      '-s, --sensor <name>',
      'sensor name stored with every row (default: the sensor a record names, such as _system_name or @system, else the name of the first path)',
    )
    .option('--strict', 'stop a file at its first bad line and keep none of its rows')
    .option('--json', 'print the summary as JSON')
    .option('--follow', 'keep watching the directories for new and growing logs until Ctrl-C')
    .option(
      '--interval <seconds>',
      'with --follow, seconds between scans',
      numberOption('--interval', optionSchemas.seconds),
      5,
    )
    .addOption(
      new Option(
        '--engine <engine>',
        "Zeek reader: the store's native readers where they apply, or JavaScript only",
      )
        .choices(engineChoices)
        .default('auto'),
    )
    .option('--no-progress', 'no progress bar');
  return addIngestLimitOptions(cmd)
    .addHelpText(
      'after',
      `
Files already ingested are skipped (keyed on content); files that grew get only their new lines;
Zeek's rotated copies of a live log are recognised. Bad lines go to the rejects table.
Exit code: 0 when every file was read (even with rejects), 1 when some file could not be ingested at
all (an unreadable file or folder is reported, skipped, and counts here; the rest is still ingested).

Examples:
  mamori ingest /opt/zeek/logs/2024-04-19
  mamori ingest --sensor dmz eve.json
  zcat conn.log.gz | mamori ingest -
  mamori ingest --follow /opt/zeek/spool/zeek`,
    )
    .action(async (paths: string[], flags: IngestFlags, cmd: Command) => {
      const dataDir = resolveDataDir(flags.data ?? cmd.optsWithGlobals()['data']);
      const store = await openStoreForWriting(dataDir);
      const common = {
        store,
        sensor: flags.sensor ?? defaultSensor(paths),
        // Without --sensor, a sensor named in the records (_system_name, @system…) wins.
        sensorFromData: flags.sensor === undefined,
        tmpDir: join(dataDir, 'tmp'),
        strict: flags.strict,
        engine: flags.engine,
        ...ingestLimits(flags),
        exclude: [dataDir],
      };
      try {
        if (flags.follow) {
          // A long-lived owner of the store: read commands get snapshots from it (docs/live.md).
          const serialise = createSerialiser();
          const listener = await startSnapshotListener({ dataDir, store, serialise });
          try {
            await followDirectory(paths, {
              ...common,
              intervalSeconds: flags.interval,
              json: flags.json ?? false,
              log: printText,
              runPass: (scan) => serialise(scan),
            });
          } finally {
            await listener.close();
          }
          return;
        }
        const files = await findInputFiles(paths, [dataDir]);
        const sizes = new Map(files.map((f) => [f.path, f.size]));
        const total = files.reduce((a, f) => a + f.size, 0);
        const progress = createProgress(total, flags.progress && !flags.json);
        let doneBytes = 0;
        let doneRows = 0;
        const summary = await ingestPaths(paths, {
          ...common,
          files,
          onProgress: (p) => progress.update(doneBytes + p.rawBytes, doneRows + p.rows, p.file),
          onFile: (o) => {
            doneBytes += sizes.get(o.path) ?? 0;
            doneRows += o.rows;
          },
        });
        progress.stop();
        printText(
          flags.json ? toJson({ dataDir, sensor: common.sensor, ...summary }) : describeSummary(summary),
        );
        if (summary.byStatus.failed > 0 || summary.byStatus.unreadable > 0) process.exitCode = 1;
      } finally {
        await store.close();
      }
    });
}
