// The real Trickbot week (malware-traffic-analysis.net, 2018-11-02 to 11-09) hunted against the same
// knowledge base: which incidents, and how strongly the model attributes them.
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { attribute, createAttributionCache } from '../../src/attribution/attribute.js';
import { runDetectors } from '../../src/detect/run-detectors.js';
import { buildIncidents } from '../../src/incidents/build-incidents.js';
import { ingestPaths } from '../../src/ingest/ingest-paths.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';

/** Markdown lines: one row per incident with its top hypotheses. */
export async function trickbotWeek(shared: string, template: string, work: string): Promise<string[]> {
  const dataDir = path.join(work, 'db-trickbot');
  rmSync(dataDir, { recursive: true, force: true });
  cpSync(template, dataDir, { recursive: true });
  const started = performance.now();
  const store = await DuckDBStore.open({ dataDir });
  const lines = ['### The real Trickbot week', ''];
  try {
    await ingestPaths([path.join(shared, 'zeek/mta-trickbot-2018-11-09-week')], {
      store,
      sensor: 'trickbot',
      tmpDir: path.join(dataDir, 'tmp'),
    });
    const run = await runDetectors({ store });
    const incidents = await buildIncidents(store, run.findings);
    const cache = createAttributionCache();
    lines.push('| incident | hosts | servers | top hypotheses | confidence | Wizard Spider |');
    lines.push('|---|---|---|---|---|---|');
    for (const inc of incidents) {
      const a = await attribute(inc, store.intel, { cache });
      const top = a.hypotheses
        .slice(0, 3)
        .map((h) => `${h.actor} ${Math.round(h.probability * 100)}% (${h.term})`)
        .join('; ');
      const wizard = a.hypotheses.find((h) => h.attackId === 'G0102');
      const hosts = inc.hosts.map((h) => h.ip);
      lines.push(
        `| ${inc.id} | ${hosts.slice(0, 4).join(' ')}${hosts.length > 4 ? ` +${hosts.length - 4}` : ''} | ${inc.servers.length} | ${top} | ${a.confidence} | ${wizard ? `${Math.round(wizard.probability * 100)}%` : 'not shown'} |`,
      );
    }
    lines.push(
      '',
      `${incidents.length} incident(s) from ${run.findings.length} findings in ${((performance.now() - started) / 1000).toFixed(0)} s.`,
    );
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return lines;
}
