import { join } from 'node:path';
import { Command, Option } from 'commander';
import { Allowlist } from '../../detect/allowlist.js';
import { describeHints, internalTrafficHints } from '../../detect/internal-hint.js';
import { defaultInternalNetworks } from '../../detect/internal-networks.js';
import { type DetectorName, detectorNames } from '../../detect/registry.js';
import { errorCodes, MamoriError } from '../../errors.js';
import { type HuntResult, huntSteps, runHunt } from '../../hunt/run-hunt.js';
import type { SuppressionEffect } from '../../incidents/suppression/suppress-findings.js';
import { defaultSensor } from '../../ingest/ingest-paths.js';
import { type Tlp, tlpLevels } from '../../intel/model.js';
import { plural } from '../../plural.js';
import { addConfigOption, commandConfig, givenOption, huntSettings, setValue } from '../command-config.js';
import { describeIncident } from '../incidents/describe-incident.js';
import { shareForExport } from '../incidents/share-export.js';
import { renderReport, reportFormatFor, reportFormatNames } from '../incidents/write-report.js';
import { addIngestLimitOptions, type IngestLimitFlags, ingestLimits } from '../ingest-limit-options.js';
import { choiceListOption, commaList, numberOption, optionSchemas } from '../options.js';
import { checkOutPath } from '../out-path.js';
import { cellText, printError, printText } from '../output.js';
import { createStepProgress } from '../progress.js';
import { openStoreForWriting } from '../read-store.js';
import { paint, terminalWidth } from '../terminal.js';
import { checkTimeWindow, timeForms, timeOption } from '../time-option.js';
import { noticeLine, prepareWarninglists } from '../warninglist-notice.js';
import { describeSummary } from './ingest.js';

interface HuntFlags extends IngestLimitFlags {
  data?: string;
  format?: string;
  out?: string;
  json?: boolean;
  sensor?: string;
  internal?: string;
  only?: DetectorName[];
  from?: string;
  to?: string;
  allow?: string;
  minScore: number;
  tlp: Tlp;
  force?: boolean;
  includeInternal?: boolean;
  sector?: string;
  country?: string;
  progress: boolean;
  suppressions: boolean;
}

export const noKnowledgeBase =
  'No knowledge base is installed, so no actor can be named: every incident stays "unknown". Install one with `mamori intel import` (MITRE ATT&CK, MISP galaxies, STIX/MISP intel, IOC lists).';

/** One line per active suppression: what it dropped, and what it kept because intel matched it. */
export function describeSuppressions(effects: readonly SuppressionEffect[]): string[] {
  const lines: string[] = [];
  for (const e of effects) {
    lines.push(`suppression ${e.id} (${e.kind}) dropped ${plural(e.suppressed, 'finding')}`);
    for (const k of e.keptForIntel)
      lines.push(`  kept ${k}: it matches a live intel indicator, which a suppression never hides`);
  }
  return lines;
}

/** What a hunt found, for the terminal: each incident, and what to run next. */
export function describeHunt(r: HuntResult, shown = 5): string {
  const lines: string[] = [];
  if (r.ingest) lines.push(describeSummary(r.ingest), '');
  const d = r.detect;
  lines.push(
    `detected ${plural(d.findings.length, 'finding')} (run ${d.runId}; ${d.findings.filter((f) => f.score >= 0.5).length} medium or worse)`,
  );
  if (r.suppression) lines.push(...describeSuppressions(r.suppression.effects));
  if (r.knowledgeBase === 0) lines.push('', noKnowledgeBase);
  if (r.incidents.length === 0) {
    lines.push('', 'No incidents: no finding scored medium or worse.');
    return lines.join('\n');
  }
  lines.push('', paint('bold', `${r.incidents.length} incident${r.incidents.length === 1 ? '' : 's'}:`));
  const rule = Math.min(78, terminalWidth() ?? 78);
  for (const { incident, attribution } of r.incidents.slice(0, shown))
    lines.push('', '─'.repeat(rule), describeIncident(incident, attribution, { servers: 10, hosts: 8 }));
  if (r.incidents.length > shown) lines.push('', `… ${r.incidents.length - shown} more: mamori incidents`);
  const first = r.incidents[0]?.incident.id;
  lines.push(
    '',
    `Next: mamori incidents show ${cellText(first)}   |   mamori report ${cellText(first)} --format html --out report.html`,
  );
  return lines.join('\n');
}

