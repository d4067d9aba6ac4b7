import { Command, Option } from 'commander';
import { resolveDataDir } from '../../config/data-dir.js';
import {
  type Suppression,
  type SuppressionMatch,
  suppressionActive,
  suppressionKinds,
} from '../../domain/suppression.js';
import { errorCodes, MamoriError } from '../../errors.js';
import { printText, renderTable, toJson } from '../output.js';
import { parseExpires } from '../triage/expires-option.js';
import { triageActor } from '../triage/triage-actor.js';
import { withTriageBackend } from '../triage/triage-backend.js';

/** What a rule covers, in words. */
export function describeMatch(m: SuppressionMatch): string {
  switch (m.kind) {
    case 'host-destination':
      return `${m.host} → ${m.destination}`;
    case 'destination':
      return `any host → ${m.destination}`;
    case 'ja3':
      return `TLS clients with JA3 ${m.ja3}`;
    case 'detector-destination':
      return `${m.detector} findings → ${m.destination}`;
  }
}

/** One line for a rule: id, what it covers, where, and until when. */
export function describeRule(s: Suppression): string {
  return `${s.id} (${s.match.kind}: ${describeMatch(s.match)}${s.scope ? ` in ${s.scope}` : ''}${s.expiresAt ? `, until ${s.expiresAt.slice(0, 16).replace('T', ' ')} UTC` : ''})`;
}

interface Flags {
  data?: string;
  json?: boolean;
  by?: string;
  all?: boolean;
  kind?: Suppression['match']['kind'];
  host?: string;
  destination?: string;
  ja3?: string;
  detector?: string;
  scope?: string;
  reason?: string;
  expires?: string;
}

const common = (c: Command) =>
  c
    .option('-d, --data <dir>', 'data directory (env MAMORI_DATA, default ./mamori-data)')
    .option('--json', 'print the result as JSON');

function ctx(flags: Flags, sub: Command) {
  const g = sub.optsWithGlobals<{ data?: string; json?: boolean }>();
  return { json: flags.json ?? g.json === true, dataDir: resolveDataDir(flags.data ?? g.data) };
}

function need(flags: Flags, name: 'host' | 'destination' | 'ja3' | 'detector', kind: string): string {
  const v = flags[name]?.trim();
  if (!v) throw new MamoriError(errorCodes.usage, `--kind ${kind} needs --${name}`);
  return name === 'ja3' || name === 'destination' ? v.toLowerCase() : v;
}

function matchOf(flags: Flags): SuppressionMatch {
  const kind = flags.kind as Suppression['match']['kind'];
  switch (kind) {
    case 'host-destination':
      return { kind, host: need(flags, 'host', kind), destination: need(flags, 'destination', kind) };
    case 'destination':
      return { kind, destination: need(flags, 'destination', kind) };
    case 'ja3':
      return { kind, ja3: need(flags, 'ja3', kind) };
    case 'detector-destination':
      return { kind, detector: need(flags, 'detector', kind), destination: need(flags, 'destination', kind) };
  }
}

function listTable(rules: readonly Suppression[]): string {
  if (rules.length === 0) return 'no suppressions (add one: mamori incidents mark ID benign --suppress KIND)';
  const now = new Date();
  return renderTable(
    ['id', 'kind', 'covers', 'scope', 'author', 'expires', 'reason'],
    rules.map((s) => ({
      id: s.id,
      kind: s.match.kind,
      covers: describeMatch(s.match),
      scope: s.scope ?? 'every network',
      author: s.author,
      expires: s.expiresAt
        ? `${s.expiresAt.slice(0, 10)}${suppressionActive(s, now) ? '' : ' (expired)'}`
        : 'never',
      reason: s.reason,
    })),
  );
}

