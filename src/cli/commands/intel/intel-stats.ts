import { Command } from 'commander';
import {
  describeWarninglistStatus,
  staleAfterDays,
  type WarninglistStatus,
  warninglistStatus,
  warninglistWarning,
} from '../../../intel/warninglists/warninglist-status.js';
import type { IntelStats } from '../../../store/intel-store.js';
import { addConfigOption, commandConfig } from '../../command-config.js';
import { printText, renderTable, toJson } from '../../output.js';
import { openStoreForReading } from '../../read-store.js';

const n = (v: number) => v.toLocaleString('en');

/** Human description of the knowledge base. */
export function describeIntelStats(
  s: IntelStats,
  warninglists?: WarninglistStatus,
  staleDays = staleAfterDays,
): string {
  const out: string[] = [];
  out.push(
    renderTable(
      ['entity type', 'count'],
      s.entities.map((e) => ({ 'entity type': e.type, count: n(e.count) })),
    ),
  );
  out.push(
    '',
    renderTable(
      ['relationship', 'count'],
      s.relationships.map((r) => ({ relationship: r.type, count: n(r.count) })),
    ),
  );
  out.push(
    '',
    renderTable(
      ['indicator type', 'count', 'warninglisted'],
      s.indicators.map((i) => ({
        'indicator type': i.type,
        count: n(i.count),
        warninglisted: n(i.warninglisted),
      })),
    ),
  );
  out.push(
    '',
    renderTable(
      ['source', 'format', 'imported', 'entities', 'indicators'],
      s.sources.map((x) => ({
        source: x.source,
        format: x.kind,
        imported: x.importedAt,
        entities: n(x.entities),
        indicators: n(x.indicators),
      })),
    ),
  );
  out.push('', `not network-matchable observables: ${n(s.observables)}; sightings: ${n(s.sightings)}`);
  const entries = `${n(s.warninglists.reduce((a, w) => a + w.entries, 0))} entries`;
  if (!warninglists) out.push(`warninglists: ${s.warninglists.length} (${entries})`);
  else if (warninglists.lists === 0)
    out.push(
      'warninglists: none in this store yet (hunt, detect and demo install the shipped snapshot; `mamori intel update` fetches the current lists)',
    );
  else {
    out.push(`${describeWarninglistStatus(warninglists)}, ${entries}`);
    const warning = warninglistWarning(warninglists, staleDays);
    if (warning) out.push(warning);
  }
  return out.join('\n');
}

/** `mamori intel stats`. */
export function intelStatsCommand(): Command {
  const cmd = new Command('stats')
    .description('Count what the knowledge base holds, by type and by source')
    .option('-d, --data <dir>', 'data directory (env MAMORI_DATA, default ./mamori-data)')
    .option('--json', 'print as JSON');
  return addConfigOption(cmd).action(async (flags: { json?: boolean }, command: Command) => {
    // The config's warninglist age limit applies here as in hunt, so the two never disagree.
    const { config, dataDir } = commandConfig(command);
    const staleDays = config.warninglists.staleAfterDays;
    const store = await openStoreForReading(dataDir);
    try {
      const s = await store.intel.stats();
      const status = warninglistStatus(await store.intel.warninglistOrigins());
      printText(
        flags.json
          ? toJson({ ...s, warninglistStatus: { ...status, warning: warninglistWarning(status, staleDays) } })
          : describeIntelStats(s, status, staleDays),
      );
    } finally {
      await store.close();
    }
  });
}
