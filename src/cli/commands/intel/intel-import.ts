import { Command, Option } from 'commander';
import { z } from 'zod';
import { resolveDataDir } from '../../../config/data-dir.js';
import type { IntelFileOutcome } from '../../../intel/import-file.js';
import { importIntelPaths } from '../../../intel/import-paths.js';
import { type Tlp, tlpLevels } from '../../../intel/model.js';
import { type ImporterName, importerNames } from '../../../intel/registry.js';
import type { IndicatorMatch } from '../../../store/intel-store.js';
import { openStore } from '../../../store/open-store.js';
import { numberOption } from '../../options.js';
import { cellText, printError, printText, renderTable, toJson } from '../../output.js';

interface ImportFlags {
  data?: string;
  format?: ImporterName;
  actor?: string;
  malware?: string;
  source?: string;
  tlp?: Tlp;
  confidence?: number;
  retroHunt?: boolean;
  json?: boolean;
}

const n = (v: number) => v.toLocaleString('en');

/** One paragraph per file: what was added, merged, flagged, and what was wrong. */
export function describeOutcome(o: IntelFileOutcome): string {
  if (o.status === 'failed')
    return `failed   ${cellText(o.path)}\n  error: ${cellText(o.error?.message ?? 'unknown error')}`;
  const c = o.counts;
  const lines = [`imported ${cellText(o.path)} as ${o.format} (source "${cellText(o.source)}")`];
  if (c) {
    if (c.entities > 0)
      lines.push(
        `  entities:      ${n(c.entities)} (${n(c.newEntities)} new, ${n(c.entities - c.newEntities)} merged with known ones)`,
      );
    if (c.relationships > 0) lines.push(`  relationships: ${n(c.relationships)}`);
    if (c.indicators > 0)
      lines.push(
        `  indicators:    ${n(c.indicators)} (${n(c.newIndicators)} new, ${n(c.mergedIndicators)} also in other sources)`,
      );
    if (c.warninglisted > 0) {
      const ex = c.warninglistedExamples
        .slice(0, 3)
        .map((e) => `${cellText(e.value)} on ${e.lists.join(', ')}`);
      lines.push(
        `  warninglisted: ${n(c.warninglisted)} (never matched as malicious), e.g. ${ex.join('; ')}`,
      );
    }
    if (c.warninglists > 0) lines.push(`  warninglists:  ${n(c.warninglists)}`);
    if (c.observables > 0) lines.push(`  not network-matchable (kept): ${n(c.observables)}`);
    if (c.sightings > 0) lines.push(`  sightings:     ${n(c.sightings)}`);
    if (c.dangling > 0)
      lines.push(
        `  unresolved references: ${n(c.dangling)} (e.g. ${c.danglingExamples.slice(0, 2).map(cellText).join('; ')})`,
      );
  }
  if (o.stubs.length > 0)
    lines.push(
      `  names no source defines yet (kept as stubs): ${o.stubs.slice(0, 8).map(cellText).join(', ')}`,
    );
  if (o.problemCount > 0) {
    lines.push(`  skipped ${n(o.problemCount)} bad records:`);
    for (const p of o.problems.slice(0, 5)) lines.push(`    ${cellText(p.location)}: ${cellText(p.message)}`);
    if (o.problemCount > 5) lines.push(`    … (--json lists up to ${o.problems.length})`);
  }
  return lines.join('\n');
}

/** Retro-hunt hits as a table. */
export function describeMatches(matches: readonly IndicatorMatch[]): string {
  if (matches.length === 0) return 'retro-hunt: no stored telemetry matches the imported indicators';
  return [
    `retro-hunt: ${n(matches.length)} matches in stored telemetry`,
    renderTable(
      ['indicator', 'seen as', 'field', 'orig_h', 'resp_h', 'count', 'first', 'last', 'linked to'],
      matches.slice(0, 50).map((m) => ({
        indicator: m.indicatorValue,
        'seen as': m.observed,
        field: m.field,
        orig_h: m.origH,
        resp_h: m.respH,
        count: m.count,
        first: m.first,
        last: m.last,
        'linked to': m.entities.map((e) => e.name).join(', '),
      })),
    ),
  ].join('\n');
}

/** `mamori intel import`. */
export function intelImportCommand(): Command {
  return new Command('import')
    .description(
      'Import threat intel: ATT&CK and other STIX bundles, MISP galaxies and events, IOC lists, reports, warninglists',
    )
    .argument('<paths...>', 'files or folders (searched recursively; .gz is fine)')
    .option('-d, --data <dir>', 'data directory (env MAMORI_DATA, default ./mamori-data)')
    .addOption(
      new Option('--format <format>', 'read every file as this format instead of detecting it').choices(
        importerNames,
      ),
    )
    .option('--actor <name>', 'the actor every indicator of a list indicates (any known name or alias)')
    .option('--malware <name>', 'the malware or tool every indicator of a list indicates')
    .option(
      '--source <label>',
      'provenance label (default: the file name); importing a label again replaces it',
    )
    .addOption(new Option('--tlp <level>', 'TLP 2.0 marking for records that carry none').choices(tlpLevels))
    .option(
      '--confidence <0-100>',
      'confidence for indicators that carry none',
      numberOption('--confidence', z.number().int().min(0).max(100)),
    )
    .option('--retro-hunt', 'afterwards, search the stored telemetry for the imported indicators')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Formats are detected from content. Each file is imported atomically; bad records are skipped
and listed, and everything else is kept. Values on a MISP warninglist are flagged and never
matched as malicious.

Examples:
  mamori intel import enterprise-attack.json misp-galaxy/clusters/ misp-warninglists/
  mamori intel import --actor APT10 --tlp clear unit42-menuPass-iocs.txt
  mamori intel import --retro-hunt new-iocs.csv`,
    )
    .action(async (paths: string[], flags: ImportFlags, cmd: Command) => {
      const dataDir = resolveDataDir(flags.data ?? cmd.optsWithGlobals()['data']);
      const store = await openStore({ dataDir });
      const ac = new AbortController();
      const onSigint = () => ac.abort();
      process.once('SIGINT', onSigint);
      try {
        const summary = await importIntelPaths(paths, {
          store,
          format: flags.format,
          defaults: {
            actor: flags.actor,
            malware: flags.malware,
            source: flags.source,
            tlp: flags.tlp,
            confidence: flags.confidence,
          },
          retroHunt: flags.retroHunt,
          exclude: [dataDir],
          signal: ac.signal,
          onProgress: (p) => {
            if (!flags.json && process.stderr.isTTY)
              process.stderr.write(`\r${p.records.toLocaleString('en')} records from ${cellText(p.file)}`);
          },
        });
        if (!flags.json && process.stderr.isTTY) process.stderr.write('\r\x1b[K');
        if (flags.json) {
          printText(
            toJson({
              dataDir,
              ...summary,
              outcomes: summary.outcomes.map((o) => ({ ...o, error: o.error?.message })),
            }),
          );
        } else {
          for (const o of summary.outcomes) printText(describeOutcome(o));
          printText(
            `${summary.imported} imported, ${summary.failed} failed in ${summary.seconds.toFixed(1)} s`,
          );
          if (summary.retroHunt) printText(describeMatches(summary.retroHunt));
        }
        if (summary.failed > 0 || summary.outcomes.length === 0) process.exitCode = 1;
        if (summary.outcomes.length === 0 && !flags.json)
          printError('mamori: no intel files found in the given paths');
      } finally {
        process.off('SIGINT', onSigint);
        await store.close();
      }
    });
}
