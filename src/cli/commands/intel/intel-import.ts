import { Command, Option } from 'commander';
import { z } from 'zod';
import { resolveDataDir } from '../../../config/data-dir.js';
import { type IndicatorMatch, matchIndicators } from '../../../detect/threat-intel/intel-match-query.js';
import { errorCodes, MamoriError } from '../../../errors.js';
import type { IntelFileOutcome } from '../../../intel/import-file.js';
import { importIntelPaths } from '../../../intel/import-paths.js';
import { lookUpActor } from '../../../intel/merge/actor-lookup.js';
import { classOfType, type EntityType, type Tlp, tlpLevels } from '../../../intel/model.js';
import { type ImporterName, importerNames } from '../../../intel/registry.js';
import { defaultLiveScope } from '../../../net/live-scope.js';
import type { Store } from '../../../store/store.js';
import { numberOption } from '../../options.js';
import { cellText, printError, printText, renderTable, toJson } from '../../output.js';
import { openStoreForWriting } from '../../read-store.js';
import { terminalWidth } from '../../terminal.js';
import { wrapText } from '../../text-wrap.js';
import { describeConflicts } from './intel-show.js';

interface ImportFlags {
  data?: string;
  format?: ImporterName;
  actor?: string;
  newActor?: boolean;
  malware?: string;
  source?: string;
  tlp?: Tlp;
  confidence?: number;
  retroHunt?: boolean;
  trusted?: boolean;
  minPrefixV4?: number;
  minPrefixV6?: number;
  json?: boolean;
}

const n = (v: number) => v.toLocaleString('en');

/** One paragraph per file: what was added, merged, flagged, and what was wrong. */
export function describeOutcome(o: IntelFileOutcome): string {
  if (o.status === 'failed')
    return `failed   ${cellText(o.path)}\n  error: ${cellText(o.error?.message ?? 'unknown error')}`;
  const c = o.counts;
  const cols = terminalWidth();
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
    if (o.refusedIndicators > 0) {
      const ex = o.refusedExamples.slice(0, 3).map((e) => `${cellText(e.value)} (${cellText(e.reason)})`);
      lines.push(
        `  refused as live indicators (kept as observables, never matched): ${n(o.refusedIndicators)}, e.g. ${ex.join('; ')}`,
      );
    }
    if (c.sightings > 0) lines.push(`  sightings:     ${n(c.sightings)}`);
    if (c.dangling > 0)
      lines.push(
        wrapText(
          `unresolved references: ${n(c.dangling)} (e.g. ${c.danglingExamples.slice(0, 2).map(cellText).join('; ')})`,
          cols,
          { indent: '  ', hanging: '    ' },
        ),
      );
  }
  if (o.conflicts.length > 0) lines.push(...describeConflicts(o.conflicts).map((l) => `  ${l}`));
  if (o.stubs.length > 0)
    lines.push(
      `  names no source defines yet (kept as stubs): ${o.stubs.slice(0, 8).map(cellText).join(', ')}`,
    );
  // Notes say what was left out on purpose (types the knowledge base does not keep, merges): not errors.
  for (const note of o.notes.slice(0, 5))
    lines.push(wrapText(cellText(note), cols, { indent: '  ', hanging: '    ' }));
  if (o.notes.length > 5) lines.push(`  … ${n(o.notes.length - 5)} more notes (--json lists them)`);
  if (o.problemCount > 0) {
    lines.push(`  skipped ${n(o.problemCount)} bad records:`);
    for (const p of o.problems.slice(0, 5))
      lines.push(
        wrapText(`${cellText(p.location)}: ${cellText(p.message)}`, cols, {
          indent: '    ',
          hanging: '      ',
        }),
      );
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

/** A typo in `--actor` must not become a made-up actor: unknown names are a usage error with suggestions. */
async function checkActor(store: Store, actor: string): Promise<string> {
  const index = await store.intel.loadIndex();
  const found = lookUpActor(index, actor);
  if (found.known) return actor;
  // An ATT&CK group id stands for the group's name, which is what lists link by.
  const byId = index.find(
    (e) => classOfType[e.type as EntityType] === 'actor' && e.attackIds.includes(actor.trim().toUpperCase()),
  );
  if (byId) return byId.name;
  const close =
    found.suggestions.length > 0
      ? `; did you mean ${found.suggestions.map((s) => `"${cellText(s)}"`).join(', ')}?`
      : '';
  throw new MamoriError(
    errorCodes.usage,
    `--actor "${cellText(actor)}" names no actor in the knowledge base${close} ` +
      '(import ATT&CK and the galaxies first with `mamori intel update`, or pass --new-actor to create it)',
  );
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
    .option(
      '--actor <name>',
      'the actor every indicator of a list indicates: a known name, alias or ATT&CK group id',
    )
    .option('--new-actor', 'let --actor name an actor the knowledge base does not know yet (a new stub)')
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
    .option(
      '--min-prefix-v4 <0-32>',
      `refuse IPv4 indicator blocks broader than this prefix (default ${defaultLiveScope.minPrefixV4})`,
      numberOption('--min-prefix-v4', z.number().int().min(0).max(32)),
    )
    .option(
      '--min-prefix-v6 <0-128>',
      `refuse IPv6 indicator blocks broader than this prefix (default ${defaultLiveScope.minPrefixV6})`,
      numberOption('--min-prefix-v6', z.number().int().min(0).max(128)),
    )
    .option(
      '--trusted',
      'vouch for these sources: their names, aliases and ATT&CK ids rank with ATT&CK and the MISP galaxies',
    )
    .option('--retro-hunt', 'afterwards, search the stored telemetry for the imported indicators')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Formats are detected from content. Each file is imported atomically; bad records are skipped
and listed, and everything else is kept. Values on a MISP warninglist are flagged and never
matched as malicious. Address indicators broader than --min-prefix-v4/--min-prefix-v6, or in
private, loopback, link-local, multicast, carrier-grade NAT, unspecified or reserved space, are
kept as observables and never matched; the summary counts them. --actor must name an actor the
knowledge base knows (a name, an alias or an ATT&CK id): an unknown name exits 2 with the closest
known names, unless --new-actor says a new actor is meant.

Trust: ATT&CK (objects MITRE publishes) and MISP galaxy clusters are reference sources; any other
bundle, event, list or report cannot take a name, alias or ATT&CK id they give another entity. Such
claims are left out and listed here and in \`intel show\`. --trusted makes a source a reference source.

Examples:
  mamori intel import enterprise-attack.json misp-galaxy/clusters/ misp-warninglists/
  mamori intel import --actor APT10 --tlp clear unit42-menuPass-iocs.txt
  mamori intel import --actor "Night Kite" --new-actor night-kite-iocs.txt
  mamori intel import --retro-hunt new-iocs.csv`,
    )
    .action(async (paths: string[], flags: ImportFlags, cmd: Command) => {
      const dataDir = resolveDataDir(flags.data ?? cmd.optsWithGlobals()['data']);
      const store = await openStoreForWriting(dataDir);
      try {
        if (flags.actor !== undefined && !flags.newActor) flags.actor = await checkActor(store, flags.actor);
      } catch (err) {
        await store.close();
        throw err;
      }
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
          liveScope: {
            minPrefixV4: flags.minPrefixV4 ?? defaultLiveScope.minPrefixV4,
            minPrefixV6: flags.minPrefixV6 ?? defaultLiveScope.minPrefixV6,
          },
          trusted: flags.trusted,
          retroHunt: flags.retroHunt ? (sources) => matchIndicators(store, { sources }) : undefined,
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
