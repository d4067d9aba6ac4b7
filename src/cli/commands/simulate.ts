import { join } from 'node:path';
import { Command, Option } from 'commander';
import type { SimTruth } from '../../sim/labels.js';
import {
  c2Protocols,
  scenarioPartNames,
  scenarioParts,
  simDefaults,
  simLimits,
  sleepModes,
  tunnelTools,
} from '../../sim/sim-options.js';
import { labelsFile, simulate } from '../../sim/simulate.js';
import { numberOption } from '../options.js';
import { formatBytes, printText, toJson } from '../output.js';
import { createProgress } from '../progress.js';
import { timeForms, timeOption } from '../time-option.js';

interface SimulateFlags {
  scenario: string;
  out: string;
  seed: number;
  hosts: number;
  days?: number;
  hours?: number;
  start: string;
  density: number;
  background: boolean;
  officeTz: string;
  proxyShare: number;
  infected?: number;
  c2: number;
  interval: number;
  jitter: number;
  sleep: (typeof sleepModes)[number];
  c2Proto: (typeof c2Protocols)[number];
  operatorTz: string;
  operatorHours: string;
  exfil: number;
  actor: string;
  tunnel: (typeof tunnelTools)[number];
  overwrite?: boolean;
  json?: boolean;
  progress: boolean;
}

/** Bytes of uncompressed logs a workstation-hour produces at density 1 (for the progress bar). */
const bytesPerHostHour = 4500;

/** Human summary of a simulated run. */
export function describeTruth(t: SimTruth, out: string, seconds: number): string {
  const rows = Object.values(t.logs.rows).reduce((a, b) => a + b, 0);
  const lines = [
    `Simulated ${t.scenario}: ${t.backgroundHosts} workstations with background traffic, ${t.params.hours} h from ${t.window.start} (seed ${t.seed})`,
    `files: ${t.logs.files} hourly Zeek logs in ${out}`,
    `rows:  ${rows.toLocaleString('en')} (${Object.entries(t.logs.rows)
      .map(([log, n]) => `${log} ${n.toLocaleString('en')}`)
      .join(', ')})`,
  ];
  for (const i of t.intrusions) {
    lines.push(`${i.kind}${i.actor ? ` (${i.actor})` : ''}: ${i.techniques.join(', ')}`);
    for (const h of i.infectedHosts)
      lines.push(
        `  infected ${h.ip} from ${h.firstCompromise.slice(0, 19)}Z${h.viaProxy ? ' (via the proxy)' : ''}`,
      );
    for (const c of i.c2) {
      const names = [
        ...c.domains.slice(0, 3),
        ...(c.domains.length > 3 ? [`+${c.domains.length - 3} more`] : []),
      ];
      const where = [names.join(', '), c.ips.join(', ')].filter(Boolean).join(' ');
      lines.push(`  ${c.role} ${where} ${c.proto}/${c.ports.join(',')}`);
    }
    if (i.exfilBytes > 0) lines.push(`  exfiltrated ${formatBytes(i.exfilBytes)}`);
    if (i.generatedDomains?.length)
      lines.push(`  ${i.generatedDomains.length} DGA names that never resolved`);
  }
  if (t.intrusions.length === 0) lines.push('no intrusions (background only)');
  lines.push(`labels: ${join(out, labelsFile)}`);
  lines.push(
    `time:  ${seconds.toFixed(1)} s (${Math.round(rows / Math.max(seconds, 0.001)).toLocaleString('en')} rows/s)`,
  );
  lines.push(`Next: mamori ingest ${out} && mamori detect`);
  return lines.join('\n');
}

const num = (name: string, schema: Parameters<typeof numberOption>[1]) => numberOption(name, schema);