/** `mamori hunt`: ingest, detect, correlate, attribute and report, in one command. */
export function huntCommand(): Command {
  const cmd = new Command('hunt')
    .description(
      'Ingest telemetry, detect, correlate the findings into incidents, attribute them to threat actors, and report',
    )
    .argument('[paths...]', 'Zeek logs, Suricata EVE files or folders of them (none: hunt what is stored)')
    .option('-d, --data <dir>', 'data directory (env MAMORI_DATA, default ./mamori-data)')
    .addOption(
      new Option('--format <format>', 'report format (default from --out, else a terminal summary)').choices(
        reportFormatNames,
      ),
    )
    .option('-o, --out <file>', 'write the report to this file (never inside the data directory)')
    .option('--json', 'print the incidents as JSON (the same as --format json)')
    .option(
      '-s, --sensor <names>',
      'sensor name stored with ingested rows (default: the sensor a record names, else the name of the first path); several, comma-separated, are hunted as one network',
    )
    .option(
      '--internal <cidrs>',
      `comma-separated internal networks (default ${defaultInternalNetworks.slice(0, 3).join(',')},…)`,
    )
    .option(
      '--only <detectors>',
      'run only these detectors, comma-separated (default: all)',
      choiceListOption('--only', detectorNames),
    )
    .option('--from <time>', 'only telemetry from this time (see Times below)', timeOption('--from'))
    .option('--to <time>', 'only telemetry up to this time (see Times below)', timeOption('--to'))
    .option('--allow <file>', 'allowlist of addresses, CIDRs, domains and ja3:<md5> left out of findings')
    .option(
      '--min-score <s>',
      'findings scoring at least this start incidents (0–1)',
      numberOption('--min-score', optionSchemas.unitInterval),
      0.5,
    )
    .addOption(
      new Option('--tlp <level>', 'TLP 2.0 marking of the report').choices(tlpLevels).default('amber'),
    )
    .option('--include-internal', 'stix: keep internal addresses (see mamori report --help, Sharing)')
    .option('--force', 'stix: export at TLP:GREEN or TLP:CLEAR incidents not triaged true-positive')
    .option('--sector <name>', "the victim's sector, weighed against actors' known targeting")
    .option('--country <code>', "the victim's country (ISO 3166 alpha-2), weighed the same way")
    .option('--no-suppressions', 'apply no analyst suppression in this run (mamori suppressions list)')
    .option('--no-progress', 'no progress bar');
  return addIngestLimitOptions(addConfigOption(cmd))
    .addHelpText(
      'after',
      `
Stages: ingest (files already ingested are skipped), detect (${detectorNames.length} detectors),
correlate (findings → incidents), attribute (against the knowledge base from \`mamori intel\`).
Incidents are stored with the detection run: \`mamori incidents\` lists them later.
A hunt covers one network at a time, with its own baselines: with paths, the sensor(s) just
ingested; with --sensor a,b, those sensors as one network (rows are ingested under the first);
with neither, every stored sensor, each alone. Other sensors' data never changes the answer.

Examples:
  mamori hunt /opt/zeek/logs/2016-06-02
  mamori hunt logs/ --out report.html           (format from the extension)
  mamori hunt logs/ --format stix > incident-bundle.json   (TLP:AMBER; the sharing rules of
                                                           mamori report --help apply)
  mamori hunt --json                             (hunt what is already stored)
  mamori hunt logs/ --internal 10.0.0.0/8,73.54.23.243/32 --sector government --country JP
  mamori hunt --sensor hq-dns,hq-egress          (two stored sensors as one network)
  mamori hunt --from yesterday --to today        (yesterday, 00:00 to 24:00 UTC)

Times (--from, --to): ${timeForms}.`,
    )
    .action(async (paths: string[], flags: HuntFlags, cmd: Command) => {
      checkTimeWindow(flags);
      const loaded = commandConfig(cmd, [
        { path: ['network', 'internal'], flag: '--internal', value: commaList(flags.internal) },
        { path: ['allowlist', 'file'], flag: '--allow', value: flags.allow },
        {
          path: ['correlation', 'minScore'],
          flag: '--min-score',
          value: givenOption<number>(cmd, 'minScore'),
        },
      ]);
      const { config, dataDir } = loaded;
      // Unset stays unset: the stages' own default networks, as without a config.
      const internal = setValue(loaded, 'network.internal', config.network.internal);
      const allow = config.allowlist.file;
      if (flags.json && !flags.out && flags.format !== undefined && flags.format !== 'json') {
        throw new MamoriError(
          errorCodes.usage,
          `--json prints the JSON report, but --format asks for ${flags.format}: give one of them, or --out`,
        );
      }
      // With --out the file takes its own format, and --json still puts the JSON report on stdout.
      const format = flags.format ?? (flags.json && !flags.out ? 'json' : undefined);
      const reporting = format !== undefined || flags.out !== undefined;
      const reportFormat = reporting ? reportFormatFor(format, flags.out) : null;
      const toStdout = (reportFormat !== null && !flags.out) || flags.json === true;
      if (flags.out) checkOutPath(flags.out, dataDir);
      const store = await openStoreForWriting(dataDir);
      const progress = createStepProgress(huntSteps, flags.progress && !toStdout);
      try {
        const warninglists = await prepareWarninglists(store, config.warninglists);
        const result = await runHunt({
          store,
          paths,
          sensor: commaList(flags.sensor)?.[0] ?? (paths.length > 0 ? defaultSensor(paths) : 'stored'),
          sensorFromData: flags.sensor === undefined,
          sensors: commaList(flags.sensor),
          tmpDir: join(dataDir, 'tmp'),
          ingestLimits: ingestLimits(flags),
          exclude: [dataDir],
          internal: internal,
          only: flags.only,
          from: flags.from,
          to: flags.to,
          allowlist: allow ? Allowlist.fromFile(allow) : undefined,
          minScore: config.correlation.minScore,
          victim: { sector: flags.sector, country: flags.country },
          onStage: (s) => progress.step(s),
          onDetector: (d) => progress.step(`detect: ${d}`),
          settings: huntSettings(config),
          suppressions: flags.suppressions,
        });
        const suppressions = result.suppression?.effects;
        progress.stop();
        // As with ingest: the hunt goes on without a file it could not read, but a script must know.
        const lost = (result.ingest?.byStatus.failed ?? 0) + (result.ingest?.byStatus.unreadable ?? 0);
        if (lost > 0) process.exitCode = 1;
        const hints = await internalTrafficHints(store, {
          internal: internal,
          from: flags.from,
          to: flags.to,
          scopes: result.detect.scopes,
          found: (scope) => result.incidents.filter((i) => (i.incident.scope ?? '') === scope).length,
        });
        const hint = hints.length > 0 ? describeHints(hints, result.detect.scopes.length) : null;
        // A STIX bundle or a JSON file is for sharing: it follows the sharing rules. JSON on stdout
        // is the hunt's own machine output (as incidents --json), read by the analyst's scripts.
        const exported = reportFormat === 'stix' || (reportFormat === 'json' && flags.out !== undefined);
        const shared = exported
          ? await shareForExport(store, result.incidents, {
              tlp: flags.tlp,
              force: flags.force,
              includeInternal: flags.includeInternal,
              internal: internal,
              emptyIsFine: true,
            })
          : { items: result.incidents, sharing: undefined };
        const source = paths.length > 0 ? paths.join(', ') : `data directory ${dataDir}`;
        const written = reportFormat
          ? renderReport(shared.items, {
              format: reportFormat,
              out: flags.out,
              tlp: flags.tlp,
              source,
              sharing: shared.sharing,
              ...(reportFormat === 'json' && !flags.out && suppressions ? { suppressions } : {}),
            })
          : null;
        const report =
          flags.json && flags.out
            ? renderReport(result.incidents, {
                format: 'json',
                tlp: flags.tlp,
                source,
                ...(suppressions ? { suppressions } : {}),
              })
            : written;
        if (report !== null) {
          console.log(report.replace(/\n$/, ''));
          if (result.knowledgeBase === 0) printError(`mamori: ${noKnowledgeBase}`);
          if (warninglists.warning) printError(`mamori: ${warninglists.warning}`);
          if (hint) printError(hint);
          for (const line of describeSuppressions(suppressions ?? [])) printError(`mamori: ${line.trim()}`);
          return;
        }
        printText(describeHunt(result));
        if (hint) printText(`\n${hint}`);
        printText(`\n${noticeLine(warninglists)}`);
        if (flags.out) printText(`\nWrote the ${reportFormat} report to ${flags.out}`);
      } finally {
        progress.stop();
        await store.close();
      }
    });
}
