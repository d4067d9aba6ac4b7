import { Command } from 'commander';
import { resolveDataDir } from '../../../config/data-dir.js';
import { errorCodes, MamoriError } from '../../../errors.js';
import { detectIndicator } from '../../../intel/indicators/normalize.js';
import { warninglistMembership } from '../../../intel/warninglists/warninglist-membership.js';
import { tryIpRange } from '../../../net/ip-range.js';
import { cellText, printText, renderTable, toJson } from '../../output.js';
import { openStoreForReading } from '../../read-store.js';
import { incidentsWith, printIncidents, printMembership } from './intel-search-context.js';

/** `mamori intel search`. */
export function intelSearchCommand(): Command {
  return new Command('search')
    .description(
      'Find an IP, domain, URL, hash or e-mail address among the indicators (with sources and linked actors), the warninglists and the incidents',
    )
    .argument('<value>', 'the value (defanged forms such as evil[.]com are fine)')
    .option('-d, --data <dir>', 'data directory (env MAMORI_DATA, default ./mamori-data)')
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      `
A domain also finds listed parent domains; an address also finds listed CIDRs holding it.
Any value is also looked up on the warninglists (the store's, else the shipped snapshot), and in
the incidents of the latest hunt. Exit 1 when the value is in none of them.`,
    )
    .action(async (value: string, flags: { data?: string; json?: boolean }, cmd: Command) => {
      const n = detectIndicator(value);
      if (!n.ok)
        throw new MamoriError(errorCodes.usage, `cannot search for "${cellText(value)}": ${n.reason}`);
      const dataDir = resolveDataDir(flags.data ?? cmd.optsWithGlobals()['data']);
      const store = await openStoreForReading(dataDir);
      try {
        const range =
          n.type === 'ipv4' || n.type === 'ipv6' || n.type === 'cidr' ? tryIpRange(n.value) : null;
        const hits = await store.intel.searchIndicators({
          type: n.type,
          value: n.value,
          ipVersion: range?.v ?? null,
          ipLo: range?.lo ?? null,
          ipHi: range?.hi ?? null,
        });
        const membership = await warninglistMembership(store, n.type, n.value);
        const incidents = await incidentsWith(store, n.type, n.value);
        if (flags.json) {
          printText(
            toJson({ query: { type: n.type, value: n.value }, hits, warninglists: membership, incidents }),
          );
          if (hits.length === 0 && membership.lists.length === 0 && incidents.length === 0)
            process.exitCode = 1;
          return;
        }
        if (hits.length === 0)
          printText(`${cellText(n.value)} (${n.type}): not an indicator in the knowledge base`);
        for (const h of hits) {
          printText(`${cellText(h.value)}${h.port ? `:${h.port}` : ''}  [${h.type}, ${h.match}]`);
          if (h.warninglists.length)
            printText(`  WARNINGLISTED (not matched as malicious): ${h.warninglists.join(', ')}`);
          if (h.contextLists.length)
            printText(`  also on: ${h.contextLists.join(', ')} (context only; still matched)`);
          const facts = [
            h.confidence !== null ? `confidence ${h.confidence}` : null,
            h.tlp ? `TLP:${h.tlp.toUpperCase()}` : null,
            h.validFrom ? `valid from ${h.validFrom}` : null,
            h.validUntil ? `until ${h.validUntil}` : null,
            h.firstSeen ? `first seen ${h.firstSeen}` : null,
            h.lastSeen ? `last seen ${h.lastSeen}` : null,
          ].filter(Boolean);
          if (facts.length) printText(`  ${facts.join(', ')}`);
          if (h.entities.length)
            printText(
              `  indicates: ${[...new Set(h.entities.map((e) => `${cellText(e.name)} [${e.type}]`))].join(', ')}`,
            );
          printText(
            renderTable(
              ['source', 'ref', 'description'],
              h.sources.map((s) => ({ source: s.source, ref: s.ref, description: s.description ?? '' })),
            )
              .split('\n')
              .map((l) => `  ${l}`)
              .join('\n'),
          );
        }
        if (hits.length > 0) printText(`\n${cellText(n.value)}:`);
        printMembership(membership);
        printIncidents(incidents);
        if (hits.length === 0 && membership.lists.length === 0 && incidents.length === 0)
          process.exitCode = 1;
      } finally {
        await store.close();
      }
    });
}