/** `mamori simulate`: labelled synthetic Zeek logs for tests and benchmarks. */
export function simulateCommand(): Command {
  return new Command('simulate')
    .description(
      'Write realistic, labelled Zeek logs (conn, dns, http, ssl, files) of a simulated office, with planted intrusions and a labels.json ground truth',
    )
    .requiredOption(
      '-o, --out <dir>',
      'output directory (must be empty, or an earlier simulation with --overwrite)',
    )
    .option(
      '-s, --scenario <parts>',
      `scenario parts joined with +: ${scenarioPartNames.join(', ')}; an intrusion alone implies office`,
      simDefaults.scenario,
    )
    .option(
      '--seed <n>',
      'random seed: the same seed and options give byte-identical files',
      num('--seed', simLimits.seed),
      simDefaults.seed,
    )
    .option(
      '--hosts <n>',
      'workstations (0: intrusion traffic only)',
      num('--hosts', simLimits.hosts),
      simDefaults.hosts,
    )
    .option('--days <n>', `days to simulate (default ${simDefaults.days})`, num('--days', simLimits.days))
    .option('--hours <n>', 'hours to simulate instead of --days', num('--hours', simLimits.hours))
    .option(
      '--start <time>',
      `start of the window, on a whole hour (${timeForms})`,
      timeOption('--start'),
      simDefaults.start,
    )
    .option(
      '--density <f>',
      'background volume multiplier',
      num('--density', simLimits.density),
      simDefaults.density,
    )
    .option(
      '--no-background',
      'no benign traffic; the office servers still relay intrusion DNS and proxy traffic',
    )
    .option('--office-tz <offset>', "office's UTC offset (working hours, nightly jobs)", simDefaults.officeTz)
    .option(
      '--proxy-share <f>',
      'share of workstations using the explicit proxy',
      num('--proxy-share', simLimits.proxyShare),
      simDefaults.proxyShare,
    )
    .option(
      '--infected <n>',
      'infected hosts per intrusion (default: apt 3, others 1)',
      num('--infected', simLimits.infected),
    )
    .option('--c2 <n>', 'apt: C2 servers (domains)', num('--c2', simLimits.c2), simDefaults.c2)
    .option(
      '--interval <seconds>',
      'apt: beacon interval',
      num('--interval', simLimits.interval),
      simDefaults.interval,
    )
    .option(
      '--jitter <f>',
      'apt: beacon jitter, 0–0.5 of the interval',
      num('--jitter', simLimits.jitter),
      simDefaults.jitter,
    )
    .addOption(
      new Option('--sleep <mode>', "apt: when the implant sleeps (operator's zone)")
        .choices(sleepModes)
        .default(simDefaults.sleep),
    )
    .addOption(
      new Option('--c2-proto <proto>', 'apt: C2 protocol').choices(c2Protocols).default(simDefaults.c2Proto),
    )
    .option('--operator-tz <offset>', "apt: operator's UTC offset", simDefaults.operatorTz)
    .option('--operator-hours <from-to>', "apt: operator's working hours, local", simDefaults.operatorHours)
    .option(
      '--exfil <MB>',
      'apt: megabytes (10^6 bytes) exfiltrated, in chunks',
      num('--exfil', simLimits.exfilMb),
      simDefaults.exfilMb,
    )
    .option('--actor <name>', 'apt: actor named in the labels', simDefaults.actor)
    .addOption(
      new Option('--tunnel <tool>', 'dns-tunnel: tool whose queries to imitate')
        .choices(tunnelTools)
        .default(simDefaults.tunnel),
    )
    .option('--overwrite', 'replace an earlier simulation in --out')
    .option('--json', 'print labels.json (the ground truth) as the result')
    .option('--no-progress', 'no progress bar')
    .addHelpText(
      'after',
      `
Scenario parts:
${Object.entries(scenarioParts)
  .map(([name, what]) => `  ${name.padEnd(11)} ${what}`)
  .join('\n')}

Logs are hourly gzipped Zeek TSV under <out>/<YYYY-MM-DD>/ (as Zeek rotates them); labels.json
lists the infected hosts, C2 addresses and names, techniques and exfiltrated bytes (see
docs/simulator.md). Background: ~220 conn rows per workstation-day at --density 1.

Examples:
  mamori simulate --out sim --scenario apt --seed 7
  mamori simulate --out sim --scenario office+apt+dga --hosts 500 --days 5 --sleep night+weekend
  mamori simulate --out sim --scenario dns-tunnel --hosts 0 --hours 6 --tunnel dns2tcp --json`,
    )
    .action(async (flags: SimulateFlags) => {
      const hours = flags.hours ?? (flags.days ?? simDefaults.days) * 24;
      const estimate = Math.max(1, flags.hosts) * hours * bytesPerHostHour * flags.density;
      const progress = createProgress(estimate, flags.progress && !flags.json);
      const started = performance.now();
      let truth: SimTruth;
      try {
        truth = await simulate({
          out: flags.out,
          scenario: flags.scenario,
          seed: flags.seed,
          hosts: flags.hosts,
          days: flags.days,
          hours: flags.hours,
          start: flags.start,
          density: flags.density,
          background: flags.background,
          officeTz: flags.officeTz,
          proxyShare: flags.proxyShare,
          infected: flags.infected,
          c2: flags.c2,
          interval: flags.interval,
          jitter: flags.jitter,
          sleep: flags.sleep,
          c2Proto: flags.c2Proto,
          operatorTz: flags.operatorTz,
          operatorHours: flags.operatorHours,
          exfilMb: flags.exfil,
          actor: flags.actor,
          tunnel: flags.tunnel,
          overwrite: flags.overwrite,
          onProgress: (p) =>
            progress.update((estimate * p.hour) / p.hours, p.rows, `hour ${p.hour}/${p.hours}`),
        });
      } finally {
        progress.stop();
      }
      const seconds = (performance.now() - started) / 1000;
      printText(flags.json ? toJson(truth) : describeTruth(truth, flags.out, seconds));
    });
}
