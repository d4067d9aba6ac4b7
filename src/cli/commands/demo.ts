import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { resolveDataDir } from '../../config/data-dir.js';
import { runDetectors } from '../../detect/run-detectors.js';
import { ingestPaths } from '../../ingest/ingest-paths.js';
import { importIntelPaths } from '../../intel/import-paths.js';
import { writeDemoAdvisory } from '../../sim/demo-advisory.js';
import { writeDemoScenario } from '../../sim/demo-scenario.js';
import { openStore } from '../../store/open-store.js';
import { numberOption, optionSchemas } from '../options.js';
import { toJson } from '../output.js';
import { describeFindings } from './detect.js';
import { describeSummary } from './ingest.js';
import { describeMatches, describeOutcome } from './intel/intel-import.js';
import { describeStats } from './stats.js';

/** `mamori demo`: the main job on generated data, needing nothing but this package. */
export function demoCommand(): Command {
  return new Command('demo')
    .description(
      'Generate a day of Zeek logs from a simulated office with one beaconing PC, ingest them, summarise the store, and retro-hunt a partner advisory',
    )
    .option('-d, --data <dir>', 'data directory (env MAMORI_DATA, default ./mamori-data)')
    .option('--hours <n>', 'hours of traffic to simulate', numberOption('--hours', optionSchemas.hours), 24)
    .option('--json', 'print the results as JSON')
    .action(async (flags: { data?: string; hours: number; json?: boolean }) => {
      const dataDir = resolveDataDir(flags.data);
      const logs = join(dataDir, 'demo-logs');
      rmSync(logs, { recursive: true, force: true });
      const truth = writeDemoScenario({ dir: logs, hours: flags.hours });
      const say = (s: string) => {
        if (!flags.json) console.log(s);
      };
      say(
        `Simulated ${flags.hours} h of traffic from 23 PCs into ${logs} (${truth.files} hourly Zeek logs).`,
      );
      say(
        `Planted: ${truth.infectedHost} beacons to ${truth.c2Domain} (${truth.c2Ip}) every ~${truth.beaconSeconds / 60} min.\n`,
      );
      const store = await openStore({ dataDir });
      try {
        const opts = { store, sensor: 'demo-office', tmpDir: join(dataDir, 'tmp'), exclude: [] };
        say('$ mamori ingest demo-logs');
        const first = await ingestPaths([logs], opts);
        say(describeSummary(first));
        say('\n$ mamori ingest demo-logs   # again: already-ingested files are skipped');
        const second = await ingestPaths([logs], opts);
        say(describeSummary(second));
        const stats = await store.stats({ top: 5 });
        say(`\n$ mamori stats\n${describeStats(stats, dataDir)}`);
        // A partner's advisory arrives: its indicators are imported and history is searched for them.
        const intelDir = join(dataDir, 'demo-intel');
        const advisory = writeDemoAdvisory(intelDir, truth);
        say('\n$ mamori intel import --actor APT10 --tlp green --retro-hunt demo-intel/partner-advisory.txt');
        const intel = await importIntelPaths([advisory], {
          store,
          defaults: { actor: 'APT10', tlp: 'green' },
          retroHunt: true,
        });
        for (const o of intel.outcomes) say(describeOutcome(o));
        if (intel.retroHunt) say(describeMatches(intel.retroHunt));
        say('\n$ mamori detect');
        const detected = await runDetectors({ store });
        say(describeFindings(detected.findings, 10));
        say(
          '\nNext: mamori intel update (ATT&CK, MISP galaxies and warninglists), then mamori intel show APT10;\n      mamori query "SELECT orig_h, host, count(*) AS n FROM http GROUP BY ALL ORDER BY n DESC LIMIT 5"',
        );
        if (flags.json) {
          const intelOut = {
            ...intel,
            outcomes: intel.outcomes.map((o) => ({ ...o, error: o.error?.message })),
          };
          console.log(toJson({ dataDir, truth, first, second, stats, intel: intelOut, detect: detected }));
        }
        if (first.byStatus.failed > 0 || intel.failed > 0) process.exitCode = 1;
      } finally {
        await store.close();
      }
    });
}
