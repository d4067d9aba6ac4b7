import { Command } from 'commander';
import { Allowlist } from '../../detect/allowlist.js';
import { describeHints, internalTrafficHints } from '../../detect/internal-hint.js';
import { defaultInternalNetworks } from '../../detect/internal-networks.js';
import { type DetectorName, detectorNames } from '../../detect/registry.js';
import { runDetectors } from '../../detect/run-detectors.js';
import type { Finding } from '../../domain/finding.js';
import { addConfigOption, commandConfig, setValue } from '../command-config.js';
import { choiceListOption, commaList, numberOption, optionSchemas } from '../options.js';
import { cellText, printText, renderTable, toJson } from '../output.js';
import { createStepProgress } from '../progress.js';
import { openScratchStore, openStoreForWriting } from '../read-store.js';
import { severityStyle, terminalWidth } from '../terminal.js';
import { wrapText } from '../text-wrap.js';
import { checkTimeWindow, timeForms, timeOption } from '../time-option.js';
import { noticeLine, prepareWarninglists } from '../warninglist-notice.js';

interface DetectFlags {
  data?: string;
  only?: DetectorName[];
  internal?: string;
  from?: string;
  to?: string;
  limit: number;
  minScore: number;
  allow?: string;
  json?: boolean;
  sensor?: string;
  dryRun?: boolean;
}

/** The ranked findings as a table, then one explanation line each. */
export function describeFindings(findings: readonly Finding[], limit: number): string {
  if (findings.length === 0) return 'no findings';
  const shown = findings.slice(0, limit);
  // One address may be a host in two networks: with several, the network says which.
  const scoped = new Set(findings.map((f) => f.scope ?? '')).size > 1;
  const table = renderTable(
    [
      '#',
      'severity',
      'score',
      'detector',
      ...(scoped ? ['network'] : []),
      'host',
      'endpoint',
      'conns',
      'first',
      'last',
    ],
    shown.map((f, i) => ({
      ...(scoped ? { network: f.scope ?? '' } : {}),
      '#': i + 1,
      severity: f.severity,
      score: f.score.toFixed(2),
      detector: f.detector,
      host: f.host,
      endpoint:
        f.endpointDomain && f.endpointIp
          ? `${f.endpointDomain} (${f.endpointIp})`
          : (f.endpointDomain ?? f.endpointIp ?? ''),
      conns: f.connections,
      first: f.first.slice(0, 19),
      last: f.last.slice(0, 19),
    })),
    { paint: (column, row) => (column === 'severity' ? severityStyle(String(row['severity'])) : null) },
  );
  const cols = terminalWidth();
  const why = shown.map((f, i) => {
    const n = `${i + 1}. `;
    return wrapText(`${n}${cellText(f.explanation)}`, cols, { hanging: ' '.repeat(n.length) });
  });
  const more =
    findings.length > limit ? [`… ${findings.length - limit} more (--limit, or --json for all)`] : [];
  return [table, '', ...why, ...more].join('\n');
}

