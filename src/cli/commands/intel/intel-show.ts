import { Command } from 'commander';
import { clip } from '../../../clip.js';
import { resolveDataDir } from '../../../config/data-dir.js';
import type { EntityDetail, EntitySummary, LinkedEntity, NameConflict } from '../../../store/intel-store.js';
import { cellText, printError, printText, toJson } from '../../output.js';
import { openStoreForReading } from '../../read-store.js';

const label = (e: { name: string; attackIds: readonly string[] }) =>
  `${cellText(e.name)}${e.attackIds.length ? ` (${e.attackIds.join(', ')})` : ''}`;

function group(title: string, items: readonly LinkedEntity[]): string[] {
  if (items.length === 0) return [];
  return [`${title} (${items.length}):`, `  ${items.map(label).join(', ')}`];
}

/** The entity as an analyst reads it: names, origin, what it uses, indicators and reports. */
export function describeEntity(
  d: EntityDetail,
  others: readonly EntitySummary[],
  conflicts: readonly NameConflict[] = [],
): string {
  const out: string[] = [];
  out.push(`${label(d)}  [${d.type}${d.revoked ? ', revoked' : ''}${d.deprecated ? ', deprecated' : ''}]`);
  if (d.aliases.length) out.push(`aliases:  ${d.aliases.map(cellText).join(', ')}`);
  if (d.country) out.push(`country:  ${cellText(d.country)}`);
  const conf = d.attrs['attribution-confidence'];
  if (conf !== undefined) out.push(`attribution confidence (MISP): ${cellText(conf)}`);
  for (const k of ['cfr-suspected-state-sponsor', 'cfr-target-category', 'cfr-suspected-victims']) {
    const v = d.attrs[k];
    if (v !== undefined)
      out.push(`${k.replace('cfr-', '')}: ${cellText(Array.isArray(v) ? v.join(', ') : v)}`);
  }
  out.push(`sources:  ${d.sources.map(cellText).join(', ')}`);
  if (d.description) out.push('', cellText(clip(d.description, 400, { mark: '...' })));
  const uses = d.outgoing.filter((l) => l.relationship === 'uses');
  out.push('');
  out.push(
    ...group(
      'software used',
      uses.filter((l) => l.type === 'malware' || l.type === 'tool'),
    ),
  );
  out.push(
    ...group(
      'techniques',
      uses.filter((l) => l.type === 'attack-pattern'),
    ),
  );
  out.push(
    ...group(
      'attributed to',
      d.outgoing.filter((l) => l.relationship === 'attributed-to'),
    ),
  );
  out.push(
    ...group(
      'attributed to it',
      d.incoming.filter((l) => l.relationship === 'attributed-to'),
    ),
  );
  out.push(
    ...group(
      'used by',
      d.incoming.filter((l) => l.relationship === 'uses'),
    ),
  );
  out.push(
    ...group(
      'targets',
      d.outgoing.filter((l) => l.relationship === 'targets'),
    ),
  );
  out.push(
    ...group(
      'related',
      [...d.outgoing, ...d.incoming].filter((l) => l.relationship === 'related-to'),
    ),
  );
  if (d.indicatorsBySource.length) {
    const bySource = new Map<string, string[]>();
    for (const r of d.indicatorsBySource) {
      const list = bySource.get(r.source) ?? [];
      list.push(`${r.count.toLocaleString('en')} ${r.type}`);
      bySource.set(r.source, list);
    }
    out.push('indicators by source:');
    for (const [s, l] of bySource) out.push(`  ${cellText(s)}: ${l.join(', ')}`);
  } else out.push('indicators: none linked');
  if (d.reports.length) {
    out.push(`reports mentioning it (${d.reports.length}):`);
    for (const r of d.reports.slice(0, 10))
      out.push(
        `  ${r.published ? `${r.published.slice(0, 10)}  ` : ''}${cellText(r.name)}${r.url ? `  <${cellText(r.url)}>` : ''}`,
      );
  }
  if (conflicts.length) out.push('', ...describeConflicts(conflicts));
  if (others.length)
    out.push('', `also matching: ${others.map((o) => `${label(o)} [${o.type}]`).join('; ')}`);
  return out.join('\n');
}

/** Claims on names and ATT&CK ids that a more trusted source defines, one line each. */
export function describeConflicts(conflicts: readonly NameConflict[]): string[] {
  return [
    `claims refused (${conflicts.length}; a more trusted source defines them):`,
    ...conflicts.map(
      (c) =>
        `  ${c.kind === 'attack-id' ? 'ATT&CK id' : 'name'} "${cellText(c.claim)}": source "${cellText(c.source)}" gave it to ` +
        `${cellText(c.claimant.name)}; it is ${cellText(c.owner.name)}'s (${c.ownerSources.map(cellText).join(', ')})`,
    ),
  ];
}

/** `mamori intel show`. */
export function intelShowCommand(): Command {
  return new Command('show')
    .description('Show an actor, malware, tool, technique or campaign by any name, alias or ATT&CK id')
    .argument('<name...>', 'e.g. apt10, "Stone Panda", G0045, PlugX')
    .option('-d, --data <dir>', 'data directory (env MAMORI_DATA, default ./mamori-data)')
    .option('--json', 'print as JSON')
    .action(async (words: string[], flags: { data?: string; json?: boolean }, cmd: Command) => {
      const dataDir = resolveDataDir(flags.data ?? cmd.optsWithGlobals()['data']);
      const store = await openStoreForReading(dataDir);
      try {
        const query = words.join(' ');
        const found = await store.intel.findEntities(query);
        const first = found[0];
        if (!first) {
          printError(
            `mamori: nothing in the knowledge base is called "${cellText(query)}" (try: mamori intel stats)`,
          );
          process.exitCode = 1;
          return;
        }
        const partial = first.matchedBy === 'partial';
        const detail = await store.intel.entityDetail(first.id);
        if (!detail) throw new Error(`entity ${first.id} vanished`);
        const conflicts = await store.intel.nameConflicts({ entityId: first.id });
        if (flags.json) printText(toJson({ query, entity: detail, conflicts, alsoMatching: found.slice(1) }));
        else {
          if (partial) printText(`no exact match for "${cellText(query)}"; closest:`);
          printText(describeEntity(detail, found.slice(1), conflicts));
        }
      } finally {
        await store.close();
      }
    });
}