/** `mamori suppressions list|add|edit|rm`: the analysts' rules for benign traffic. */
export function suppressionsCommand(): Command {
  const cmd = new Command('suppressions')
    .description('List, add, edit and remove suppressions: benign traffic later hunts leave out')
    .addHelpText(
      'after',
      `
A suppression drops the findings it covers when a hunt analyses them (never at ingest: the telemetry
stays whole), and never a finding that matches a live intel indicator. See docs/triage.md.

Examples:
  mamori suppressions list
  mamori suppressions add --kind destination --destination updates.example.com --reason "patch server" --expires 90d
  mamori suppressions edit SUP-1a2b3c4d --expires 2027-06-30
  mamori suppressions rm SUP-1a2b3c4d`,
    );
  cmd.addCommand(
    common(new Command('list').description('List the active suppressions (--all: expired ones too)'))
      .option('--all', 'include expired rules')
      .action(async (flags: Flags, sub: Command) => {
        const { json, dataDir } = ctx(flags, sub);
        const rules = await withTriageBackend(dataDir, triageActor(undefined), false, (b) =>
          b.listSuppressions(flags.all === true),
        );
        printText(json ? toJson(rules) : listTable(rules));
      }),
  );
  cmd.addCommand(
    common(new Command('add').description('Add a suppression'))
      .addOption(
        new Option('--kind <kind>', 'what it matches').choices(suppressionKinds).makeOptionMandatory(),
      )
      .option('--host <ip>', 'internal host (host-destination)')
      .option('--destination <d>', 'server name or address; a name covers its subdomains')
      .option('--ja3 <hash>', 'TLS client fingerprint (ja3)')
      .option('--detector <name>', 'detector name (detector-destination)')
      .option(
        '--scope <sensors>',
        'the network it applies to (sensors, comma-separated; default: every network)',
      )
      .requiredOption('--reason <text>', 'why the traffic is benign')
      .option('--expires <when>', 'when it stops applying: 30d, 12h, 2w or an ISO date (default: never)')
      .option('--by <name>', 'author (default: your OS user name)')
      .action(async (flags: Flags, sub: Command) => {
        const { json, dataDir } = ctx(flags, sub);
        const body = {
          match: matchOf(flags),
          scope: flags.scope?.trim() || null,
          reason: flags.reason ?? '',
          expiresAt: parseExpires(flags.expires) ?? null,
        };
        const s = await withTriageBackend(dataDir, triageActor(flags.by), true, (b) =>
          b.addSuppression(body),
        );
        printText(json ? toJson(s) : `added ${describeRule(s)}`);
      }),
  );
  cmd.addCommand(
    common(new Command('edit').description('Change a suppression’s reason or expiry'))
      .argument('<id>', 'suppression id (SUP-…)')
      .option('--reason <text>', 'new reason')
      .option('--expires <when>', 'new expiry: 30d, 12h, 2w, an ISO date, or never')
      .option('--by <name>', 'who edits (default: your OS user name)')
      .action(async (id: string, flags: Flags, sub: Command) => {
        const { json, dataDir } = ctx(flags, sub);
        const expiresAt = parseExpires(flags.expires);
        if (flags.reason === undefined && expiresAt === undefined)
          throw new MamoriError(errorCodes.usage, 'nothing to change: give --reason or --expires');
        const patch = {
          ...(flags.reason !== undefined ? { reason: flags.reason } : {}),
          ...(expiresAt !== undefined ? { expiresAt } : {}),
        };
        const s = await withTriageBackend(dataDir, triageActor(flags.by), true, (b) =>
          b.editSuppression(id, patch),
        );
        printText(json ? toJson(s) : `edited ${describeRule(s)}`);
      }),
  );
  cmd.addCommand(
    common(new Command('rm').description('Remove a suppression'))
      .argument('<id>', 'suppression id (SUP-…)')
      .option('--by <name>', 'who removes it (default: your OS user name)')
      .action(async (id: string, flags: Flags, sub: Command) => {
        const { json, dataDir } = ctx(flags, sub);
        const gone = await withTriageBackend(dataDir, triageActor(flags.by), true, (b) =>
          b.removeSuppression(id),
        );
        printText(json ? toJson({ removed: gone }) : `removed ${gone}`);
      }),
  );
  for (const c of cmd.commands) c.exitOverride();
  return cmd;
}