/** `mamori detect`. */
export function detectCommand(): Command {
  const cmd = new Command('detect')
    .description('Run the detectors over the stored telemetry and print the findings, ranked')
    .option('-d, --data <dir>', 'data directory (env MAMORI_DATA, default ./mamori-data)')
    .option(
      '--only <detectors...>',
      'run only these detectors (comma-separated, or several words)',
      choiceListOption('--only', detectorNames),
    )
    .option(
      '--internal <cidrs>',
      `comma-separated internal networks (default ${defaultInternalNetworks.slice(0, 3).join(',')},…)`,
    )
    .option('--from <time>', 'only telemetry from this time (see Times below)', timeOption('--from'))
    .option('--to <time>', 'only telemetry up to this time (see Times below)', timeOption('--to'))
    .option(
      '-s, --sensor <names>',
      'comma-separated sensors to hunt as one network (default: every sensor, each a network of its own)',
    )
    .option('--allow <file>', 'allowlist of addresses, CIDRs and domains whose findings are left out')
    .option('--dry-run', 'rank the findings without storing a run (works beside a running server)')
    .option('--limit <n>', 'findings to print', numberOption('--limit', optionSchemas.positiveInt), 25)
    .option(
      '--min-score <s>',
      'print findings scoring at least this (0–1; 0.5 = medium and worse); all are stored',
      numberOption('--min-score', optionSchemas.unitInterval),
      0.5,
    )
    .option('--json', 'print the findings as JSON');
  return addConfigOption(cmd)
    .addHelpText(
      'after',
      `
Detectors: ${detectorNames.join(', ')}. Findings are stored with a run id (table findings).
Each sensor is hunted as a network of its own, with its own baselines (prevalence, rarity, first
seen, active hours), so data of other sensors in the store never changes its findings; --sensor
names the sensors of one network (a DNS sensor and an egress sensor of one site) to hunt together.

Examples:
  mamori detect
  mamori detect --only threat-intel --json
  mamori detect --only beaconing,dga
  mamori detect --min-score 0 --limit 100
  mamori detect --allow allowlist.txt   (addresses, CIDRs, domains, ja3:<md5>; one per line)
  mamori detect --internal 10.0.0.0/8,73.54.23.0/24
  mamori detect --sensor hq-dns,hq-egress
  mamori detect --dry-run --json         (no run stored; works beside a running server)
  mamori detect --from 2016-06-02T09:00+09:00 --to 2016-06-03

Times (--from, --to): ${timeForms}.`,
    )
    .action(async (flags: DetectFlags, cmd: Command) => {
      checkTimeWindow(flags);
      const loaded = commandConfig(cmd, [
        { path: ['network', 'internal'], flag: '--internal', value: commaList(flags.internal) },
        { path: ['allowlist', 'file'], flag: '--allow', value: flags.allow },
      ]);
      const { config, dataDir } = loaded;
      // Unset stays unset: the stages' own default networks, as without a config.
      const internal = setValue(loaded, 'network.internal', config.network.internal);
      const allow = config.allowlist.file;
      const store = await (flags.dryRun ? openScratchStore : openStoreForWriting)(dataDir);
      const only = flags.only && flags.only.length > 0 ? flags.only : detectorNames;
      const progress = createStepProgress(only.length, !flags.json);
      try {
        const warninglists = await prepareWarninglists(store, config.warninglists);
        const run = await runDetectors({
          onDetector: (name) => progress.step(name),
          store,
          only: flags.only,
          internal: internal,
          from: flags.from,
          to: flags.to,
          sensors: commaList(flags.sensor),
          allowlist: allow ? Allowlist.fromFile(allow) : undefined,
          settings: config.detectors,
          warninglists: config.warninglists,
          save: !flags.dryRun,
        });
        progress.stop();
        const shown = run.findings.filter((f) => f.score >= flags.minScore);
        const hints = await internalTrafficHints(store, {
          internal: internal,
          from: flags.from,
          to: flags.to,
          scopes: run.scopes,
          found: (scope) => shown.filter((f) => (f.scope ?? '') === scope).length,
        });
        if (flags.json)
          printText(
            toJson({
              ...run,
              findings: shown,
              belowMinScore: run.findings.length - shown.length,
              hints,
              warninglists: { ...warninglists.status, warning: warninglists.warning },
            }),
          );
        else {
          printText(describeFindings(shown, flags.limit));
          const hidden = run.findings.length - shown.length;
          if (hidden > 0) printText(`(${hidden} lower-scoring findings not shown: --min-score 0 lists them)`);
          printText(
            `\n${flags.dryRun ? 'dry run (not saved)' : `run ${run.runId}`}: ${run.detectors.map((d) => `${d.name} ${d.findings} (${d.seconds.toFixed(1)} s)`).join(', ')}${run.allowlisted ? `; ${run.allowlisted} allowlisted` : ''}`,
          );
          if (hints.length > 0) printText(`\n${describeHints(hints, run.scopes.length)}`);
          printText(`\n${noticeLine(warninglists)}`);
        }
      } finally {
        progress.stop();
        await store.close();
      }
    });
}
