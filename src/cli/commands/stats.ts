import { Command } from 'commander';
import { resolveDataDir } from '../../config/data-dir.js';
import { suggestInternal } from '../../detect/internal-hint.js';
import { type NetworkEvidence, networkEvidence } from '../../detect/network-scope/network-scope-query.js';
import type { StoreStats } from '../../store/store.js';
import { numberOption, optionSchemas } from '../options.js';
import { formatBytes, printText, renderTable, toJson } from '../output.js';
import { openStoreForReading } from '../read-store.js';

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

/** The blocks that look like the monitored networks, and the `--internal` value they suggest. */
export function describeNetworks(evidence: readonly NetworkEvidence[]): string {
  if (evidence.length === 0) return '';
  const out = [
    '',
    'networks the data suggests are monitored (IPv4 /24, IPv6 /64):',
    renderTable(
      ['network', 'dhcp clients', 'dns clients', 'originators', 'answer only', 'connections opened'],
      evidence.map((e) => ({
        network: e.network,
        'dhcp clients': e.dhcpClients,
        'dns clients': e.dnsClients,
        originators: e.initiators,
        'answer only': e.respondersOnly,
        'connections opened': e.connectionsInitiated.toLocaleString('en'),
      })),
    ),
  ];
  const suggested = suggestInternal(evidence);
  out.push(
    suggested.length > 0
      ? `suggested: --internal ${suggested.join(',')}  (blocks with DHCP or DNS clients; check before use)`
      : 'no block holds DHCP or DNS clients: pass --internal yourself if the attacker may sit in private space',
  );
  return out.join('\n');
}

/** `mamori stats`: what the store holds. */
export function statsCommand(): Command {
  return new Command('stats')
    .description(
      'Describe what is stored: rows per table, time range per sensor, top talkers, and the networks the data suggests are monitored',
    )
    .option('-d, --data <dir>', 'data directory (env MAMORI_DATA, default ./mamori-data)')
    .option('--top <n>', 'how many top talkers', numberOption('--top', optionSchemas.positiveInt), 10)
    .option('--json', 'print as JSON')
    .action(async (flags: { data?: string; top: number; json?: boolean }) => {
      const dataDir = resolveDataDir(flags.data);
      const store = await openStoreForReading(dataDir);
      try {
        const s = await store.stats({ top: flags.top });
        const networks = await networkEvidence(store.analytics, { limit: flags.top });
        printText(
          flags.json
            ? toJson({ dataDir, ...s, networks, suggestedInternal: suggestInternal(networks) })
            : describeStats(s, dataDir) + describeNetworks(networks),
        );
      } finally {
        await store.close();
      }
    });
}
