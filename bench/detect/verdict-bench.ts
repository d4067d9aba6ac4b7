// The incident half of issue 13: simulated offices with an APT intrusion and the planted look-alikes
// (a nightly S3 backup, cloud-backup clients), hunted end to end under three knowledge setups: no
// warninglists, the shipped snapshot, and the full MISP lists. Each row counts what an analyst sees:
// suspicious incidents that are the intrusion, suspicious ones that are not, and look-alikes set
// apart. The baseline column is the same run read without verdicts (every incident suspicious),
// which is what the previous release showed.
import { cpSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { type Incident, isLikelyBenign } from '../../src/domain/incident.js';
import { runHunt } from '../../src/hunt/run-hunt.js';
import { importIntelPaths } from '../../src/intel/import-paths.js';
import { ensureWarninglists } from '../../src/intel/warninglists/seed-snapshot.js';
import { scoreIncidents } from '../../src/sim/evaluation/score-incidents.js';
import type { SimTruth } from '../../src/sim/labels.js';
import { simulate } from '../../src/sim/simulate.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';

const setups = ['none', 'snapshot', 'full MISP lists'] as const;
type Setup = (typeof setups)[number];

interface Row {
  readonly seed: number;
  readonly setup: Setup;
  readonly incidents: number;
  readonly suspiciousTrue: number;
  readonly suspiciousFalse: number;
  readonly likelyBenign: number;
  /** Likely-benign incidents holding an infected host: a real intrusion demoted (must be 0). */
  readonly demoted: number;
  readonly setApart: number;
  readonly lookalikes: number;
  readonly hostsFound: number;
  readonly hostsTotal: number;
  /** Incidents without an infected host: what the analyst saw as intrusions before verdicts. */
  readonly baselineFalse: number;
  readonly seconds: number;
}

function holdsInfected(i: Incident, truth: SimTruth): boolean {
  const infected = new Set(truth.infectedHosts);
  return i.hosts.some((h) => infected.has(h.ip));
}

async function template(dir: string, setup: Setup, shared: string): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  const store = await DuckDBStore.open({ dataDir: dir });
  try {
    if (setup === 'snapshot') await ensureWarninglists(store, { env: {} });
    if (setup === 'full MISP lists')
      await importIntelPaths([path.join(shared, 'intel/misp-warninglists')], { store });
  } finally {
    await store.close();
  }
}

async function huntOne(seed: number, setup: Setup, work: string, truth: SimTruth, logs: string) {
  const dataDir = path.join(work, `verdict-db-${seed}-${setups.indexOf(setup)}`);
  rmSync(dataDir, { recursive: true, force: true });
  cpSync(path.join(work, `verdict-template-${setups.indexOf(setup)}`), dataDir, { recursive: true });
  const store = await DuckDBStore.open({ dataDir });
  try {
    const t0 = performance.now();
    const hunt = await runHunt({
      store,
      paths: [logs],
      sensor: 'sim',
      tmpDir: path.join(dataDir, 'tmp'),
      internal: truth.network.internal,
    });
    const seconds = (performance.now() - t0) / 1000;
    const incidents = hunt.incidents.map((x) => x.incident);
    const score = scoreIncidents(incidents, truth, hunt.detect.findings);
    const suspicious = incidents.filter((i) => !isLikelyBenign(i));
    const benign = incidents.filter((i) => isLikelyBenign(i));
    const row: Row = {
      seed,
      setup,
      incidents: incidents.length,
      suspiciousTrue: suspicious.filter((i) => holdsInfected(i, truth)).length,
      suspiciousFalse: suspicious.filter((i) => !holdsInfected(i, truth)).length,
      likelyBenign: benign.length,
      demoted: benign.filter((i) => holdsInfected(i, truth)).length,
      setApart: score.lookalikesSetApart,
      lookalikes: score.lookalikes.length,
      hostsFound: score.infectedHosts.found.length,
      hostsTotal: score.infectedHosts.total,
      baselineFalse: incidents.filter((i) => !holdsInfected(i, truth)).length,
      seconds,
    };
    return row;
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Seeds of the demo's office (300 PCs, 2 days, 23 infected) and smaller and larger ones. */
function plan(i: number) {
  const hosts = [300, 150, 600, 300][i % 4] as number;
  return { seed: 2016 + i, hosts, days: 2, infected: Math.max(3, Math.round(hosts / 13)) };
}

export async function verdictBench(shared: string, work: string, lines: string[]): Promise<boolean> {
  const n = Number(process.env['MAMORI_BENCH_VERDICT_SEEDS'] ?? 4);
  const haveShared = existsSync(path.join(shared, 'intel/misp-warninglists'));
  const used = setups.filter((s) => s !== 'full MISP lists' || haveShared);
  for (const s of used) await template(path.join(work, `verdict-template-${setups.indexOf(s)}`), s, shared);
  lines.push('### Incident verdicts: simulated offices with planted look-alikes');
  lines.push('');
  lines.push(
    '| seed | PCs | warninglists | incidents | suspicious: intrusion | suspicious: not | likely benign | intrusion demoted | look-alikes set apart | infected hosts found | before verdicts: incidents not the intrusion | hunt s |',
  );
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|');
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    const p = plan(i);
    const logs = path.join(work, `verdict-logs-${p.seed}`);
    rmSync(logs, { recursive: true, force: true });
    const truth = await simulate({
      out: logs,
      scenario: 'apt',
      seed: p.seed,
      hosts: p.hosts,
      days: p.days,
      infected: p.infected,
      c2: 10,
    });
    // Setups are interleaved per seed, so a slow patch of the machine does not land on one only.
    for (const s of used) {
      const r = await huntOne(p.seed, s, work, truth, logs);
      rows.push(r);
      lines.push(
        `| ${r.seed} | ${p.hosts} | ${r.setup} | ${r.incidents} | ${r.suspiciousTrue} | ${r.suspiciousFalse} | ${r.likelyBenign} | ${r.demoted} | ${r.setApart} of ${r.lookalikes} | ${r.hostsFound} of ${r.hostsTotal} | ${r.baselineFalse} | ${r.seconds.toFixed(1)} |`,
      );
    }
    rmSync(logs, { recursive: true, force: true });
  }
  lines.push('');
  for (const s of used) {
    const of = rows.filter((r) => r.setup === s);
    const sum = (k: keyof Row) => of.reduce((t, r) => t + (r[k] as number), 0);
    lines.push(
      `- ${s}: ${sum('suspiciousFalse')} suspicious incidents that are not the intrusion (before verdicts: ${sum('baselineFalse')}); ${sum('setApart')} of ${sum('lookalikes')} look-alikes set apart; ${sum('demoted')} intrusions demoted; ${sum('hostsFound')} of ${sum('hostsTotal')} infected hosts in suspicious incidents.`,
    );
  }
  lines.push('');
  return rows.every((r) => r.demoted === 0 && r.hostsFound === r.hostsTotal);
}
