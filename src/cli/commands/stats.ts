import { Command } from 'commander';
import { resolveDataDir } from '../../config/data-dir.js';
import { openStore } from '../../store/open-store.js';
import type { StoreStats } from '../../store/store.js';
import { numberOption, optionSchemas } from '../options.js';
import { formatBytes, renderTable, toJson } from '../output.js';

/** Human description of what the store holds. */
export function describeStats(s: StoreStats, dataDir: string): string {
  const out: string[] = [
    `store: ${dataDir} (schema v${s.schemaVersion}, ${s.files} files ingested, ${s.rejects} rejects)`,
    '',
  ];
  out.push(
    renderTable(
      ['table', 'rows'],
      s.tables.map((t) => ({ table: t.table, rows: t.rows.toLocaleString('en') })),
    ),
  );
  out.push('', 'time range per sensor:');
  out.push(
    renderTable(
      ['sensor', 'engine', 'first', 'last', 'rows'],
      s.sensors.map((x) => ({ ...x, rows: x.rows.toLocaleString('en') })),
    ),
  );
  if (s.topTalkers.length > 0) {
    out.push('', 'top talkers (originators by connections):');
    out.push(
      renderTable(
        ['host', 'connections', 'bytes'],
        s.topTalkers.map((t) => ({
          host: t.host,
          connections: t.connections.toLocaleString('en'),
          bytes: formatBytes(t.bytes),
        })),
      ),
    );
  }
  return out.join('\n');
}

/** `mamori stats`: what the store holds. */
export function statsCommand(): Command {
  return new Command('stats')
    .description('Describe what is stored: rows per table, time range per sensor, top talkers')
    .option('-d, --data <dir>', 'data directory (env MAMORI_DATA, default ./mamori-data)')
    .option('--top <n>', 'how many top talkers', numberOption('--top', optionSchemas.positiveInt), 10)
    .option('--json', 'print as JSON')
    .action(async (flags: { data?: string; top: number; json?: boolean }) => {
      const dataDir = resolveDataDir(flags.data);
      const store = await openStore({ dataDir, readOnly: true });
      try {
        const s = await store.stats({ top: flags.top });
        console.log(flags.json ? toJson({ dataDir, ...s }) : describeStats(s, dataDir));
      } finally {
        await store.close();
      }
    });
}
