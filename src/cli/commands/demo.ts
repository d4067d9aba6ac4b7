import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { huntSteps, runHunt } from '../../hunt/run-hunt.js';
import { importIntelPaths } from '../../intel/import-paths.js';
import { plural } from '../../plural.js';
import { incidentsJson } from '../../report/json/incidents-json.js';
import { demoSimOptions, pastCase, writePastCaseBundle } from '../../sim/demo-past-case.js';
import { scoreIncidents } from '../../sim/evaluation/score-incidents.js';
import { simulate } from '../../sim/simulate.js';
import { mamoriVersion } from '../../version.js';
import { commandConfig, configOptionHelp, huntSettings } from '../command-config.js';
import { renderReport } from '../incidents/write-report.js';
import { numberOption, optionSchemas } from '../options.js';
import { printText, toJson } from '../output.js';
import { createStepProgress } from '../progress.js';
import { openStoreForWriting } from '../read-store.js';
import { noticeLine, prepareWarninglists } from '../warninglist-notice.js';
import { describeLabelScore, describeSetApart } from './demo-score.js';
import { describeHunt } from './hunt.js';
import { describeOutcome } from './intel/intel-import.js';

interface DemoFlags {
  data?: string;
  hosts: number;
  days: number;
  seed: number;
  json?: boolean;
  progress: boolean;
}

/**
 * `mamori demo`: the 2016 case on generated data. A vendor's report on an actor's past intrusion is
 * written as a STIX bundle; an office where 23 PCs talk to 10 servers, some of them that actor's, is
 * simulated; the bundle is imported, the traffic hunted, and the incident reported and attributed.
 */
export function demoCommand(): Command {
  return new Command('demo')
    .description(
      'Simulate an office where 23 PCs talk to 10 C2 servers, import a past case as STIX, hunt, attribute and report',
    )
    .option('-d, --data <dir>', 'data directory (env MAMORI_DATA, default ./mamori-data)')
    .option(
      '--hosts <n>',
      'workstations in the office',
      numberOption('--hosts', optionSchemas.positiveInt),
      300,
    )
    .option('--days <n>', 'days of traffic', numberOption('--days', optionSchemas.positiveInt), 2)
    .option(
      '--seed <n>',
      'simulator seed (same seed, same data)',
      numberOption('--seed', optionSchemas.positiveInt),
      2016,
    )
    .option('--json', 'print the results as JSON')
    .option('--no-progress', 'no progress bar')
    .option('--config <file>', configOptionHelp)
    .addHelpText(
      'after',
      `
Works offline: everything it uses is generated. It writes, under the data directory, demo-logs/ (Zeek
logs and labels.json, the truth), demo-intel/ (the past case as a STIX 2.1 bundle) and demo-report.html.
It ends by scoring its incidents against labels.json: infected hosts and C2 servers found and missed,
false ones, and whether the planted look-alikes (cloud backups) were set apart, and why: the hunt's
findings on them or the verdict of their incident, listed in full under "Set apart as likely benign"
after the incidents (--json: "score", each look-alike's "reason" and "evidence").

Then try: mamori incidents; mamori incidents show ID; mamori report ID --format stix`,
    )
    .action(async (flags: DemoFlags, cmd: Command) => {
      // The demo's network is the simulated office's: a config's internal networks do not apply.
      const { config, dataDir } = commandConfig(cmd);
      const say = (s: string) => {
        if (!flags.json) printText(s);
      };
      const logs = join(dataDir, 'demo-logs');
      const intelDir = join(dataDir, 'demo-intel');
      rmSync(logs, { recursive: true, force: true });
      const past = pastCase(flags.seed);
      const bundle = writePastCaseBundle(intelDir, past);
      say(`A CTI vendor's report on ${past.actor.name}'s past intrusion: ${bundle}`);
      say(
        `  ${past.domains.length} C2 domains, ${past.ips.length} addresses, ${past.malware.map((m) => m.name).join(' and ')} implants, published ${past.published.slice(0, 10)}`,
      );
      const sim = createStepProgress(flags.days * 24, flags.progress && !flags.json);
      const truth = await simulate(
        demoSimOptions(past, {
          out: logs,
          seed: flags.seed,
          hosts: flags.hosts,
          days: flags.days,
          onProgress: (p) => sim.step(`simulating hour ${p.hour}/${p.hours}`),
        }),
      );
      sim.stop();
      say(
        `\nSimulated ${plural(flags.days, 'day')} of an office of ${flags.hosts} PCs (${truth.logs.rows.conn.toLocaleString('en')} connections) into ${logs};`,
      );
      say(
        `  the truth is in labels.json: ${truth.infectedHosts.length} infected PCs, ${truth.c2Servers.length} C2 names and addresses.`,
      );
      const store = await openStoreForWriting(dataDir);
      try {
        say(`\n$ mamori intel import ${bundle}`);
        const intel = await importIntelPaths([bundle], { store });
        for (const o of intel.outcomes) say(describeOutcome(o));
        const warninglists = await prepareWarninglists(store, config.warninglists);
        say(noticeLine(warninglists));
        say(`\n$ mamori hunt ${logs}`);
        const progress = createStepProgress(huntSteps, flags.progress && !flags.json);
        const hunt = await runHunt({
          store,
          paths: [logs],
          sensor: 'demo-office',
          tmpDir: join(dataDir, 'tmp'),
          internal: truth.network.internal,
          onStage: (s) => progress.step(s),
          onDetector: (d) => progress.step(`detect: ${d}`),
          settings: huntSettings(config),
        });
        progress.stop();
        say(describeHunt(hunt, 3));
        const score = scoreIncidents(
          hunt.incidents.map((i) => i.incident),
          truth,
          hunt.detect.findings,
        );
        const setApart = describeSetApart(score);
        if (setApart) say(`\n${setApart}`);
        const report = resolve(dataDir, 'demo-report.html');
        renderReport(hunt.incidents, {
          format: 'html',
          out: report,
          tlp: 'amber',
          source: `simulated office (seed ${flags.seed})`,
          title: 'mamori demo: the 2016 business-federation case',
        });
        say(`\nThe report is ${report}\nOpen it in a browser: ${pathToFileURL(report).href}`);
        say('(or: xdg-open demo-report.html on Linux, open demo-report.html on macOS)');
        say(`\n${describeLabelScore(score)}`);
        if (flags.json)
          printText(
            toJson({
              dataDir,
              truth,
              pastCase: past,
              intel: { ...intel, outcomes: intel.outcomes.map((o) => ({ ...o, error: o.error?.message })) },
              warninglists: { ...warninglists.status, warning: warninglists.warning },
              ingest: hunt.ingest,
              detect: { runId: hunt.detect.runId, findings: hunt.detect.findings.length },
              report,
              score,
              ...incidentsJson({
                incidents: hunt.incidents,
                generatedAt: new Date().toISOString(),
                tlp: 'amber',
                tool: { name: 'mamori', version: mamoriVersion },
              }),
            }),
          );
        if (
          (hunt.ingest?.byStatus.failed ?? 0) > 0 ||
          (hunt.ingest?.byStatus.unreadable ?? 0) > 0 ||
          intel.failed > 0
        )
          process.exitCode = 1;
      } finally {
        await store.close();
      }
    });
}
